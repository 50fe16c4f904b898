import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  LIVE_FEED_EVENT,
  LIVE_KIOSK_EVENT,
  LIVE_PRINT_EVENT,
  liveFeedEventSchema,
  liveKioskEventSchema,
} from '../../shared/sync/contract';
import { authenticateTerminal } from '../auth/terminal-auth';
import { num, type Db } from '../db/port';
import { kioskModeOf } from '../sync/kiosk-switch';
import type { FeedNotifier } from '../sync/feed-notifier';

export const LIVE_HEARTBEAT_MS = 15_000;

/**
 * `GET /api/sync/live`: Server-Sent Events for one terminal. On open it sends the venue's
 * current feed head (a till that reconnects after missing events pulls at once), then one
 * `feed` event per committed push of the venue, and a comment line every heartbeat so
 * proxies keep the connection. Entries never travel here: the till pulls.
 */
export const liveRoutes: FastifyPluginCallbackZod<{
  db: Db;
  feed: FeedNotifier;
  heartbeatMs: number;
}> = (app, { db, feed, heartbeatMs }, done) => {
  const open = new Set<() => void>();
  // close() ends every stream first; forceCloseConnections would cut them anyway.
  app.addHook('preClose', (doneClosing) => {
    for (const end of [...open]) end();
    doneClosing();
  });

  app.get('/api/sync/live', async (request, reply) => {
    // Refusals (401/403) are ordinary JSON errors, before the stream starts.
    const terminal = await authenticateTerminal(db, request);
    // Subscribed before the head is read: a push that commits in between is either in the
    // head read or arrives as an event (held back until the stream has started).
    let started = false;
    let heldBack = 0;
    const unsubscribe = feed.subscribe(terminal.venueId, (cursor) => {
      if (started) sendFeed(cursor);
      else heldBack = Math.max(heldBack, cursor);
    });
    let head: number;
    try {
      const rows = await db.query<{ feed_pos: unknown }>(
        `SELECT feed_pos FROM venues WHERE venue_id = $1`,
        [terminal.venueId],
      );
      head = num(rows[0]?.feed_pos ?? 0);
    } catch (error) {
      unsubscribe();
      throw error;
    }
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-content-type-options': 'nosniff',
      // nginx and similar proxies would buffer the stream otherwise.
      'x-accel-buffering': 'no',
    });
    const send = (text: string) => {
      if (!res.destroyed && !res.writableEnded) res.write(text);
    };
    function sendFeed(cursor: number) {
      send(
        `event: ${LIVE_FEED_EVENT}\ndata: ${JSON.stringify(liveFeedEventSchema.parse({ cursor }))}\n\n`,
      );
    }
    sendFeed(Math.max(head, heldBack));
    started = true;
    const heartbeat = setInterval(() => send(': heartbeat\n\n'), heartbeatMs);
    // A print job queued for this till (a manager sent it a Z copy): it fetches its jobs.
    const stopPrint = feed.onPrintJob(terminal.venueId, terminal.terminalId, () =>
      send(`event: ${LIVE_PRINT_EVENT}\ndata: {}\n\n`),
    );
    // The kiosk switch: sent now (a till that was off when it was flipped acts on it at once)
    // and re-read from the database whenever a manager flips it, so the event always carries
    // the stored flag, never an old one from a signal that overtook another.
    const sendKiosk = async () => {
      try {
        const kiosk = await kioskModeOf(db, terminal.venueId, terminal.terminalId);
        if (kiosk !== null) {
          send(
            `event: ${LIVE_KIOSK_EVENT}\ndata: ${JSON.stringify(liveKioskEventSchema.parse({ kiosk }))}\n\n`,
          );
        }
      } catch (error) {
        request.log.warn({ err: error }, 'kiosk switch not read for the live stream');
      }
    };
    const stopKiosk = feed.onKioskSwitch(terminal.venueId, terminal.terminalId, () => {
      void sendKiosk();
    });
    void sendKiosk();
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      stopRevoked();
      stopPrint();
      stopKiosk();
      open.delete(end);
      if (!res.writableEnded) res.end();
    };
    // Revoked while open: the stream ends, and the till's reconnect is refused (403).
    const stopRevoked = feed.onRevoked(terminal.venueId, terminal.terminalId, () => {
      request.log.warn(
        { terminalId: terminal.terminalId },
        'live stream of a revoked terminal closed',
      );
      end();
    });
    open.add(end);
    // The response's 'close' (not the request's, which may fire once its body is read).
    res.on('close', end);
    // The client may have gone while the head was read: its 'close' has passed already.
    if (res.destroyed || res.socket?.destroyed === true) end();
    request.log.info({ terminalId: terminal.terminalId }, 'live stream opened');
  });
  done();
};
