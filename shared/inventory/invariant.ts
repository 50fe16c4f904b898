import { gaUsed, type Ledger } from './ledger';

/**
 * What must hold of a ledger at every step, as sentences naming each breach (none: sound).
 * Counted from the records themselves, not from the indexes the operations use, so a bug in
 * those cannot hide itself: every seat in at most one record and in the plan, every GA area
 * within its quota, the GA total within the performance's, and so sold + held + leased ≤
 * capacity.
 */
export function ledgerBreaches(ledger: Ledger): string[] {
  const breaches: string[] = [];
  const plan = new Set(ledger.capacity.seatIds);
  const seen = new Map<string, string>();
  let claimed = 0;
  const records: [string, ReadonlyMap<string, { seatIds: readonly string[] }>][] = [
    ['hold', ledger.holds],
    ['lease', ledger.leases],
    ['sale', ledger.sales],
  ];
  for (const [kind, map] of records) {
    for (const [id, r] of map) {
      for (const seat of r.seatIds) {
        claimed++;
        const where = `${kind} ${id}`;
        const other = seen.get(seat);
        if (other !== undefined) breaches.push(`seat ${seat} is in ${other} and in ${where}`);
        if (!plan.has(seat)) breaches.push(`seat ${seat} of ${where} is not in the plan`);
        seen.set(seat, where);
      }
    }
  }
  const used = gaUsed(ledger);
  let gaTotal = 0;
  for (const [area, n] of Object.entries(used)) {
    gaTotal += n;
    const quota = ledger.capacity.gaAreas[area];
    if (quota === undefined) breaches.push(`GA area ${area} is not in the capacity`);
    else if (n > quota) breaches.push(`GA area ${area} has ${n} in use over its quota ${quota}`);
    if (n < 0) breaches.push(`GA area ${area} has a negative count`);
  }
  if (gaTotal > ledger.capacity.gaCapacity) {
    breaches.push(`GA in use ${gaTotal} is over the capacity ${ledger.capacity.gaCapacity}`);
  }
  const capacity = ledger.capacity.seatIds.length + ledger.capacity.gaCapacity;
  if (claimed + gaTotal > capacity) {
    breaches.push(`sold + held + leased = ${claimed + gaTotal} is over the capacity ${capacity}`);
  }
  return breaches;
}
