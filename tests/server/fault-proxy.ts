/**
 * A loopback TCP proxy (node:net, port 0) that sits between simulated tills and the server
 * and misbehaves on command, the way a venue's network does: it drops a response after the
 * request went through (the server committed, the till never heard), sends a request twice
 * (the copy arrives late, after the till moved on), and delays requests so they overtake
 * each other. One HTTP request per connection (the clients send `Connection: close`), so a
 * request is whole once its headers and Content-Length bytes are in. The upstream can be
 * switched while it runs (a restarted server listens on a new port); while it is null or
 * down, connections are reset.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Faults {
  /** Share of requests whose response is thrown away and the till's connection reset. */
  readonly dropResponse: number;
  /** Share of requests sent a second time, later; the copy's response goes nowhere. */
  readonly duplicate: number;
  /** Each request waits a random 0…maxDelayMs before it is forwarded. */
  readonly maxDelayMs: number;
}

export const NO_FAULTS: Faults = { dropResponse: 0, duplicate: 0, maxDelayMs: 0 };

export interface ProxyStats {
  requests: number;
  forwarded: number;
  droppedResponses: number;
  duplicates: number;
  delayed: number;
  /** Requests reset because the server was down (no upstream, connection refused). */
  refused: number;
  /** Requests the server took but never answered (it died with them in flight). */
  cutInFlight: number;
}

/** Deterministic randomness (mulberry32): a failing run can be replayed with its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** The length of a whole request in `buf`, or null while it is still incomplete. */
function requestLength(buf: Buffer): number | null {
  const end = buf.indexOf(HEADER_END);
  if (end < 0) return null;
  const head = buf.subarray(0, end).toString('latin1');
  const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  const total = end + HEADER_END.length + (m ? Number(m[1]) : 0);
  return buf.length >= total ? total : null;
}

export class FaultProxy {
  faults: Faults = NO_FAULTS;
  upstreamPort: number | null = null;
  readonly stats: ProxyStats = {
    requests: 0,
    forwarded: 0,
    droppedResponses: 0,
    duplicates: 0,
    delayed: 0,
    refused: 0,
    cutInFlight: 0,
  };
  /** Requests handed to the server whose response has not come back yet. */
  inFlight = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly random: () => number;

  constructor(seed = 1) {
    this.random = seeded(seed);
    this.server = createServer((client) => this.accept(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    return (this.server.address() as AddressInfo).port;
  }

  /** Resolves once a request is at the server and unanswered (to kill the server mid-batch). */
  async requestInFlight(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.inFlight === 0) {
      if (Date.now() > until) throw new Error('no request reached the server in time');
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  /** Resolves when no request is waiting, in flight or due to be duplicated. */
  async idle(timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.inFlight > 0 || this.timers.size > 0) {
      if (Date.now() > until) throw new Error('the proxy did not go idle');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    // Resets are the point of this proxy: an error on either side only ends that exchange.
    socket.on('error', () => undefined);
    return socket;
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private accept(client: Socket): void {
    this.track(client);
    let buf = Buffer.alloc(0);
    let taken = false;
    client.on('data', (chunk: Buffer) => {
      if (taken) return;
      buf = Buffer.concat([buf, chunk]);
      const length = requestLength(buf);
      if (length === null) return;
      taken = true;
      const request = buf.subarray(0, length);
      this.stats.requests++;
      const f = this.faults;
      const delay = f.maxDelayMs > 0 ? Math.floor(this.random() * f.maxDelayMs) : 0;
      const drop = this.random() < f.dropResponse;
      const duplicate = this.random() < f.duplicate;
      if (delay > 0) this.stats.delayed++;
      if (drop) this.stats.droppedResponses++;
      this.later(delay, () => this.forward(request, client, drop ? 'drop' : 'deliver'));
      if (duplicate) {
        this.stats.duplicates++;
        // The copy arrives well after the original: the till has usually moved on by then.
        this.later(delay + Math.floor(this.random() * 3 * Math.max(f.maxDelayMs, 50)), () =>
          this.forward(request, null, 'discard'),
        );
      }
    });
  }

  /**
   * Sends `request` to the server; its response goes to `client`, is dropped (the client's
   * connection reset once the server answered), or goes nowhere.
   */
  private forward(request: Buffer, to: Socket | null, mode: 'deliver' | 'drop' | 'discard'): void {
    // A till that gave up waiting has gone, but its request still arrives, late: the
    // network does not take back what it carries.
    const client = to?.destroyed ? null : to;
    const deliver = mode === 'deliver' && client !== null;
    if (this.upstreamPort === null) {
      this.stats.refused++;
      client?.destroy();
      return;
    }
    const upstream = this.track(connect(this.upstreamPort, '127.0.0.1'));
    let answered = false;
    let connected = false;
    this.inFlight++;
    const settle = () => {
      if (!answered) {
        answered = true;
        this.inFlight--;
      }
    };
    upstream.on('connect', () => {
      connected = true;
      this.stats.forwarded++;
      upstream.write(request);
    });
    upstream.on('data', (chunk: Buffer) => {
      settle();
      if (deliver) client.write(chunk);
      else if (mode === 'drop' && client && !client.destroyed) client.resetAndDestroy();
    });
    upstream.on('end', () => {
      settle();
      if (deliver) client.end();
    });
    upstream.on('close', (hadError) => {
      if (!answered) this.stats[connected ? 'cutInFlight' : 'refused']++;
      settle();
      if (hadError || !deliver) client?.destroy();
    });
  }
}
