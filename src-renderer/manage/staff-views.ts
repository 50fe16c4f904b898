import type { Money } from '../../shared/money/money';

/** The answers of the staff, terminals and audit routes, as this page reads them. */

export type StaffRole = 'kiosk' | 'cashier' | 'supervisor' | 'manager';
export const STAFF_ROLES: readonly StaffRole[] = ['kiosk', 'cashier', 'supervisor', 'manager'];

export interface StaffMemberView {
  readonly id: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly locked: boolean;
}

/** GET /api/venues/:venueId/staff */
export interface StaffListView {
  readonly version: number | null;
  readonly publishedAt: string | null;
  readonly staff: readonly StaffMemberView[];
}

export interface LeaseView {
  readonly leaseId: string;
  readonly performanceId: string;
  /** From the newest catalog; null when it no longer lists the performance. */
  readonly eventName: string | null;
  readonly startsAt: string | null;
  readonly seats: number;
  readonly ga: number;
  readonly checkedOutSeats: number;
  readonly checkedOutGa: number;
  readonly expiresAt: string;
}

export interface TerminalOverview {
  readonly terminalId: string;
  readonly name: string;
  readonly enrolledAt: string;
  readonly revokedAt: string | null;
  readonly revokedReason: string | null;
  readonly headSeq: number;
  readonly lastPushAt: string | null;
  readonly kiosk: boolean;
  readonly leases: readonly LeaseView[];
}

/** GET /api/venues/:venueId/terminals/overview */
export interface TerminalsOverview {
  readonly terminals: readonly TerminalOverview[];
}

/** POST /api/venues/:venueId/enrolment-codes */
export interface EnrolmentCode {
  readonly code: string;
  readonly expiresAt: string;
}

export interface AuditEventView {
  readonly id: string;
  readonly source: 'back_office' | 'till';
  readonly at: string;
  readonly actor: string;
  readonly actorName: string | null;
  readonly kind: string;
  readonly terminalId: string | null;
  readonly detail: {
    readonly reason?: string;
    readonly amount?: Money;
    readonly action?: string;
    readonly requestedBy?: { readonly staffId: string };
    readonly staffId?: string;
    readonly name?: string | null;
    readonly role?: string;
    readonly version?: number;
    readonly kiosk?: boolean;
    readonly enabled?: boolean;
    readonly ttlMinutes?: number;
    readonly channelId?: string;
    readonly [key: string]: unknown;
  };
}

/** GET /api/venues/:venueId/audit */
export interface AuditPage {
  readonly events: readonly AuditEventView[];
  readonly nextOffset: number | null;
}
