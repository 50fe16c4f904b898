import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  consentBodySchema,
  customerKeySchema,
  customerRecordSchema,
  customerSearchAnswerSchema,
  customerSearchQuerySchema,
  eraseAnswerSchema,
  eraseBodySchema,
  venueIdSchema,
  windowConsentBodySchema,
} from '../../shared/customers/contract';
import { auditBy } from '../audit/manager-audit';
import { recordAudit } from '../audit/audit-log';
import { managerGuard, principalOf } from '../auth/manager-auth';
import { authenticateTerminal } from '../auth/terminal-auth';
import type { Db } from '../db/port';
import { HttpError } from '../http-error';
import { recordConsent, recordConsentOfContact } from '../customers/consent';
import { searchCustomers } from '../customers/directory';
import { eraseCustomer } from '../customers/erasure';
import { customerExport } from '../customers/export';
import { customerRecord } from '../customers/record';

const venueParams = z.strictObject({ venueId: venueIdSchema });
const customerParams = z.strictObject({ venueId: venueIdSchema, customerKey: customerKeySchema });

/**
 * Customer records (issue 14 item 7): the back office's "Customers" (search, a record, consent,
 * export and erasure — the last two a manager's, each audited) and the till's look-up of a
 * customer at the window, authenticated as the terminal and kept to its venue. Records are
 * named by their customer key, never by an e-mail in a URL.
 */
export const customerRoutes: FastifyPluginCallbackZod<{ db: Db; now: () => number }> = (
  app,
  { db, now },
  done,
) => {
  app.get(
    '/api/venues/:venueId/customers',
    {
      preValidation: managerGuard(db, 'read'),
      schema: {
        params: venueParams,
        querystring: customerSearchQuerySchema,
        response: { 200: customerSearchAnswerSchema },
      },
    },
    async (request) => ({
      customers: await searchCustomers(db, principalOf(request).venueId, request.query.q),
    }),
  );
  app.get(
    '/api/venues/:venueId/customers/:customerKey',
    {
      preValidation: managerGuard(db, 'read'),
      schema: { params: customerParams, response: { 200: customerRecordSchema } },
    },
    async (request) => customerRecord(db, principalOf(request).venueId, request.params.customerKey),
  );
  app.put(
    '/api/venues/:venueId/customers/:customerKey/consent',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: customerParams,
        body: consentBodySchema,
        response: { 200: customerRecordSchema },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      const key = request.params.customerKey;
      await db.transaction(async (tx) => {
        const changed = await recordConsent(tx, manager.venueId, key, {
          given: request.body.given,
          source: 'back_office',
          by: `manager:${manager.managerId}`,
        });
        if (changed) {
          await auditBy(tx, manager, 'customer_consent_changed', null, {
            customerKey: key,
            given: request.body.given,
          });
        }
      });
      return customerRecord(db, manager.venueId, key);
    },
  );
  // A POST: reading one person's whole file is an act the audit trail records.
  app.post(
    '/api/venues/:venueId/customers/:customerKey/export',
    { preValidation: managerGuard(db, 'write'), schema: { params: customerParams } },
    async (request, reply) => {
      const manager = principalOf(request);
      const key = request.params.customerKey;
      const file = await db.transaction(async (tx) => {
        const exported = await customerExport(tx, manager.venueId, key, now());
        await auditBy(tx, manager, 'customer_exported', null, {
          customerKey: key,
          orders: exported.record.orders.length,
        });
        return exported;
      });
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="customer-${key}.json"`)
        .header('cache-control', 'no-store')
        .send(JSON.stringify(file, null, 2));
    },
  );
  app.post(
    '/api/venues/:venueId/customers/:customerKey/erase',
    {
      preValidation: managerGuard(db, 'write'),
      schema: {
        params: customerParams,
        body: eraseBodySchema,
        response: { 200: eraseAnswerSchema },
      },
    },
    async (request) => {
      const manager = principalOf(request);
      const key = request.params.customerKey;
      return db.transaction(async (tx) => {
        const erased = await eraseCustomer(
          tx,
          manager.venueId,
          key,
          request.body.confirmContact,
          `manager:${manager.managerId}`,
        );
        // The key and the counts, never the contact: the audit trail outlives the person.
        await auditBy(tx, manager, 'customer_erased', null, {
          customerKey: key,
          orders: erased.ordersRedacted,
          journalEntries: erased.journalEntriesRedacted,
        });
        return erased;
      });
    },
  );

  // ── the till: a cashier looks a customer up (online), and records consent at the window ──
  app.get(
    '/api/terminal/customers',
    {
      schema: {
        querystring: customerSearchQuerySchema,
        response: { 200: customerSearchAnswerSchema },
      },
    },
    async (request) => {
      const till = await authenticateTerminal(db, request);
      return { customers: await searchCustomers(db, till.venueId, request.query.q) };
    },
  );
  app.get(
    '/api/terminal/customers/:customerKey',
    {
      schema: {
        params: z.strictObject({ customerKey: customerKeySchema }),
        response: { 200: customerRecordSchema },
      },
    },
    async (request) => {
      const till = await authenticateTerminal(db, request);
      const record = await customerRecord(db, till.venueId, request.params.customerKey);
      // The window needs the orders, refunds and requests; the thread stays in the back office.
      return { ...record, messages: [] };
    },
  );
  app.put(
    '/api/terminal/customer-consent',
    { schema: { body: windowConsentBodySchema, response: { 200: customerRecordSchema } } },
    async (request) => {
      const till = await authenticateTerminal(db, request);
      const consent = await db.transaction(async (tx) => {
        const recorded = await recordConsentOfContact(tx, till.venueId, request.body.contact, {
          given: request.body.given,
          source: 'window',
          by: `terminal:${till.terminalId}`,
        });
        if (recorded?.changed) {
          await recordAudit(
            tx,
            till.venueId,
            `terminal:${till.terminalId}`,
            'customer_consent_changed',
            till.terminalId,
            { customerKey: recorded.key, given: request.body.given },
          );
        }
        return recorded;
      });
      if (consent === null) {
        throw new HttpError(
          422,
          'not_a_contact',
          'Consent is recorded for an e-mail address or a phone number, not a name.',
        );
      }
      const key = consent.key;
      return { ...(await customerRecord(db, till.venueId, key)), messages: [] };
    },
  );
  done();
};
