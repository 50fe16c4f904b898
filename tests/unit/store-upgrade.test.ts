import Dexie from 'dexie';
import { ok } from '../../shared/util/result';
import { describe, expect, it } from 'vitest';
import { BoxOfficeDb } from '../../src-renderer/store/db';
import { sealEntries, verifyChain } from '../../shared/journal/chain';
import { draft, type EntryDraft } from '../../shared/journal/entry-types';
import { JournalWriter } from '../../src-renderer/store/commit-journal';
import {
  CURRENT_VERSION,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V4,
  SCHEMA_V5,
  SCHEMA_V6,
  SCHEMA_V7,
  parseV1PinHash,
} from '../../src-renderer/store/schema';
import { packBacklog } from '../../src-renderer/store/journal-packs';
import { verifyStoredChain } from '../../src-renderer/app/journal-anchor';
import { tallyOf } from '../../shared/shift/tally';
import { saleDay } from './journal-sales';
import {
  journalOf,
  journalOfShift,
  orderByReceipt,
  performancesTodayFirst,
  ticketByCode,
  ticketsByOrder,
  terminalStateOf,
} from '../../src-renderer/store/queries';
import { twoShiftDay } from './journal-day';
import { freshFactory } from './store-fixtures';
import { setTicketStatus, validTicketsByTier } from '../../src-renderer/store/ticket-counts';
import { keepVenueCount, venueCountOf } from '../../src-renderer/store/venue-counts';

describe('schema upgrade v1 → v2', () => {
  it('carries v1 data over: staff PIN strings become structured hashes, performances get searchText', async () => {
    const factory = freshFactory();
    const v1 = new Dexie('till', factory);
    v1.version(1).stores(SCHEMA_V1);
    const pin = {
      algorithm: 'PBKDF2-SHA256',
      iterations: 100_000,
      salt: 'c2FsdA==',
      hash: 'aGFzaA==',
    };
    await v1.table('events').bulkPut([
      { id: 'hamlet', venueId: 'v', name: 'Hamlet' },
      { id: 'jazz', venueId: 'v', name: 'Jazz Night' },
    ]);
    await v1.table('performances').bulkPut([
      {
        id: 'hamlet-1',
        eventId: 'hamlet',
        startsAt: '2026-11-22T17:00:00.000Z',
        status: 'scheduled',
      },
      { id: 'jazz-1', eventId: 'jazz', startsAt: '2026-11-23T18:00:00.000Z', status: 'scheduled' },
    ]);
    await v1.table('staff').bulkPut([
      {
        id: 'olena',
        name: 'Olena',
        role: 'cashier',
        pinHash: `pbkdf2-sha256$${pin.iterations}$${pin.salt}$${pin.hash}`,
      },
      { id: 'broken', name: 'Broken', role: 'cashier', pinHash: 'md5$abc' },
    ]);
    await v1.table('orders').put({
      id: 'o1',
      terminalId: 'T1',
      receiptNumber: 7,
      at: '2026-11-20T10:00:00.000Z',
      status: 'completed',
    });
    await v1.table('counters').put({ name: 'receipt:T1', value: 7 });
    v1.close();

    const v2 = new BoxOfficeDb('till', factory);
    await v2.open();
    expect(v2.verno).toBe(CURRENT_VERSION);

    const olena = await v2.staff.get('olena');
    expect(olena).toMatchObject({ failedPins: 0, lockedUntil: null, pin });
    expect(olena && 'pinHash' in olena).toBe(false);
    // An unreadable v1 PIN cannot be checked: that record is dropped, not kept unprotected.
    expect(await v2.staff.get('broken')).toBeUndefined();

    expect((await v2.performances.get('jazz-1'))?.searchText).toBe('jazz night jazz-1');
    const found = await performancesTodayFirst(v2, {
      now: new Date('2026-11-22T08:00:00Z'),
      timeZone: 'Europe/Kyiv',
      search: 'JAZZ',
    });
    expect(found.today).toEqual([]);
    expect(found.upcoming.map((p) => p.id)).toEqual(['jazz-1']);

    // The new compound index answers for orders written by v1.
    expect((await orderByReceipt(v2, 'T1', 7))?.id).toBe('o1');
    expect((await v2.orders.get('o1'))?.customerKey).toBe('');
    expect((await v2.counters.get('receipt:T1'))?.value).toBe(7);
    // And v2's new table exists.
    await v2.carts.put({
      terminalId: 'T1',
      updatedAt: '2026-11-22T08:00:00Z',
      cart: { lines: [] },
    });
    expect(await v2.carts.count()).toBe(1);
    v2.close();
  });

  it('parses only well-formed v1 PIN strings', () => {
    expect(parseV1PinHash('pbkdf2-sha256$100000$c2FsdA==$aGFzaA==')).toEqual({
      algorithm: 'PBKDF2-SHA256',
      iterations: 100000,
      salt: 'c2FsdA==',
      hash: 'aGFzaA==',
    });
    for (const bad of [
      '',
      'pbkdf2-sha256$x$a$b',
      'sha1$1000$a$b',
      'pbkdf2-sha256$1000$a',
      'pbkdf2-sha256$1000$a$b$c',
      42,
    ]) {
      expect(parseV1PinHash(bad)).toBeNull();
    }
  });
});

