import 'fake-indexeddb/auto';
import { createContractClient, type ContractClient } from '../../shared/ipc/client';
import { commitSale } from '../../src-renderer/app/sale-service';
import { signIn, startShift } from '../../src-renderer/app/shift-service';
import type { AnchorPort } from '../../src-renderer/app/journal-anchor';
import { openTill, type OpenTillOptions, type Till } from '../../src-renderer/app/till';
import type { StaffAuthority } from '../../src-renderer/app/staff-authority';
import { loadDemoIfEmpty } from '../../src-renderer/demo/load-demo';
import { NOW, UAH } from './flows-fixtures';
import { startMainStaff, type MainStaff } from '../support/main-staff';

/**
 * A real till for the flow-adapter tests: the store on fake-indexeddb (installed globally by
 * the import above), the demo venue, Olena signed in with a shift open, and a contract client
 * whose only device is a printer that answers as told.
 */

export const olena = { staffId: 'olena', role: 'cashier' as const };
const tills: Till[] = [];
const mains: MainStaff[] = [];
/** Call from afterEach: closes every till the test opened (and main's staff service behind it). */
export async function closeTills(): Promise<void> {
  for (const t of tills.splice(0)) t.close();
  for (const m of mains.splice(0)) await m.close();
}

/** Main's staff service (the demo staff) for a till a test opens itself. */
export async function demoMainStaff(): Promise<MainStaff> {
  const main = await startMainStaff();
  mains.push(main);
  return main;
}

let dbN = 0;
export async function openDemoTill(
  options: {
    readonly anchor?: AnchorPort;
    readonly dbName?: string;
    /** Main's staff methods; a demo staff service of its own by default. */
    readonly staff?: StaffAuthority;
    /** 'T1' unless given (two tills of one venue in the sync tests). */
    readonly terminalId?: string;
    /** The venue's shared inventory (an enrolled till); the store alone unless given. */
    readonly inventory?: OpenTillOptions['inventory'];
  } = {},
): Promise<Till> {
  dbN += 1;
  const opened = await openTill({
    terminalId: options.terminalId ?? 'T1',
    dbName: options.dbName ?? `refund-actors-${dbN}-${Date.now()}`,
    ...(options.anchor ? { anchor: options.anchor } : {}),
    ...(options.inventory ? { inventory: options.inventory } : {}),
    clock: () => NOW,
    seed: (store) => loadDemoIfEmpty(store.db, { now: new Date(NOW) }),
    staff: options.staff ?? (await demoMainStaff()).authority,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  tills.push(opened.value);
  const till = opened.value;
  const signed = await signIn(till, 'olena', '1111');
  if (!signed.ok) throw new Error(signed.error.message);
  const shift = await startShift(till, olena, UAH(2000));
  if (!shift.ok) throw new Error(shift.error.message);
  return till;
}

export async function sellSeats(
  till: Till,
  performanceId: string,
  tierId: string,
  seats: string[],
) {
  const sold = await commitSale(
    till,
    {
      items: seats.map((seatId) => ({ performanceId, tierId, seatId })),
      tenders: [{ kind: 'cash', tendered: UAH(10_000) }],
    },
    olena,
  );
  if (!sold.ok) throw new Error(sold.error.message);
  return sold.value.sale;
}

/** Sells `quantity` GA places of `tierId` for cash (a customer with plenty of it). */
export async function sellGa(till: Till, performanceId: string, tierId: string, quantity: number) {
  const sold = await commitSale(
    till,
    {
      items: [{ performanceId, tierId, quantity }],
      tenders: [{ kind: 'cash', tendered: UAH(1_000_000) }],
    },
    olena,
  );
  if (!sold.ok) throw new Error(sold.error.message);
  return sold.value.sale;
}

/** A contract client whose printer answers `answer`; it keeps every print request. */
export function printerClient(answer: 'printed' | 'failed') {
  const jobs: { jobId: string; document: unknown }[] = [];
  const client: ContractClient = createContractClient({
    kind: 'bridge',
    invoke: (method, args) => {
      if (method !== 'printer.print')
        return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: method } });
      jobs.push(args as { jobId: string; document: unknown });
      return Promise.resolve(
        answer === 'printed'
          ? {
              ok: true,
              value: { jobId: (args as { jobId: string }).jobId, state: 'printed', drawer: 'none' },
            }
          : { ok: false, error: { code: 'device_offline', message: 'The printer is offline.' } },
      );
    },
    on: () => () => undefined,
  });
  return { client, jobs };
}

export async function journalTypes(till: Till): Promise<string[]> {
  const all = await till.store.db.journal.toArray();
  return all.sort((a, b) => a.seq - b.seq).map((e) => e.type);
}
