import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type {
  AnchorComparison,
  AnchorHead,
  HeadOnFile,
  StoreTail,
} from '../../shared/journal/anchor';
import { compareWithHead, signHead, type SignedHead } from '../../shared/journal/anchor';
import type { CashMovement } from '../../shared/journal/cash-movement';
import { cashMovedBy } from '../../shared/journal/cash-movement';
import { GENESIS_PREV_HASH, verifyChain } from '../../shared/journal/chain';
import { parseJournalEntry } from '../../shared/journal/entry-schema';
import type { DomainEntry } from '../../shared/journal/entry-types';
import type { ReportRefusal } from '../../shared/ipc/journal-anchor';
import { err, ok, type Result } from '../../shared/util/result';
import { readTextIfExists, writeFileDurable } from '../devices/durable-file';
import type { HandlersFor } from './handlers';
import type { Logger } from './logger';
import { parseJsonSafely, type Quarantine } from './quarantine';

/**
 * Main's anchor of the terminal's journal (issue 8 items 3 and 4): an fsync'd head file
 * (terminal, seq, hash, last receipt number) outside IndexedDB, moved only by reported entries
 * that pass the journal contract, re-hash to what they say and chain onto it. It also remembers
 * which recent entries move cash: the drawer opens only for one of those.
 */
export const headFileName = 'journal-head.json';

/** How many reported cash-moving entries are kept for the drawer: the last few minutes' worth. */
const CASH_KEPT = 64;

const headFileSchema = z.strictObject({
  v: z.literal(1),
  head: z.strictObject({
    terminalId: z.string().min(1),
    seq: z.number().int().min(0),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    lastReceiptNo: z.number().int().min(0),
  }),
  cash: z.array(
    z.strictObject({
      seq: z.number().int().min(1),
      in: z.number().int().min(0),
      out: z.number().int().min(0),
    }),
  ),
  updatedAt: z.string(),
});
type HeadFile = z.infer<typeof headFileSchema>;

export type ReportOutcome =
  | {
      readonly status: 'accepted';
      readonly head: AnchorHead;
      readonly cash: ({ seq: number } & CashMovement)[];
    }
  | { readonly status: 'refused'; readonly reason: ReportRefusal; readonly message: string };

/** A reference to one journal entry: what `printer.openDrawer` names. */
export interface JournalRef {
  readonly terminalId: string;
  readonly seq: number;
}

/**
 * Whether an approval entry stands: its token was issued and redeemed by main for exactly that
 * binding, and no other entry spent it (createServices wires the staff service's check).
 */
export type ApprovalEntryCheck = (
  entry: Extract<DomainEntry, { type: 'approval' }>,
) => boolean | Promise<boolean>;
/** Whether main lets this person sign in now (a kiosk signs in nobody main has not checked). */
export type LoginEntryCheck = (entry: Extract<DomainEntry, { type: 'login' }>) => boolean;

export interface JournalAnchor {
  readonly handlers: HandlersFor<'journal.'>;
  /** The head main holds, or null when there is none (a new till) or it was damaged. */
  head(): AnchorHead | null;
  /**
   * May the drawer open for this entry? Yes only for an entry main accepted, of this terminal,
   * that moves cash, while main and the store agree. The once-only rule is the drawer log's.
   */
  cashEntry(ref: JournalRef): Result<CashMovement, 'forbidden'>;
  /**
   * Resolves once every report, comparison and signing already asked for has written its head
   * file: closing main waits for it, so no write lands in a data folder being removed.
   */
  settled(): Promise<void>;
}

export interface JournalAnchorOptions {
  readonly dataDir: string;
  readonly terminalId: string;
  readonly logger: Logger;
  readonly quarantine: Quarantine;
  readonly demo: boolean;
  /** The terminal's Ed25519 seed (terminal-identity.ts), for signing the head at a Z. */
  readonly signingKey: () => Promise<Uint8Array>;
  readonly approvalCheck?: ApprovalEntryCheck;
  readonly loginCheck?: LoginEntryCheck;
  readonly now?: () => Date;
  /**
   * Hands each signed head on before `journal.signHead` answers (the sync agent keeps it
   * until the server has checked it). A failure there is logged; the Z still gets its code.
   */
  readonly onSigned?: (signed: SignedHead) => Promise<void>;
}

