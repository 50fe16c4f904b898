// Provisions a venue till's staff list into main's data folder (issue 8 item 5), until the
// central server sends it (issue 11). Usage:
//
//   npx tsx scripts/provision-staff.ts <data-dir> <staff.json>
//
// <staff.json> is a list of people with their starting PINs, e.g.
//   [{ "id": "anna", "name": "Anna", "role": "cashier", "pin": "4821" }, …]
// Each PIN is hashed with scrypt and its own salt into <data-dir>/staff.json, which replaces
// the list main had (main reads it at its next start). Keep the input file off the till.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { roleSchema } from '../shared/catalog/roles';
import { pinSchema } from '../shared/ipc/staff';
import { staffFileName, writeStaffFile } from '../src-main/staff/staff-directory';

const inputSchema = z
  .array(
    z.strictObject({
      id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'An id is letters, digits, _ . -'),
      name: z.string().min(1).max(100),
      role: roleSchema,
      pin: pinSchema,
    }),
  )
  .min(1)
  .refine((list) => new Set(list.map((s) => s.id)).size === list.length, 'An id is listed twice.');

const [dataDir, file] = process.argv.slice(2);
if (!dataDir || !file) {
  console.error('usage: npx tsx scripts/provision-staff.ts <data-dir> <staff.json>');
  process.exit(2);
}
const parsed = inputSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
if (!parsed.success) {
  console.error(`The staff list is not valid:\n${z.prettifyError(parsed.error)}`);
  process.exit(1);
}
await writeStaffFile(dataDir, parsed.data);
console.log(
  `Wrote ${parsed.data.length} staff to ${dataDir}/${staffFileName} (hashed PINs): ` +
    parsed.data.map((s) => `${s.id} (${s.role})`).join(', '),
);
