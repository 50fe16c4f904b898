import { useState, type FormEvent } from 'react';
import type { Catalog } from '../../../shared/catalog/catalog';
import type { Event, Performance, PriceTier } from '../../../shared/catalog/schemas';
import { formatDate, formatMoney, formatTimeZone, useT, type MessageKey } from '../../i18n';
import { api, venuePath } from '../api';
import {
  currentStart,
  instantToWallTime,
  wallTimeToInstant,
  type CatalogAnswer,
  type PerformanceChanged,
} from '../catalog-views';
import { ErrorText } from '../error-text';
import { FormButtons, useSubmit, VenueTimeField } from '../form-parts';
import { canWrite, type SignedIn } from '../session';
import { useApi } from '../use-api';
import { LimitForm } from './limit-form';
import { PriceRules } from './price-rules';
import { AddEventForm, AddPerformanceForm, SeatingPlans } from './schedule-forms';
import { EventTiers } from './tier-editor';
import './catalog.css';

type PerformanceAction = {
  readonly kind: 'cancel' | 'postpone' | 'limit';
  readonly performanceId: string;
};
type Action =
  | PerformanceAction
  | { readonly kind: 'add'; readonly eventId: string }
  | { readonly kind: 'addEvent' };

const STATUS_KEY: Record<Performance['status'], MessageKey> = {
  scheduled: 'manage.catalog.status.scheduled',
  cancelled: 'manage.catalog.status.cancelled',
  postponed: 'manage.catalog.status.postponed',
};

/** The server's refusals this page knows, in the manager's language. */
const ERROR_KEY: Partial<Record<string, MessageKey>> = {
  already_cancelled: 'manage.catalog.error.already_cancelled',
  already_started: 'manage.catalog.error.already_started',
  performance_not_found: 'manage.catalog.error.performance_not_found',
  start_in_past: 'manage.catalog.error.start_in_past',
  same_start: 'manage.catalog.error.same_start',
  catalog_version_taken: 'manage.catalog.error.catalog_version_taken',
};

/**
 * The catalog (issue 13 item 6): each event's performances with their date, status and prices;
 * a manager postpones or cancels one. The server publishes the change as the next catalog
 * version, which every till takes on its next pull.
 */
export function CatalogPage({ who }: { readonly who: SignedIn }) {
  const tr = useT();
  const loaded = useApi<CatalogAnswer>(venuePath(who.venueId, 'catalog'));
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const catalog = loaded.data?.catalog;
  /** A change is published: say so, and read the new catalog version. */
  const published = (text: string) => {
    setDone(text);
    loaded.reload();
  };
  return (
    <>
      <h1 id="bo-heading">{tr.t('manage.catalog.title')}</h1>
      <ErrorText error={loaded.error} />
      {done && (
        <p className="bo-done" role="status">
          {done}
        </p>
      )}
      {catalog === undefined ? (
        <p>{tr.t('manage.loading')}</p>
      ) : catalog === null ? (
        <p>{tr.t('manage.catalog.none')}</p>
      ) : (
        <>
          <p className="bo-sub">
            {tr.t('manage.catalog.version', {
              version: catalog.version,
              timeZone: formatTimeZone(tr.locale, catalog.venue.timeZone),
            })}
          </p>
          {canWrite(who) &&
            (action?.kind === 'addEvent' ? (
              <AddEventForm
                venueId={who.venueId}
                onClose={() => setAction(null)}
                onDone={(text) => {
                  setAction(null);
                  setDone(text);
                  loaded.reload();
                }}
              />
            ) : (
              <button
                type="button"
                aria-expanded={false}
                onClick={() => {
                  setDone(null);
                  setAction({ kind: 'addEvent' });
                }}
              >
                {tr.t('manage.schedule.addEvent')}
              </button>
            ))}
          {catalog.events.map((event) => (
            <EventSection
              key={event.id}
              catalog={catalog}
              event={event}
              writable={canWrite(who)}
              action={action}
              onAction={(a) => {
                setDone(null);
                setAction(a);
              }}
              onDone={(text) => {
                setAction(null);
                setDone(text);
                loaded.reload();
              }}
              venueId={who.venueId}
            />
          ))}
          <SeatingPlans
            catalog={catalog}
            writable={canWrite(who)}
            venueId={who.venueId}
            onDone={published}
          />
          <PriceRules
            catalog={catalog}
            writable={canWrite(who)}
            venueId={who.venueId}
            onDone={published}
          />
        </>
      )}
    </>
  );
}

