import { newTokenSecret, sha256Hex } from '../../src-server/auth/secrets';
import { formatToken } from '../../src-server/auth/terminal-auth';
import type { Db } from '../../src-server/db/port';
import { DEMO_VENUE } from '../../src-server/venues';

/**
 * What the server benches (inventory, sellout, sync) share: terminals of the
 * demo venue written into the database as enrolment would (enrolment's own limit of 10 a
 * minute is not what they measure), and plain JSON calls over loopback HTTP.
 */
export interface Terminal {
  readonly terminalId: string;
  readonly token: string;
}

/** `count` terminals `<venue>-<prefix><n>` (n from `from`), each with a bearer token. */
export async function provisionTerminals(
  db: Db,
  count: number,
  prefix = 'I',
  from = 1,
): Promise<Terminal[]> {
  const out: Terminal[] = [];
  for (let no = from; no < from + count; no++) {
    const terminalId = `${DEMO_VENUE.venueId}-${prefix}${no}`;
    const secret = newTokenSecret();
    await db.query(
      `INSERT INTO terminals (venue_id, terminal_id, terminal_no, name, public_key, token_hash)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [DEMO_VENUE.venueId, terminalId, no, `Bench ${no}`, `bench-key-${no}`, sha256Hex(secret)],
    );
    out.push({ terminalId, token: formatToken(DEMO_VENUE.venueId, terminalId, secret) });
  }
  return out;
}

export interface Answer {
  readonly status: number;
  readonly json: unknown;
}

/** One request; `who` is a terminal (its bearer token) or a whole Authorization header. */
export async function call(
  url: string,
  who: Pick<Terminal, 'token'> | string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const res = await fetch(url + path, {
    method,
    headers: {
      authorization: typeof who === 'string' ? who : `Bearer ${who.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

export function expectStatus(got: Answer, status: number, what: string): void {
  if (got.status !== status) {
    throw new Error(`${what}: ${got.status} ${JSON.stringify(got.json)}`);
  }
}
