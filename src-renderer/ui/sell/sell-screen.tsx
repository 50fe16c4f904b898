import { useCallback, useEffect, useState } from 'react';
import type { Actor } from '../../../shared/commands';
import { printSale } from '../../app/print-service';
import type { PrintSaleFn } from '../../app/sell-flow-actors';
import {
  cartTimeout,
  newCartId,
  startSellSession,
  type SellSessionStart,
} from '../../app/sell-session';
import { useContractClient } from '../../transport/client-context';
import { useTill } from '../till-context';
import { CartView, settleCartWrites, type NextCart } from './cart-view';

/**
 * The sell screen: one sell-flow actor per cart (CartView, keyed by the cart id). Starting
 * the next customer makes a new cart and so a new actor; the finished cart's actor is
 * stopped with its view, so nothing it still hears (a late printer answer) can reach the
 * screen again. On mount the saved cart is resumed, or released if it sat idle too long.
 */
export function SellScreen({
  actor,
  onPrint,
}: {
  readonly actor: Actor;
  readonly onPrint?: PrintSaleFn;
}) {
  const till = useTill();
  const client = useContractClient();
  const [session, setSession] = useState<(SellSessionStart & { performanceId?: string }) | null>(
    null,
  );

  useEffect(() => {
    let live = true;
    // The previous cart view's last saves first: Esc or F-key remounts this screen at once.
    void settleCartWrites()
      .then(() => startSellSession(till))
      .then((s) => {
        if (live) setSession(s);
      });
    return () => {
      live = false;
    };
  }, [till]);

  const next = useCallback(
    (n: NextCart) =>
      void cartTimeout(till).then((timeoutMs) =>
        setSession({
          cartId: newCartId(till),
          timeoutMs,
          notice: n.notice ?? null,
          ...(n.performanceId !== undefined ? { performanceId: n.performanceId } : {}),
        }),
      ),
    [till],
  );

  const print: PrintSaleFn = onPrint ?? ((sale, locale) => printSale(client, till, sale, locale));
  if (session === null) return null;
  return (
    <CartView key={session.cartId} session={session} staff={actor} print={print} onNext={next} />
  );
}