function EventSection(props: {
  readonly catalog: Catalog;
  readonly event: Event;
  readonly writable: boolean;
  readonly action: Action | null;
  readonly onAction: (a: Action | null) => void;
  readonly onDone: (text: string) => void;
  readonly venueId: string;
}) {
  const tr = useT();
  const { catalog, event, action } = props;
  const tz = catalog.venue.timeZone;
  const performances = catalog.performances
    .filter((p) => p.eventId === event.id)
    .sort((a, b) => Date.parse(currentStart(a)) - Date.parse(currentStart(b)));
  const now = Date.now();
  return (
    <section className="bo-event" aria-labelledby={`event-${event.id}`}>
      <h2 id={`event-${event.id}`}>{event.name}</h2>
      {performances.length === 0 ? (
        <p>{tr.t('manage.catalog.noPerformances')}</p>
      ) : (
        <table className="bo-table">
          <thead>
            <tr>
              <th scope="col">{tr.t('manage.catalog.startsAt')}</th>
              <th scope="col">{tr.t('manage.catalog.status')}</th>
              <th scope="col">{tr.t('manage.catalog.prices')}</th>
              {props.writable && <th scope="col">{tr.t('manage.catalog.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {performances.map((p) => {
              const started = Date.parse(currentStart(p)) <= now;
              const open =
                action && 'performanceId' in action && action.performanceId === p.id
                  ? action
                  : null;
              const when = formatDate(tr.locale, tz, currentStart(p), 'dateTime');
              return (
                <PerformanceRow
                  key={p.id}
                  {...props}
                  performance={p}
                  when={when}
                  started={started}
                  open={open}
                  tiers={tiersOf(catalog, p)}
                />
              );
            })}
          </tbody>
        </table>
      )}
      {props.writable &&
        (action?.kind === 'add' && action.eventId === event.id ? (
          <AddPerformanceForm
            catalog={catalog}
            event={event}
            venueId={props.venueId}
            onClose={() => props.onAction(null)}
            onDone={props.onDone}
          />
        ) : (
          <button
            type="button"
            aria-expanded={false}
            onClick={() => props.onAction({ kind: 'add', eventId: event.id })}
          >
            {tr.t('manage.schedule.add')}
          </button>
        ))}
      <EventTiers
        catalog={catalog}
        event={event}
        writable={props.writable}
        venueId={props.venueId}
        onDone={props.onDone}
      />
    </section>
  );
}

function tiersOf(catalog: Catalog, p: Performance): PriceTier[] {
  return catalog.tiers.filter(
    (t) => t.eventId === p.eventId && (!t.performanceIds || t.performanceIds.includes(p.id)),
  );
}

