import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approveBodySchema,
  declineBodySchema,
  messageBodySchema,
  phoneRequestSchema,
  requestFiguresQuerySchema,
  requestFiguresSchema,
  requestListItemSchema,
  requestListQuerySchema,
  requestListSchema,
  requestSettingsSchema,
  submitAnswerSchema,
  venueIdSchema,
} from '../../shared/requests/contract';
import { managerGuard, principalOf, type ManagerPrincipal } from '../auth/manager-auth';
import type { RequestDeps } from '../requests/deps';
import { auditBy } from '../audit/manager-audit';
import { answerBusinessDays } from '../requests/answer-time';
import { requestFigures } from '../requests/figures';
import { messagesOf, listItemView, requestRow, requestRows } from '../requests/request-store';
import { renewCashCode } from '../requests/renew-cash-code';
import { approveRequest, askCustomer, declineRequest, retryPayout } from '../requests/review';
import { submitRequest } from '../requests/submit';
import { HttpError } from '../http-error';

const params = z.strictObject({ venueId: venueIdSchema, requestId: z.uuid() });
const answer = z.strictObject({ request: requestListItemSchema });

/**
 * The back office's "Requests" (issue 14 item 2): the queue with each request's age and
 * target answer time, and a manager's decisions — approve, decline with a reason the customer
 * reads, ask a question — plus a request entered for a phone caller. Supervisors read only
 * (the permission table); every decision is audited in the decision's transaction.
 */
export const refundRequestAdminRoutes: FastifyPluginCallbackZod<{ deps: RequestDeps }> = (
  app,
  { deps },
  done,
) => {
  const { db } = deps;
  const one = async (venueId: string, requestId: string) => {
    const row = await requestRow(db, venueId, requestId);
    if (row === null) {
      throw new HttpError(
        404,
        'request_not_found',
        'There is no such refund request at this venue.',
      );
    }
    const messages = await messagesOf(db, venueId, [requestId]);
    return { request: listItemView(row, messages.get(requestId) ?? [], deps.now()) };
  };

  app.get(
    '/api/venues/:venueId/refund-requests',
    {
      preValidation: managerGuard(db, 'read'),
      schema: {
        params: z.strictObject({ venueId: venueIdSchema }),
        querystring: requestListQuerySchema,
        response: { 200: requestListSchema },
      },
    },
    async (request) => {
      const { venueId } = principalOf(request);
      const rows = await requestRows(db, venueId, request.query.state);
      const messages = await messagesOf(
        db,
        venueId,
        rows.map((r) => r.request_id),
      );
      const nowMs = deps.now();
      return {
        requests: rows.map((r) => listItemView(r, messages.get(r.request_id) ?? [], nowMs)),
        answerBusinessDays: await answerBusinessDays(db, venueId),
      };
    },
  );
  // The venue's target answer time (issue 14 item 2): a manager sets it, audited with before
  // and after. New requests are due by it; those already made keep the date they were given.
  const venueParams = z.strictObject({ venueId: venueIdSchema });
  app.get(
    '/api/venues/:venueId/refund-request-settings',
    {
      preValidation: managerGuard(db, 'read'),
      schema: { params: venueParams, response: { 200: requestSettingsSchema } },
    },
    async (request) => ({
      answerBusinessDays: await answerBusinessDays(db, principalOf(request).venueId),
    }),
  );
  app.put(
    '/api/venues/:venueId/refund-request-settings',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: venueParams,
        body: requestSettingsSchema,
        response: { 200: requestSettingsSchema },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      const days = request.body.answerBusinessDays;
      await db.transaction(async (tx) => {
        const before = await tx.query<{ days: unknown }>(
          `SELECT request_answer_business_days AS days FROM venues WHERE venue_id = $1 FOR UPDATE`,
          [manager.venueId],
        );
        await tx.query(`UPDATE venues SET request_answer_business_days = $2 WHERE venue_id = $1`, [
          manager.venueId,
          days,
        ]);
        await auditBy(tx, manager, 'request_answer_time_changed', null, {
          before: Number(before[0]?.days),
          after: days,
        });
      });
      return { answerBusinessDays: days };
    },
  );
  app.get(
    '/api/venues/:venueId/analytics/refund-requests',
    {
      preValidation: managerGuard(db, 'read'),
      schema: {
        params: z.strictObject({ venueId: venueIdSchema }),
        querystring: requestFiguresQuerySchema,
        response: { 200: requestFiguresSchema },
      },
    },
    async (request) =>
      requestFigures(db, principalOf(request).venueId, request.query.from, request.query.to),
  );
  app.post(
    '/api/venues/:venueId/refund-requests',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: z.strictObject({ venueId: venueIdSchema }),
        body: phoneRequestSchema,
        response: { 201: submitAnswerSchema },
      },
    },
    async (request, reply) => {
      const manager = principalOf(request);
      const made = await submitRequest(
        deps,
        { ...request.body, venueId: manager.venueId },
        'phone',
        `manager:${manager.managerId}`,
      );
      return reply.code(201).send(made);
    },
  );
  // A manager's decisions on one request: each answers the request as it now stands.
  const decisions: readonly {
    readonly action: string;
    readonly body: z.ZodType<Record<string, string>>;
    readonly run: (
      manager: ManagerPrincipal,
      id: string,
      body: Record<string, string>,
    ) => Promise<void>;
  }[] = [
    {
      action: 'approve',
      body: approveBodySchema,
      run: (m, id, b) => approveRequest(deps, m, id, b.note ?? ''),
    },
    {
      action: 'decline',
      body: declineBodySchema,
      run: (m, id, b) => declineRequest(deps, m, id, b.reason ?? ''),
    },
    {
      action: 'messages',
      body: messageBodySchema,
      run: (m, id, b) => askCustomer(deps, m, id, b.body ?? ''),
    },
    {
      action: 'retry-payout',
      body: z.strictObject({}),
      run: (m, id) => retryPayout(deps, m, id),
    },
    {
      action: 'renew-cash-code',
      body: z.strictObject({}),
      run: (m, id) => renewCashCode(deps, m, id),
    },
  ];
  for (const d of decisions) {
    app.post(
      `/api/venues/:venueId/refund-requests/:requestId/${d.action}`,
      {
        preValidation: managerGuard(db, 'write'),
        schema: { params, body: d.body, response: { 200: answer } },
      },
      async (request) => {
        const manager = principalOf(request);
        await d.run(manager, request.params.requestId, request.body);
        return one(manager.venueId, request.params.requestId);
      },
    );
  }
  done();
};
