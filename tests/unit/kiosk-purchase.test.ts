// First: Dexie picks up the global indexedDB when it loads.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentStatus, PaymentTerminalState } from '../../shared/ipc/payment';
import { err, ok } from '../../shared/util/result';
import { awaitPaymentOutcome, type CardTerminal } from '../../src-renderer/app/card-terminal';
import { buyByCard, quoteKioskCart } from '../../src-renderer/app/kiosk-purchase';
import { KIOSK_ACTOR, startKioskSession } from '../../src-renderer/app/kiosk-session';
import { openTill, type Till } from '../../src-renderer/app/till';
import { loadDemoIfEmpty } from '../../src-renderer/demo/load-demo';
import { kioskReducer, ATTRACT } from '../../src-renderer/ui/kiosk/kiosk-screens';
import { NOW } from './flows-fixtures';
import { closeTills, demoMainStaff, journalTypes, openDemoTill } from './till-fixtures';

// The kiosk's purchase on a real till (fake-indexeddb) with an in-memory card terminal that
// answers as scripted: the payment contract's rules (commit only after approval, unknown →
// ask again, reverse when the commit fails) checked step by step.

const own: Till[] = [];
afterEach(async () => {
  for (const t of own.splice(0)) t.close();
  await closeTills();
});

let n = 0;
async function openKioskTill(): Promise<Till> {
  n += 1;
  const opened = await openTill({
    terminalId: 'K1',
    dbName: `kiosk-${n}-${Date.now()}`,
    clock: () => NOW,
    seed: (store) => loadDemoIfEmpty(store.db, { now: new Date(NOW) }),
    staff: (await demoMainStaff()).authority,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  own.push(opened.value);
  return opened.value;
}

/** A terminal that answers `start` with pending, then each `status` with the next scripted state. */
function scriptedTerminal(script: PaymentStatus['state'][], extra: Partial<PaymentStatus> = {}) {
  const calls = { start: 0, status: 0, reverse: 0 };
  let current: PaymentStatus | null = null;
  const answer = (state: PaymentStatus['state']): PaymentStatus => {
    if (current === null) throw new Error('status before start');
    current = {
      ...current,
      state,
      ...(state === 'approved' ? { approvalCode: 'A1B2C3', last4: '4242', scheme: 'visa' } : {}),
      ...(state === 'declined' ? { reason: 'declined_by_issuer' } : {}),
      ...extra,
    };
    return current;
  };
  const terminal: CardTerminal = {
    start: (r) => {
      calls.start += 1;
      current = { paymentId: r.paymentId, kind: r.kind, amount: r.amount, state: 'pending' };
      return Promise.resolve(ok(current));
    },
    status: () => {
      calls.status += 1;
      return Promise.resolve(ok(answer(script.shift() ?? current!.state)));
    },
    reverse: () => {
      calls.reverse += 1;
      return Promise.resolve(ok(answer('reversed')));
    },
    terminal: () => Promise.resolve(ok<PaymentTerminalState>({ state: 'ready' })),
    onUpdated: () => () => undefined,
    onTerminal: () => () => undefined,
  };
  return { terminal, calls };
}

const printed = () => Promise.resolve({ state: 'printed' as const });

async function twoStanding(till: Till) {
  const items = [{ performanceId: 'dnipro-lights-1', tierId: 'ga-standing', quantity: 2 }];
  const quote = await quoteKioskCart(till, items);
  if (!quote.ok) throw new Error(quote.error.message);
  return { items, total: quote.value.total };
}

describe('kiosk session', { timeout: 30_000 }, () => {
  it('signs the kiosk in with its own zero-float shift once, and a restart writes nothing', async () => {
    const till = await openKioskTill();
    expect((await startKioskSession(till)).ok).toBe(true);
    expect(till.state().session).toEqual(KIOSK_ACTOR);
    expect(till.state().shift?.float.amount).toBe(0);
    const before = await journalTypes(till);
    expect(before).toEqual(['login', 'shift_open']);
    expect((await startKioskSession(till)).ok).toBe(true);
    expect(await journalTypes(till)).toEqual(before);
  });

  it('two starts at once (a development double mount) journal one login and one shift', async () => {
    const till = await openKioskTill();
    const [a, b] = await Promise.all([startKioskSession(till), startKioskSession(till)]);
    expect(a.ok && b.ok).toBe(true);
    expect(await journalTypes(till)).toEqual(['login', 'shift_open']);
  });

  it('refuses to start over a cashier’s open shift (its float is in a drawer)', async () => {
    const till = await openDemoTill();
    const r = await startKioskSession(till);
    expect(r).toMatchObject({ ok: false, error: { code: 'cashier_shift_open' } });
  });
});

describe('kiosk purchase by card', { timeout: 30_000 }, () => {
  it('commits the sale under the kiosk only after approval, with the card’s code and last 4', async () => {
    const till = await openKioskTill();
    await startKioskSession(till);
    const { terminal, calls } = scriptedTerminal(['pending', 'approved']);
    const { items, total } = await twoStanding(till);
    const steps: string[] = [];
    const outcome = await buyByCard(
      {
        till,
        terminal,
        actor: KIOSK_ACTOR,
        print: printed,
        pollMs: 1,
        onStep: (s) => steps.push(s),
      },
      items,
      total,
    );
    expect(outcome.kind).toBe('sold');
    if (outcome.kind !== 'sold') return;
    expect(outcome.sale.sale.staff).toEqual(KIOSK_ACTOR);
    expect(outcome.sale.sale.tickets).toHaveLength(2);
    expect(outcome.sale.sale.tenders).toEqual([
      expect.objectContaining({
        kind: 'card',
        amount: total,
        approvalCode: 'A1B2C3',
        last4: '4242',
      }),
    ]);
    expect(calls).toMatchObject({ start: 1, reverse: 0 });
    // pending again on the first status: still the card prompt
    expect(steps).toEqual(['starting', 'present_card', 'present_card', 'committing', 'printing']);
  });

  it('a declined card leaves no sale and no tickets', async () => {
    const till = await openKioskTill();
    await startKioskSession(till);
    const { terminal } = scriptedTerminal(['declined']);
    const { items, total } = await twoStanding(till);
    const outcome = await buyByCard(
      { till, terminal, actor: KIOSK_ACTOR, print: printed, pollMs: 1 },
      items,
      total,
    );
    expect(outcome).toMatchObject({ kind: 'not_paid', status: { reason: 'declined_by_issuer' } });
    expect(await journalTypes(till)).toEqual(['login', 'shift_open']);
    expect(await till.store.db.tickets.count()).toBe(0);
  });

  it('an unknown outcome is asked about again until settled, and sold once', async () => {
    const till = await openKioskTill();
    await startKioskSession(till);
    const { terminal, calls } = scriptedTerminal(['unknown', 'unknown', 'approved']);
    const { items, total } = await twoStanding(till);
    const steps: string[] = [];
    const outcome = await buyByCard(
      {
        till,
        terminal,
        actor: KIOSK_ACTOR,
        print: printed,
        pollMs: 1,
        onStep: (s) => steps.push(s),
      },
      items,
      total,
    );
    expect(outcome.kind).toBe('sold');
    expect(calls).toMatchObject({ start: 1, status: 3, reverse: 0 });
    expect(steps).toEqual([
      'starting',
      'present_card',
      'checking',
      'checking',
      'committing',
      'printing',
    ]);
    expect((await journalTypes(till)).filter((t) => t === 'sale')).toHaveLength(1);
  });

  it('reverses an approved payment whose sale cannot be committed', async () => {
    const till = await openKioskTill();
    await startKioskSession(till);
    const { terminal, calls } = scriptedTerminal(['approved']);
    // More standing places than the tier allows per order: the sell command refuses it.
    const items = [{ performanceId: 'dnipro-lights-1', tierId: 'ga-fan-zone', quantity: 5 }];
    const outcome = await buyByCard(
      { till, terminal, actor: KIOSK_ACTOR, print: printed, pollMs: 1 },
      items,
      { amount: 100_000, currency: 'UAH' },
    );
    expect(outcome).toMatchObject({ kind: 'not_sold', reversal: 'reversed' });
    expect(calls.reverse).toBe(1);
    expect((await journalTypes(till)).includes('sale')).toBe(false);
  });

  it('a reversal main could not get confirmed yet is owed (main keeps sending it), not lost', async () => {
    const till = await openKioskTill();
    await startKioskSession(till);
    const { terminal } = scriptedTerminal(['approved']);
    const unconfirmed: CardTerminal = {
      ...terminal,
      reverse: () => Promise.resolve(err('device_offline', 'The card terminal does not answer.')),
    };
    const items = [{ performanceId: 'dnipro-lights-1', tierId: 'ga-fan-zone', quantity: 5 }];
    const outcome = await buyByCard(
      { till, terminal: unconfirmed, actor: KIOSK_ACTOR, print: printed, pollMs: 1 },
      items,
      { amount: 100_000, currency: 'UAH' },
    );
    expect(outcome).toMatchObject({ kind: 'not_sold', reversal: 'owed' });
  });

  it('says the terminal is unavailable when main cannot start a payment', async () => {
    const till = await openKioskTill();
    await startKioskSession(till);
    const { terminal } = scriptedTerminal([]);
    const offline: CardTerminal = {
      ...terminal,
      start: () => Promise.resolve(err('device_offline', 'The card terminal does not answer.')),
    };
    const { items, total } = await twoStanding(till);
    const outcome = await buyByCard(
      { till, terminal: offline, actor: KIOSK_ACTOR, print: printed, pollMs: 1 },
      items,
      total,
    );
    expect(outcome).toMatchObject({ kind: 'terminal_unavailable' });
  });
});

describe('awaitPaymentOutcome', () => {
  it('takes a settled payment.updated event for its payment, ignoring other payments', async () => {
    let emit: (s: PaymentStatus) => void = () => undefined;
    const { terminal } = scriptedTerminal([]);
    const listening: CardTerminal = {
      ...terminal,
      status: () => new Promise(() => undefined),
      onUpdated: (l) => {
        emit = l;
        return () => undefined;
      },
    };
    const amount = { amount: 100, currency: 'UAH' as const };
    const base = {
      paymentId: '0190f5d0-0000-7000-8000-000000000001',
      kind: 'sale' as const,
      amount,
    };
    const waiting = awaitPaymentOutcome(
      listening,
      { ...base, state: 'pending' },
      { pollMs: 60_000 },
    );
    emit({ ...base, paymentId: '0190f5d0-0000-7000-8000-000000000002', state: 'declined' });
    emit({ ...base, state: 'unknown' });
    emit({ ...base, state: 'approved', approvalCode: 'OK1', last4: '1111' });
    await expect(waiting).resolves.toMatchObject({ state: 'approved', paymentId: base.paymentId });
  });
});

describe('kiosk screens', () => {
  it('a reset from anywhere forgets the customer; a payment cannot be backed out of', () => {
    const paying = kioskReducer(
      kioskReducer(
        kioskReducer(kioskReducer(ATTRACT, { type: 'start' }), {
          type: 'pick',
          performanceId: 'p',
          seated: false,
        }),
        {
          type: 'pay',
          items: [{ performanceId: 'p', tierId: 't', quantity: 2 }],
          total: { amount: 100, currency: 'UAH' },
        },
      ),
      { type: 'back' },
    );
    expect(paying.kind).toBe('paying');
    expect(kioskReducer(paying, { type: 'reset' })).toEqual(ATTRACT);
    const failed = kioskReducer(paying, { type: 'failed', reason: 'declined_by_issuer' });
    expect(kioskReducer(failed, { type: 'back' })).toEqual({
      kind: 'quantity',
      performanceId: 'p',
    });
    // A seated performance goes to its seat map.
    const seats = kioskReducer(kioskReducer(ATTRACT, { type: 'start' }), {
      type: 'pick',
      performanceId: 's',
      seated: true,
    });
    expect(seats).toEqual({ kind: 'seats', performanceId: 's' });
  });
});
