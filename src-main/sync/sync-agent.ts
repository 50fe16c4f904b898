import type { SyncStatus } from '../../shared/ipc/sync';
import type { IpcErrorCode } from '../../shared/ipc/errors';
import {
  catalogResponseSchema,
  headSignatureResponseSchema,
  ownJournalResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
} from '../../shared/sync/contract';
import { z } from 'zod';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type { EventHub } from '../services/event-hub';
import type { HandlersFor } from '../services/handlers';
import type { Logger } from '../services/logger';
import type { SignedHead } from '../../shared/journal/anchor';
import type { Enrolment } from './enrolment-file';
import type { HeadSignatureOutbox } from './head-signature-outbox';
import { openLiveChannel, type LiveChannel } from './live-channel';
import { createZCopyRunner } from './z-copies';
import type { TillPrintJob } from '../../shared/sync/contract';
import { inventoryHandlers } from './inventory-handlers';
import { customerHandlers } from './customer-handlers';
import { createServerClient } from './server-client';
import type { StaffDirectory } from '../staff/staff-directory';
import { staffResponseSchema } from '../../shared/staff/staff-list';

export interface SyncAgentOptions {
  readonly enrolment: Enrolment | null;
  /** Why enrolment at start failed, if it did (shown until a request succeeds). */
  readonly enrolmentError: string | null;
  readonly terminalId: () => string;
  /** The last seq main has anchored: only entries up to it are sent (see `sync.push`). */
  readonly anchoredSeq: () => number;
  readonly events: EventHub;
  readonly logger: Logger;
  readonly fetch?: typeof fetch;
  /**
   * Queues a Z copy a manager sent to this till on its printer (the printer service's durable
   * queue); without it, sent copies wait on the server.
   */
  readonly printZCopy?: (job: TillPrintJob) => Promise<Result<unknown, IpcErrorCode>>;
  /** Open the live channel (default true; tests of the plain requests may turn it off). */
  readonly live?: boolean;
  /** Main's staff list, which takes the server's newer lists (see `sync.pull`). */
  readonly staff?: Pick<StaffDirectory, 'listVersion' | 'replaceList'>;
  /** The Z head signatures waiting for the server (see `headSigned`). */
  readonly headSignatures?: HeadSignatureOutbox;
  /** The back office's kiosk switch for this till, as a pull or the live channel brings it. */
  readonly onKioskSwitch?: (kiosk: boolean) => Promise<void>;
}

export interface SyncAgent {
  readonly handlers: HandlersFor<'sync.'> & HandlersFor<'inventory.'> & HandlersFor<'customers.'>;
  status(): SyncStatus;
  /**
   * A Z head main just signed: kept until the server has checked it, sent as soon as the
   * server's chain reaches its seq (now, if a push already got there; else after the push
   * that does).
   */
  headSigned(signed: SignedHead): Promise<void>;
  /** stops listening and waits for a Z signature still being sent (it updates its outbox file) */
  close(): Promise<void>;
}

const NOT_ENROLLED = 'This till is not connected to a server (not enrolled).';

/**
 * Main's side of sync: it holds the enrolment and token and makes the requests; the page's
 * sync client decides what to push and when to pull (it owns the outbox in IndexedDB).
 * Until the till is enrolled every method answers `not_configured` and the status says so,
 * so the page shows "not connected" rather than pretending to be synced.
 */
