import type { Catalog } from '../../shared/catalog/catalog';
import { recordAudit } from '../audit/audit-log';
import type { ManagerPrincipal } from '../auth/manager-auth';
import type { Db } from '../db/port';
import type { FeedNotifier } from '../sync/feed-notifier';
import { publishCatalogChange } from './catalogs';

/**
 * A back-office addition to the catalog: `change` makes the next catalog from the newest (and
 * says what it `made`, or throws an HttpError to refuse), published by the one publish path
 * with its audit row (`kind`, `detail`) in the same transaction. A retry after a racing
 * publication calls `change` again on the newer catalog, so `made` is the published one.
 */
export async function publishAudited<T>(
  db: Db,
  feed: FeedNotifier,
  manager: ManagerPrincipal,
  kind: string,
  change: (newest: Catalog) => { readonly catalog: Catalog; readonly made: T },
  detail: (made: T, catalog: Catalog) => Record<string, unknown>,
): Promise<{ readonly version: number; readonly made: T }> {
  let made: { value: T } | undefined;
  const { version } = await publishCatalogChange(
    db,
    feed,
    manager.venueId,
    manager.managerId,
    (newest) => {
      const next = change(newest);
      made = { value: next.made };
      return next.catalog;
    },
    (tx, catalog) =>
      recordAudit(tx, manager.venueId, `manager:${manager.managerId}`, kind, null, {
        ...detail(made!.value, catalog),
        catalogVersion: catalog.version,
      }),
  );
  return { version, made: made!.value };
}
