/**
 * The back office's audit page speaks in words, never codes (issue 13 item 9): every kind the
 * server writes — the tills' journalled events and the back office's own — has a label in each
 * language, and a row's details translate approval actions, roles and switches.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CATALOGS, I18nProvider, LOCALES, type Locale } from '../../src-renderer/i18n';
import { Details, KIND_LABEL } from '../../src-renderer/manage/pages/audit-page';
import type { AuditEventView } from '../../src-renderer/manage/staff-views';
import { TILL_AUDIT_TYPES } from '../../src-server/routes/audit';

/** What the server's routes pass to recordAudit / auditBy / auditedAs. */
const BACK_OFFICE_KINDS = [
  'sign_in',
  'sign_in_failed',
  'sign_in_locked',
  'sign_out',
  'staff_added',
  'staff_changed',
  'staff_locked',
  'staff_unlocked',
  'staff_pin_reset',
  'staff_list_published',
  'kiosk_mode_set',
  'enrolment_code_created',
  'terminal_revoked',
  'catalog_published',
  'channel_created',
  'performance_cancelled',
  'performance_postponed',
  'refund_policy_changed',
  'tier_changed',
  'purchase_limit_changed',
  'z_copy_sent',
  'exception_resolved',
  'request_answer_time_changed',
  'event_added',
  'tier_added',
  'performance_added',
  'seating_plan_imported',
  'price_rule_added',
  'price_rule_removed',
  'refund_request_auto_approved',
  'refund_request_queued',
  'refund_request_approved',
  'refund_request_declined',
  'refund_request_question',
  'refund_request_payout_retried',
  'refund_request_cash_code_renewed',
  // branch webhooks
  'webhook_set',
  'webhook_removed',
  'refund_link_key_rotated',
  'customer_consent_changed',
  'customer_exported',
  'customer_erased',
];

const never = { load: () => Promise.resolve(null), save: () => Promise.resolve() };
function render(locale: Locale, event: AuditEventView): string {
  return renderToStaticMarkup(
    <I18nProvider
      venue={{ currency: 'UAH', timeZone: 'UTC' }}
      preference={never}
      initialLocale={locale}
    >
      <Details event={event} staffName={(id) => (id === 'olena' ? 'Olena' : id)} />
    </I18nProvider>,
  );
}

describe('audit page words', () => {
  it('labels every kind the server writes, differently in each language', () => {
    const kinds = [...BACK_OFFICE_KINDS, ...TILL_AUDIT_TYPES.map((t) => `till_${t}`)];
    for (const kind of kinds) {
      const key = KIND_LABEL[kind];
      expect(key, kind).toBeDefined();
      const words = LOCALES.map((l) => CATALOGS[l][key!]);
      expect(new Set(words).size, `${kind}: ${words.join(' | ')}`).toBe(LOCALES.length);
    }
    expect(Object.keys(KIND_LABEL).sort()).toEqual([...kinds].sort());
  });

  it('an approval row names the action, who asked and the amount, with no raw code', () => {
    const event: AuditEventView = {
      id: 'till:T1:5',
      source: 'till',
      actorName: null,
      at: '2026-04-01T07:02:00.000Z',
      actor: 'staff:taras',
      kind: 'till_approval',
      terminalId: 'T1',
      detail: {
        action: 'refund_after_deadline',
        requestedBy: { staffId: 'olena' },
        amount: { amount: 60000, currency: 'UAH' },
        reason: 'Sick child',
      },
    };
    const en = render('en', event);
    expect(en).toContain('for a refund after the deadline');
    expect(en).toContain('asked by Olena');
    expect(en).toContain('Sick child');
    expect(en).toMatch(/600/);
    const uk = render('uk', event);
    expect(uk).toContain('повернення після строку');
    expect(uk).toContain('запит від Olena');
    for (const locale of LOCALES) {
      expect(render(locale, event), locale).not.toMatch(/refund_after_deadline|requestedBy/);
    }
  });

  it('a staff change row translates the role; a kiosk row says the switch in words', () => {
    const staff: AuditEventView = {
      id: 'bo:1',
      source: 'back_office',
      actorName: 'Li Wei',
      at: '2026-12-03T18:00:00.000Z',
      actor: 'manager:m1',
      kind: 'staff_added',
      terminalId: null,
      detail: { staffId: 'iryna', name: 'Iryna', role: 'supervisor', version: 4 },
    };
    expect(render('zh-Hans', staff)).toContain('角色：主管');
    expect(render('en', staff)).toBe('for Iryna · role: supervisor · version 4');
    const kiosk = { ...staff, kind: 'kiosk_mode_set', detail: { kiosk: true } };
    expect(render('uk', kiosk)).toBe('Кіоск');
  });
  it('a schedule row names the event, the start and the plan; a request row its amount', () => {
    const base: AuditEventView = {
      id: 'bo:2',
      source: 'back_office',
      actorName: 'Li Wei',
      at: '2026-12-03T18:00:00.000Z',
      actor: 'manager:m1',
      kind: 'performance_added',
      terminalId: null,
      detail: {
        performanceId: 'hamlet-20270601-1900',
        eventName: 'Hamlet',
        startsAt: '2027-06-01T16:00:00.000Z',
        catalogVersion: 3,
      },
    };
    expect(render('en', base)).toBe('Hamlet · Jun 1, 2027, 4:00 PM');
    const plan = {
      ...base,
      kind: 'seating_plan_imported',
      detail: { name: 'Small hall', seats: 3 },
    };
    expect(render('en', plan)).toBe('Small hall · 3 seats');
    expect(render('uk', plan)).toBe('Small hall · 3 місця');
    const approved = {
      ...base,
      kind: 'refund_request_approved',
      detail: { requestId: 'r1', amountMinor: 66500, currency: 'UAH', override: false },
    };
    expect(render('en', approved)).toBe('₴665.00');
    for (const locale of LOCALES) expect(render(locale, approved)).not.toMatch(/requestId|r1/);
  });
});