export function createSyncAgent(options: SyncAgentOptions): SyncAgent {
  const { enrolment, events, logger } = options;
  const client =
    enrolment === null
      ? null
      : createServerClient({
          server: enrolment.server,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        });
  let live = false;
  let lastPushAt: string | null = null;
  let lastPullAt: string | null = null;
  let lastError: string | null = options.enrolmentError;

  const status = (): SyncStatus => ({
    enrolled: enrolment !== null,
    terminalId: options.terminalId(),
    venueId: enrolment?.venueId ?? null,
    server: enrolment?.server ?? null,
    live,
    lastPushAt,
    lastPullAt,
    lastError,
  });
  const changed = () => events.emit('sync.status', status());

  /** Sends one request as the terminal and keeps the status in step with how it went. */
  async function send<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    answer: z.ZodType<T>,
    body?: unknown,
  ): Promise<Result<T, IpcErrorCode>> {
    if (client === null || enrolment === null) return err('not_configured', NOT_ENROLLED);
    const result = await client.send({ method, path, answer, body, token: enrolment.token });
    const before = lastError;
    lastError = result.ok ? null : result.error.message;
    if (lastError !== before) changed();
    return result;
  }

  const query = (q: { after: number; limit: number; refundsAfter?: number | undefined }) =>
    `after=${q.after}&limit=${q.limit}` +
    (q.refundsAfter !== undefined ? `&refundsAfter=${q.refundsAfter}` : '');

  /** main's own journal head, added to every pull: the back office shows each window's queue. */
  const tillStatusQuery = () => `&tillHead=${options.anchoredSeq()}`;

  // The page's pulls (live, periodic, on reconnect) carry the venue's staff list version; main
  // fetches a newer list itself, so PIN hashes go from the server to main's file and nowhere
  // else. One fetch at a time: two quick pulls must not both fetch and write.
  let staffFetch: Promise<void> | null = null;
  function takeNewerStaff(announced: number | null): Promise<void> {
    const directory = options.staff;
    if (directory === undefined || announced === null) return Promise.resolve();
    const held = directory.listVersion();
    if (held !== null && announced <= held) return Promise.resolve();
    staffFetch ??= (async () => {
      try {
        const got = await send('GET', `/api/sync/staff?after=${held ?? -1}`, staffResponseSchema);
        if (!got.ok) {
          logger.warn(`staff list not fetched: ${got.error.message}`);
          return;
        }
        if (got.value.list !== null && (await directory.replaceList(got.value.list))) {
          events.emit('staff.changed', { version: got.value.list.version });
        }
      } catch (cause) {
        // The file could not be written: keep the list held, try again at the next pull.
        logger.error('could not take the server’s staff list', cause);
      } finally {
        staffFetch = null;
      }
    })();
    return staffFetch;
  }

  // Main acts on the switch itself; a failure to record it is logged and the next pull or
  // live event tries again (the switch is only taken once it is saved).
  async function kioskSwitch(kiosk: boolean): Promise<void> {
    try {
      await options.onKioskSwitch?.(kiosk);
    } catch (cause) {
      logger.error('the back office’s kiosk switch could not be taken', cause);
    }
  }

  // The server's head for this terminal as the last push answered it (0: none yet).
  let serverHeadSeq = 0;
  let sendingSignatures: Promise<void> | null = null;
  /** Sends the Z signatures the server's chain has reached, one request each, in seq order. */
  function sendHeadSignatures(): Promise<void> {
    const outbox = options.headSignatures;
    if (outbox === undefined || client === null || enrolment === null) return Promise.resolve();
    const { token } = enrolment;
    sendingSignatures ??= (async () => {
      try {
        for (const request of outbox.due(serverHeadSeq)) {
          // Past the status on purpose: a server that cannot take it yet (an older one
          // answers 404) must not show the cashier an error after every good push. It is
          // logged and tried again after the next push.
          const sent = await client.send({
            method: 'POST',
            path: '/api/sync/head-signature',
            answer: headSignatureResponseSchema,
            body: request,
            token,
          });
          if (!sent.ok) {
            logger.warn(`Z signature at seq ${request.head.seq} not sent: ${sent.error.message}`);
            return;
          }
          if (sent.value.status === 'mismatch') {
            logger.error(
              `The server raised the Z signature at seq ${request.head.seq}`,
              sent.value,
            );
          }
          await outbox.done(request);
        }
      } finally {
        sendingSignatures = null;
      }
    })();
    return sendingSignatures;
  }

  const syncHandlers: HandlersFor<'sync.'> = {
    'sync.status': () => Promise.resolve(ok(status())),
    async 'sync.push'({ entries }) {
      if (enrolment === null) return err('not_configured', NOT_ENROLLED);
      // The page may only send what main has anchored, as this terminal: the server checks the
      // chain too, but a page must not be able to put words in the terminal's mouth at all.
      const anchored = options.anchoredSeq();
      for (const entry of entries) {
        if (entry['terminalId'] !== enrolment.terminalId) {
          return err(
            'forbidden',
            'Only this till’s own journal entries can be sent to the server.',
          );
        }
        if (typeof entry['seq'] !== 'number' || entry['seq'] > anchored) {
          // Not a refusal of the till: its report to main is still on its way (or main was
          // unreachable a moment ago). Worth another try shortly, like a server not reached.
          return err(
            'unavailable',
            `Entry ${String(entry['seq'])} has not been recorded by this till yet; it is sent once it is.`,
            { code: 'not_anchored' },
          );
        }
      }
      const result = await send('POST', '/api/sync/push', pushResponseSchema, { entries });
      if (result.ok) {
        lastPushAt = new Date().toISOString();
        changed();
        serverHeadSeq = Math.max(serverHeadSeq, result.value.head.seq);
        await sendHeadSignatures();
      }
      return result;
    },
    async 'sync.pull'(q) {
      // A tillHead the page sent is not passed on (query() takes after and limit only).
      const result = await send(
        'GET',
        `/api/sync/pull?${query(q)}${tillStatusQuery()}`,
        pullResponseSchema,
      );
      if (result.ok) {
        lastPullAt = new Date().toISOString();
        changed();
        await takeNewerStaff(result.value.staffVersion ?? null);
        if (result.value.kioskMode !== undefined) await kioskSwitch(result.value.kioskMode);
      }
      return result;
    },
    'sync.journal': (q) => send('GET', `/api/sync/journal?${query(q)}`, ownJournalResponseSchema),
    'sync.catalog': (q) => send('GET', `/api/sync/catalog?after=${q.after}`, catalogResponseSchema),
    async 'sync.registerTicketKey'(key) {
      const result = await send('PUT', '/api/terminal/ticket-key', z.unknown(), key);
      return result.ok ? ok({}) : result;
    },
  };

  // Z copies: fetched when the live channel says one waits and whenever it (re)opens, so a
  // copy sent while this till was off or offline prints when it is back.
  const printZCopy = options.printZCopy;
  const zCopies =
    enrolment !== null && printZCopy !== undefined
      ? createZCopyRunner({
          send: (method, path, answer) => send(method, path, answer),
          print: printZCopy,
          logger,
        })
      : null;
  const fetchZCopies = () => void zCopies?.run();

  let channel: LiveChannel | null = null;
  if (enrolment !== null && options.live !== false) {
    channel = openLiveChannel({
      server: enrolment.server,
      token: enrolment.token,
      logger,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      onFeed: (cursor) => events.emit('sync.feed', { cursor }),
      onPrint: fetchZCopies,
      onKiosk: (kiosk) => void kioskSwitch(kiosk),
      onLive: (up) => {
        if (up) fetchZCopies();
        if (up === live) return;
        live = up;
        changed();
      },
    });
  }

  return {
    handlers: { ...syncHandlers, ...inventoryHandlers(send), ...customerHandlers(send) },
    status,
    async headSigned(signed) {
      if (options.headSignatures === undefined) return;
      await options.headSignatures.add(signed);
      // Not awaited: the Z's code is on the page's screen without waiting for the server.
      sendHeadSignatures().catch((cause: unknown) => logger.error('Z signatures not sent', cause));
    },
    async close() {
      channel?.close();
      await sendingSignatures?.catch(() => undefined);
    },
  };
}
