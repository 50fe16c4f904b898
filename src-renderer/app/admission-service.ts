import { admit } from '../../shared/commands';
import type { Actor, CommandErrorCode } from '../../shared/commands/types';
import type { AdmissionPayload } from '../../shared/journal/entry-types';
import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type { StoreErrorCode } from '../store';
import { admitInStore, reloadOrder } from './order-service';
import type { Till } from './till';

/**
 * Letting a scanned ticket in at the door: the domain's `admit` decides (a valid ticket of a
 * performance that is on, staff not a kiosk, no practice mode); this file only commits what it
 * drafts, with the order and the ticket marked used in the same strict transaction. The feed
 * carries the entry to every other till, whose scanner then says "already used" and whose
 * refund policy refuses the ticket.
 */
export async function admitTicket(
  till: Till,
  ticketId: string,
  actor: Actor,
): Promise<Result<AdmissionPayload, CommandErrorCode | StoreErrorCode>> {
  const ticket = await till.store.db.tickets.get(ticketId);
  if (ticket === undefined) {
    return err('not_found', 'This ticket is not in this till’s records; check it online first.');
  }
  const found = await reloadOrder(till, ticket.orderId);
  if (found === null) return err('not_found', 'The order of this ticket is not on this till.');
  let payload: AdmissionPayload | undefined;
  const committed = await till.commit<CommandErrorCode>(
    (terminal) => {
      const result = admit(
        { terminal, order: found.view },
        { ticketId, performance: till.catalog.performance(ticket.performanceId) },
        actor,
        till.ports,
      );
      return result.ok ? ok(result.value.drafts) : result;
    },
    async ({ db, entries }) => {
      for (const entry of entries) {
        if (entry.type !== 'admission') continue;
        payload = entry.payload;
        await admitInStore(db, entry.payload);
      }
    },
  );
  if (!committed.ok) return committed;
  if (payload === undefined) throw new Error('admission committed without its entry');
  return ok(payload);
}
