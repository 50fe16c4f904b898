import { z } from 'zod';
import { defineMethods, method } from './define';

/**
 * The journal's anchor in main (issue 8 items 3 and 4). After each IndexedDB commit the page
 * reports the sealed entries; main checks each against the journal contract, re-hashes it,
 * requires it to chain onto the head it holds, fsyncs the new head and only then answers. At
 * start the page asks main to compare its store's tail with that head. The drawer
 * (`printer.openDrawer`) opens only for an entry main accepted here that moves cash.
 */

const hash = z.string().regex(/^[0-9a-f]{64}$/);
const seq = z.number().int().min(0);

/** A journal entry as the page holds it: main parses it with the journal contract itself. */
const reportedEntry = z.record(z.string(), z.unknown());

export const anchorHeadSchema = z.object({
  terminalId: z.string(),
  seq,
  hash,
  lastReceiptNo: z.number().int().min(0),
});

const damageKind = z.enum(['store_empty', 'behind', 'forked', 'head_missing', 'head_damaged']);

export const anchorComparisonSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('equal') }),
  z.object({ state: z.literal('unreported'), fromSeq: seq }),
  z.object({
    state: z.literal('damaged'),
    kind: damageKind,
    headSeq: seq.nullable(),
    storeSeq: seq,
  }),
]);

/** Why main refused a report; the page then shows the records-damaged screen. */
export const reportRefusalSchema = z.enum([
  'not_chained',
  'invalid_entry',
  'wrong_terminal',
  'records_disagree',
]);
export type ReportRefusal = z.infer<typeof reportRefusalSchema>;

export const journalAnchorMethods = defineMethods({
  'journal.compare': method(
    z.strictObject({ tail: z.object({ seq: z.number().int().min(1), hash }).nullable() }),
    anchorComparisonSchema,
  ),
  'journal.report': method(
    z.strictObject({ entries: z.array(reportedEntry).min(1).max(1_000) }),
    z.discriminatedUnion('status', [
      z.object({
        status: z.literal('accepted'),
        head: anchorHeadSchema,
        /** The reported entries the drawer may open for (once each), by main's reading. */
        cash: z.array(z.object({ seq: z.number().int().min(1), in: seq, out: seq })),
      }),
      z.object({ status: z.literal('refused'), reason: reportRefusalSchema, message: z.string() }),
    ]),
  ),
  /** The head signed with the terminal's key, for the Z slip (its short code and seq). */
  'journal.signHead': method(
    z.strictObject({}),
    z.object({ head: anchorHeadSchema, signature: z.string(), code: z.string() }),
  ),
  /** A demo till's way out of the records-damaged screen: main forgets the demo head. */
  'journal.resetDemo': method(z.strictObject({}), z.object({ reset: z.literal(true) })),
});
