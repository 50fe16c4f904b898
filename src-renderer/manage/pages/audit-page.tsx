import { useState, type FormEvent } from 'react';
import { formatMoney, useT, type MessageKey } from '../../i18n';
import type { Money } from '../../../shared/money/money';
import { venuePath } from '../api';
import { wallTimeToInstant } from '../catalog-views';
import { ErrorText } from '../error-text';
import type { SignedIn } from '../session';
import type {
  AuditEventView,
  AuditPage as AuditAnswer,
  StaffListView,
  TerminalsOverview,
} from '../staff-views';
import { useApi } from '../use-api';
import { HeadRow } from './staff-page';
import './staff.css';

const PAGE = 50;

/** Every kind the trail can hold, in plain words; a kind not named here reads as "other". */
export const KIND_LABEL: Record<string, MessageKey> = {
  sign_in: 'manage.audit.kind.sign_in',
  sign_in_failed: 'manage.audit.kind.sign_in_failed',
  sign_in_locked: 'manage.audit.kind.sign_in_locked',
  sign_out: 'manage.audit.kind.sign_out',
  staff_added: 'manage.audit.kind.staff_added',
  staff_changed: 'manage.audit.kind.staff_changed',
  staff_locked: 'manage.audit.kind.staff_locked',
  staff_unlocked: 'manage.audit.kind.staff_unlocked',
  staff_pin_reset: 'manage.audit.kind.staff_pin_reset',
  staff_list_published: 'manage.audit.kind.staff_list_published',
  kiosk_mode_set: 'manage.audit.kind.kiosk_mode_set',
  enrolment_code_created: 'manage.audit.kind.enrolment_code_created',
  terminal_revoked: 'manage.audit.kind.terminal_revoked',
  catalog_published: 'manage.audit.kind.catalog_published',
  channel_created: 'manage.audit.kind.channel_created',
  performance_cancelled: 'manage.audit.kind.performance_cancelled',
  performance_postponed: 'manage.audit.kind.performance_postponed',
  refund_policy_changed: 'manage.audit.kind.refund_policy_changed',
  tier_changed: 'manage.audit.kind.tier_changed',
  request_answer_time_changed: 'manage.audit.kind.request_answer_time_changed',
  purchase_limit_changed: 'manage.audit.kind.purchase_limit_changed',
  seating_plan_imported: 'manage.audit.kind.seating_plan_imported',
  performance_added: 'manage.audit.kind.performance_added',
  event_added: 'manage.audit.kind.event_added',
  tier_added: 'manage.audit.kind.tier_added',
  price_rule_added: 'manage.audit.kind.price_rule_added',
  price_rule_removed: 'manage.audit.kind.price_rule_removed',
  refund_request_auto_approved: 'manage.audit.kind.refund_request_auto_approved',
  refund_request_queued: 'manage.audit.kind.refund_request_queued',
  refund_request_approved: 'manage.audit.kind.refund_request_approved',
  refund_request_declined: 'manage.audit.kind.refund_request_declined',
  refund_request_question: 'manage.audit.kind.refund_request_question',
  refund_request_payout_retried: 'manage.audit.kind.refund_request_payout_retried',
  refund_request_cash_code_renewed: 'manage.audit.kind.refund_request_cash_code_renewed',
  webhook_set: 'manage.audit.kind.webhook_set',
  webhook_removed: 'manage.audit.kind.webhook_removed',
  refund_link_key_rotated: 'manage.audit.kind.refund_link_key_rotated',
  z_copy_sent: 'manage.audit.kind.z_copy_sent',
  customer_consent_changed: 'manage.audit.kind.customer_consent_changed',
  customer_exported: 'manage.audit.kind.customer_exported',
  customer_erased: 'manage.audit.kind.customer_erased',
  exception_resolved: 'manage.audit.kind.exception_resolved',
  till_approval: 'manage.audit.kind.till_approval',
  till_no_sale: 'manage.audit.kind.till_no_sale',
  till_paid_in: 'manage.audit.kind.till_paid_in',
  till_paid_out: 'manage.audit.kind.till_paid_out',
  till_drop: 'manage.audit.kind.till_drop',
  till_login: 'manage.audit.kind.till_login',
  till_logout: 'manage.audit.kind.till_logout',
  till_training_mode: 'manage.audit.kind.till_training_mode',
};

const ACTION_LABEL: Record<string, MessageKey> = {
  refund: 'manage.audit.action.refund',
  refund_after_deadline: 'manage.audit.action.refund_after_deadline',
  exchange: 'manage.audit.action.exchange',
  void: 'manage.audit.action.void',
  paid_out: 'manage.audit.action.paid_out',
  shift_close_over_short: 'manage.audit.action.shift_close_over_short',
  training_mode: 'manage.audit.action.training_mode',
  printer_settings: 'manage.audit.action.printer_settings',
  scanner_settings: 'manage.audit.action.scanner_settings',
};

const ROLES = new Set(['kiosk', 'cashier', 'supervisor', 'manager']);

