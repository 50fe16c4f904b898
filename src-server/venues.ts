import { randomUUID } from 'node:crypto';
import type { Queryable } from './db/port';
import { buildDemoCatalog, DEMO_VENUE_TEMPLATE } from '../shared/catalog/demo-venue';
import { hashPassword } from './auth/secrets';
import { seedFirstCatalog } from './catalog/catalogs';
import { DEMO_STAFF } from '../shared/catalog/demo-staff';
import { seedFirstStaffList } from './staff/staff-lists';

export interface VenueInput {
  readonly venueId: string;
  readonly name: string;
  readonly currency: string;
}

export interface ManagerInput {
  readonly venueId: string;
  readonly email: string;
  readonly name: string;
  readonly password: string;
  /** Default manager; a supervisor reads the back office and changes nothing. */
  readonly role?: 'manager' | 'supervisor';
  /** Their id in the venue's staff list: they may then sign in with the PIN they use at the tills. */
  readonly staffId?: string;
}

/** Creates a venue unless one with that id exists; true when created. */
export async function ensureVenue(db: Queryable, venue: VenueInput): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO venues (venue_id, name, currency) VALUES ($1, $2, $3)
     ON CONFLICT (venue_id) DO NOTHING RETURNING venue_id`,
    [venue.venueId, venue.name, venue.currency],
  );
  return rows.length > 0;
}

/** Adds a manager with a hashed password unless that e-mail is taken at the venue. */
export async function ensureManager(db: Queryable, manager: ManagerInput): Promise<boolean> {
  if (manager.password.length < 10)
    throw new Error('A manager password needs at least 10 characters.');
  const rows = await db.query(
    `INSERT INTO managers (venue_id, manager_id, email, name, password_hash, role, staff_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (venue_id, email) DO NOTHING RETURNING manager_id`,
    [
      manager.venueId,
      randomUUID(),
      manager.email.toLowerCase(),
      manager.name,
      await hashPassword(manager.password),
      manager.role ?? 'manager',
      manager.staffId ?? null,
    ],
  );
  return rows.length > 0;
}

/** The demo venue and its manager (printed in src-server/README.md, like the till's demo PINs). */
export const DEMO_VENUE: VenueInput = {
  venueId: 'podil-stage',
  name: 'Podil Stage',
  currency: 'UAH',
};
export const DEMO_MANAGER: ManagerInput = {
  venueId: 'podil-stage',
  email: 'li.wei@podil-stage.example',
  name: 'Li Wei',
  password: 'demo-manager-3333',
  // Li Wei of the demo staff list (PIN 3333 at the tills and in the back office).
  staffId: 'li-wei',
};
/** The demo venue's supervisor: signs in to the back office, reads, changes nothing. */
export const DEMO_SUPERVISOR: ManagerInput = {
  venueId: 'podil-stage',
  email: 'olena.koval@podil-stage.example',
  name: 'Olena Koval',
  password: 'demo-supervisor-2222',
  role: 'supervisor',
};

/**
 * The demo venue, its manager, its first staff list and its first catalog: the demo template's events, performances
 * dated from now (what a demo till builds for itself too, at the same version, so an enrolled
 * demo till keeps its own until a manager publishes a newer one).
 */
export async function seedDemo(db: Queryable, now: number = Date.now()): Promise<void> {
  await ensureVenue(db, DEMO_VENUE);
  await ensureManager(db, DEMO_MANAGER);
  // A demo data folder from before PIN sign-in has the account without its staff link.
  await db.query(
    `UPDATE managers SET staff_id = $3 WHERE venue_id = $1 AND email = $2 AND staff_id IS NULL`,
    [DEMO_MANAGER.venueId, DEMO_MANAGER.email, DEMO_MANAGER.staffId],
  );
  await ensureManager(db, DEMO_SUPERVISOR);
  const catalog = buildDemoCatalog(DEMO_VENUE_TEMPLATE, now);
  if (!catalog.ok) throw new Error(`The demo catalog is invalid: ${catalog.error.message}`);
  await seedFirstCatalog(db, DEMO_VENUE.venueId, catalog.value, 'demo-seed');
  // The demo staff with the README's PINs: an enrolled demo till pulls the same people it
  // provisioned for itself, and a manager's next list replaces them.
  await seedFirstStaffList(db, DEMO_VENUE.venueId, DEMO_STAFF, 'demo-seed');
}
