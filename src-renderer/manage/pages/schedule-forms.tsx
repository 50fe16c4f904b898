import { useState, type FormEvent } from 'react';
import type { Catalog } from '../../../shared/catalog/catalog';
import { formatDate, useT, type MessageKey } from '../../i18n';
import { api, ApiError, venuePath } from '../api';
import { wallTimeToInstant } from '../catalog-views';
import {
  FormButtons,
  useSubmit,
  VenueTimeField,
  type ChangeFormProps,
  type EventFormProps,
} from '../form-parts';

/** The server's refusals these forms know, in the manager's language (others: its sentence). */
const ERROR_KEY: Partial<Record<string, MessageKey>> = {
  plan_exists: 'manage.schedule.error.plan_exists',
  start_in_past: 'manage.catalog.error.start_in_past',
  performance_exists: 'manage.schedule.error.performance_exists',
  sales_close_after_start: 'manage.schedule.error.sales_close_after_start',
  catalog_version_taken: 'manage.catalog.error.catalog_version_taken',
};

const seatsOf = (plan: Catalog['seatingPlans'][number]): number =>
  plan.sections.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.seats.length, 0), 0);

/**
 * The venue's seating plans (issue 13 item 6) and, for a manager, importing a new one from a
 * spreadsheet saved as CSV (one line per seat) or from a plan file (JSON). The server checks the
 * sheet line by line and publishes the plan as the next catalog version; a performance then
 * uses it from "Add a performance".
 */
