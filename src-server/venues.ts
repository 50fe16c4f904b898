import { randomUUID } from 'node:crypto';
import type { Queryable } from './db/port';
import { hashPassword } from './auth/secrets';

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
    `INSERT INTO managers (venue_id, manager_id, email, name, password_hash)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (venue_id, email) DO NOTHING RETURNING manager_id`,
    [
      manager.venueId,
      randomUUID(),
      manager.email.toLowerCase(),
      manager.name,
      await hashPassword(manager.password),
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
};

export async function seedDemo(db: Queryable): Promise<void> {
  await ensureVenue(db, DEMO_VENUE);
  await ensureManager(db, DEMO_MANAGER);
}