/** `2026-12-03T18:00` typed in a datetime-local box: the venue's time, like every time shown here. */
const instantOf = (local: string, timeZone: string) => wallTimeToInstant(local, timeZone) ?? '';

interface Filters {
  readonly actor: string;
  readonly terminal: string;
  readonly kind: string;
  readonly from: string;
  readonly to: string;
}
const NO_FILTERS: Filters = { actor: '', terminal: '', kind: '', from: '', to: '' };

/** The audit trail: back-office changes and sign-ins, and what tills recorded, newest first. */
export function AuditPage({ who }: { readonly who: SignedIn }) {
  const tr = useT();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const staff = useApi<StaffListView>(venuePath(who.venueId, 'staff'));
  const terminals = useApi<TerminalsOverview>(venuePath(who.venueId, 'terminals/overview'));
  const query = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
  if (applied.actor.trim()) query.set('actor', applied.actor.trim());
  if (applied.terminal) query.set('terminal', applied.terminal);
  if (applied.kind) query.set('kind', applied.kind);
  if (applied.from) query.set('from', instantOf(applied.from, tr.venue.timeZone));
  if (applied.to) query.set('to', instantOf(applied.to, tr.venue.timeZone));
  const trail = useApi<AuditAnswer>(venuePath(who.venueId, `audit?${query.toString()}`));

  const staffName = new Map((staff.data?.staff ?? []).map((s) => [s.id, s.name]));
  const tillName = new Map((terminals.data?.terminals ?? []).map((t) => [t.terminalId, t.name]));
  const person = (actor: string, actorName: string | null) => {
    const [type, id = ''] = actor.split(/:(.*)/s);
    if (type === 'staff') return tr.t('manage.audit.staff', { name: staffName.get(id) ?? id });
    if (type === 'manager') {
      return id === who.managerId
        ? tr.t('manage.audit.managerYou', { name: who.name })
        : tr.t('manage.audit.manager', { id: actorName ?? id });
    }
    return actor;
  };
  const set = (k: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [k]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setOffset(0);
    setApplied(draft);
  };

  return (
    <>
      <h1 id="bo-heading">{tr.t('manage.audit.title')}</h1>
      <p className="bo-sub">{tr.t('manage.audit.intro')}</p>
      <form className="bo-filters" onSubmit={submit} aria-label={tr.t('manage.audit.filters')}>
        <label>
          {tr.t('manage.audit.person')}
          <input
            list="bo-audit-people"
            value={draft.actor}
            onChange={(e) => set('actor')(e.target.value)}
            placeholder={tr.t('manage.audit.personHint')}
          />
          <datalist id="bo-audit-people">
            {(staff.data?.staff ?? []).map((s) => (
              <option key={s.id} value={`staff:${s.id}`}>
                {s.name}
              </option>
            ))}
            <option value={`manager:${who.managerId}`}>{who.name}</option>
          </datalist>
        </label>
        <label>
          {tr.t('manage.audit.till')}
          <select value={draft.terminal} onChange={(e) => set('terminal')(e.target.value)}>
            <option value="">{tr.t('manage.audit.any')}</option>
            {(terminals.data?.terminals ?? []).map((t) => (
              <option key={t.terminalId} value={t.terminalId}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tr.t('manage.audit.kind')}
          <select value={draft.kind} onChange={(e) => set('kind')(e.target.value)}>
            <option value="">{tr.t('manage.audit.any')}</option>
            {Object.entries(KIND_LABEL).map(([kind, key]) => (
              <option key={kind} value={kind}>
                {tr.t(key)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tr.t('manage.audit.from')}
          <input
            type="datetime-local"
            value={draft.from}
            onChange={(e) => set('from')(e.target.value)}
          />
        </label>
        <label>
          {tr.t('manage.audit.to')}
          <input
            type="datetime-local"
            value={draft.to}
            onChange={(e) => set('to')(e.target.value)}
          />
        </label>
        <button type="submit">{tr.t('manage.audit.apply')}</button>
        <button
          type="button"
          onClick={() => {
            setDraft(NO_FILTERS);
            setApplied(NO_FILTERS);
            setOffset(0);
          }}
        >
          {tr.t('manage.audit.clear')}
        </button>
      </form>
      <ErrorText error={trail.error} />
      {trail.data === null ? (
        <p>{tr.t('manage.loading')}</p>
      ) : trail.data.events.length === 0 ? (
        <p>{tr.t('manage.audit.none')}</p>
      ) : (
        <table className="bo-table bo-audit-table">
          <HeadRow
            columns={[
              'manage.audit.when',
              'manage.audit.who',
              'manage.audit.till',
              'manage.audit.what',
              'manage.audit.details',
            ]}
          />
          <tbody>
            {trail.data.events.map((e) => (
              <tr key={e.id} data-kind={e.kind}>
                <td>{tr.date(e.at, 'dateTime')}</td>
                <td>{person(e.actor, e.actorName)}</td>
                <td>
                  {e.terminalId === null ? '—' : (tillName.get(e.terminalId) ?? e.terminalId)}
                </td>
                <td>{tr.t(KIND_LABEL[e.kind] ?? 'manage.audit.kind.other')}</td>
                <td>
                  <Details event={e} staffName={(id) => staffName.get(id) ?? id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="bo-pager" aria-label={tr.t('manage.audit.pages')}>
        <button
          type="button"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - PAGE))}
        >
          {tr.t('manage.audit.newer')}
        </button>
        <button
          type="button"
          disabled={(trail.data?.nextOffset ?? null) === null}
          onClick={() => setOffset(trail.data?.nextOffset ?? offset)}
        >
          {tr.t('manage.audit.older')}
        </button>
      </nav>
    </>
  );
}

/** A row's detail in words: never a raw code (roles, actions and switches are translated). */
export function Details({
  event: e,
  staffName,
}: {
  readonly event: AuditEventView;
  readonly staffName: (id: string) => string;
}) {
  const tr = useT();
  const d = e.detail;
  const parts: string[] = [];
  if (typeof d.action === 'string') {
    const key = ACTION_LABEL[d.action];
    parts.push(tr.t('manage.audit.detail.action', { action: key ? tr.t(key) : '—' }));
  }
  if (d.requestedBy) {
    parts.push(tr.t('manage.audit.detail.requestedBy', { name: staffName(d.requestedBy.staffId) }));
  }
  if (typeof d.staffId === 'string') {
    parts.push(tr.t('manage.audit.detail.member', { name: d.name ?? d.staffId }));
  }
  if (typeof d.role === 'string' && ROLES.has(d.role)) {
    parts.push(
      tr.t('manage.audit.detail.role', {
        role: tr.t(`staff.role.${d.role as 'kiosk' | 'cashier' | 'supervisor' | 'manager'}`),
      }),
    );
  }
  if (d.amount) parts.push(formatMoney(tr.locale, d.amount));
  if (typeof d.kiosk === 'boolean') {
    parts.push(d.kiosk ? tr.t('manage.terminals.kioskOn') : tr.t('manage.terminals.kioskOff'));
  }
  if (typeof d.enabled === 'boolean') {
    parts.push(d.enabled ? tr.t('manage.audit.detail.on') : tr.t('manage.audit.detail.off'));
  }
  if (typeof d.version === 'number') {
    parts.push(tr.t('manage.audit.detail.version', { version: d.version }));
  }
  if (typeof d.ttlMinutes === 'number') {
    parts.push(tr.t('manage.audit.detail.validFor', { minutes: d.ttlMinutes }));
  }
  if (typeof d.name === 'string' && typeof d.channelId === 'string') parts.push(d.name);
  if (e.kind === 'purchase_limit_changed') {
    const limit = (x: unknown) => (typeof x === 'number' ? String(x) : '—');
    if (typeof d.eventName === 'string') parts.push(d.eventName);
    parts.push(`${limit(d.before)} → ${limit(d.after)}`);
  }
  if (typeof d.tierId === 'string' && typeof d.name === 'string') {
    parts.push(typeof d.eventName === 'string' ? `${d.eventName} · ${d.name}` : d.name);
    const price = (x: unknown) => (x as { price?: Money } | undefined)?.price;
    const was = price(d.before);
    const now = price(d.after);
    if (was && now && was.amount !== now.amount)
      parts.push(`${formatMoney(tr.locale, was)} → ${formatMoney(tr.locale, now)}`);
  }
  if (e.kind === 'z_copy_sent' && typeof d.sourceTerminalId === 'string') {
    parts.push(tr.t('manage.audit.detail.zCopyOf', { till: d.sourceTerminalId }));
  }
  if (typeof d.holdersTold === 'number') {
    parts.push(tr.t('manage.audit.detail.holdersTold', { count: d.holdersTold }));
  }
  if (e.kind === 'event_added' && typeof d.name === 'string') parts.push(d.name);
  if (e.kind.startsWith('price_rule_') && typeof d.label === 'string') parts.push(d.label);
  if (e.kind === 'performance_added' && typeof d.eventName === 'string') {
    parts.push(d.eventName);
    if (typeof d.startsAt === 'string') parts.push(tr.date(d.startsAt, 'dateTime'));
  }
  if (e.kind === 'seating_plan_imported' && typeof d.name === 'string') {
    parts.push(d.name);
    if (typeof d.seats === 'number')
      parts.push(tr.t('manage.audit.detail.seats', { count: d.seats }));
  }
  if (
    typeof d.requestId === 'string' &&
    typeof d.amountMinor === 'number' &&
    typeof d.currency === 'string'
  ) {
    parts.push(formatMoney(tr.locale, { amount: d.amountMinor, currency: d.currency } as Money));
  }
  if (typeof d.reason === 'string') parts.push(`“${d.reason}”`);
  return <>{parts.join(' · ') || '—'}</>;
}
