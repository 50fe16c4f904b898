import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { Money } from '../../../shared/money';
import { parseMoney, subtract, toDecimalString } from '../../../shared/money';
import { cardTenderInputSchema, type TenderInput } from '../../../shared/orders/tenders';
import { quickCashAmounts, tenderSummary } from '../../flows/tender-math';
import { useText } from '../use-text';
import { cardProblem, cashProblem, confirmReason, TENDER_KEYS } from './tender-words';

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
  /**
   * Where the inputs go when they are not stacked above the amount due and Confirm: the sell
   * screen puts them in its side panel's scrolling part (a portal, so the fields around them,
   * like the promo code, keep their focus while the payment appears or goes) and the amount
   * due with Confirm in the pinned part.
   */
  readonly inputsHost?: HTMLElement | null;
  /** F4 exact cash, F6 card, F8 pay while the panel is on screen (the sell screen). */
  readonly shortcuts?: boolean;
  /** Put the cursor in "Cash received" when the panel appears (after best available). */
  readonly autoFocusCash?: boolean;
  readonly onCashFocused?: () => void;
}

/**
 * Taking payment: quick-cash buttons and a cash field with the change due live, card payments
 * keyed in from the external terminal (approval code and last 4 digits only), vouchers, and
 * any mix of them (split tender). The change shown is the domain's own settlement; every
 * refusal names the field and the fix, and Confirm is never disabled without saying why.
 */
