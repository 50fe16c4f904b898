import { useState } from 'react';
import type { Actor } from '../../../shared/commands';
import type { JournalEntry } from '../../../shared/journal/chain';
import type { Money } from '../../../shared/money';
import { drawerAmount, drawerRefusal } from './drawer-amount';
import type { CashMovementKind, NoSaleOutcome } from '../../app/cash-service';
import {
  drawerAfterCommit,
  kickDrawer,
  openDrawerNoSale,
  recordCashMovement,
} from '../../app/cash-service';
import { useContractClient } from '../../transport/client-context';
import type { ShownError } from '../error-banner';
import { ErrorBanner } from '../error-banner';
import { approvalAskedFor, type ApprovalToken } from '../../app/approval-service';
import { useTill } from '../till-context';
import { useApproval } from './use-approval';
import { useOnce } from './use-once';
import { useText, type Text } from '../use-text';

const KINDS: readonly CashMovementKind[] = ['paid_in', 'paid_out', 'drop'];
const KIND_LABEL = {
  paid_in: 'ui.cash.paidIn',
  paid_out: 'ui.cash.paidOut',
  drop: 'ui.cash.drop',
} as const;

/** The domain's refusals a manager can act on, in their words; the rest via the catalog. */
function movementError(text: Text, error: ShownError, limit: Money): ShownError {
  // The domain attaches what the drawer holds to this refusal (see shared/commands/cash.ts).
  const details = error.details as { inDrawer?: Money } | undefined;
  if (error.code === 'approval_required') {
    return { code: 'ui', message: text('ui.cash.approvalNeeded', { limit }) };
  }
  if (error.code === 'limit_exceeded' && details?.inDrawer !== undefined) {
    return { code: 'ui', message: text('ui.cash.notInDrawer', { inDrawer: details.inDrawer }) };
  }
  return error;
}

/**
 * Paid in, paid out, drop and the no-sale drawer open. Each is one journal entry through the
 * till's commit path; the domain decides who may. One action at a time: a second click while
 * one is being saved does nothing, so a double click never records (or opens) twice.
 */
export function CashMovements({
  actor,
  mode,
  onCommitted,
}: {
  readonly actor: Actor;
  /** Which of the shift screen's cash tasks is in the side panel: a movement or a no-sale. */
  readonly mode: 'movement' | 'noSale';
  readonly onCommitted: () => void;
}) {
  const till = useTill();
  const client = useContractClient();
  const text = useText();
  const [kind, setKind] = useState<CashMovementKind>('paid_out');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [drawerReason, setDrawerReason] = useState('');
  const [error, setError] = useState<ShownError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [failedKick, setFailedKick] = useState<JournalEntry | null>(null);
  const once = useOnce();
  const approval = useApproval(once);

  const fail = (e: ShownError) => {
    setDone(null);
    setError(e);
  };
  const needReason = (r: string) =>
    r.trim().length < 3 ? (fail({ code: 'ui', message: text('ui.cash.needReason') }), true) : false;

  const record = () =>
    once(async () => {
      const parsed = drawerAmount(text, amount, 'amount', till.settings.currency, {
        allowZero: false,
      });
      if (!parsed.ok) return fail({ code: 'ui', message: parsed.error.message });
      if (needReason(reason)) return;
      await save(kind, parsed.value, reason.trim());
    });

  /** Records the movement; one the domain refuses for want of a supervisor asks for one. */
  const save = async (
    k: CashMovementKind,
    value: Money,
    why: string,
    granted?: ApprovalToken,
  ): Promise<void> => {
    const r = await recordCashMovement(till, actor, k, value, why, granted);
    if (!r.ok) {
      const shown = drawerRefusal(text, movementError(text, r.error, till.settings.paidOutLimit));
      fail(shown);
      const binding = granted === undefined ? approvalAskedFor(r.error) : null;
      if (binding !== null)
        approval.ask({
          binding,
          why: shown.message,
          retry: (a) => save(k, value, why, a),
        });
      return;
    }
    setError(null);
    // No expected drawer total here: the count at close is blind (issue 10 item 8).
    setDone(text('ui.cash.recorded', { kind: k, amount: value }));
    setAmount('');
    setReason('');
    onCommitted();
    // Cash left or entered the drawer: main opens it for this entry (once main accepted it).
    const kicked = await drawerAfterCommit(till, client, r.value);
    if (kicked.drawer === 'failed') showKick(r.value, kicked);
    else setFailedKick(null);
  };

  const noSale = () =>
    once(async () => {
      if (needReason(drawerReason)) return;
      const r = await openDrawerNoSale(till, client, actor, drawerReason.trim());
      if (!r.ok) return fail(r.error);
      setDrawerReason('');
      onCommitted();
      showKick(r.value.entry, r.value.outcome);
    });

  const retryKick = (entry: JournalEntry) =>
    once(async () => showKick(entry, await kickDrawer(client, entry)));

  const showKick = (entry: JournalEntry, outcome: NoSaleOutcome) => {
    const noSaleEntry = entry.type === 'no_sale';
    if (outcome.drawer === 'failed') {
      setFailedKick(entry);
      const why = { why: outcome.message };
      return fail({
        code: 'ui',
        message: noSaleEntry
          ? text('ui.cash.noSaleFailed', why)
          : text('ui.cash.drawerFailed', why),
      });
    }
    setFailedKick(null);
    setError(null);
    setDone(text(noSaleEntry ? 'ui.cash.noSaleDone' : 'ui.cash.drawerOpen'));
  };

  return (
    <section aria-labelledby="cash-title" className="cash-movements shift-task">
      <h3 id="cash-title">{text(mode === 'movement' ? 'ui.cash.title' : 'ui.cash.noSaleTitle')}</h3>
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {done !== null ? <p role="status">{done}</p> : null}
      {failedKick !== null ? (
        <button type="button" onClick={() => void retryKick(failedKick)}>
          {text('ui.cash.retryDrawer')}
        </button>
      ) : null}
      {mode === 'movement' ? (
        <form
          aria-labelledby="cash-title"
          className="shift-form"
          onSubmit={(e) => {
            e.preventDefault();
            void record();
          }}
        >
          <fieldset>
            <legend>{text('ui.cash.kind')}</legend>
            {KINDS.map((k) => (
              <label key={k} className="choice">
                <input
                  type="radio"
                  name="cash-kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => setKind(k)}
                />
                {text(KIND_LABEL[k])}
              </label>
            ))}
          </fieldset>
          <label>
            {text('ui.cash.amount')}
            <input
              className="amount-input"
              autoFocus
              inputMode="decimal"
              autoComplete="off"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          </label>
          <label>
            {text('ui.cash.reason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="flow-confirm">
            <button type="submit" className="primary">
              {text('ui.cash.record')}
            </button>
          </div>
        </form>
      ) : (
        <form
          className="shift-form"
          aria-labelledby="cash-title"
          onSubmit={(e) => {
            e.preventDefault();
            void noSale();
          }}
        >
          <label>
            {text('ui.cash.noSaleReason')}
            <input
              value={drawerReason}
              autoFocus
              onChange={(e) => setDrawerReason(e.target.value)}
            />
          </label>
          <div className="flow-confirm">
            <button type="submit" className="primary">
              {text('ui.cash.noSale')}
            </button>
          </div>
        </form>
      )}
      {approval.dialog}
    </section>
  );
}
