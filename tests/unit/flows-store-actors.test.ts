import { afterEach, describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { loadDemoIfEmpty } from '../../src-renderer/demo/load-demo';
import { persistCart, resumeCart } from '../../src-renderer/flows/cart-persistence';
import { refundMachine } from '../../src-renderer/flows/refund/refund-machine';
import { sellMachine } from '../../src-renderer/flows/sell/sell-machine';
import { storeCartPort } from '../../src-renderer/flows/store-actors';
import { verifyApproverActor } from '../../src-renderer/app/approval-service';
import { startMainStaff, type MainStaff } from '../support/main-staff';
import type { BoxOfficeDb } from '../../src-renderer/store/db';
import { demoIndex, NOW, sellFakes, UAH } from './flows-fixtures';
import { refundFakes, soldOrder } from './flows-orders';
import { openTestDb } from './store-fixtures';

const dbs: BoxOfficeDb[] = [];
const mains: MainStaff[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) d.close();
  for (const m of mains.splice(0)) await m.close();
});

async function demoDb(): Promise<BoxOfficeDb> {
  const db = openTestDb();
  dbs.push(db);
  const loaded = await loadDemoIfEmpty(db, { now: new Date(NOW) });
  if (!loaded.ok) throw new Error(loaded.error.message);
  return db;
}

describe('store-backed flow actors', () => {
  it('verifyApprover asks main: the PIN, the role and that it is someone else', async () => {
    const main = await startMainStaff();
    mains.push(main);
    const verify = verifyApproverActor({ staff: main.authority });
    const binding = {
      action: 'refund' as const,
      subjectId: 'O-1',
      amount: UAH(2280),
      requestedBy: 'olena',
      requiredRole: 'supervisor' as const,
    };
    const run = async (staffId: string, pin: string) => {
      const a = createActor(verify, { input: { staffId, pin, binding } });
      a.start();
      return (await waitFor(a, (s) => s.status === 'done')).output;
    };
    expect(await run('taras', '2222')).toMatchObject({
      ok: true,
      value: { approver: { id: 'taras', role: 'supervisor' }, token: expect.any(String) },
    });
    expect(await run('li-wei', '3333')).toMatchObject({
      ok: true,
      value: { approver: { id: 'li-wei', role: 'manager' } },
    });
    expect(await run('taras', '1111')).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    expect(await run('olena', '1111')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await run('nobody', '1234')).toMatchObject({
      ok: false,
      error: { code: 'unknown_staff' },
    });
  });

  it('a refund needing a supervisor goes through with main’s PIN check and token and the real policy engine', async () => {
    const main = await startMainStaff();
    mains.push(main);
    const catalog = demoIndex();
    const order = soldOrder(
      catalog,
      [
        { performanceId: 'forest-song-2', tierId: 'premium', seatId: 'stalls-2-9' },
        { performanceId: 'forest-song-2', tierId: 'premium', seatId: 'stalls-2-10' },
      ],
      1,
    );
    const fakes = refundFakes(catalog, [order], { staff: main.authority });
    const actor = createActor(
      refundMachine.provide({
        actors: {
          // fakes.actors plan with the domain's own planRefund (the real policy engine).
          ...fakes.actors,
          verifyApprover: verifyApproverActor({ staff: main.authority }),
        },
      }),
      { input: { staff: { staffId: 'olena', role: 'cashier' } } },
    );
    actor.start();
    actor.send({ type: 'FIND', query: { kind: 'receipt', receiptNo: 1 } });
    await waitFor(actor, (s) => s.matches('reviewing'));
    for (const t of order.tickets)
      actor.send({ type: 'TICKET.TOGGLE', ticketId: t.ticket.ticketId });
    await waitFor(actor, (s) => s.matches('reviewing') && s.context.plan !== null);
    actor.send({ type: 'CONTINUE' });
    // The commit is tried first; the domain asks for a supervisor, for this binding.
    await waitFor(actor, (s) => s.matches('approval'));
    expect(actor.getSnapshot().context.approvalBinding).toMatchObject({
      action: 'refund',
      subjectId: order.orderId,
      requestedBy: 'olena',
      requiredRole: 'supervisor',
    });
    actor.send({ type: 'APPROVAL.SUBMIT', staffId: 'taras', pin: '2223' });
    const refused = await waitFor(actor, (s) => s.matches('approval') && s.context.error !== null);
    expect(refused.context.error?.code).toBe('wrong_pin');
    actor.send({ type: 'APPROVAL.SUBMIT', staffId: 'taras', pin: '2222' });
    const end = await waitFor(actor, (s) => s.status === 'done');
    expect(end.output?.refund?.total).toEqual(UAH(2280));
    // The first commit was refused for want of an approval; the second carried main's grant.
    expect(fakes.state.commits.map((c) => c.refund.approver?.approver.id)).toEqual([
      undefined,
      'taras',
    ]);
    actor.stop();
  });

  it('the cart port saves into the store and a new page resumes the cart from it', async () => {
    const db = await demoDb();
    const port = storeCartPort(db, 'till-1', () => NOW);
    const fakes = sellFakes();
    const machine = sellMachine.provide({ actors: fakes.actors });
    const a = createActor(machine, {
      input: { cartId: 'cart-9', staff: { staffId: 'olena', role: 'cashier' } },
    });
    const p = persistCart(a, port);
    a.start();
    a.send({ type: 'PERFORMANCE.PICK', performanceId: 'dnipro-lights-1' });
    a.send({ type: 'GA.SET_QUANTITY', tierId: 'ga-standing', quantity: 3 });
    await p.flushed();
    p.stop();
    a.stop();

    const saved = await port.load();
    const decision = resumeCart(saved, Date.now());
    expect(decision.kind).toBe('resume');
    if (decision.kind !== 'resume') return;
    const b = createActor(machine, {
      snapshot: decision.snapshot,
      input: { cartId: 'cart-9', staff: { staffId: 'olena', role: 'cashier' } },
    });
    const q = persistCart(b, port);
    b.start();
    b.send({ type: 'CART.RESUME' });
    expect(b.getSnapshot().context.ga).toEqual([
      { performanceId: 'dnipro-lights-1', tierId: 'ga-standing', quantity: 3 },
    ]);
    b.send({ type: 'CANCEL' });
    await waitFor(b, (s) => s.status === 'done');
    await q.flushed();
    expect(await port.load()).toBeUndefined();
    b.stop();
  });
});
