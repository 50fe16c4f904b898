import { err, ok, type Result } from '../../shared/util/result';
import type { PaymentStatus, PaymentTerminalState } from '../../shared/ipc/payment';
import type { IpcErrorCode } from '../../shared/ipc/errors';
import type { EventHub } from '../services/event-hub';
import type { HandlersFor } from '../services/handlers';
import type { Logger } from '../services/logger';
import type { Quarantine } from '../services/quarantine';
import { openPaymentLedger, type PaymentRecord } from './payment-ledger';
import {
  checkRefund,
  neverReachedTerminal,
  openPayment,
  publicStatus,
  sameRequest,
  withState,
  withTerminalResult,
  type StartRequest,
} from './payment-rules';
import type { Answer, TerminalClient } from './terminal-client';
import type { TerminalPaymentResult } from './terminal-protocol';

export type PaymentHandlers = HandlersFor<'payment.'>;

export type PaymentServiceOptions = {
  readonly dataDir: string;
  readonly events: EventHub;
  readonly logger: Logger;
  readonly quarantine: Quarantine;
  /** the terminal main pays on; none: `unconfigured` and every start is refused */
  readonly terminal?: TerminalClient;
  /** the customer's time at the terminal (120 s, as card terminals default to) */
  readonly windowMs?: number;
  /** how much longer than the window main waits for the answer before calling it lost */
  readonly graceMs?: number;
  /** status queries, reversals and health checks: each answer within this */
  readonly requestMs?: number;
  /** how often main checks the terminal and settles what is open; 0 = only when asked */
  readonly checkEveryMs?: number;
  readonly now?: () => Date;
};

export interface PaymentService {
  readonly handlers: PaymentHandlers;
  terminalState(): PaymentTerminalState;
  /** one round of the background work: health check, status queries, owed reversals */
  check(): Promise<void>;
  close(): Promise<void>;
}

const offlineMessage =
  'The card terminal is not answering. Check that it is switched on and connected.';

/**
 * The card terminal port (issue 15 item 3). Main, not the page, owns the rules that keep a
 * customer from being charged twice or charged for nothing:
 * - the caller's `paymentId` is the idempotency key: a repeated start answers what main knows;
 * - the record is on disk before the request leaves, so a restart still settles it;
 * - an answer that did not arrive makes the payment `unknown`, settled by a status query —
 *   never a blind retry or refund — and no other payment starts until it is settled;
 * - a reversal is owed until the terminal confirms it (main keeps sending it, idempotent).
 */
