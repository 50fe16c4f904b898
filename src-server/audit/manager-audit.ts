import type { ManagerPrincipal } from '../auth/manager-auth';
import type { Queryable } from '../db/port';
import { recordAudit } from './audit-log';

/**
 * One audit row for a back-office change by `manager` (actor `manager:<id>`): the one line the
 * older manager routes (enrolment codes, revocation, catalog, staff list, channels) add.
 */
export const auditBy = (
  db: Queryable,
  manager: ManagerPrincipal,
  kind: string,
  terminalId: string | null,
  detail: Record<string, unknown>,
): Promise<void> =>
  recordAudit(db, manager.venueId, `manager:${manager.managerId}`, kind, terminalId, detail);

/** For a publish answering `{version}`: records `kind` with the version, then answers it. */
export const auditedAs =
  (db: Queryable, manager: ManagerPrincipal, kind: string) =>
  async <T extends { readonly version: number }>(published: T): Promise<T> => {
    await auditBy(db, manager, kind, null, { version: published.version });
    return published;
  };
