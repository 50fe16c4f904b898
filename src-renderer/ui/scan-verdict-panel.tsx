import { useEffect, useState } from 'react';
import { admitTicket } from '../app/admission-service';
import type { MessageKey } from '../i18n';
import type { ScanVerdict } from '../devices/scan-router';
import { TICKET_SCAN_VERDICT_CODES } from '../scan';
import type { Text } from './use-text';
import { useText } from './use-text';
import { onScanFlowLeft } from './scan-flow-left';
import { useTill } from './till-context';

const TICKET_CODES: ReadonlySet<string> = new Set(TICKET_SCAN_VERDICT_CODES);

/** Codes the router itself gives (see devices/scan-router and shared/scanning). */
const ROUTER_KEYS: Readonly<Record<string, MessageKey>> = {
  empty: 'ui.scan.unreadable',
  too_short: 'ui.scan.unreadable',
  too_long: 'ui.scan.unreadable',
  invalid_characters: 'ui.scan.unreadable',
  unrecognised_code: 'ui.scan.ticket.malformed',
  no_flow_for_kind: 'ui.scan.noFlow',
  handler_failed: 'ui.scan.failed',
  order_not_found: 'ui.scan.orderNotFound',
};

/** A verdict in the cashier's language; the router's English sentence when no key fits. */
export function scanVerdictText(text: Text, verdict: ScanVerdict): string {
  const code = verdict.code.startsWith('ticket_') ? verdict.code.slice('ticket_'.length) : null;
  if (code !== null && TICKET_CODES.has(code)) {
    // The ticket's status only: whether and how much it refunds is the refund flow's to say.
    const ticket = verdict.ticket;
    return text(`ui.scan.ticket.${code}` as MessageKey, {
      ticketId: ticket !== undefined && 'payload' in ticket ? ticket.payload.ticketId : '',
    });
  }
  const key = ROUTER_KEYS[verdict.code];
  return key !== undefined ? text(key, { code: verdict.data }) : verdict.message;
}

/** Whether the cashier has to read this verdict (a screen that took the scan shows its result). */
export function isShownVerdict(verdict: ScanVerdict): boolean {
  return verdict.flow === 'idle' || verdict.flow === 'router' || verdict.outcome !== 'accepted';
}

/**
 * The last scan's verdict in plain words. An alert for anything not accepted (a forged code
 * must interrupt), a status otherwise; it stays until dismissed or the next scan.
 */
export function ScanVerdictPanel({
  verdict,
  onDismiss,
}: {
  readonly verdict: ScanVerdict | null;
  readonly onDismiss: () => void;
}) {
  const text = useText();
  // A verdict a screen gave (refund, exchange) belongs to that screen: leaving it clears it.
  const flow = verdict?.flow ?? null;
  useEffect(
    () =>
      onScanFlowLeft((left) => {
        if (left === flow) onDismiss();
      }),
    [flow, onDismiss],
  );
  if (verdict === null) return null;
  const accepted = verdict.outcome === 'accepted';
  return (
    <div
      role={accepted ? 'status' : 'alert'}
      aria-label={text('ui.scan.title')}
      className={accepted ? 'scan-verdict ok' : 'scan-verdict error-banner'}
      data-code={verdict.code}
    >
      <strong>{text('ui.scan.title')}:</strong> {scanVerdictText(text, verdict)}{' '}
      {verdict.code === 'ticket_genuine' &&
      verdict.ticket !== undefined &&
      'payload' in verdict.ticket ? (
        <LetIn key={verdict.ticket.payload.ticketId} ticketId={verdict.ticket.payload.ticketId} />
      ) : null}
      <button type="button" onClick={onDismiss}>
        {text('ui.scan.dismiss')}
      </button>
    </div>
  );
}

/**
 * At the door: a genuine ticket not used yet can be let in by whoever is signed in. The
 * domain decides (app/admission-service); the answer replaces the button.
 */
function LetIn({ ticketId }: { readonly ticketId: string }) {
  const text = useText();
  const till = useTill();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const staff = till.state().session;
  if (outcome !== null) return <span className="scan-admission">{outcome} </span>;
  if (staff === null) return null;
  const letIn = async () => {
    setBusy(true);
    const result = await admitTicket(till, ticketId, staff);
    setBusy(false);
    if (result.ok) {
      setOutcome(text('ui.scan.admitted', { ticketId }));
      return;
    }
    const details = result.error.details as
      { status?: unknown; door?: unknown; startsAt?: unknown } | undefined;
    const status = details?.status;
    const startsAt = typeof details?.startsAt === 'string' ? new Date(details.startsAt) : null;
    setOutcome(
      status === 'used' || status === 'refunded' || status === 'voided' || status === 'exchanged'
        ? text(`ui.scan.ticket.${status}`, { ticketId })
        : details?.door === 'too_early' && startsAt !== null
          ? text('ui.scan.admitTooEarly', { startsAt })
          : details?.door === 'over' && startsAt !== null
            ? text('ui.scan.admitOver', { startsAt })
            : details?.door === 'postponed'
              ? text('ui.scan.admitPostponed')
              : text('ui.scan.admitFailed', { reason: result.error.message }),
    );
  };
  return (
    <button type="button" className="primary" disabled={busy} onClick={() => void letIn()}>
      {text('ui.scan.admit')}
    </button>
  );
}
