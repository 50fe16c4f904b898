import type { Result } from '../../shared/util/result';
import { err, ok } from '../../shared/util/result';
import type { BoxOfficeDb } from '../store';
import { catalogVersion, markCatalogCurrent, replaceCatalog } from '../store';
import type { SyncFailure, SyncPort } from './sync-port';
import { classifyFailure } from './sync-port';

/**
 * The venue's catalog from the server (events, performances, prices, seating, refund
 * policies): a till takes a newer one whole, in one transaction (`replaceCatalog`), when a
 * pull answer announces a version above its own, and a venue till with no catalog yet takes
 * the first one before it can open.
 */

export type CatalogPull =
  | { readonly ok: true; readonly replaced: number | null }
  | { readonly ok: false; readonly failure: SyncFailure };

/**
 * Fetches and stores the venue's catalog when `announced` (the pull answer's
 * `catalogVersion`) is above this till's; `replaced` is the version now stored, null when
 * nothing changed. Older or equal versions are never applied: a catalog only moves forward.
 */
export async function takeNewerCatalog(
  db: BoxOfficeDb,
  port: SyncPort,
  announced: number | null,
  nowMs: number = Date.now(),
): Promise<CatalogPull> {
  const have = await catalogVersion(db);
  if (announced === null || (have !== null && announced <= have)) {
    // The server's newest is this till's: its catalog is current as of this pull.
    if (announced !== null) await markCatalogCurrent(db, nowMs);
    return { ok: true, replaced: null };
  }
  const answer = await port.catalog(have ?? -1);
  if (!answer.ok) return { ok: false, failure: classifyFailure(answer.error) };
  const catalog = answer.value.catalog;
  if (catalog === null || (have !== null && catalog.version <= have)) {
    return { ok: true, replaced: null };
  }
  const stored = await replaceCatalog(db, catalog);
  if (!stored.ok) {
    return {
      ok: false,
      failure: { kind: 'refused', code: 'store_failed', message: stored.error.message },
    };
  }
  await markCatalogCurrent(db, nowMs);
  return { ok: true, replaced: stored.value };
}

/**
 * A venue till's first start: its catalog from the server, or why there is none (not
 * enrolled, the server unreachable, nothing published for the venue yet).
 */
export async function firstCatalogFromServer(
  db: BoxOfficeDb,
  port: SyncPort,
  nowMs: number = Date.now(),
): Promise<Result<number, 'no_catalog'>> {
  const answer = await port.catalog(-1);
  if (!answer.ok) {
    const failure = classifyFailure(answer.error);
    return err(
      'no_catalog',
      failure.kind === 'not_enrolled'
        ? 'it is not connected to a server'
        : `the server could not give it: ${failure.message}`,
    );
  }
  if (answer.value.catalog === null) {
    return err('no_catalog', 'the server has no catalog for this venue yet');
  }
  const stored = await replaceCatalog(db, answer.value.catalog);
  if (!stored.ok) return err('no_catalog', stored.error.message);
  await markCatalogCurrent(db, nowMs);
  return ok(stored.value);
}
