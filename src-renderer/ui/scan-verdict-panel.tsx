import { useCallback, useEffect, useState } from 'react';
import { doorRefusal } from '../../shared/commands/admit';
import { admitTicket } from '../app/admission-service';
import type { MessageKey } from '../i18n';
import type { ScanVerdict } from '../devices/scan-router';
import { TICKET_SCAN_VERDICT_CODES } from '../scan';
import type { Text } from './use-text';
import { useText } from './use-text';
import { onScanFlowLeft } from './scan-flow-left';
import { useTicketLabel } from './ticket-label';
import { useTill, useTillVersion } from './till-context';

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

/**
 * A verdict in the cashier's language; the router's English sentence when no key fits. A
 * ticket is named by what it is for (`label`) when this till holds it, else by its id.
 */
export function scanVerdictText(
  text: Text,
  verdict: ScanVerdict,
  label: string | null = null,
): string {
  const code = verdict.code.startsWith('ticket_') ? verdict.code.slice('ticket_'.length) : null;
  if (code !== null && TICKET_CODES.has(code)) {
    // The ticket's status only: whether and how much it refunds is the refund flow's to say.
    return text(`ui.scan.ticket.${code}` as MessageKey, {
      ticketId: label ?? scannedTicketId(verdict) ?? '',
    });
  }
  const key = ROUTER_KEYS[verdict.code];
  return key !== undefined ? text(key, { code: verdict.data }) : verdict.message;
}

function scannedTicketId(verdict: ScanVerdict | null): string | null {
  const ticket = verdict?.ticket;
  return ticket !== undefined && 'payload' in ticket ? ticket.payload.ticketId : null;
}

/** The scanned ticket as this till stores it (for its names and its performance), or null. */
function useStoredTicket(ticketId: string | null): StoredTicket | null {
  const till = useTill();
  const [stored, setStored] = useState<StoredTicket | null>(null);
  useEffect(() => {
    setStored(null);
    if (ticketId === null) return;
    let live = true;
    void till.store.db.tickets.get(ticketId).then((t) => {
      if (live && t !== undefined)
        setStored({
          ticketId,
          performanceId: t.performanceId,
          tierId: t.tierId,
          ...(t.seatId !== undefined ? { seatId: t.seatId } : {}),
        });
    });
    return () => {
      live = false;
    };
  }, [till, ticketId]);
  return stored?.ticketId === ticketId ? stored : null;
}

interface StoredTicket {
  readonly ticketId: string;
  readonly performanceId: string;
  readonly tierId: string;
  readonly seatId?: string;
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
  const ticketLabel = useTicketLabel();
  const ticketId = scannedTicketId(verdict);
  const stored = useStoredTicket(ticketId);
  const label = stored ? ticketLabel(stored.performanceId, stored.tierId, stored.seatId) : null;
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
      <strong>{text('ui.scan.title')}:</strong> {scanVerdictText(text, verdict, label)}{' '}
      {verdict.code === 'ticket_genuine' && ticketId !== null ? (
        <LetIn
          key={ticketId}
          ticketId={ticketId}
          name={label ?? ticketId}
          performanceId={stored?.performanceId ?? null}
        />
      ) : null}
      <button type="button" onClick={onDismiss}>
        {text('ui.scan.dismiss')}
      </button>
    </div>
  );
}

/** The door's key: lets in the ticket the verdict shows (the help overlay lists it). */
export const LET_IN_KEY = 'F7';

/**
 * At the door: a genuine ticket not used yet can be let in by whoever is signed in, by the
 * button or by F7. The domain decides (app/admission-service); its answer replaces the button
 * on a line of its own. Nobody signed in (or signed out since the scan): the panel says so.
 */
function LetIn({
  ticketId,
  name,
  performanceId,
}: {
  readonly ticketId: string;
  /** What the ticket is for (or its id when this till does not hold it). */
  readonly name: string;
  readonly performanceId: string | null;
}) {
  const text = useText();
  const till = useTill();
  // Re-read the session when the journal moves: a sign-out takes the button away.
  useTillVersion();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const staff = till.state().session;
  const letIn = useCallback(async () => {
    if (staff === null) return;
    setBusy(true);
    const result = await admitTicket(till, ticketId, staff);
    setBusy(false);
    setOutcome(
      result.ok
        ? text('ui.scan.admitted', { ticketId: name })
        : refusalText(text, name, result.error),
    );
  }, [staff, till, ticketId, text, name]);
  // Not its night (or cancelled): said at once by the door's own rule, no button to try.
  const performance = performanceId !== null ? till.catalog.performance(performanceId) : undefined;
  const door = performance !== undefined ? doorRefusal(performance, till.ports.clock()) : null;
  const ready = outcome === null && staff !== null && !busy && door === null;
  useEffect(() => {
    if (!ready) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== LET_IN_KEY) return;
      e.preventDefault();
      void letIn();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ready, letIn]);
  if (outcome !== null) return <p className="scan-admission">{outcome}</p>;
  if (door !== null) return <p className="scan-admission">{refusalText(text, name, door)}</p>;
  if (staff === null) return <p className="scan-admission">{text('ui.scan.admitSignIn')}</p>;
  return (
    <button
      type="button"
      className="primary"
      disabled={busy}
      aria-keyshortcuts={LET_IN_KEY}
      onClick={() => void letIn()}
    >
      {text('ui.scan.admit')} <kbd>{LET_IN_KEY}</kbd>
    </button>
  );
}

/** Why the domain refused to let the ticket in, in the cashier's words. */
function refusalText(
  text: Text,
  ticketId: string,
  error: { readonly message: string; readonly details?: unknown },
): string {
  const details = error.details as
    { status?: unknown; door?: unknown; startsAt?: unknown } | undefined;
  const status = details?.status;
  const startsAt = typeof details?.startsAt === 'string' ? new Date(details.startsAt) : null;
  if (status === 'used' || status === 'refunded' || status === 'voided' || status === 'exchanged')
    return text(`ui.scan.ticket.${status}`, { ticketId });
  if (details?.door === 'too_early' && startsAt !== null)
    return text('ui.scan.admitTooEarly', { startsAt });
  if (details?.door === 'over' && startsAt !== null) return text('ui.scan.admitOver', { startsAt });
  if (details?.door === 'postponed') return text('ui.scan.admitPostponed');
  return text('ui.scan.admitFailed', { reason: error.message });
}