function PerformanceRow(props: {
  readonly catalog: Catalog;
  readonly event: Event;
  readonly performance: Performance;
  readonly tiers: readonly PriceTier[];
  readonly when: string;
  readonly started: boolean;
  readonly writable: boolean;
  readonly open: PerformanceAction | null;
  readonly onAction: (a: Action | null) => void;
  readonly onDone: (text: string) => void;
  readonly venueId: string;
}) {
  const tr = useT();
  const { performance: p, catalog, when } = props;
  const tz = catalog.venue.timeZone;
  const money = (m: PriceTier['price']) => formatMoney(tr.locale, m);
  const changeable = p.status !== 'cancelled' && !props.started;
  const cols = props.writable ? 4 : 3;
  return (
    <>
      <tr data-performance={p.id}>
        <th scope="row">
          {when}
          {p.status === 'postponed' && (
            <span className="bo-small bo-block">
              {tr.t('manage.catalog.movedFrom', {
                date: formatDate(tr.locale, tz, p.startsAt, 'dateTime'),
              })}
            </span>
          )}
        </th>
        <td data-status={p.status}>
          {tr.t(STATUS_KEY[p.status])}
          {props.started && p.status !== 'cancelled' && ` · ${tr.t('manage.catalog.started')}`}
          {p.perCustomerLimit !== undefined && (
            <span className="bo-small bo-block">
              {tr.t('manage.limits.perCustomer', { count: p.perCustomerLimit })}
            </span>
          )}
        </td>
        <td>
          <ul className="bo-tiers">
            {props.tiers.map((t) => (
              <li key={t.id}>
                {tr.t('manage.catalog.tierPrice', { name: t.name, price: money(t.price) })}
                {t.bookingFee && t.bookingFee.amount > 0 && (
                  <span className="bo-small">
                    {' '}
                    {tr.t('manage.catalog.bookingFee', { fee: money(t.bookingFee) })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </td>
        {props.writable && (
          <td className="bo-actions">
            {changeable && (
              <>
                <button
                  type="button"
                  aria-expanded={props.open?.kind === 'postpone'}
                  onClick={() => props.onAction({ kind: 'postpone', performanceId: p.id })}
                >
                  {tr.t('manage.catalog.postpone')}
                </button>
                <button
                  type="button"
                  aria-expanded={props.open?.kind === 'limit'}
                  onClick={() => props.onAction({ kind: 'limit', performanceId: p.id })}
                >
                  {tr.t('manage.limits.open')}
                </button>
                <button
                  type="button"
                  className="bo-danger"
                  aria-expanded={props.open?.kind === 'cancel'}
                  onClick={() => props.onAction({ kind: 'cancel', performanceId: p.id })}
                >
                  {tr.t('manage.catalog.cancel')}
                </button>
              </>
            )}
          </td>
        )}
      </tr>
      {props.open && changeable && (
        <tr className="bo-confirm-row">
          <td colSpan={cols}>
            {props.open.kind === 'limit' ? (
              <LimitForm
                performance={p}
                when={when}
                venueId={props.venueId}
                onClose={() => props.onAction(null)}
                onDone={props.onDone}
              />
            ) : (
              <ChangeForm {...props} kind={props.open.kind} />
            )}
          </td>
        </tr>
      )}
    </>
  );
}

function ChangeForm(props: {
  readonly kind: 'cancel' | 'postpone';
  readonly catalog: Catalog;
  readonly event: Event;
  readonly performance: Performance;
  readonly when: string;
  readonly venueId: string;
  readonly onAction: (a: Action | null) => void;
  readonly onDone: (text: string) => void;
}) {
  const tr = useT();
  const { kind, performance: p, event, when } = props;
  const tz = props.catalog.venue.timeZone;
  const [reason, setReason] = useState('');
  const [wall, setWall] = useState(() => instantToWallTime(currentStart(p), tz));
  const { run, busy, feedback, setProblem } = useSubmit(props.onDone, ERROR_KEY);
  const headingId = `change-${p.id}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim() === '') return setProblem(tr.t('manage.catalog.noReason'));
    const startsAt = kind === 'postpone' ? wallTimeToInstant(wall, tz) : null;
    if (kind === 'postpone' && startsAt === null)
      return setProblem(tr.t('manage.catalog.noNewStart'));
    void run(async () => {
      const changed = await api<PerformanceChanged>(
        venuePath(props.venueId, `performances/${encodeURIComponent(p.id)}/${kind}`),
        { method: 'POST', body: kind === 'cancel' ? { reason } : { startsAt, reason } },
      );
      return kind === 'cancel'
        ? tr.t('manage.catalog.done.cancelled', {
            event: event.name,
            date: when,
            version: changed.version,
          })
        : tr.t('manage.catalog.done.postponed', {
            event: event.name,
            date: formatDate(tr.locale, tz, currentStart(changed.performance), 'dateTime'),
            version: changed.version,
          });
    });
  };

  return (
    <form
      className={`bo-confirm ${kind === 'cancel' ? 'bo-confirm-danger' : ''}`}
      aria-labelledby={headingId}
      onSubmit={submit}
    >
      <h3 id={headingId}>
        {tr.t(kind === 'cancel' ? 'manage.catalog.cancelTitle' : 'manage.catalog.postponeTitle', {
          event: event.name,
          date: when,
        })}
      </h3>
      <p>
        {tr.t(
          kind === 'cancel' ? 'manage.catalog.cancelExplain' : 'manage.catalog.postponeExplain',
        )}
      </p>
      {kind === 'postpone' && (
        <VenueTimeField
          label="manage.catalog.newStart"
          timeZone={tz}
          value={wall}
          onChange={setWall}
          required
        />
      )}
      <label>
        {tr.t('manage.catalog.reason')}
        <input
          type="text"
          value={reason}
          maxLength={500}
          required
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {feedback}
      <FormButtons
        label={tr.t(kind === 'cancel' ? 'manage.catalog.cancelDo' : 'manage.catalog.postponeDo')}
        busy={busy}
        danger={kind === 'cancel'}
        onClose={() => props.onAction(null)}
      />
    </form>
  );
}
