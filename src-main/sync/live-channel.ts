import {
  LIVE_FEED_EVENT,
  LIVE_KIOSK_EVENT,
  LIVE_PRINT_EVENT,
  liveFeedEventSchema,
  liveKioskEventSchema,
} from '../../shared/sync/contract';
import type { Logger } from '../services/logger';

export interface LiveChannelOptions {
  readonly server: string;
  readonly token: string;
  /** The venue's feed grew to `cursor`: the page should pull. */
  readonly onFeed: (cursor: number) => void;
  /** A print job waits for this till (a manager sent it a Z copy): fetch the jobs. */
  readonly onPrint?: () => void;
  /** The back office's kiosk switch for this till (on open and whenever it is flipped). */
  readonly onKiosk?: (kiosk: boolean) => void;
  /** The stream opened (true) or dropped (false). */
  readonly onLive: (live: boolean) => void;
  readonly logger: Logger;
  readonly fetch?: typeof fetch;
  /** Reconnect delays: from `minDelayMs`, doubling to `maxDelayMs`, with full jitter. */
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
}

export interface LiveChannel {
  close(): void;
}

/**
 * The server's live channel (`GET /api/sync/live`, Server-Sent Events), held open by main
 * (the token never reaches the page) and turned into `onFeed` calls. The events carry only a
 * cursor, so a dropped connection costs a pull, never data. Reconnects forever with backoff
 * and jitter, so fifty tills coming back after a server restart do not all knock at once.
 */
export function openLiveChannel(options: LiveChannelOptions): LiveChannel {
  const doFetch = options.fetch ?? fetch;
  const minDelay = options.minDelayMs ?? 1_000;
  const maxDelay = options.maxDelayMs ?? 60_000;
  const controller = new AbortController();
  let closed = false;
  let failures = 0;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      controller.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });

  async function connectOnce(): Promise<void> {
    const response = await doFetch(`${options.server}/api/sync/live`, {
      headers: { authorization: `Bearer ${options.token}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (!response.ok || response.body === null) {
      await response.body?.cancel();
      throw new Error(`live channel refused: HTTP ${response.status}`);
    }
    failures = 0;
    options.onLive(true);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  function dispatch(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue; // a heartbeat comment
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (event === LIVE_PRINT_EVENT) {
      options.onPrint?.();
      return;
    }
    if ((event !== LIVE_FEED_EVENT && event !== LIVE_KIOSK_EVENT) || data.length === 0) return;
    let json: unknown;
    try {
      json = JSON.parse(data.join('\n'));
    } catch {
      json = undefined;
    }
    if (event === LIVE_KIOSK_EVENT) {
      const kiosk = liveKioskEventSchema.safeParse(json);
      if (kiosk.success) options.onKiosk?.(kiosk.data.kiosk);
      else options.logger.warn('live channel: a kiosk event without its switch was ignored');
      return;
    }
    const parsed = liveFeedEventSchema.safeParse(json);
    if (parsed.success) options.onFeed(parsed.data.cursor);
    else options.logger.warn('live channel: an event that is not a feed cursor was ignored');
  }

  void (async () => {
    while (!closed) {
      try {
        await connectOnce();
      } catch (cause) {
        if (closed) break;
        failures++;
        if (failures === 1) options.logger.warn(`live channel: ${String(cause)}; reconnecting`);
      }
      if (closed) break;
      options.onLive(false);
      const ceiling = Math.min(maxDelay, minDelay * 2 ** Math.min(failures, 16));
      await sleep(Math.random() * ceiling);
    }
  })();

  return {
    close() {
      closed = true;
      controller.abort();
    },
  };
}
