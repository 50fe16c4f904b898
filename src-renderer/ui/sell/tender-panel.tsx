import { useState } from 'react';
import type { Money } from '../../../shared/money';
import { money, parseMoney, toDecimalString } from '../../../shared/money';
import type { TenderInput } from '../../../shared/orders/tenders';
import { quickCashAmounts, tenderSummary } from '../../flows/tender-math';
import { useText } from '../use-text';

type NonCash = Extract<TenderInput, { kind: 'card' | 'voucher' }>;

export interface TenderPanelProps {
  readonly due: Money;
  readonly cashIncrement: number | undefined;
  readonly busy: boolean;
  readonly confirmLabel: string;
  readonly onConfirm: (tenders: TenderInput[]) => void;
  /**
   * The cashier typed or clicked in the panel. Payment here is the panel's own state, so the
   * flow hears of it only through this (its idle timer and seat holds follow activity).
   */
  readonly onActivity?: () => void;
}

/**
 * Taking payment: quick-cash buttons and a cash field with the change due live, card payments
 * keyed in from the external terminal (approval code and last 4 digits only), vouchers, and
 * any mix of them (split tender). The change shown is the domain's own settlement.
 */
export function TenderPanel({
  due,
  cashIncrement,
  busy,
  confirmLabel,
  onConfirm,
  onActivity,
}: TenderPanelProps) {
  const text = useText();
  const currency = due.currency;
  const [cashText, setCashText] = useState('');
  const [nonCash, setNonCash] = useState<NonCash[]>([]);
  const [cardAmount, setCardAmount] = useState('');
  const [approval, setApproval] = useState('');
  const [last4, setLast4] = useState('');
  const [voucherCode, setVoucherCode] = useState('');
  const [voucherAmount, setVoucherAmount] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);

  const cash = cashText.trim() === '' ? null : parseMoney(cashText, currency, { allowZero: false });
  const tenders: TenderInput[] = [
    ...nonCash,
    ...(cash?.ok ? [{ kind: 'cash' as const, tendered: cash.value }] : []),
  ];
  const summary = tenderSummary(due, tenders, cashIncrement);
  const quick = quickCashAmounts(summary.cashDue, cashIncrement);

  const addCard = () => {
    const amount = parseMoney(
      cardAmount === '' ? toDecimalString(summary.cashDue) : cardAmount,
      currency,
      { allowZero: false },
    );
    if (!amount.ok) return setFieldError(amount.error.message);
    setNonCash([
      ...nonCash,
      { kind: 'card', amount: amount.value, approvalCode: approval.trim(), last4: last4.trim() },
    ]);
    setCardAmount('');
    setApproval('');
    setLast4('');
    setFieldError(null);
  };
  const addVoucher = () => {
    const amount = parseMoney(voucherAmount, currency, { allowZero: false });
    if (!amount.ok) return setFieldError(amount.error.message);
    setNonCash([
      ...nonCash,
      { kind: 'voucher', amount: amount.value, voucherId: voucherCode.trim() },
    ]);
    setVoucherAmount('');
    setVoucherCode('');
    setFieldError(null);
  };

  return (
    <section
      aria-labelledby="tender-title"
      className="tender-panel"
      onChange={onActivity}
      onClick={onActivity}
    >
      <h3 id="tender-title">{text('ui.tender.title')}</h3>
      <p className="due">{text('ui.tender.due', { amount: due })}</p>
      <div className="quick-cash" role="group" aria-label={text('tender.cash')}>
        {quick.map((m, i) => (
          <button key={m.amount} type="button" onClick={() => setCashText(toDecimalString(m))}>
            {i === 0 ? text('tender.quickCash', { amount: m }) : text.tr.money(m)}
          </button>
        ))}
      </div>
      <label>
        {text('ui.tender.cashReceived')}
        <input inputMode="decimal" value={cashText} onChange={(e) => setCashText(e.target.value)} />
      </label>
      {cash && !cash.ok ? <p className="field-error">{cash.error.message}</p> : null}
      <details>
        <summary>{text('tender.card')}</summary>
        <label>
          {text('ui.tender.cardAmount')}
          <input
            inputMode="decimal"
            value={cardAmount}
            placeholder={toDecimalString(summary.cashDue)}
            onChange={(e) => setCardAmount(e.target.value)}
          />
        </label>
        <label>
          {text('tender.approvalCode')}
          <input
            value={approval}
            autoComplete="off"
            onChange={(e) => setApproval(e.target.value)}
          />
        </label>
        <label>
          {text('tender.last4')}
          <input
            value={last4}
            inputMode="numeric"
            maxLength={4}
            autoComplete="off"
            onChange={(e) => setLast4(e.target.value)}
          />
        </label>
        <button type="button" onClick={addCard}>
          {text('ui.tender.addCard')}
        </button>
      </details>
      <details>
        <summary>{text('tender.voucher')}</summary>
        <label>
          {text('tender.voucherCode')}
          <input value={voucherCode} onChange={(e) => setVoucherCode(e.target.value)} />
        </label>
        <label>
          {text('ui.tender.voucherAmount')}
          <input
            inputMode="decimal"
            value={voucherAmount}
            onChange={(e) => setVoucherAmount(e.target.value)}
          />
        </label>
        <button type="button" onClick={addVoucher}>
          {text('ui.tender.addVoucher')}
        </button>
      </details>
      {fieldError ? <p className="field-error">{fieldError}</p> : null}
      {nonCash.length > 0 ? (
        <ul aria-label={text('ui.tender.payments')}>
          {nonCash.map((t, i) => (
            <li key={i}>
              {t.kind === 'card'
                ? text('ui.tender.cardLine', {
                    last4: t.last4,
                    code: t.approvalCode,
                    amount: t.amount,
                  })
                : text('ui.tender.voucherLine', { code: t.voucherId, amount: t.amount })}{' '}
              <button type="button" onClick={() => setNonCash(nonCash.filter((_, j) => j !== i))}>
                {text('ui.tender.remove', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <p role="status" aria-label={text('ui.tender.title')} className="change">
        {summary.settled
          ? text('tender.changeDue', { amount: summary.change })
          : text('tender.stillDue', {
              amount: money(
                Math.max(0, summary.cashDue.amount - (cash?.ok ? cash.value.amount : 0)),
                currency,
              ),
            })}
      </p>
      <button
        type="button"
        className="primary confirm"
        disabled={busy || !summary.settled || due.amount <= 0}
        onClick={() => onConfirm(tenders)}
      >
        {confirmLabel}
      </button>
    </section>
  );
}
