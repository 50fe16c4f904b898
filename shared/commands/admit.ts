import type { Performance } from '../catalog/schemas';
import { draft } from '../journal/entry-types';
import type { OrderView } from '../orders/order-view';
import { err, ok } from '../util/result';
import { nowIso, requireRole, requireSession, staffRef } from './guards';
import type { TerminalState } from './terminal-state';
import type { Actor, CommandOutput, CommandPorts, CommandResult } from './types';

/** Doors open this long before a performance starts: a ticket admits from then… */
export const DOORS_OPEN_BEFORE_MS = 6 * 3_600_000;
/** …until this long after the start (late arrivals, a long show). */
export const ADMIT_AFTER_START_MS = 6 * 3_600_000;

/** Why a genuine ticket does not let its holder in, in words for the door. */
const NOT_ADMITTED: Record<'used' | 'refunded' | 'voided' | 'exchanged', string> = {
  used: 'This ticket has already been let in.',
  refunded: 'This ticket was refunded: it no longer admits anyone.',
  voided: 'This ticket was voided: it no longer admits anyone.',
  exchanged: 'This ticket was exchanged for another: ask for the new ticket.',
};

/**
 * Lets a scanned, genuine ticket in at the door (one journal entry, `admission`): the one
 * rule every till applies, whether it admits the ticket itself or learns of it from the feed.
 * Only a valid ticket of a performance that is on, on its night (from DOORS_OPEN_BEFORE_MS
 * before the start to ADMIT_AFTER_START_MS after it), admits; staff (not a self-service kiosk)
 * admit; practice mode never marks a real ticket used.
 */
export function admit(
  state: { readonly terminal: TerminalState; readonly order: OrderView },
  input: { readonly ticketId: string; readonly performance: Performance | undefined },
  actor: Actor,
  ports: CommandPorts,
): CommandResult<CommandOutput> {
  const session = requireSession(state.terminal, actor);
  if (!session.ok) return session;
  const role = requireRole(actor, 'cashier', 'let a ticket in');
  if (!role.ok) return role;
  if (state.terminal.training) {
    return err(
      'training_mismatch',
      'Practice mode is on: a real ticket cannot be let in. Leave practice mode first.',
    );
  }
  const ticket = state.order.tickets.find((t) => t.ticket.ticketId === input.ticketId);
  if (ticket === undefined) {
    return err('not_found', 'This ticket is not part of the order it names.');
  }
  if (ticket.status !== 'valid') {
    return err('invalid_state', NOT_ADMITTED[ticket.status], { status: ticket.status });
  }
  const performance = input.performance;
  if (performance === undefined || performance.id !== ticket.ticket.performanceId) {
    return err('not_found', 'This ticket is for a performance this till does not know.');
  }
  const door = doorRefusal(performance, ports.clock());
  if (door !== null) return err('invalid_state', door.message, door.details);
  return ok({
    drafts: [
      draft('admission', nowIso(ports), {
        ticketId: input.ticketId,
        orderId: state.order.orderId,
        performanceId: performance.id,
        staff: staffRef(actor),
      }),
    ],
  });
}

/** Why a performance does not let anyone in at `at` (ms), or null when its doors are open. */
export interface DoorRefusal {
  readonly message: string;
  readonly details?: {
    readonly door: 'too_early' | 'over' | 'postponed';
    readonly startsAt?: string;
  };
}

/**
 * The door's time rule, one function for every till and the server (which re-checks each
 * admission it is pushed against its own catalog, at the entry's time): a cancelled
 * performance admits nobody; a postponed one only at its new date; otherwise from
 * DOORS_OPEN_BEFORE_MS before the start to ADMIT_AFTER_START_MS after it.
 */
export function doorRefusal(performance: Performance, at: number): DoorRefusal | null {
  if (performance.status === 'cancelled') {
    return { message: 'This performance was cancelled: the ticket does not admit.' };
  }
  const starts = Date.parse(
    performance.status === 'postponed' ? (performance.rescheduledTo ?? '') : performance.startsAt,
  );
  if (Number.isNaN(starts)) {
    return {
      message: 'This performance was postponed and has no new date yet.',
      details: { door: 'postponed' },
    };
  }
  const startsAt = new Date(starts).toISOString();
  if (at < starts - DOORS_OPEN_BEFORE_MS) {
    return {
      message: `This ticket is for a later performance (${performance.id}, starting ${startsAt}); doors open ${DOORS_OPEN_BEFORE_MS / 3_600_000} hours before the start.`,
      details: { door: 'too_early', startsAt },
    };
  }
  if (at > starts + ADMIT_AFTER_START_MS) {
    return {
      message: `This ticket was for a performance that is over (${performance.id}, started ${startsAt}).`,
      details: { door: 'over', startsAt },
    };
  }
  return null;
}
