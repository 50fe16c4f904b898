import { randomUUID } from 'node:crypto';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  availability,
  checkoutLease,
  returnLease,
  seatsSeenFrom,
  type Holder,
  type Ledger,
} from '../../shared/inventory';
import {
  availabilityResponseSchema,
  holdRequestSchema,
  holdResponseSchema,
  LEASE_TTL,
  leaseRequestSchema,
  leaseResponseSchema,
  releasePartRequestSchema,
  renewRequestSchema,
} from '../../shared/inventory/contract';
import { venueLeaseLimits } from '../../shared/inventory/lease-policy';
import { authenticateTerminal, type TerminalPrincipal } from '../auth/terminal-auth';
import type { Db } from '../db/port';
import { HttpError } from '../http-error';
import { applyToPerformance, readPerformance } from '../inventory/apply';
import { recordPerformance } from '../inventory/records';
import { placesView, placeHold, releaseHeld, renewHeld, shrinkHeld } from '../inventory/requests';

/**
 * A till's live inventory (issue 12): holds of seats and GA places for its cart (with an
 * expiry, renewed while the cart is active, released), and leases it checks out for offline
 * selling and returns. The server decides with the shared ledger's rules under the
 * performance's row lock (inventory/apply.ts).
 */
export const inventoryRoutes: FastifyPluginCallbackZod<{ db: Db }> = (app, { db }, done) => {
  const terminals = new WeakMap<object, TerminalPrincipal>();
  app.addHook('onRequest', async (request) => {
    terminals.set(request, await authenticateTerminal(db, request));
  });
  const holderOf = (t: TerminalPrincipal): Holder => ({ channel: 'terminal', id: t.terminalId });
  const idParams = z.strictObject({ id: z.uuid() });

  app.post(
    '/api/inventory/holds',
    { schema: { body: holdRequestSchema, response: { 201: holdResponseSchema } } },
    async (request, reply) => {
      const terminal = terminals.get(request)!;
      const held = await placeHold(db, terminal.venueId, holderOf(terminal), request.body);
      return reply.code(201).send(held);
    },
  );

  app.post(
    '/api/inventory/holds/:id/renew',
    {
      schema: { params: idParams, body: renewRequestSchema, response: { 200: holdResponseSchema } },
    },
    async (request) => {
      const terminal = terminals.get(request)!;
      const { id } = request.params;
      return renewHeld(db, terminal.venueId, holderOf(terminal), id, request.body.ttlSeconds);
    },
  );

  app.delete(
    '/api/inventory/holds/:id',
    { schema: { params: idParams } },
    async (request, reply) => {
      const terminal = terminals.get(request)!;
      await releaseHeld(db, terminal.venueId, holderOf(terminal), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/inventory/holds/:id/release',
    {
      schema: {
        params: idParams,
        body: releasePartRequestSchema,
        response: { 200: holdResponseSchema },
      },
    },
    async (request) => {
      const terminal = terminals.get(request)!;
      return shrinkHeld(db, terminal.venueId, holderOf(terminal), request.params.id, request.body);
    },
  );

  app.post(
    '/api/inventory/leases',
    { schema: { body: leaseRequestSchema, response: { 201: leaseResponseSchema } } },
    async (request, reply) => {
      const terminal = terminals.get(request)!;
      const { performanceId, seats, ga, ttlSeconds = LEASE_TTL.default } = request.body;
      if (seats !== undefined && request.body.seatIds !== undefined) {
        throw new HttpError(400, 'invalid_request', 'Ask for seats by id or as a count, not both.');
      }
      const leaseId = randomUUID();
      const key = { venueId: terminal.venueId, performanceId };
      const answer = await applyToPerformance(
        db,
        key,
        (ledger, now, catalog) =>
          checkoutLease(
            ledger,
            {
              leaseId,
              terminalId: terminal.terminalId,
              ...(request.body.seatIds ? { seatIds: request.body.seatIds } : {}),
              ...(seats !== undefined ? { seatCount: seats } : {}),
              ...(ga ? { ga } : {}),
              expiresAt: now + ttlSeconds * 1000,
              limits: venueLeaseLimits(catalog.venue),
            },
            now,
          ),
        {},
        (after) => ({ lease: leaseView(after, leaseId, performanceId) }),
      );
      return reply.code(201).send(answer);
    },
  );

  app.post(
    '/api/inventory/leases/:id/return',
    { schema: { params: idParams, response: { 200: leaseResponseSchema } } },
    async (request) => {
      const terminal = terminals.get(request)!;
      const leaseId = request.params.id;
      const key = await recordPerformance(db, terminal.venueId, 'lease', leaseId);
      let returned: ReturnType<typeof leaseView> | undefined;
      await applyToPerformance(
        db,
        key,
        (ledger, now) => {
          // What goes back to the venue: the lease as it stood, unsold places only.
          if (ledger.leases.has(leaseId)) returned = leaseView(ledger, leaseId, key.performanceId);
          return returnLease(ledger, { leaseId, terminalId: terminal.terminalId }, now);
        },
        { ended: { id: leaseId, status: 'returned' } },
        () => null,
      );
      return { lease: returned! };
    },
  );

  app.get(
    '/api/inventory/performances/:performanceId',
    {
      schema: {
        params: z.strictObject({ performanceId: z.string().min(1).max(40) }),
        response: { 200: availabilityResponseSchema },
      },
    },
    async (request) => {
      const terminal = terminals.get(request)!;
      const { performanceId } = request.params;
      const ledger = await readPerformance(db, { venueId: terminal.venueId, performanceId });
      const now = Date.now();
      return {
        performanceId,
        ...availability(ledger, now),
        seats: seatsSeenFrom(ledger, terminal.terminalId, now),
      };
    },
  );
  done();
};

function leaseView(ledger: Ledger, leaseId: string, performanceId: string) {
  const l = ledger.leases.get(leaseId)!;
  return {
    leaseId,
    ...placesView(l, performanceId),
    expiresAt: new Date(l.expiresAt).toISOString(),
  };
}