export function TenderPanel({
  due,
  cashIncrement,
  busy,
  confirmLabel,
  onConfirm,
  onActivity,
  inputsHost,
  shortcuts = false,
  autoFocusCash = false,
  onCashFocused,
}: TenderPanelProps) {
  const text = useText();
  const currency = due.currency;
  const [cashText, setCashText] = useState('');
  const [nonCash, setNonCash] = useState<NonCash[]>([]);
  const [cardOpen, setCardOpen] = useState(false);
  const [cardAmount, setCardAmount] = useState('');
  const [approval, setApproval] = useState('');
  const [last4, setLast4] = useState('');
  const [voucherCode, setVoucherCode] = useState('');
  const [voucherAmount, setVoucherAmount] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const cashRef = useRef<HTMLInputElement>(null);
  const cardRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const cash = cashText.trim() === '' ? null : parseMoney(cashText, currency, { allowZero: false });
  const tenders: TenderInput[] = [
    ...nonCash,
    ...(cash?.ok ? [{ kind: 'cash' as const, tendered: cash.value }] : []),
  ];
  const summary = tenderSummary(due, tenders, cashIncrement);
  const quick = quickCashAmounts(summary.cashDue, cashIncrement);
  const cashError = cashProblem(text, cash, summary.cashDue);
  const reason = busy ? text('ui.tender.busy') : confirmReason(text, summary, cash, cashError);
  const canConfirm = !busy && summary.settled && cashError === null && due.amount > 0;

  useEffect(() => {
    if (!autoFocusCash) return;
    cashRef.current?.focus();
    onCashFocused?.();
  }, [autoFocusCash, onCashFocused]);

  const pay = () => {
    if (canConfirm) onConfirm(tenders);
  };
  const exactCash = () => {
    if (summary.cashDue.amount <= 0) return;
    setCashText(toDecimalString(summary.cashDue));
    // The next step is paying: Enter on the focused button does it.
    requestAnimationFrame(() => confirmRef.current?.focus());
  };
  const openCard = () => {
    setCardOpen(true);
    requestAnimationFrame(() => cardRef.current?.focus());
  };

  // The pay keys, while this panel is on screen; listed in the help overlay.
  const keys = useRef({ pay, exactCash, openCard });
  keys.current = { pay, exactCash, openCard };
  useEffect(() => {
    if (!shortcuts) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      const action =
        e.key === TENDER_KEYS.exactCash
          ? keys.current.exactCash
          : e.key === TENDER_KEYS.card
            ? keys.current.openCard
            : e.key === TENDER_KEYS.pay
              ? keys.current.pay
              : null;
      if (action === null) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shortcuts]);

  const addCard = () => {
    const problem = cardProblem(text, {
      amountText: cardAmount,
      approval,
      last4,
      cashDue: summary.cashDue,
    });
    if (problem !== null) return setFieldError(problem);
    const amount = parseMoney(
      cardAmount === '' ? toDecimalString(summary.cashDue) : cardAmount,
      currency,
      { allowZero: false },
    );
    const parsed = cardTenderInputSchema.safeParse({
      kind: 'card',
      amount: amount.ok ? amount.value : null,
      approvalCode: approval,
      last4,
    });
    if (!parsed.success) return setFieldError(parsed.error.issues[0]?.message ?? null);
    setNonCash([...nonCash, parsed.data]);
    setCardAmount('');
    setApproval('');
    setLast4('');
    setFieldError(null);
    requestAnimationFrame(() => cashRef.current?.focus());
  };
  const addVoucher = () => {
    if (voucherCode.trim().length < 4) return setFieldError(text('ui.tender.voucherCodeInvalid'));
    const amount = parseMoney(voucherAmount, currency, { allowZero: false });
    if (!amount.ok) return setFieldError(text('ui.tender.voucherAmountInvalid'));
    if (amount.value.amount > summary.cashDue.amount)
      return setFieldError(text('ui.tender.voucherTooMuch', { max: summary.cashDue }));
    setNonCash([
      ...nonCash,
      { kind: 'voucher', amount: amount.value, voucherId: voucherCode.trim() },
    ]);
    setVoucherAmount('');
    setVoucherCode('');
    setFieldError(null);
  };
  const enterAdds = (add: () => void) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  };

  const activity = { onChange: onActivity, onClick: onActivity, onKeyDown: onActivity };
  const inputs = (
    <section aria-labelledby="tender-title" className="tender-panel" {...activity}>
      <h3 id="tender-title">{text('ui.tender.title')}</h3>
      <div className="quick-cash" role="group" aria-label={text('tender.cash')}>
        {quick.map((m, i) => (
          <button
            key={m.amount}
            type="button"
            aria-keyshortcuts={i === 0 && shortcuts ? TENDER_KEYS.exactCash : undefined}
            onClick={() => setCashText(toDecimalString(m))}
          >
            {i === 0 ? text('tender.quickCash', { amount: m }) : text.tr.money(m)}
            {i === 0 && shortcuts ? <kbd aria-hidden="true"> {TENDER_KEYS.exactCash}</kbd> : null}
          </button>
        ))}
      </div>
      <label>
        {text('ui.tender.cashReceived')}
        <input
          ref={cashRef}
          inputMode="decimal"
          autoComplete="off"
          value={cashText}
          aria-invalid={cashError !== null}
          aria-describedby={cashError !== null ? 'cash-error' : undefined}
          onChange={(e) => setCashText(e.target.value)}
          onKeyDown={enterAdds(pay)}
        />
      </label>
      {cashError !== null ? (
        <p className="field-error" id="cash-error">
          {cashError}
        </p>
      ) : null}
      <details open={cardOpen} onToggle={(e) => setCardOpen(e.currentTarget.open)}>
        <summary>
          {text('tender.card')}
          {shortcuts ? <kbd aria-hidden="true"> {TENDER_KEYS.card}</kbd> : null}
        </summary>
        <label>
          {text('ui.tender.cardAmount')}
          <input
            ref={cardRef}
            inputMode="decimal"
            value={cardAmount}
            placeholder={toDecimalString(summary.cashDue)}
            onChange={(e) => setCardAmount(e.target.value)}
            onKeyDown={enterAdds(addCard)}
          />
        </label>
        <label>
          {text('tender.approvalCode')}
          <input
            value={approval}
            autoComplete="off"
            maxLength={12}
            onChange={(e) => setApproval(e.target.value)}
            onKeyDown={enterAdds(addCard)}
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
            onKeyDown={enterAdds(addCard)}
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
          <input
            value={voucherCode}
            onChange={(e) => setVoucherCode(e.target.value)}
            onKeyDown={enterAdds(addVoucher)}
          />
        </label>
        <label>
          {text('ui.tender.voucherAmount')}
          <input
            inputMode="decimal"
            value={voucherAmount}
            onChange={(e) => setVoucherAmount(e.target.value)}
            onKeyDown={enterAdds(addVoucher)}
          />
        </label>
        <button type="button" onClick={addVoucher}>
          {text('ui.tender.addVoucher')}
        </button>
      </details>
      {fieldError ? (
        <p className="field-error" role="alert">
          {fieldError}
        </p>
      ) : null}
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
    </section>
  );

  const confirm = (
    <div className="tender-confirm" {...activity}>
      <p className="due">
        <span className="due-label">{text('ui.tender.dueLabel')}</span>{' '}
        <output className="amount-due" aria-label={text('ui.tender.dueLabel')}>
          {text.tr.money(due)}
        </output>
      </p>
      <p role="status" aria-label={text('ui.tender.title')} className="change">
        {summary.settled
          ? text('tender.changeDue', { amount: summary.change })
          : text('tender.stillDue', {
              amount:
                cash?.ok && cash.value.amount < summary.cashDue.amount
                  ? subtract(summary.cashDue, cash.value)
                  : summary.cashDue,
            })}
      </p>
      {reason !== null && !canConfirm ? (
        <p className="confirm-reason" id="confirm-reason">
          {reason}
        </p>
      ) : null}
      <button
        ref={confirmRef}
        type="button"
        className="primary confirm"
        disabled={!canConfirm}
        aria-describedby={!canConfirm && reason !== null ? 'confirm-reason' : undefined}
        aria-keyshortcuts={shortcuts ? TENDER_KEYS.pay : undefined}
        onClick={pay}
      >
        {confirmLabel}
        {shortcuts ? <kbd aria-hidden="true"> {TENDER_KEYS.pay}</kbd> : null}
      </button>
    </div>
  );

  if (inputsHost === null) return confirm;
  return inputsHost !== undefined ? (
    <>
      {createPortal(inputs, inputsHost)}
      {confirm}
    </>
  ) : (
    <>
      {inputs}
      {confirm}
    </>
  );
}