async function loadHead(
  path: string,
  quarantine: Quarantine,
  terminalId: string,
): Promise<{ onFile: HeadOnFile; cash: Map<number, CashMovement> }> {
  const cash = new Map<number, CashMovement>();
  const text = await readTextIfExists(path);
  if (text === null) return { onFile: { kind: 'absent' }, cash };
  const json = parseJsonSafely(text);
  const parsed = json.ok ? headFileSchema.safeParse(json.value) : null;
  if (!parsed?.success || parsed.data.head.terminalId !== terminalId) {
    await quarantine.moveAside(
      path,
      !json.ok
        ? 'journal head is not JSON (torn or overwritten)'
        : !parsed?.success
          ? 'not a journal head'
          : 'journal head of another terminal',
    );
    return { onFile: { kind: 'damaged' }, cash };
  }
  for (const c of parsed.data.cash) cash.set(c.seq, { in: c.in, out: c.out });
  return { onFile: { kind: 'present', head: parsed.data.head }, cash };
}

/** The last non-training receipt number among entries, or `before` if none took one. */
function lastReceiptNo(before: number, entries: readonly DomainEntry[]): number {
  let last = before;
  for (const e of entries) {
    const p = e.payload as { receiptNo?: unknown; training?: unknown };
    if (typeof p.receiptNo === 'number' && p.training !== true) last = Math.max(last, p.receiptNo);
  }
  return last;
}

