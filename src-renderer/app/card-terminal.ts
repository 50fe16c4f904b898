import type { IpcErrorCode } from '../../shared/ipc/errors';
import type { PaymentKind, PaymentStatus, PaymentTerminalState } from '../../shared/ipc/payment';
import type { Money } from '../../shared/money';
import type { Result } from '../../shared/util/result';

/**
 * The kiosk's port to the card payment terminal that main drives (shared/ipc/payment.ts).
 * The page never talks to the terminal: it asks main, and main tells it what happened. The
 * contract-backed implementation is `cardTerminalThrough(client)`; unit tests use a fake.
 */
export interface CardTerminal {
  start(request: {
    readonly paymentId: string;
    readonly kind: PaymentKind;
    readonly amount: Money;
    readonly reference: string;
    readonly originalPaymentId?: string;
  }): Promise<Result<PaymentStatus, IpcErrorCode>>;
  status(paymentId: string): Promise<Result<PaymentStatus, IpcErrorCode>>;
  reverse(paymentId: string): Promise<Result<PaymentStatus, IpcErrorCode>>;
  terminal(): Promise<Result<PaymentTerminalState, IpcErrorCode>>;
  /** Main's `payment.updated` events. Returns the unsubscribe. */
  onUpdated(listener: (status: PaymentStatus) => void): () => void;
  /** Main's `payment.terminal` events (ready / busy / offline). Returns the unsubscribe. */
  onTerminal(listener: (state: PaymentTerminalState) => void): () => void;
}

/** States after which the terminal will say nothing new about a payment. */
const SETTLED: ReadonlySet<PaymentStatus['state']> = new Set([
  'approved',
  'declined',
  'timed_out',
  'reversed',
  'failed',
]);

export const isSettled = (s: PaymentStatus): boolean => SETTLED.has(s.state);

export interface AwaitOptions {
  /** How often to ask `payment.status` while no event has settled it. */
  readonly pollMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Every unsettled answer (the screen says "checking" while it is `unknown`). */
  readonly onUnsettled?: (status: PaymentStatus) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits for a started payment's outcome: the first settled `payment.updated` event or
 * `payment.status` answer wins. `pending` and `unknown` are never an outcome: the terminal may
 * have charged, so the kiosk keeps asking main (which queries the terminal) for as long as it
 * takes — never a blind retry and never a blind reversal. A status call that fails (the link
 * to main dropped) is asked again on the next round for the same reason.
 */
export function awaitPaymentOutcome(
  terminal: CardTerminal,
  started: PaymentStatus,
  options: AwaitOptions,
): Promise<PaymentStatus> {
  if (isSettled(started)) return Promise.resolve(started);
  const sleep = options.sleep ?? defaultSleep;
  const { paymentId } = started;
  return new Promise<PaymentStatus>((resolve) => {
    let done = false;
    const finish = (s: PaymentStatus) => {
      if (done) return;
      done = true;
      off();
      resolve(s);
    };
    const off = terminal.onUpdated((s) => {
      if (s.paymentId !== paymentId) return;
      if (isSettled(s)) finish(s);
      else options.onUnsettled?.(s);
    });
    void (async () => {
      while (!done) {
        await sleep(options.pollMs);
        if (done) return;
        const asked = await terminal.status(paymentId);
        if (!asked.ok) continue;
        if (isSettled(asked.value)) finish(asked.value);
        else options.onUnsettled?.(asked.value);
      }
    })();
  });
}
