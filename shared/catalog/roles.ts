import { z } from 'zod';

/**
 * Who may do what, lowest to highest. `kiosk` is an unattended self-service terminal acting
 * for a customer: it can sell and refund within policy but never approve anything or touch
 * cash. Each role includes the rights of the roles before it.
 */
export const ROLES = ['kiosk', 'cashier', 'supervisor', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export const roleSchema = z.enum(ROLES);

const RANK: Record<Role, number> = { kiosk: 0, cashier: 1, supervisor: 2, manager: 3 };

export function roleRank(role: Role): number {
  return RANK[role];
}

/** True when `role` is `required` or above it. */
export function hasRole(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

export function higherRole(a: Role, b: Role): Role {
  return RANK[a] >= RANK[b] ? a : b;
}