export function SeatingPlans(props: {
  readonly catalog: Catalog;
  readonly writable: boolean;
  readonly venueId: string;
  readonly onDone: (text: string) => void;
}) {
  const tr = useT();
  const [open, setOpen] = useState(false);
  return (
    <section className="bo-event" aria-labelledby="plans-heading">
      <h2 id="plans-heading">{tr.t('manage.schedule.plans')}</h2>
      <table className="bo-table">
        <thead>
          <tr>
            <th scope="col">{tr.t('manage.schedule.planName')}</th>
            <th scope="col">{tr.t('manage.schedule.planSeats')}</th>
            <th scope="col">{tr.t('manage.schedule.planCategories')}</th>
          </tr>
        </thead>
        <tbody>
          {props.catalog.seatingPlans.map((plan) => (
            <tr key={plan.id} data-plan={plan.id}>
              <th scope="row">{plan.name}</th>
              <td>
                {tr.t('manage.schedule.seatCount', {
                  count: seatsOf(plan),
                  sections: plan.sections.length,
                })}
              </td>
              <td>{plan.categories.map((c) => c.name).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.writable &&
        (open ? (
          <PlanImportForm
            venueId={props.venueId}
            onClose={() => setOpen(false)}
            onDone={(text) => {
              setOpen(false);
              props.onDone(text);
            }}
          />
        ) : (
          <button type="button" aria-expanded={false} onClick={() => setOpen(true)}>
            {tr.t('manage.schedule.import')}
          </button>
        ))}
    </section>
  );
}

function PlanImportForm(props: ChangeFormProps) {
  const tr = useT();
  const [file, setFile] = useState<File | null>(null);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const { run, busy, feedback, setProblem } = useSubmit(props.onDone, ERROR_KEY);
  const isJson = file?.name.toLowerCase().endsWith('.json') ?? false;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setProblem(tr.t('manage.schedule.noFile'));
    void run(async () => {
      const text = await file.text();
      let body: unknown;
      if (isJson) {
        try {
          body = { format: 'json', plan: JSON.parse(text) as unknown };
        } catch {
          throw new ApiError(422, 'not_json', tr.t('manage.schedule.notJson'));
        }
      } else body = { format: 'csv', id: id.trim(), name: name.trim(), csv: text };
      const done = await api<{ plan: { name: string; seats: number } }>(
        venuePath(props.venueId, 'seating-plans'),
        { method: 'POST', body },
      );
      return tr.t('manage.schedule.imported', { name: done.plan.name, count: done.plan.seats });
    });
  };

  return (
    <form className="bo-confirm" aria-labelledby="plan-import" onSubmit={submit}>
      <h3 id="plan-import">{tr.t('manage.schedule.import')}</h3>
      <p>{tr.t('manage.schedule.importExplain')}</p>
      <pre className="bo-small">
        section,row,seat,category,accessible{'\n'}Stalls,A,1,Standard,yes
      </pre>
      <label>
        {tr.t('manage.schedule.file')}
        <input
          type="file"
          accept=".csv,.json,text/csv,application/json"
          required
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </label>
      {!isJson && (
        <>
          <label>
            {tr.t('manage.schedule.planName')}
            <input
              type="text"
              value={name}
              maxLength={120}
              required
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label>
            {tr.t('manage.schedule.planId')}
            <input
              type="text"
              value={id}
              maxLength={40}
              pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}"
              required
              onChange={(e) => setId(e.target.value)}
            />
          </label>
        </>
      )}
      {feedback}
      <FormButtons label={tr.t('manage.schedule.importDo')} busy={busy} onClose={props.onClose} />
    </form>
  );
}

/**
 * A new performance of `event`: its start in the venue's time zone, the seating plan it sells
 * (or none) and its standing places; optionally when sales close. The server refuses what could
 * not sell (no tier for the plan's seats, a start in the past, a twin) in words.
 */
export function AddPerformanceForm(props: EventFormProps) {
  const tr = useT();
  const { catalog, event } = props;
  const tz = catalog.venue.timeZone;
  const [wall, setWall] = useState('');
  const [planId, setPlanId] = useState('');
  const [standing, setStanding] = useState('');
  const [closeWall, setCloseWall] = useState('');
  const { run, busy, feedback, setProblem } = useSubmit(props.onDone, ERROR_KEY);
  const headingId = `add-performance-${event.id}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const startsAt = wallTimeToInstant(wall, tz);
    if (startsAt === null) return setProblem(tr.t('manage.catalog.noNewStart'));
    const gaCapacity = standing.trim() === '' ? undefined : Number(standing);
    if (planId === '' && gaCapacity === undefined)
      return setProblem(tr.t('manage.schedule.nothingToSell'));
    const salesCloseAt = closeWall === '' ? undefined : wallTimeToInstant(closeWall, tz);
    void run(async () => {
      const done = await api<{ performance: { startsAt: string } }>(
        venuePath(props.venueId, 'performances'),
        {
          method: 'POST',
          body: {
            eventId: event.id,
            startsAt,
            ...(planId !== '' ? { seatingPlanId: planId } : {}),
            ...(gaCapacity !== undefined ? { gaCapacity } : {}),
            ...(salesCloseAt ? { salesCloseAt } : {}),
          },
        },
      );
      return tr.t('manage.schedule.added', {
        event: event.name,
        date: formatDate(tr.locale, tz, done.performance.startsAt, 'dateTime'),
      });
    });
  };

  return (
    <form className="bo-confirm" aria-labelledby={headingId} onSubmit={submit}>
      <h3 id={headingId}>{tr.t('manage.schedule.addTitle', { event: event.name })}</h3>
      <VenueTimeField
        label="manage.schedule.startsAt"
        timeZone={tz}
        value={wall}
        onChange={setWall}
        required
      />
      <label>
        {tr.t('manage.schedule.plan')}
        <select value={planId} onChange={(e) => setPlanId(e.target.value)}>
          <option value="">{tr.t('manage.schedule.noPlan')}</option>
          {catalog.seatingPlans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {tr.t('manage.schedule.standing')}
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={1_000_000}
          value={standing}
          onChange={(e) => setStanding(e.target.value)}
        />
      </label>
      <VenueTimeField
        label="manage.schedule.salesClose"
        timeZone={tz}
        value={closeWall}
        onChange={setCloseWall}
      />
      {feedback}
      <FormButtons label={tr.t('manage.schedule.addDo')} busy={busy} onClose={props.onClose} />
    </form>
  );
}

/** A new event (issue 13 item 6): its name; its tiers and performances follow. */
export function AddEventForm(props: ChangeFormProps) {
  const tr = useT();
  const [name, setName] = useState('');
  const { run, busy, feedback } = useSubmit(props.onDone, {
    event_exists: 'manage.schedule.error.event_exists',
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const done = await api<{ event: { name: string } }>(venuePath(props.venueId, 'events'), {
        method: 'POST',
        body: { name: name.trim() },
      });
      return tr.t('manage.schedule.eventAdded', { name: done.event.name });
    });
  };
  return (
    <form className="bo-confirm" aria-labelledby="add-event" onSubmit={submit}>
      <h3 id="add-event">{tr.t('manage.schedule.addEventTitle')}</h3>
      <label>
        {tr.t('manage.schedule.eventName')}
        <input value={name} maxLength={120} required onChange={(e) => setName(e.target.value)} />
      </label>
      {feedback}
      <FormButtons label={tr.t('manage.schedule.addEventDo')} busy={busy} onClose={props.onClose} />
    </form>
  );
}
