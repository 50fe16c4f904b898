import type { PaymentTerminalState } from '../../shared/ipc/payment';
import type { PrinterState } from '../../shared/ipc/printer';

/** How long printer trouble other than paper out must last before the kiosk stops selling. */
export const PRINTER_GRACE_MS = 5_000;

/** Why a kiosk cannot serve customers right now. */
export type OutOfServiceCause = 'paper' | 'printer' | 'terminal' | 'sync';

export interface ServiceInputs {
  /** main's printer state; null until first heard */
  readonly printer: PrinterState | 'failed' | null;
  /** when the printer entered that state (the kiosk's clock, ms); null: at start */
  readonly printerSince?: number | null;
  /** main's card terminal state; null until first heard */
  readonly terminal: PaymentTerminalState['state'] | 'failed' | null;
  /** the sync client: whether its upload is blocked, and since when entries wait to go */
  readonly sync: { readonly blocked: boolean; readonly oldestQueuedAt: string | null };
  readonly now: number;
  /** how long unsent entries may wait before the kiosk stops selling */
  readonly maxSyncBehindMs: number;
}

/**
 * The one rule for "out of service" (issue 15 item 4): a kiosk that cannot print the tickets,
 * take a card, or get its sales to the venue stops selling by itself — and sells again by
 * itself once every cause has cleared. A state not heard yet is no cause (the first answer
 * comes within a second); a `busy` terminal is working, not down. Paper out stops the kiosk at
 * once (nothing would print); any other printer trouble only once it has lasted
 * PRINTER_GRACE_MS — a status answer lost on a busy machine reads "offline" for one poll, and
 * must not throw a customer out mid-purchase.
 */
export function outOfServiceCauses(s: ServiceInputs): OutOfServiceCause[] {
  const causes: OutOfServiceCause[] = [];
  if (s.printer === 'paper_out') causes.push('paper');
  else if (
    s.printer !== null &&
    s.printer !== 'ready' &&
    s.now - (s.printerSince ?? Number.NEGATIVE_INFINITY) >= PRINTER_GRACE_MS
  )
    causes.push('printer');
  if (s.terminal === 'offline' || s.terminal === 'unconfigured' || s.terminal === 'failed')
    causes.push('terminal');
  const waiting = s.sync.oldestQueuedAt === null ? 0 : s.now - Date.parse(s.sync.oldestQueuedAt);
  if (s.sync.blocked || waiting > s.maxSyncBehindMs) causes.push('sync');
  return causes;
}
