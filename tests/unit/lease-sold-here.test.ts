/**
 * What this terminal's own sales took since a lease was checked out (src-renderer/store/
 * leases.ts): one orders-since read behind the GA slice's count and the lease's sizing.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { gaSoldHereSince, setTicketStatus, soldHereSince } from '../../src-renderer/store';
import { NOW } from './flows-fixtures';
import { closeTills, openDemoTill, sellGa, sellSeats } from './till-fixtures';

afterEach(closeTills);

const GA = 'dnipro-lights-1';
const SEATED = 'forest-song-1';
const before = new Date(NOW - 60_000).toISOString();
const after = new Date(NOW + 60_000).toISOString();

describe('sold here since', () => {
  it('counts this terminal’s places of the performance; the GA slice leaves out refunded ones', async () => {
    const till = await openDemoTill();
    await sellGa(till, GA, 'ga-standing', 3);
    await sellSeats(till, SEATED, 'standard', ['stalls-10-9', 'stalls-10-10']);
    const { db } = till.store;
    const one = (await db.tickets.toArray()).find((t) => t.performanceId === GA);
    await db.transaction('rw', db.tickets, db.ticketCounts, () =>
      setTicketStatus(db, one!.id, 'refunded'),
    );

    expect(await gaSoldHereSince(db, 'T1', GA, 'ga-standing', before)).toBe(2);
    expect(await gaSoldHereSince(db, 'T1', GA, 'ga-other', before)).toBe(0);
    // The sizing input counts every place sold in the window, refunded or not.
    expect(await soldHereSince(db, 'T1', GA, before)).toEqual({ seats: 0, ga: 3 });
    expect(await soldHereSince(db, 'T1', SEATED, before)).toEqual({ seats: 2, ga: 0 });
    // Another terminal's, or before `since`: none.
    expect(await soldHereSince(db, 'T2', GA, before)).toEqual({ seats: 0, ga: 0 });
    expect(await gaSoldHereSince(db, 'T2', GA, 'ga-standing', before)).toBe(0);
    expect(await soldHereSince(db, 'T1', GA, after)).toEqual({ seats: 0, ga: 0 });
    expect(await gaSoldHereSince(db, 'T1', GA, 'ga-standing', after)).toBe(0);
  });
});
