import Dexie from 'dexie';
import { localDay } from '../i18n/format-date';
import type { BoxOfficeDb } from './db';
import type { TerminalState } from '../../shared/commands/terminal-state';
import type { DomainEntry } from '../../shared/journal/entry-types';
import { readTail } from './commit-journal';
import { readEntries } from './journal-packs';
import type { OrderRecord, PerformanceRecord, SeatStateRecord, TicketRecord } from './records';

/**
 * Read helpers for the flows and the status bar. Each reads only through Dexie tables, so it
 * can be wrapped in `liveQuery(() => outboxLength(db))` / `useLiveQuery` and re-run when the
 * tables it touched change.
 */

export interface PerformanceList {
  /** Today's performances at the venue (in its time zone), earliest first. */
  readonly today: readonly PerformanceRecord[];
  /** Later ones, earliest first. */
  readonly upcoming: readonly PerformanceRecord[];
}

export interface PerformanceQuery {
  readonly now: Date;
  readonly timeZone: string;
  /** Matches event name or performance id, case-insensitive; '' or absent for all. */
  readonly search?: string;
  /** Also list performances that already started today (default true: latecomers buy too). */
  readonly includeStartedToday?: boolean;
  readonly limit?: number;
}

export async function performancesTodayFirst(
  db: BoxOfficeDb,
  query: PerformanceQuery,
): Promise<PerformanceList> {
  const today = localDay(query.timeZone, query.now);
  // Everything from 36 h ago covers "today" in any time zone; older shows are not for sale.
  const from = new Date(query.now.getTime() - 36 * 3_600_000).toISOString();
  const needle = (query.search ?? '').trim().toLocaleLowerCase();
  const limit = query.limit ?? 200;
  const todays: PerformanceRecord[] = [];
  const upcoming: PerformanceRecord[] = [];
  await db.performances
    .where('startsAt')
    .aboveOrEqual(from)
    .until(() => todays.length + upcoming.length >= limit)
    .each((p) => {
      if (needle !== '' && !p.searchText.includes(needle)) return;
      const day = localDay(query.timeZone, p.startsAt);
      if (day === today) {
        if (query.includeStartedToday !== false || p.startsAt >= query.now.toISOString())
          todays.push(p);
      } else if (day > today) {
        upcoming.push(p);
      }
    });
  return { today: todays, upcoming };
}

export function orderByReceipt(
  db: BoxOfficeDb,
  terminalId: string,
  receiptNumber: number,
): Promise<OrderRecord | undefined> {
  return db.orders.where('[terminalId+receiptNumber]').equals([terminalId, receiptNumber]).first();
}

/** Orders whose customer name/e-mail starts with the text (refund screen search). */
export function ordersByCustomer(
  db: BoxOfficeDb,
  text: string,
  limit = 50,
): Promise<OrderRecord[]> {
  const key = text.trim().toLocaleLowerCase();
  if (key === '') return Promise.resolve([]);
  return db.orders.where('customerKey').startsWith(key).limit(limit).toArray();
}

export function ticketByCode(db: BoxOfficeDb, code: string): Promise<TicketRecord | undefined> {
  return db.tickets.where('code').equals(code).first();
}

export function ticketsByOrder(db: BoxOfficeDb, orderId: string): Promise<TicketRecord[]> {
  return db.tickets.where('orderId').equals(orderId).toArray();
}

export function seatStatesFor(db: BoxOfficeDb, performanceId: string): Promise<SeatStateRecord[]> {
  return db.seatStates.where('performanceId').equals(performanceId).toArray();
}

/*
 * The journal reads below hand out entries the journal contract accepted (they throw a
 * StoreError('io_error') naming the entry otherwise), stripped of the store's own index
 * members and read through their packs (readEntries), so what they return is exactly what was
 * sealed and verifyChain can check it.
 */

/** The newest `count` entries of a terminal's journal, oldest first. */
export async function journalTail(
  db: BoxOfficeDb,
  terminalId: string,
  count: number,
): Promise<DomainEntry[]> {
  const newestFirst = await db.journal
    .where('[terminalId+seq]')
    .between([terminalId, Dexie.minKey], [terminalId, Dexie.maxKey])
    .reverse()
    .limit(count)
    .toArray();
  return readEntries(db, newestFirst.reverse());
}

/** A terminal's whole journal in seq order (for verifyChain; never on a till's hot path). */
export async function journalOf(db: BoxOfficeDb, terminalId: string): Promise<DomainEntry[]> {
  return readEntries(
    db,
    await db.journal
      .where('[terminalId+seq]')
      .between([terminalId, Dexie.minKey], [terminalId, Dexie.maxKey])
      .toArray(),
  );
}

/**
 * One shift's entries of a terminal in seq order, by the `[shiftId+seq]` index: from its
 * shift_open to its shift_close (or the latest entry while it is open), including the logins
 * and approvals written while it was open. Reads that shift only, however long the journal.
 */
export async function journalOfShift(
  db: BoxOfficeDb,
  terminalId: string,
  shiftId: string,
): Promise<DomainEntry[]> {
  const records = await db.journal
    .where('[shiftId+seq]')
    .between([shiftId, Dexie.minKey], [shiftId, Dexie.maxKey])
    .toArray();
  return readEntries(
    db,
    records.filter((r) => r.terminalId === terminalId),
  );
}

/** The terminal's state at its latest entry: its checkpoint plus the entries after it. */
export async function terminalStateOf(db: BoxOfficeDb, terminalId: string): Promise<TerminalState> {
  return (await readTail(db, terminalId)).state;
}

/** Entries waiting to be pushed to the server: the status bar's sync queue length. */
export function outboxLength(db: BoxOfficeDb): Promise<number> {
  return db.outbox.count();
}
