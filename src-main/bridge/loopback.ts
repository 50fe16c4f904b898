import { isIP } from 'node:net';

/** Thrown at start-up only (a configuration mistake), never across the contract boundary. */
export class BridgeBindError extends Error {
  override name = 'BridgeBindError';
}

/** True for 127.0.0.0/8, ::1 and the IPv4-mapped ::ffff:127.x.y.z forms, and for "localhost". */
export function isLoopbackHost(host: string): boolean {
  const h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (h.toLowerCase() === 'localhost') return true;
  const kind = isIP(h);
  if (kind === 4) return h.split('.')[0] === '127';
  if (kind === 6) {
    const lower = h.toLowerCase();
    if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    return mapped?.[1] !== undefined && isLoopbackHost(mapped[1]);
  }
  return false;
}

/**
 * The bridge drives the printer and the cash drawer, so it must never be reachable from the
 * network: any host that is not a loopback literal is refused with a sentence saying why.
 * "localhost" is bound as 127.0.0.1 so a resolver quirk cannot widen the bind.
 */
export function loopbackBindHost(host: string): string {
  if (!isLoopbackHost(host)) {
    throw new BridgeBindError(
      `Refusing to bind the device bridge to "${host}": it controls the printer and cash drawer, ` +
        'so it only listens on loopback (127.0.0.1 or ::1).',
    );
  }
  const h = host.startsWith('[') ? host.slice(1, -1) : host;
  return h.toLowerCase() === 'localhost' ? '127.0.0.1' : h;
}
