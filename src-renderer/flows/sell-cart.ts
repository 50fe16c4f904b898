import type { TenderInput } from '../../shared/orders/tenders';
import type { CartItem, QuoteCartInput } from './quote-cart';
import type { GaLine, SeatLine, SeatRef, SellContext, SellRequest } from './sell/sell-types';

/** Pure cart edits used by the sell machine's actions; each returns new arrays. */

export function cartItems(ctx: Pick<SellContext, 'seats' | 'ga'>): CartItem[] {
  return [
    ...ctx.seats.map((s) => ({
      performanceId: s.performanceId,
      tierId: s.tierId,
      seatId: s.seatId,
      quantity: 1,
      ...(s.concessionId !== undefined ? { concessionId: s.concessionId } : {}),
    })),
    ...ctx.ga
      .filter((g) => g.quantity > 0)
      .map((g) => ({
        performanceId: g.performanceId,
        tierId: g.tierId,
        quantity: g.quantity,
        ...(g.concessionId !== undefined ? { concessionId: g.concessionId } : {}),
      })),
  ];
}

export function ticketCount(ctx: Pick<SellContext, 'seats' | 'ga'>): number {
  return ctx.seats.length + ctx.ga.reduce((n, g) => n + g.quantity, 0);
}

export function quoteInput(ctx: SellContext): QuoteCartInput {
  return { items: cartItems(ctx), promoCode: ctx.promoCode, customerId: ctx.customerId };
}

export function sellRequest(ctx: SellContext): SellRequest {
  return {
    items: cartItems(ctx),
    ...(ctx.promoCode !== null ? { promoCode: ctx.promoCode } : {}),
    ...(ctx.customerId !== null ? { customerId: ctx.customerId } : {}),
    tenders: ctx.tenders,
  };
}

const sameGa = (
  a: GaLine,
  performanceId: string,
  tierId: string,
  concessionId: string | undefined,
): boolean =>
  a.performanceId === performanceId && a.tierId === tierId && a.concessionId === concessionId;

export function setGaQuantity(
  lines: readonly GaLine[],
  performanceId: string,
  tierId: string,
  quantity: number,
  concessionId?: string,
): GaLine[] {
  const rest = lines.filter((l) => !sameGa(l, performanceId, tierId, concessionId));
  if (quantity <= 0) return rest;
  const line: GaLine = {
    performanceId,
    tierId,
    quantity,
    ...(concessionId !== undefined ? { concessionId } : {}),
  };
  const at = lines.findIndex((l) => sameGa(l, performanceId, tierId, concessionId));
  if (at < 0) return [...rest, line];
  // Keep the line where it was so the cart on screen does not jump.
  const out = [...lines];
  out[at] = line;
  return out;
}

export function addSeats(
  lines: readonly SeatLine[],
  performanceId: string,
  tierId: string,
  seatIds: readonly string[],
  heldUntil: string,
): SeatLine[] {
  const kept = lines.filter(
    (l) => !(l.performanceId === performanceId && seatIds.includes(l.seatId)),
  );
  return [...kept, ...seatIds.map((seatId) => ({ performanceId, tierId, seatId, heldUntil }))];
}

export function removeSeat(lines: readonly SeatLine[], ref: SeatRef): SeatLine[] {
  return lines.filter((l) => !(l.performanceId === ref.performanceId && l.seatId === ref.seatId));
}

export function hasSeat(lines: readonly SeatLine[], ref: SeatRef): boolean {
  return lines.some((l) => l.performanceId === ref.performanceId && l.seatId === ref.seatId);
}

export function setSeatConcession(
  lines: readonly SeatLine[],
  ref: SeatRef,
  concessionId: string | null,
): SeatLine[] {
  return lines.map((l) => {
    if (l.performanceId !== ref.performanceId || l.seatId !== ref.seatId) return l;
    const { concessionId: _old, ...rest } = l;
    return concessionId === null ? rest : { ...rest, concessionId };
  });
}

/** The cart's seats at one performance (the one on screen). */
export function seatsHere(lines: readonly SeatLine[], performanceId: string | null): SeatLine[] {
  return lines.filter((l) => l.performanceId === performanceId);
}

export function heldSeats(lines: readonly SeatLine[]): SeatRef[] {
  return lines.map((l) => ({ performanceId: l.performanceId, seatId: l.seatId }));
}

/** Cash is entered once, as the total handed over: a new cash tender replaces the old one. */
export function addTender(tenders: readonly TenderInput[], tender: TenderInput): TenderInput[] {
  return tender.kind === 'cash'
    ? [...tenders.filter((t) => t.kind !== 'cash'), tender]
    : [...tenders, tender];
}

export function removeTender(tenders: readonly TenderInput[], index: number): TenderInput[] {
  return tenders.filter((_, i) => i !== index);
}
