/**
 * Venue set-up until the back office exists (`npx tsx src-server/cli.ts …`), against the same
 * database the server uses (SERVER_DATA_DIR or DATABASE_URL; stop an embedded server first:
 * PGlite opens its folder from one process at a time):
 *   add-venue <venue-id> <name> <currency>
 *   add-manager <venue-id> <email> <name>        (password from BOX_OFFICE_MANAGER_PASSWORD)
 *   seed-demo                                    (the demo venue and its manager)
 */
import { configFromEnv } from './config';
import { migrate } from './db/migrate';
import { openDb } from './db/open';
import { ensureManager, ensureVenue, seedDemo } from './venues';

const [command, ...args] = process.argv.slice(2);
const db = await openDb(configFromEnv().db);
try {
  await migrate(db);
  if (command === 'add-venue' && args.length === 3) {
    const [venueId, name, currency] = args as [string, string, string];
    console.log(
      (await ensureVenue(db, { venueId, name, currency }))
        ? `venue ${venueId} added`
        : `venue ${venueId} exists`,
    );
  } else if (command === 'add-manager' && args.length === 3) {
    const [venueId, email, name] = args as [string, string, string];
    const password = process.env.BOX_OFFICE_MANAGER_PASSWORD ?? '';
    const added = await ensureManager(db, { venueId, email, name, password });
    console.log(
      added ? `manager ${email} added to ${venueId}` : `${email} already manages ${venueId}`,
    );
  } else if (command === 'seed-demo' && args.length === 0) {
    await seedDemo(db);
    console.log('demo venue podil-stage and its manager are present');
  } else {
    console.error(
      'usage: cli.ts add-venue <venue-id> <name> <currency> | add-manager <venue-id> <email> <name> | seed-demo',
    );
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
