import type { Catalog, CatalogIndex } from '../../shared/catalog/catalog';
import { LOCAL_INVENTORY, type InventorySource } from '../inventory/inventory-source';
import { indexCatalog } from '../../shared/catalog/catalog';
import type { TerminalSettings } from '../../shared/commands/settings';
import type { TerminalState } from '../../shared/commands/terminal-state';
import type { CommandErrorCode, IssuingPorts } from '../../shared/commands/types';
import type { JournalEntry } from '../../shared/journal/chain';
import type { DomainEntry, EntryDraft } from '../../shared/journal/entry-types';
import { money } from '../../shared/money';
import { createIdSource } from '../../shared/orders/ids';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type {
  ApplyProjections,
  CommitOutcome,
  DraftContext,
  Store,
  StoreErrorCode,
} from '../store';
import {
  catalogVersion,
  openStore,
  STORE_ERROR_MESSAGES,
  terminalStateOf,
  toStoreError,
} from '../store';
import type { AnchorPort, DrawerOutcome, RecordsState } from './journal-anchor';
import { checkRecords, reportInChunks } from './journal-anchor';
import { releaseDeadFlowHolds, startHoldReleaser } from './hold-sweep';
import { noStaffAuthority, type StaffAuthority } from './staff-authority';
import { loadTicketSigner } from './ticket-signer';
import { SeenStock } from './seen-stock';

/**
 * The till: the store, the catalog replica and the terminal's own state folded from its
 * journal, plus the ports the domain commands need. Screens and flow actors call the
 * services in this folder with it; nothing here knows about React.
 */
export interface Till {
  readonly store: Store;
  readonly terminalId: string;
  /** A demo till (main's launch option, read from app.info): DEMO badge, PINs at sign-in. */
  readonly demo: boolean;
  /** The catalog as stored; a newer one pulled from the server replaces it (`reloadCatalog`). */
  readonly catalog: CatalogIndex;
  readonly settings: TerminalSettings;
  readonly ports: IssuingPorts;
  /** Main's staff list, PIN checks and approval tokens: the page decides none of them. */
  readonly staff: StaffAuthority;
  /** Where seats and GA places come from: the store, the server or this till's lease. */
  readonly inventory: InventorySource;
  /** The terminal as its journal says now (session, shift, last receipt number). */
  state(): TerminalState;
  /**
   * Runs a domain command against the terminal state with the store's next receipt number
   * and commits its drafts and projections in one strict transaction.
   */
  commit<C extends string>(
    build: DraftBuilder<C>,
    project?: ApplyProjections,
  ): Promise<Result<CommitOutcome, C | StoreErrorCode>>;
  /**
   * Whether the store and main's journal head agree. A till whose report main refused turns
   * `damaged` and refuses every commit; the app then shows the records-damaged screen.
   */
  records(): RecordsState;
  /**
   * The drawer opening main was asked for after this entry's report (cash-moving entries
   * only), or null if none was started (no anchor, or the entry moves no cash).
   */
  drawerFor(entry: Pick<JournalEntry, 'seq'>): Promise<DrawerOutcome> | null;
  /** Called after every commit, so status bar and screens refresh. */
  subscribe(listener: () => void): () => void;
  /**
   * The store changed outside this page's commits (sync applied other tills' sales): screens
   * that read it (the seat map, the status bar) read it again.
   */
  changed(): void;
  /** The stock this page's last sales left, which the next sale may decide on (seen-stock.ts). */
  readonly seenStock: SeenStock;
  /**
   * Reads the catalog again after sync stored a newer one (a performance cancelled, a price
   * changed): the next screen, quote and sale use it. The terminal's settings (currency,
   * cash rounding) stay as opened: the server refuses a catalog in another currency.
   */
  reloadCatalog(): Promise<void>;
  close(): void;
}

/** Turns the terminal state (with the store's next receipt number) into journal drafts. */
export type DraftBuilder<C extends string> = (
  state: TerminalState,
  ctx: DraftContext,
) => Promise<Result<readonly EntryDraft[], C>> | Result<readonly EntryDraft[], C>;

