import { useEffect, useRef, useState } from 'react';
import type { Actor } from 'xstate';
import type { TenderInput } from '../../../shared/orders/tenders';
import type { FlowError } from '../../flows/flow-types';
import type { SellMachine } from '../../flows/sell/sell-machine';
import type { SellEvent } from '../../flows/sell/sell-types';

/**
 * How the sell screen's one-step payment maps onto the sell flow's separate steps.
 *
 * Payment sits beside the cart (a cashier takes cash while the customer is still at the map),
 * so "Confirm sale" runs the flow's remaining steps at once: CHECKOUT → (quote) → the tenders
 * → TENDER.DONE → CONFIRM. If the flow stops short (a refusal), or a reload restored it
 * mid-payment, it is taken back to the cart with the reason kept (`carried`): no money moved,
 * and the cart and its holds are kept.
 *
 * Cart edits made while a hold or release is in flight (two seats clicked in quick
 * succession) wait until the flow is idle again: the machine only takes them there.
 */
export function useCartSteps(actorRef: Actor<SellMachine>, stateKey: string) {
  const pending = useRef<TenderInput[] | null>(null);
  const queued = useRef<SellEvent[]>([]);
  const [carried, setCarried] = useState<FlowError | null>(null);

  useEffect(() => {
    const s = actorRef.getSnapshot();
    if (s.matches('tender')) {
      const tenders = pending.current;
      pending.current = null;
      if (tenders !== null) {
        // Sent from an effect, not from inside the actor: each event is processed in turn.
        actorRef.send({ type: 'TENDER.CLEAR' });
        for (const tender of tenders) actorRef.send({ type: 'TENDER.ADD', tender });
        actorRef.send({ type: 'TENDER.DONE' });
        actorRef.send({ type: 'CONFIRM' });
      }
      const after = actorRef.getSnapshot();
      if (after.matches('tender')) {
        setCarried(after.context.error);
        actorRef.send({ type: 'BACK' });
      }
    } else if (s.matches('confirming')) {
      setCarried(s.context.error);
      actorRef.send({ type: 'BACK' });
      actorRef.send({ type: 'BACK' });
    } else if (!s.matches('quoting')) {
      pending.current = null;
    }
    let next: SellEvent | undefined;
    while (actorRef.getSnapshot().matches({ shopping: 'idle' }) && (next = queued.current.shift()))
      actorRef.send(next);
    if (!actorRef.getSnapshot().matches('shopping')) queued.current = [];
  }, [actorRef, stateKey]);

  /** Sends a cashier's edit now, or once the hold/release in flight is done. */
  const edit = (event: SellEvent): void => {
    setCarried(null);
    const now = actorRef.getSnapshot();
    if (!now.matches({ shopping: 'idle' }) && now.matches('shopping')) queued.current.push(event);
    else actorRef.send(event);
  };

  /** "Confirm sale" with these tenders. */
  const confirm = (tenders: TenderInput[]): void => {
    pending.current = tenders;
    edit({ type: 'CHECKOUT' });
  };

  return { carried, clearCarried: () => setCarried(null), edit, confirm };
}