describe('schema upgrade v2 → v3', () => {
  it('keeps v2 journal entries exactly as sealed (no v), and fills shiftId and the checkpoint', async () => {
    const factory = freshFactory();
    const till = await twoShiftDay();
    // The entries as a v2 till wrote them: no `v` member, hashed without one.
    const earlier = till.entries.map((d): EntryDraft => {
      const { v, ...rest } = d as EntryDraft;
      expect(v).toBe(1);
      return rest;
    });
    const sealed = await sealEntries('T01', null, earlier);
    const v2 = new Dexie('till', factory);
    v2.version(2).stores(SCHEMA_V2);
    await v2.table('journal').bulkAdd(sealed);
    v2.close();

    const v3 = new BoxOfficeDb('till', factory);
    await v3.open();
    expect(v3.verno).toBe(CURRENT_VERSION);
    expect(CURRENT_VERSION).toBe(8);

    // Read through the contract, unchanged, and the chain still verifies.
    const read = await journalOf(v3, 'T01');
    expect(read).toEqual(sealed);
    expect(read.some((e) => 'v' in e)).toBe(false);
    expect(await verifyChain(read)).toEqual({ ok: true });

    // The checkpoint is the fold of the whole journal; the index answers per shift.
    const checkpoint = await v3.checkpoints.get('T01');
    expect(checkpoint).toMatchObject({ seq: sealed.length, hash: sealed[sealed.length - 1]!.hash });
    expect(checkpoint?.state).toEqual(till.terminal);
    expect(await terminalStateOf(v3, 'T01')).toEqual(till.terminal);
    const current = till.terminal.shift!.shiftId;
    expect((await journalOfShift(v3, 'T01', current)).map((e) => e.type)).toEqual([
      'shift_open',
      'sale',
    ]);
    const unindexed = await v3.journal.filter((r) => r.shiftId === undefined).toArray();
    expect(unindexed.map((r) => r.type)).toEqual(['login', 'logout', 'login']);

    // The till carries on from there: the next entry is version 1 and the chain holds.
    const writer = new JournalWriter(v3, 'T01', () => new Date('2026-04-01T21:00:00.000Z'));
    const next = await writer.commitJournal((ctx) =>
      ok([draft('logout', ctx.now, { staff: till.terminal.session! })]),
    );
    expect(next.ok && next.value.entries[0]?.v).toBe(1);
    expect(await verifyChain(await journalOf(v3, 'T01'))).toEqual({ ok: true });
    v3.close();
  });
});

