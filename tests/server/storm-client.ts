/**
 * A simulated till's uploader for the storm test: pushes its journal from the head the
 * server acknowledged, in batches within the push limits (≤ 100 entries, ≤ 256 KB), one
 * request at a time, with exponential backoff and full jitter after any failure (reset,
 * timeout, 429, 5xx). One request per connection (`Connection: close`, no agent) so the
 * fault proxy can treat each request on its own. Any other refusal fails the run: in a
 * storm of lost responses, duplicates and restarts, a well-behaved till never gets one.
 */
import { request } from 'node:http';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { MAX_BATCH_BYTES, MAX_BATCH_ENTRIES } from '../../src-server/sync/push';
import { seeded } from './fault-proxy';

export interface HttpAnswer {
  readonly status: number;
  // Answers are read member by member in the tests (see harness.ts).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** One HTTP request on its own connection; rejects on reset or after `timeoutMs`. */
export function httpJson(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: string; auth?: string; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { connection: 'close' };
    if (options.auth) headers.authorization = options.auth;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(options.body);
    }
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method,
        agent: false,
        headers,
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          try {
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Batches from `from` (an index into entries): ≤ maxEntries and, with its envelope, ≤ 256 KB. */
export function nextBatch(
  entries: readonly DomainEntry[],
  from: number,
  maxEntries = MAX_BATCH_ENTRIES,
): { body: string; count: number } {
  const parts: string[] = [];
  let bytes = '{"entries":[]}'.length;
  for (let i = from; i < entries.length && parts.length < maxEntries; i++) {
    const json = JSON.stringify(entries[i]);
    // Bytes, not characters: names and reasons may be Cyrillic.
    const size = Buffer.byteLength(json) + (parts.length > 0 ? 1 : 0);
    if (parts.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
    parts.push(json);
    bytes += size;
  }
  return { body: `{"entries":[${parts.join(',')}]}`, count: parts.length };
}

interface PushAnswer {
  readonly acks: readonly { readonly seq: number; readonly hash: string }[];
  readonly head: { readonly seq: number; readonly hash: string };
}

/** The server answered something a correct server never would: retrying cannot help. */
export class ProtocolError extends Error {}

export interface UploaderStats {
  attempts: number;
  failures: number;
  /** Failures by kind: reset/timeout, HTTP status. */
  byKind: Record<string, number>;
  /** Times the server's head went below what it had acknowledged (an acknowledged entry lost). */
  rewinds: number;
}

export class StormUploader {
  /** Entries the server has acknowledged: entries[0 … acked-1]. */
  acked = 0;
  readonly stats: UploaderStats = { attempts: 0, failures: 0, byKind: {}, rewinds: 0 };
  private readonly random: () => number;

  constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly entries: readonly DomainEntry[],
    readonly options: { seed: number; maxBatch: number; baseDelayMs?: number; capMs?: number },
  ) {
    this.random = seeded(options.seed);
  }

  get done(): boolean {
    return this.acked >= this.entries.length;
  }

  /** Pushes until every entry is acknowledged, or throws on a refusal no retry can fix. */
  async drain(deadline: number): Promise<void> {
    let failuresInRow = 0;
    while (!this.done) {
      if (Date.now() > deadline)
        throw new Error(`till gave up at ${this.acked}/${this.entries.length}`);
      // Batch boundaries move between attempts, as a till's queue grows while it is offline.
      const size = 1 + Math.floor(this.random() * this.options.maxBatch);
      const batch = nextBatch(this.entries, this.acked, size);
      this.stats.attempts++;
      let failure: string | null = null;
      try {
        const res = await httpJson(this.baseUrl, 'POST', '/api/sync/push', {
          body: batch.body,
          auth: `Bearer ${this.token}`,
          timeoutMs: 5_000,
        });
        if (res.status === 200) this.accept(res.body as PushAnswer, batch.count);
        else if (res.status === 429 || res.status >= 500) failure = `http_${res.status}`;
        else if (res.status === 409 && res.body?.error?.code === 'chain_gap') {
          failure = 'chain_gap';
          await this.resync();
        } else {
          throw new ProtocolError(`push refused: ${res.status} ${JSON.stringify(res.body)}`);
        }
      } catch (error) {
        if (error instanceof ProtocolError) throw error;
        failure = 'network';
      }
      if (failure === null) {
        failuresInRow = 0;
        continue;
      }
      this.stats.failures++;
      this.stats.byKind[failure] = (this.stats.byKind[failure] ?? 0) + 1;
      failuresInRow++;
      const base = this.options.baseDelayMs ?? 20;
      const cap = this.options.capMs ?? 800;
      const ceiling = Math.min(cap, base * 2 ** Math.min(failuresInRow, 10));
      await new Promise((r) => setTimeout(r, Math.floor(this.random() * ceiling)));
    }
  }

  private accept(body: PushAnswer, count: number): void {
    const from = this.acked;
    if (body.acks.length !== count)
      throw new ProtocolError(`the server acknowledged ${body.acks.length} of ${count} entries`);
    body.acks.forEach((ack, i) => {
      const mine = this.entries[from + i]!;
      if (ack.seq !== mine.seq || ack.hash !== mine.hash)
        throw new ProtocolError(`the server acknowledged seq ${ack.seq} with another hash`);
    });
    const head = body.head;
    if (head.hash !== this.entries[head.seq - 1]?.hash)
      throw new ProtocolError(
        `the server reports head ${head.seq} with a hash this till never made`,
      );
    if (head.seq < this.acked) this.stats.rewinds++;
    this.acked = head.seq;
  }

  /** After chain_gap: the server holds less than it acknowledged; learn its head again. */
  private async resync(): Promise<void> {
    const me = await httpJson(this.baseUrl, 'GET', '/api/terminal', {
      auth: `Bearer ${this.token}`,
    });
    if (me.status !== 200) return;
    const seq = Number(me.body.head.seq);
    if (seq < this.acked) this.stats.rewinds++;
    this.acked = seq;
  }
}