export type TillOpenErrorCode =
  StoreErrorCode | 'no_catalog' | 'records_damaged' | CommandErrorCode;

export interface OpenTillOptions {
  readonly terminalId: string;
  readonly dbName?: string;
  readonly clock?: () => number;
  /** A demo till (main says so at launch); false unless given. */
  readonly demo?: boolean;
  /**
   * Loads the venue into an empty store on first run: the demo venue on a demo till, the
   * server's catalog on a venue till (which never seeds demo staff or events).
   */
  readonly seed?: (store: Store) => Promise<Result<unknown, string>>;
  /** Main's staff methods (`staffAuthority(client)`); without it nobody can sign in. */
  readonly staff?: StaffAuthority;
  /**
   * Main's journal anchor. With one, the store is held against main's head before anything
   * else (a damaged store is never seeded) and every commit is reported to main.
   */
  readonly anchor?: AnchorPort;
  /** The venue's shared inventory (an enrolled till); without it the store is the venue. */
  readonly inventory?: (store: Store, terminalId: string) => InventorySource;
}

const NO_VENUE_YET =
  'This till has no venue yet: no events, prices or staff have been loaded. Connect it to the server once to download the venue.';

export async function loadCatalog(store: Store): Promise<Catalog | null> {
  const { db } = store;
  const [venues, events, performances, tiers, seatingPlans, priceRules, refundPolicies, version] =
    await Promise.all([
      db.venue.toArray(),
      db.events.toArray(),
      db.performances.toArray(),
      db.tiers.toArray(),
      db.seatingPlans.toArray(),
      db.priceRules.toArray(),
      db.policies.toArray(),
      catalogVersion(db),
    ]);
  const venue = venues[0];
  if (venue === undefined || version === null) return null;
  return { version, venue, events, performances, tiers, seatingPlans, priceRules, refundPolicies };
}