describe('schema upgrade v4 → v5', () => {
  it('counts the stored valid tickets per performance and tier once; the counts then follow', async () => {
    const factory = freshFactory();
    const v4 = new Dexie('till', factory);
    v4.version(4).stores(SCHEMA_V4);
    const ticket = (id: string, performanceId: string, tierId: string, status: string) => ({
      id,
      orderId: 'o-1',
      performanceId,
      code: `CODE-${id}`,
      status,
      tierId,
      ticket: {},
    });
    await v4
      .table('tickets')
      .bulkAdd([
        ticket('a', 'p-1', 'ga', 'valid'),
        ticket('b', 'p-1', 'ga', 'valid'),
        ticket('c', 'p-1', 'ga', 'refunded'),
        ticket('d', 'p-1', 'stalls', 'valid'),
        ticket('e', 'p-2', 'ga', 'used'),
      ]);
    v4.close();

    const v5 = new BoxOfficeDb('till', factory);
    await v5.open();
    expect(v5.verno).toBe(CURRENT_VERSION);
    expect(await validTicketsByTier(v5, 'p-1')).toEqual(
      new Map([
        ['ga', 2],
        ['stalls', 1],
      ]),
    );
    expect(await validTicketsByTier(v5, 'p-2')).toEqual(new Map());
    // A refund after the upgrade moves the count in the same transaction.
    await v5.transaction('rw', v5.tickets, v5.ticketCounts, () =>
      setTicketStatus(v5, 'a', 'refunded'),
    );
    expect((await validTicketsByTier(v5, 'p-1')).get('ga')).toBe(1);
    v5.close();
  });
});

describe('schema upgrade v5 → v6', () => {
  it('adds venueCounts, empty, beside the v5 data; the latest answer per performance is kept', async () => {
    const factory = freshFactory();
    const v5 = new Dexie('till', factory);
    v5.version(5).stores(SCHEMA_V5);
    await v5.table('ticketCounts').add({ performanceId: 'p-1', tierId: 'ga', valid: 2 });
    await v5.table('leases').add({
      id: 'l-1:ga:ga',
      performanceId: 'p-1',
      kind: 'ga',
      tierId: 'ga',
      quantity: 4,
      expiresAt: '2026-12-03T18:00:00.000Z',
      serverLeaseId: 'l-1',
    });
    v5.close();

    const v6 = new BoxOfficeDb('till', factory);
    await v6.open();
    expect(v6.verno).toBe(CURRENT_VERSION);
    expect(await v6.venueCounts.count()).toBe(0);
    expect(await validTicketsByTier(v6, 'p-1')).toEqual(new Map([['ga', 2]]));
    expect(await v6.leases.get('l-1:ga:ga')).toMatchObject({ quantity: 4, serverLeaseId: 'l-1' });

    const at = (hhmm: string) => `2026-12-03T${hhmm}:00.000Z`;
    await keepVenueCount(v6, { performanceId: 'p-1', seats: 5, ga: { ga: 9 }, at: at('14:05') });
    // An answer that arrives late (asked earlier) does not replace a newer one.
    await keepVenueCount(v6, { performanceId: 'p-1', seats: 7, ga: { ga: 9 }, at: at('14:01') });
    expect(await venueCountOf(v6, 'p-1')).toEqual({
      performanceId: 'p-1',
      seats: 5,
      ga: { ga: 9 },
      at: at('14:05'),
    });
    v6.close();
  });
});