export async function createPaymentService(opts: PaymentServiceOptions): Promise<PaymentService> {
  const now = opts.now ?? (() => new Date());
  const windowMs = opts.windowMs ?? 120_000;
  const graceMs = opts.graceMs ?? 10_000;
  const requestMs = opts.requestMs ?? 5_000;
  const { terminal, events, logger } = opts;
  const ledger = await openPaymentLedger({ ...opts, now });
  /** payments whose terminal request is still open in this process */
  const inFlight = new Set<string>();
  const settling = new Map<string, Promise<void>>();
  let online = terminal !== undefined;
  let closed = false;
  let lastTerminal = '';

  const store = async (record: PaymentRecord): Promise<PaymentRecord> => {
    if (closed) return record;
    await ledger.put(record);
    events.emit('payment.updated', publicStatus(record));
    announceTerminal();
    return record;
  };

  function terminalState(): PaymentTerminalState {
    if (terminal === undefined) return { state: 'unconfigured' };
    const open = openPayment(ledger.all());
    const unresolved = open?.state === 'unknown' ? { unresolvedPaymentId: open.paymentId } : {};
    if (!online) return { state: 'offline', ...unresolved };
    return open === undefined ? { state: 'ready' } : { state: 'busy', ...unresolved };
  }

  function announceTerminal(): void {
    const state = terminalState();
    const key = JSON.stringify(state);
    if (key === lastTerminal || closed) return;
    lastTerminal = key;
    events.emit('payment.terminal', state);
  }

  function noteReach(answer: Answer<unknown>): void {
    online = answer.kind !== 'unreachable';
    announceTerminal();
  }

  // A main that stopped mid-payment cannot know how its request ended: ask the terminal.
  for (const record of ledger.all()) {
    if (record.state === 'pending') await ledger.put(withState(record, 'unknown', now()));
  }

  /** Asks the terminal what became of a payment whose answer main does not have. */
  function settle(paymentId: string): Promise<void> {
    const running = settling.get(paymentId);
    if (running !== undefined) return running;
    const work = (async () => {
      const record = ledger.get(paymentId);
      if (terminal === undefined || record === undefined || inFlight.has(paymentId)) return;
      if (record.state !== 'pending' && record.state !== 'unknown') return;
      const answer = await terminal.status(paymentId, requestMs);
      noteReach(answer);
      if (inFlight.has(paymentId)) return; // its own answer is on the way
      const current = ledger.get(paymentId) ?? record;
      if (answer.kind === 'answered') {
        await store(withTerminalResult(current, answer.value, now()));
      } else if (answer.kind === 'refused' && answer.refusal.error === 'not_found') {
        // The terminal never received it: nothing was charged.
        await store(withState(current, 'failed', now(), 'terminal_offline'));
      } else if (current.state !== 'unknown') {
        await store(withState(current, 'unknown', now()));
      }
    })().finally(() => settling.delete(paymentId));
    settling.set(paymentId, work);
    return work;
  }

  async function received(paymentId: string, answer: Answer<TerminalPaymentResult>) {
    inFlight.delete(paymentId);
    if (closed) return;
    noteReach(answer);
    const record = ledger.get(paymentId);
    if (record === undefined) return;
    if (answer.kind === 'unreachable') {
      // The connection was refused: the request never reached the terminal.
      await store(withState(record, 'failed', now(), 'terminal_offline'));
      return;
    }
    if (answer.kind === 'answered') {
      await store(withTerminalResult(record, answer.value, now()));
      if (answer.value.state !== 'pending') return;
    } else {
      logger.warn(
        `Card payment ${paymentId}: the terminal's answer was lost (${describe(answer)})`,
      );
      await store(withState(record, 'unknown', now()));
    }
    await settle(paymentId);
  }

  /**
   * The record as it stands once every change to it is on disk (and announced): the page is
   * never told an outcome main could still forget.
   */
  async function durable(record: PaymentRecord): Promise<PaymentRecord> {
    await ledger.flushed();
    return ledger.get(record.paymentId) ?? record;
  }

  async function start(request: StartRequest): Promise<Result<PaymentStatus, IpcErrorCode>> {
    if (terminal === undefined) {
      return err('not_configured', 'No card terminal is set up on this kiosk.');
    }
    const existing = ledger.get(request.paymentId);
    if (existing !== undefined && !sameRequest(existing, request)) {
      return err('invalid_argument', 'This payment id was already used for a different payment.');
    }
    if (existing !== undefined && !neverReachedTerminal(existing)) {
      return ok(publicStatus(await durable(existing)));
    }
    const open = openPayment(ledger.all());
    if (open !== undefined) {
      return err(
        'device_busy',
        open.state === 'unknown'
          ? 'The card terminal is still confirming an earlier payment. Please wait a moment.'
          : 'A payment is already in progress on the card terminal.',
      );
    }
    const refund = checkRefund(ledger.all(), request);
    if (!refund.ok) return err('invalid_argument', refund.message);

    const pending: PaymentRecord = {
      paymentId: request.paymentId,
      kind: request.kind,
      amount: request.amount,
      reference: request.reference,
      ...(request.originalPaymentId !== undefined
        ? { originalPaymentId: request.originalPaymentId }
        : {}),
      state: 'pending',
      updatedAt: now().toISOString(),
    };
    // In flight from here on, so a status query running meanwhile cannot mistake a request
    // not yet sent for one the terminal never got; on disk before it leaves, so a crash after
    // this point is settled at the next start.
    inFlight.add(request.paymentId);
    try {
      await ledger.put(pending);
    } catch (cause) {
      inFlight.delete(request.paymentId);
      throw cause;
    }
    const call = terminal.pay({ ...request, timeoutMs: windowMs }, windowMs + graceMs);
    const done = call.answer
      .then((answer) => received(request.paymentId, answer))
      .catch((cause: unknown) => logger.error(`Card payment ${request.paymentId}`, cause));
    if (!(await call.sent)) {
      await done;
      return err('device_offline', offlineMessage);
    }
    // (an outcome that already arrived has announced itself: events never go backwards)
    if (ledger.get(request.paymentId)?.state === 'pending') {
      events.emit('payment.updated', publicStatus(pending));
    }
    announceTerminal();
    return ok(publicStatus(await durable(pending)));
  }

  async function sendReversal(paymentId: string): Promise<Result<PaymentStatus, IpcErrorCode>> {
    const record = ledger.get(paymentId);
    if (record === undefined || terminal === undefined) {
      return err('not_found', 'No such card payment.');
    }
    const owed =
      record.reversalPending === true ? record : await store({ ...record, reversalPending: true });
    const answer = await terminal.reverse(paymentId, requestMs);
    noteReach(answer);
    if (answer.kind === 'answered' && answer.value.state === 'reversed') {
      return ok(publicStatus(await store(withTerminalResult(owed, answer.value, now()))));
    }
    if (answer.kind === 'refused') {
      logger.error(`Card payment ${paymentId}: the terminal refused the reversal`, answer.refusal);
      const { reversalPending: _owed, ...kept } = owed;
      return ok(publicStatus(await store({ ...kept, reason: 'reversal_failed' })));
    }
    return err(
      answer.kind === 'unreachable' ? 'device_offline' : 'timeout',
      'The card terminal did not confirm the reversal yet; it will be sent again automatically.',
    );
  }

  const handlers: PaymentHandlers = {
    'payment.start': (request) => start(request),
    async 'payment.status'({ paymentId }) {
      if (ledger.get(paymentId) === undefined) return err('not_found', 'No such card payment.');
      await settle(paymentId);
      await ledger.flushed();
      const record = ledger.get(paymentId);
      return record === undefined
        ? err('not_found', 'No such card payment.')
        : ok(publicStatus(record));
    },
    async 'payment.reverse'({ paymentId }) {
      if (ledger.get(paymentId) === undefined) return err('not_found', 'No such card payment.');
      await settle(paymentId);
      await ledger.flushed();
      const record = ledger.get(paymentId);
      if (record === undefined) return err('not_found', 'No such card payment.');
      if (record.state === 'pending' || record.state === 'unknown') {
        return err('device_busy', 'The card terminal has not finished this payment yet.');
      }
      // Declined, timed out, failed: nothing was charged, so nothing is reversed.
      if (record.state !== 'approved') return ok(publicStatus(record));
      return sendReversal(paymentId);
    },
    async 'payment.terminal'() {
      if (terminal !== undefined) noteReach(await terminal.health(requestMs));
      return ok(terminalState());
    },
  };

  let checking: Promise<void> | null = null;
  function check(): Promise<void> {
    checking ??= (async () => {
      if (terminal === undefined || closed) return;
      noteReach(await terminal.health(requestMs));
      for (const record of ledger.all()) {
        if (closed) return;
        if (record.state === 'pending' || record.state === 'unknown')
          await settle(record.paymentId);
        else if (record.reversalPending === true) await sendReversal(record.paymentId);
      }
    })()
      .catch((cause: unknown) => logger.error('Card terminal check failed', cause))
      .finally(() => (checking = null));
    return checking;
  }

  const every = opts.checkEveryMs ?? 2_000;
  const timer = every > 0 && terminal !== undefined ? setInterval(() => void check(), every) : null;
  timer?.unref();
  announceTerminal();
  void check();

  return {
    handlers,
    terminalState,
    check,
    async close() {
      closed = true;
      if (timer !== null) clearInterval(timer);
      await checking;
    },
  };
}

function describe(answer: Answer<unknown>): string {
  return answer.kind === 'lost' || answer.kind === 'unreachable'
    ? answer.detail
    : answer.kind === 'refused'
      ? answer.refusal.error
      : 'answered';
}