export async function openTill(options: OpenTillOptions): Promise<Result<Till, TillOpenErrorCode>> {
  const clock = options.clock ?? (() => Date.now());
  const opened = await openStore({
    terminalId: options.terminalId,
    ...(options.dbName !== undefined ? { name: options.dbName } : {}),
    clock: () => new Date(clock()),
  });
  if (!opened.ok) return opened;
  const store = opened.value;
  let records: RecordsState = { kind: 'agreed' };
  if (options.anchor) {
    try {
      records = await checkRecords(store.db, options.terminalId, options.anchor);
    } catch (e) {
      store.close();
      return toStoreError(e, 'unavailable');
    }
    if (records.kind === 'damaged') {
      store.close();
      return err('records_damaged', STORE_ERROR_MESSAGES.records_damaged, records);
    }
  }
  let catalog = await loadCatalog(store);
  if (catalog === null && options.seed) {
    const seeded = await options.seed(store);
    if (!seeded.ok) {
      store.close();
      return err(
        'no_catalog',
        options.demo === true
          ? `The demo venue could not be loaded: ${seeded.error.message}`
          : `${NO_VENUE_YET} (${seeded.error.message}.)`,
      );
    }
    catalog = await loadCatalog(store);
  }
  if (catalog === null) {
    store.close();
    return err('no_catalog', NO_VENUE_YET);
  }
  // Holds of flows that died with the last page (an exchange closed mid-way) go now, before
  // any screen shows the seats (issue 10 item 10).
  await releaseDeadFlowHolds(store.db, options.terminalId);
  // …and from now on a page closed mid-exchange hands its held seats to a service worker.
  void startHoldReleaser();
  let index = indexCatalog(catalog);
  const signer = await loadTicketSigner(store);
  if (!signer.ok) {
    store.close();
    return signer;
  }
  const venue = index.venue;
  const settings: TerminalSettings = {
    terminalId: options.terminalId,
    currency: venue.currency,
    ...(venue.cashRoundingIncrement !== undefined
      ? { cashRoundingIncrement: venue.cashRoundingIncrement }
      : {}),
    paidOutLimit: money(100_000, venue.currency),
    overShortTolerance: money(500, venue.currency),
    ...(venue.ownSaleRefundApprovalAbove !== undefined
      ? { ownSaleRefundApprovalAbove: money(venue.ownSaleRefundApprovalAbove, venue.currency) }
      : {}),
    ...(venue.offlineRefundOfOtherWindowsUpTo !== undefined
      ? {
          offlineRefundOfOtherWindowsUpTo: money(
            venue.offlineRefundOfOtherWindowsUpTo,
            venue.currency,
          ),
        }
      : {}),
  };
  const random = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));
  const ports: IssuingPorts = {
    clock,
    ids: createIdSource(clock, random),
    signTicket: signer.value,
  };
  // The checkpoint the store keeps with every commit, plus any entries after it: start-up
  // reads a few rows however long the journal has grown.
  let state: TerminalState;
  try {
    state = await terminalStateOf(store.db, options.terminalId);
  } catch (e) {
    store.close();
    return toStoreError(e, 'unavailable');
  }
  // Entries an older version stored go into packs when the page is idle, a few at a time:
  // off the sale path (a commit packs only the packs its own entries complete).
  store.writer.tidyWhenIdle();
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const l of listeners) l();
  };
  const anchor = options.anchor;
  const drawerOpens = new Map<number, Promise<DrawerOutcome>>();
  /** Committed entries main has not accepted yet (it was unreachable): sent with the next report. */
  let unreported: DomainEntry[] = [];
  let reporting: Promise<unknown> = Promise.resolve();

  /**
   * Reports committed entries to main, in commit order (one queue), outside the IndexedDB
   * transaction. Main re-hashes them, checks they chain onto its head and fsyncs the new
   * head before it answers; only then may the drawer open for the cash-moving ones.
   */
  function report(port: AnchorPort, entries: readonly DomainEntry[]): Promise<void> {
    const run = reporting.then(async () => {
      const answer = await reportInChunks(port, [...unreported, ...entries]);
      unreported = [...answer.remaining];
      if (answer.accepted === false) {
        records = {
          kind: 'damaged',
          damage: 'not_chained',
          detail: answer.message ?? 'main refused the report',
        };
        notify();
      }
      for (const seq of answer.cashSeqs) {
        drawerOpens.set(seq, port.openDrawer({ terminalId: options.terminalId, seq }));
      }
    });
    reporting = run.catch(() => undefined);
    return run;
  }

  async function commit<C extends string>(
    build: DraftBuilder<C>,
    project?: ApplyProjections,
  ): Promise<Result<CommitOutcome, C | StoreErrorCode>> {
    if (records.kind === 'damaged') {
      return err('records_damaged', STORE_ERROR_MESSAGES.records_damaged, records);
    }
    const outcome = await store.commitJournal<C>(async (ctx) => {
      // The store's counter is the authority on the next receipt number; the folded state
      // agrees with it unless another window committed, and then the store retries.
      const current: TerminalState = {
        ...ctx.state,
        lastReceiptNo: ctx.receiptNumber - 1,
        lastTrainingReceiptNo: ctx.trainingReceiptNumber - 1,
      };
      return build(current, ctx);
    }, project);
    if (outcome.ok) {
      state = outcome.value.state;
      if (anchor) await report(anchor, outcome.value.entries);
      notify();
    }
    return outcome;
  }

  const seenStock = new SeenStock();
  const till: Till = {
    store,
    terminalId: options.terminalId,
    demo: options.demo ?? false,
    get catalog() {
      return index;
    },
    async reloadCatalog() {
      const stored = await loadCatalog(store);
      if (stored === null) return;
      index = indexCatalog(stored);
      seenStock.forget();
      notify();
    },
    settings,
    ports,
    staff: options.staff ?? noStaffAuthority,
    inventory: options.inventory?.(store, options.terminalId) ?? LOCAL_INVENTORY,
    state: () => state,
    commit,
    records: () => records,
    drawerFor: (entry) => drawerOpens.get(entry.seq) ?? null,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    changed: () => {
      seenStock.forget();
      notify();
    },
    seenStock,
    close: () => store.close(),
  };
  return ok(till);
}
