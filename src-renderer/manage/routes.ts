import type { MessageKey } from '../i18n';

/** The back office's sections, in menu order; the hash (`#/refunds`) names the open one. */
export const SECTIONS = [
  'today',
  'refunds',
  'reports',
  'exceptions',
  'requests',
  'feedback',
  'customers',
  'catalog',
  'policies',
  'staff',
  'audit',
] as const;
export type Section = (typeof SECTIONS)[number];

export const SECTION_LABEL: Record<Section, MessageKey> = {
  today: 'manage.nav.today',
  refunds: 'manage.nav.refunds',
  reports: 'manage.nav.reports',
  exceptions: 'manage.nav.exceptions',
  requests: 'manage.nav.requests',
  feedback: 'manage.nav.feedback',
  customers: 'manage.nav.customers',
  catalog: 'manage.nav.catalog',
  policies: 'manage.nav.policies',
  staff: 'manage.nav.staff',
  audit: 'manage.nav.audit',
};

export function sectionOf(hash: string): Section {
  const name = hash.replace(/^#\/?/, '').split('/')[0];
  return (SECTIONS as readonly string[]).includes(name ?? '') ? (name as Section) : 'today';
}
