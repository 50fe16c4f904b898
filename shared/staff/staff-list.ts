import { z } from 'zod';
import { roleSchema } from '../catalog/roles';
import { dbInt, dbIntQuery } from '../util/db-int';

/**
 * The venue's staff list as the server keeps it and every till pulls it (issue 11 item 5):
 * names, roles and PIN *hashes*. A PIN is typed once, by a manager, and hashed by the server
 * on arrival; neither the server's tables nor any answer ever hold it. On a till the list
 * lives in main's data folder (`staff.json`), never in the page.
 *
 * The hash format is one for the server (which writes it) and main (which checks PINs with
 * it): scrypt with a random salt per member of staff, parameters stored with each hash so
 * they can be raised later without invalidating the PINs already set.
 */

/** Letters, digits and `_.-`, 1–40 characters: it appears in journal entries and file names. */
export const staffIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'A staff id is 1–40 letters, digits, _ . or -.');

/** A PIN as typed: 4 to 8 digits, what a cashier types fast on the numeric pad. */
export const staffPinSchema = z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.');

export const pinHashSchema = z.strictObject({
  algorithm: z.literal('scrypt'),
  N: z.number().int().min(1024).max(1_048_576),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.string().min(16).max(128),
  hash: z.string().min(32).max(256),
});
export type PinHash = z.infer<typeof pinHashSchema>;

const staffName = z.string().trim().min(1).max(100);

/** One member of staff as tills receive them. */
export const staffRecordSchema = z.strictObject({
  id: staffIdSchema,
  name: staffName,
  role: roleSchema,
  pin: pinHashSchema,
});
export type StaffRecord = z.infer<typeof staffRecordSchema>;

/** At most this many staff in one venue's list. */
export const MAX_STAFF = 1000;

function uniqueIds(staff: readonly { readonly id: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  staff.forEach((s, i) => {
    // Ids are compared as the sign-in screen would confuse them: "Olena" and "olena" are one.
    const key = s.id.toLowerCase();
    if (seen.has(key))
      ctx.addIssue({
        code: 'custom',
        path: [i, 'id'],
        message: `The staff id ${s.id} appears twice; each member of staff needs their own.`,
      });
    seen.add(key);
  });
}

/** A published list: a version that only grows, and everyone who may sign in. */
export const staffListSchema = z.strictObject({
  version: dbInt(),
  staff: z.array(staffRecordSchema).max(MAX_STAFF).superRefine(uniqueIds),
});
export type StaffList = z.infer<typeof staffListSchema>;

/**
 * `PUT /api/venues/:venueId/staff` (a manager): the whole list, as the manager wants it now.
 * `pin` sets a new PIN; left out, the member keeps the PIN they have (a new member must have
 * one). Whoever is not in the list can no longer sign in at any till once it has pulled.
 */
export const staffListUpdateSchema = z.strictObject({
  version: dbInt(),
  staff: z
    .array(
      z.strictObject({
        id: staffIdSchema,
        name: staffName,
        role: roleSchema,
        pin: staffPinSchema.optional(),
      }),
    )
    .max(MAX_STAFF)
    .superRefine(uniqueIds),
});
export type StaffListUpdate = z.infer<typeof staffListUpdateSchema>;

/** `GET /api/sync/staff?after=<version>`: the newest list if newer than the till's. */
export const staffQuerySchema = z.strictObject({
  /** The till's list version; -1 (the default) for a till that has none from the server. */
  after: dbIntQuery(-1).default(-1),
});

export const staffResponseSchema = z.strictObject({ list: staffListSchema.nullable() });
export type StaffResponse = z.infer<typeof staffResponseSchema>;
