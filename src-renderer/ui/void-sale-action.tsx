import { useEffect, useRef, useState } from 'react';
import type { Actor } from '../../shared/commands';
import type { Money } from '../../shared/money';
import { formatReceiptNumber } from '../../shared/orders/receipt-number';
import { approvalAskedFor, type ApprovalToken } from '../app/approval-service';
import {
  commitVoidOf,
  openDrawerForVoid,
  printVoidSlip,
  voidGivesCash,
  type CommittedVoid,
} from '../app/void-service';
import { useLocale } from '../i18n';
import { useContractClient } from '../transport/client-context';
import { ErrorBanner, type ShownError } from './error-banner';
import { useApproval } from './shift/use-approval';
import { useOnce } from './shift/use-once';
import { useTill } from './till-context';
import { useText } from './use-text';

interface Done {
  readonly committed: CommittedVoid;
  /** What the cashier must know after the commit: drawer and paper, each a sentence. */
  readonly notes: readonly { readonly text: string; readonly attention: boolean }[];
}

/**
 * "Void this sale": a reason, then the domain's `voidSale` through the till's one commit path.
 * A cashier is refused for want of a supervisor, and the approval dialog (shift/use-approval)
 * opens in place; a passed PIN runs the void again with that approver, so the journal holds
 * the approval and the void. After the commit the drawer opens for cash given back and the
 * receipt is printed marked VOID; neither can undo the void, they only add a note.
 */
export function VoidSaleAction({
  orderId,
  receiptNo,
  training,
  amount,
  actor,
  disabled = false,
  onVoided,
}: {
  readonly orderId: string;
  readonly receiptNo: number;
  readonly training: boolean;
  readonly amount: Money;
  readonly actor: Actor;
  readonly disabled?: boolean;
  readonly onVoided?: () => void;
}) {
  const till = useTill();
  const client = useContractClient();
  const text = useText();
  const { locale } = useLocale();
  const once = useOnce();
  const approval = useApproval(once);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  // A late answer after the screen moved on is dropped with this instance.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const receipt = formatReceiptNumber(till.terminalId, receiptNo, training);

  const run = async (why: string, granted?: ApprovalToken): Promise<void> => {
    setSaving(true);
    const r = await commitVoidOf(till, orderId, why, actor, granted);
    if (!mounted.current) return;
    setSaving(false);
    if (!r.ok) {
      const binding = granted === undefined ? approvalAskedFor(r.error) : null;
      if (binding === null) return setError(r.error);
      setError(null);
      return approval.ask({
        binding,
        why: text('void.approval', { receipt, amount }),
        retry: (a) => run(why, a),
      });
    }
    // Saved: from here on only the drawer and the paper can fail, and they only add a note.
    setError(null);
    setOpen(false);
    onVoided?.();
    const committed = r.value;
    const notes: { text: string; attention: boolean }[] = [];
    const publish = () => {
      if (mounted.current) setDone({ committed, notes: [...notes] });
    };
    publish();
    if (voidGivesCash(committed.void)) {
      const cash = committed.void.payouts
        .filter((p) => p.kind === 'cash')
        .reduce((sum, p) => sum + p.amount.amount, 0);
      const kicked = await openDrawerForVoid(till, client, committed.entry);
      notes.push(
        kicked.drawer === 'failed'
          ? { text: text('void.drawerFailed', { message: kicked.message }), attention: true }
          : {
              text: text('void.drawerOpened', {
                amount: { amount: cash, currency: committed.void.total.currency },
              }),
              attention: false,
            },
      );
      publish();
    }
    const printed = await printVoidSlip(client, till, committed.void, locale);
    if (printed.state === 'queued') notes.push({ text: text('void.printQueued'), attention: true });
    if (printed.state === 'failed')
      notes.push({
        text: text('void.printFailed', { message: printed.message ?? '' }),
        attention: true,
      });
    publish();
  };

  const confirm = () =>
    once(async () => {
      await run(reason.trim());
    });

  if (done !== null) {
    const v = done.committed.void;
    return (
      <div className="void-done">
        <p role="status">
          {text('void.done', {
            receipt,
            voidReceipt: formatReceiptNumber(till.terminalId, v.receiptNo, v.training),
            amount: v.total,
          })}
        </p>
        {done.notes.map((n) => (
          <p key={n.text} role={n.attention ? 'alert' : 'status'}>
            {n.text}
          </p>
        ))}
      </div>
    );
  }

  return (
    <div className="void-sale">
      {open ? (
        <form
          aria-label={text('void.title', { receipt })}
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <h3>{text('void.title', { receipt })}</h3>
          <p>{text('void.explain', { amount })}</p>
          <ErrorBanner error={error} onDismiss={() => setError(null)} />
          <label>
            {text('void.reason')}
            <input value={reason} autoFocus onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit" className="danger" disabled={saving || reason.trim().length < 3}>
            {text('void.confirm')}
          </button>
          <button
            type="button"
            disabled={saving}
            onClick={() => {
              setOpen(false);
              setError(null);
            }}
          >
            {text('common.cancel')}
          </button>
          {saving ? <p role="status">{text('void.saving')}</p> : null}
        </form>
      ) : (
        <button type="button" disabled={disabled} onClick={() => setOpen(true)}>
          {text('void.action')}
        </button>
      )}
      {approval.dialog}
    </div>
  );
}
