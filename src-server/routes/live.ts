import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { LIVE_FEED_EVENT, liveFeedEventSchema } from '../../shared/sync/contract';
import { authenticateTerminal } from '../auth/terminal-auth';
import { num, type Db } from '../db/port';
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
    const rows = await db.query<{ feed_pos: unknown }>(
      `SELECT feed_pos FROM venues WHERE venue_id = $1`,
      [terminal.venueId],
    );
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
    const sendFeed = (cursor: number) =>
      send(
        `event: ${LIVE_FEED_EVENT}\ndata: ${JSON.stringify(liveFeedEventSchema.parse({ cursor }))}\n\n`,
      );
    sendFeed(num(rows[0]?.feed_pos ?? 0));
    const unsubscribe = feed.subscribe(terminal.venueId, sendFeed);
    const heartbeat = setInterval(() => send(': heartbeat\n\n'), heartbeatMs);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(end);
      if (!res.writableEnded) res.end();
    };
    open.add(end);
    request.raw.on('close', end);
    res.on('close', end);
    request.log.info({ terminalId: terminal.terminalId }, 'live stream opened');
  });
  done();
};
