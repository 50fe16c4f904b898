import { useCallback } from 'react';
import { useTill } from './till-context';
import { useText } from './use-text';

/** What a ticket is for, as a person reads it: "The Forest Song, Dec 27, 2026, 7:00 PM: Standard, row 10 seat 10". */
export type TicketLabel = (performanceId: string, tierId: string, seatId?: string) => string;

/** The catalog's names for a ticket's performance, tier and seat, in the cashier's language. */
export function useTicketLabel(): TicketLabel {
  const till = useTill();
  const text = useText();
  return useCallback(
    (performanceId, tierId, seatId) => {
      const { catalog } = till;
      const p = catalog.performance(performanceId);
      const event = p ? (catalog.event(p.eventId)?.name ?? '') : '';
      const seat =
        seatId !== undefined && p?.seatingPlanId
          ? catalog.seat(p.seatingPlanId, seatId)
          : undefined;
      const plan = p?.seatingPlanId ? catalog.plan(p.seatingPlanId) : undefined;
      const row = seat
        ? plan?.sections.flatMap((s) => s.rows).find((r) => r.id === seat.rowId)
        : undefined;
      const tier = catalog.tier(tierId)?.name ?? tierId;
      const where = seat
        ? text('ui.cart.seat', { tier, row: row?.label ?? '', seat: seat.seat.label })
        : tier;
      return `${event}, ${p ? text.tr.date(p.startsAt) : ''}: ${where}`;
    },
    [till, text],
  );
}