export async function createJournalAnchor(opts: JournalAnchorOptions): Promise<JournalAnchor> {
  const path = join(opts.dataDir, headFileName);
  const now = opts.now ?? (() => new Date());
  const { logger } = opts;
  const loaded = await loadHead(path, opts.quarantine, opts.terminalId);
  let onFile: HeadOnFile = loaded.onFile;
  let cash = loaded.cash;
  /** Why main and the store disagree (a refused report or a damaged comparison), else null. */
  let disagreement: string | null = onFile.kind === 'damaged' ? 'the head file was damaged' : null;
  // Reports, comparisons and resets one at a time: each reads and moves the same head.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  }

  const currentHead = (): AnchorHead | null => (onFile.kind === 'present' ? onFile.head : null);

  async function persist(head: AnchorHead, nextCash: Map<number, CashMovement>): Promise<void> {
    const file: HeadFile = {
      v: 1,
      head: { ...head },
      cash: [...nextCash].map(([seq, c]) => ({ seq, in: c.in, out: c.out })),
      updatedAt: now().toISOString(),
    };
    // Written and fsynced (file and folder) before the page hears back: the drawer may open
    // only for an entry whose head survives a power cut.
    await writeFileDurable(path, `${JSON.stringify(file)}\n`);
    onFile = { kind: 'present', head };
    cash = nextCash;
  }

  function refuse(reason: ReportRefusal, message: string, disagree: boolean): ReportOutcome {
    logger.warn(`Journal report refused (${reason}): ${message}`);
    if (disagree) disagreement = message;
    return { status: 'refused', reason, message };
  }

  async function report(raw: readonly unknown[]): Promise<ReportOutcome> {
    if (onFile.kind === 'damaged' || disagreement !== null) {
      return refuse(
        'records_disagree',
        `The till's records and main's journal head disagree (${disagreement ?? 'damaged head'}); no entry is accepted until that is resolved.`,
        false,
      );
    }
    const entries: DomainEntry[] = [];
    for (const item of raw) {
      const parsed = parseJournalEntry(item);
      if (!parsed.ok)
        return refuse('invalid_entry', `Not a journal entry: ${parsed.message}`, false);
      if (parsed.entry.terminalId !== opts.terminalId) {
        return refuse(
          'wrong_terminal',
          `Entry of terminal ${parsed.entry.terminalId} reported to terminal ${opts.terminalId}.`,
          false,
        );
      }
      entries.push(parsed.entry);
    }
    const head = currentHead();
    const anchor = head ?? { seq: 0, hash: GENESIS_PREV_HASH };
    // A report may repeat what main already holds: a page killed just after it sent a report
    // and the next page re-reporting what it found unreported can both reach main, in either
    // order. Entries up to the head are dropped when the batch holds the head itself (same seq,
    // same hash); what follows must still chain onto it. Anything else is checked as it is.
    const atHead = head === null ? -1 : entries.findIndex((e) => e.seq === head.seq);
    if (head !== null && atHead >= 0 && entries[atHead]!.hash === head.hash) {
      entries.splice(0, atHead + 1);
      if (entries.length === 0) return { status: 'accepted', head, cash: [] };
    }
    // Re-hashed here: main cannot take the page's word for a hash.
    const chained = await verifyChain(entries, { terminalId: opts.terminalId, anchor });
    if (!chained.ok) {
      return refuse(
        'not_chained',
        `Entry ${chained.seq} does not follow main's head at seq ${anchor.seq} (${chained.reason}).`,
        true,
      );
    }
    for (const e of entries) {
      // An approval entry is accepted only with a token main issued and redeemed for exactly
      // that binding, once (createServices wires the staff service's check here).
      if (e.type === 'approval' && opts.approvalCheck && !(await opts.approvalCheck(e))) {
        return refuse(
          'invalid_entry',
          `Approval at seq ${e.seq} was not issued by main, or another entry already used it.`,
          true,
        );
      }
      // A page script cannot leave kiosk mode by journalling a person's login itself, nor
      // sign in as the kiosk (no PIN) at a till that is not one.
      if (e.type === 'login' && opts.loginCheck && !opts.loginCheck(e)) {
        const who = e.payload.staff.role === 'kiosk' ? 'the kiosk' : e.payload.staff.staffId;
        return refuse(
          'invalid_entry',
          `Login at seq ${e.seq}: main did not let ${who} in (a person at a kiosk needs a PIN main checked; the kiosk signs in only at a till in kiosk mode).`,
          true,
        );
      }
    }
    const last = entries[entries.length - 1]!;
    const nextCash = new Map(cash);
    const moving: ({ seq: number } & CashMovement)[] = [];
    for (const e of entries) {
      const moved = cashMovedBy(e);
      if (moved === null) continue;
      nextCash.set(e.seq, moved);
      moving.push({ seq: e.seq, ...moved });
    }
    while (nextCash.size > CASH_KEPT) nextCash.delete(nextCash.keys().next().value!);
    const nextHead: AnchorHead = {
      terminalId: opts.terminalId,
      seq: last.seq,
      hash: last.hash,
      lastReceiptNo: lastReceiptNo(head?.lastReceiptNo ?? 0, entries),
    };
    await persist(nextHead, nextCash);
    return { status: 'accepted', head: nextHead, cash: moving };
  }

  async function compare(tail: StoreTail | null): Promise<AnchorComparison> {
    const result = compareWithHead(onFile, tail);
    if (result.state === 'damaged') {
      disagreement = `store ${result.kind.replace('_', ' ')}: store at seq ${result.storeSeq}, head at ${result.headSeq ?? 'none'}`;
      logger.warn(`Journal store does not match main's head: ${disagreement}`);
      return result;
    }
    disagreement = null;
    if (onFile.kind === 'absent') {
      // A new till: the genesis head, so that from now on a missing head file is damage.
      await persist(
        { terminalId: opts.terminalId, seq: 0, hash: GENESIS_PREV_HASH, lastReceiptNo: 0 },
        new Map(),
      );
      logger.info(`Journal head created for terminal ${opts.terminalId}`);
    }
    return result;
  }

  async function resetDemo(): Promise<Result<{ reset: true }, 'forbidden'>> {
    if (!opts.demo) {
      logger.warn('Refused to reset the journal head: this is not a demo till');
      return err('forbidden', 'Only a demo till can start over.');
    }
    await rm(path, { force: true });
    onFile = { kind: 'absent' };
    cash = new Map();
    disagreement = null;
    logger.warn('Demo till started over: journal head cleared');
    return ok({ reset: true });
  }

  async function sign(): Promise<SignedHead> {
    const head = currentHead() ?? {
      terminalId: opts.terminalId,
      seq: 0,
      hash: GENESIS_PREV_HASH,
      lastReceiptNo: 0,
    };
    const signed = await signHead(await opts.signingKey(), head);
    // Kept in main's log with the full signature, so a printed code can be checked later
    // against the terminal's public key (printedCodeMatches).
    logger.info(`Journal head signed at seq ${head.seq}: code ${signed.code}`, signed);
    try {
      await opts.onSigned?.(signed);
    } catch (cause) {
      logger.error(`Z signature at seq ${head.seq} not kept for the server`, cause);
    }
    return signed;
  }

  return {
    head: currentHead,
    settled: () => queue.then(() => undefined),
    cashEntry(ref) {
      const label = `${ref.terminalId}#${ref.seq}`;
      const refuseDrawer = (why: string): Result<CashMovement, 'forbidden'> => {
        logger.warn(`Drawer refused for journal entry ${label}: ${why}`);
        return err('forbidden', `The drawer stays shut: ${why}`);
      };
      if (onFile.kind === 'damaged' || disagreement !== null)
        return refuseDrawer("the till's records and main's journal head disagree.");
      if (ref.terminalId !== opts.terminalId)
        return refuseDrawer('that entry is not from this terminal.');
      const moved = cash.get(ref.seq);
      if (moved === undefined)
        return refuseDrawer('no recorded entry that moves cash has that reference.');
      return ok(moved);
    },
    handlers: {
      'journal.compare': ({ tail }) => serial(async () => ok(await compare(tail))),
      'journal.report': ({ entries }) => serial(async () => ok(await report(entries))),
      'journal.signHead': () => serial(async () => ok(await sign())),
      'journal.resetDemo': () => serial(resetDemo),
    },
  };
}