describe('schema upgrade v6 → v7', () => {
  it('reads and verifies a v6 journal as it is, packs its backlog after start, and reads the same after', async () => {
    const factory = freshFactory();
    const day = await saleDay();
    // 130 entries as a v6 till stored them: whole rows, sales with nested payloads, shiftId.
    const sealed = await sealEntries('T01', null, day.drafts(0, 130, 1));
    const v6 = new Dexie('till', factory);
    v6.version(6).stores(SCHEMA_V6);
    await v6
      .table('journal')
      .bulkAdd(sealed.map((e) => (e.type === 'login' ? e : { ...e, shiftId: day.shiftId })));
    await v6.table('counters').put({ name: 'receipt:T01', value: 128 });
    v6.close();

    const v7 = new BoxOfficeDb('till', factory);
    await v7.open();
    expect(v7.verno).toBe(CURRENT_VERSION);
    expect(await v7.journalPacks.count()).toBe(0);
    expect(await journalOf(v7, 'T01')).toEqual(sealed);
    const xBefore = await journalOfShift(v7, 'T01', day.shiftId);
    expect(xBefore).toEqual(sealed.slice(1));
    expect(await verifyStoredChain(v7, 'T01', 0)).toEqual({ ok: true, value: 130 });

    // After start, a pack at a time: the shift then spans packed and unpacked entries.
    expect(await packBacklog(v7, 'T01', 1)).toBe(1);
    expect(await journalOfShift(v7, 'T01', day.shiftId)).toEqual(xBefore);
    expect(tallyOf(await journalOfShift(v7, 'T01', day.shiftId))).toEqual(tallyOf(xBefore));
    expect(await verifyStoredChain(v7, 'T01', 0)).toEqual({ ok: true, value: 130 });
    expect(await packBacklog(v7, 'T01', 10)).toBe(1);
    expect(await packBacklog(v7, 'T01', 10)).toBe(0);
    expect((await v7.counters.get('journal-packed:T01'))?.value).toBe(100);
    expect(await journalOf(v7, 'T01')).toEqual(sealed);
    expect(await journalOfShift(v7, 'T01', day.shiftId)).toEqual(xBefore);
    expect(await verifyStoredChain(v7, 'T01', 0)).toEqual({ ok: true, value: 130 });

    // The till carries on: the commit that completes the next pack reads its first 30
    // entries back (a fresh writer has none of them) and packs it.
    const writer = new JournalWriter(v7, 'T01', () => new Date('2026-04-01T21:00:00.000Z'));
    const next = await writer.commitJournal((ctx) => ok(day.drafts(130, 20, ctx.receiptNumber)));
    expect(next.ok).toBe(true);
    expect((await v7.counters.get('journal-packed:T01'))?.value).toBe(150);
    expect(await verifyStoredChain(v7, 'T01', 0)).toEqual({ ok: true, value: 150 });
    expect(await journalOf(v7, 'T01')).toEqual([...sealed, ...(next.ok ? next.value.entries : [])]);
    v7.close();
  });
});

describe('schema upgrade v7 → v8', () => {
  it('drops the indexes nothing reads and keeps every row and every query a till makes', async () => {
    const factory = freshFactory();
    const day = await saleDay();
    const sealed = await sealEntries('T01', null, day.drafts(0, 40, 1));
    const v7 = new Dexie('till', factory);
    v7.version(7).stores(SCHEMA_V7);
    await v7
      .table('journal')
      .bulkAdd(sealed.map((e) => (e.type === 'login' ? e : { ...e, shiftId: day.shiftId })));
    const ticket = (id: string, orderId: string, status: string) => ({
      id,
      orderId,
      performanceId: 'p-1',
      tierId: 'ga',
      code: `CODE-${id}`,
      status,
      ticket: { ticketId: id },
    });
    await v7
      .table('tickets')
      .bulkAdd([
        ticket('t1', 'o1', 'valid'),
        ticket('t2', 'o1', 'refunded'),
        ticket('t3', 'o2', 'valid'),
      ]);
    await v7.table('ticketCounts').put({ performanceId: 'p-1', tierId: 'ga', valid: 2 });
    v7.close();

    const v8 = new BoxOfficeDb('till', factory);
    await v8.open();
    expect(v8.verno).toBe(CURRENT_VERSION);
    // The stores IndexedDB now keeps: only the indexes a query reads.
    const idb = v8.backendDB();
    const names = (store: string) => [...idb.transaction(store).objectStore(store).indexNames];
    expect(names('tickets').sort()).toEqual(['code', 'orderId']);
    expect(names('journal')).toEqual(['[shiftId+seq]']);

    // Every row is still there and read the same way.
    expect(await journalOf(v8, 'T01')).toEqual(sealed);
    expect(await journalOfShift(v8, 'T01', day.shiftId)).toEqual(sealed.slice(1));
    expect((await ticketsByOrder(v8, 'o1')).map((t) => t.id).sort()).toEqual(['t1', 't2']);
    expect((await ticketByCode(v8, 'CODE-t3'))?.id).toBe('t3');
    expect(await validTicketsByTier(v8, 'p-1')).toEqual(new Map([['ga', 2]]));
    // The code stays unique.
    await expect(
      v8.tickets.add({ ...ticket('t4', 'o3', 'valid'), code: 'CODE-t1' } as never),
    ).rejects.toThrow();
    v8.close();
  });
});
