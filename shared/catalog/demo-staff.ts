import type { Role } from './roles';

/**
 * The demo venue's staff. The PINs are public on purpose (README, the demo sign-in hint). Main
 * provisions them, hashed, into its staff file when it launches a demo till; the page only
 * reads them for the hint, and never on a venue till.
 */
export const DEMO_STAFF: readonly {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly pin: string;
}[] = [
  { id: 'olena', name: 'Olena', role: 'cashier', pin: '1111' },
  { id: 'taras', name: 'Taras', role: 'supervisor', pin: '2222' },
  { id: 'li-wei', name: 'Li Wei', role: 'manager', pin: '3333' },
];
