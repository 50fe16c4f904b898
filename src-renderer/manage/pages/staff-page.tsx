import { useState, type FormEvent } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { api, ApiError, venuePath } from '../api';
import { ErrorText } from '../error-text';
import { canWrite, type SignedIn } from '../session';
import {
  STAFF_ROLES,
  type EnrolmentCode,
  type StaffListView,
  type StaffMemberView,
  type StaffRole,
  type TerminalOverview,
  type TerminalsOverview,
} from '../staff-views';
import { useApi } from '../use-api';
import './staff.css';

/** Leases and last syncs move while tills are online. */
const REFRESH_MS = 15_000;

const asApiError = (e: unknown) =>
  e instanceof ApiError ? e : new ApiError(0, 'network', String(e));

/** Runs one write, keeps its refusal for the page, and reloads what it changed. */
function useWrite(reload: () => void) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (write: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await write();
      reload();
      return true;
    } catch (e) {
      setError(asApiError(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

/** The server's answer to the kiosk switch (PUT …/terminals/:id/kiosk). */
interface KioskSwitched {
  readonly kiosk: boolean;
  readonly openShift: { readonly shiftId: string; readonly openedAt: string } | null;
}

/** A table's column headings. */
export function HeadRow({ columns }: { readonly columns: readonly MessageKey[] }) {
  const tr = useT();
  return (
    <thead>
      <tr>
        {columns.map((key) => (
          <th key={key} scope="col">
            {tr.t(key)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A new PIN as typed: hidden, digits, checked by the browser and again by the server. */
function PinInput({
  value,
  onChange,
}: {
  readonly value: string;
  readonly onChange: (pin: string) => void;
}) {
  const tr = useT();
  return (
    <input
      type="password"
      inputMode="numeric"
      autoComplete="off"
      pattern="[0-9]{4,8}"
      title={tr.t('manage.staff.pinRule')}
      required
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function RoleSelect({
  value,
  onChange,
  id,
}: {
  readonly value: StaffRole;
  readonly onChange: (r: StaffRole) => void;
  readonly id?: string;
}) {
  const tr = useT();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as StaffRole)}>
      {STAFF_ROLES.map((r) => (
        <option key={r} value={r}>
          {tr.t(`staff.role.${r}`)}
        </option>
      ))}
    </select>
  );
}

/** Staff and terminals: who may sign in at the tills, and the tills themselves. */
export function StaffPage({ who }: { readonly who: SignedIn }) {
  const tr = useT();
  return (
    <>
      <h1 id="bo-heading">{tr.t('manage.staff.title')}</h1>
      <StaffSection who={who} />
      <TerminalsSection who={who} />
    </>
  );
}

function StaffSection({ who }: { readonly who: SignedIn }) {
  const tr = useT();
  const list = useApi<StaffListView>(venuePath(who.venueId, 'staff'));
  const write = useWrite(() => list.reload());
  const [editing, setEditing] = useState<string | null>(null);
  const [resetting, setResetting] = useState<string | null>(null);
  const writable = canWrite(who);
  const member = (id: string, rest = '') =>
    venuePath(who.venueId, `staff/members/${encodeURIComponent(id)}${rest}`);
  const staff = list.data?.staff ?? [];
  return (
    <section aria-labelledby="bo-staff-heading">
      <h2 id="bo-staff-heading">{tr.t('manage.staff.heading')}</h2>
      <p className="bo-sub">
        {list.data?.version === null || list.data === null
          ? tr.t('manage.staff.noList')
          : tr.t('manage.staff.version', {
              version: list.data.version,
              time: tr.date(list.data.publishedAt!, 'dateTime'),
            })}
      </p>
      <ErrorText error={list.error ?? write.error} />
      {list.data === null ? (
        <p>{tr.t('manage.loading')}</p>
      ) : staff.length === 0 ? (
        <p>{tr.t('manage.staff.none')}</p>
      ) : (
        <table className="bo-table bo-staff-table">
          <HeadRow
            columns={[
              'manage.staff.name',
              'manage.staff.id',
              'manage.staff.role',
              'manage.staff.status',
              ...(writable ? (['manage.staff.actions'] as const) : []),
            ]}
          />
          <tbody>
            {staff.map((m) => (
              <tr key={m.id} data-staff={m.id} className={m.locked ? 'bo-locked' : undefined}>
                {editing === m.id ? (
                  <EditMember
                    member={m}
                    busy={write.busy}
                    onCancel={() => setEditing(null)}
                    onSave={async (name, role) => {
                      const ok = await write.run(() =>
                        api(member(m.id), { method: 'PATCH', body: { name, role } }),
                      );
                      if (ok) setEditing(null);
                    }}
                  />
                ) : (
                  <>
                    <th scope="row">{m.name}</th>
                    <td>{m.id}</td>
                    <td className="bo-role">{tr.t(`staff.role.${m.role}`)}</td>
                    <td>{m.locked ? tr.t('manage.staff.locked') : tr.t('manage.staff.active')}</td>
                    {writable && (
                      <td className="bo-actions">
                        {!m.locked && (
                          <button type="button" onClick={() => setEditing(m.id)}>
                            {tr.t('manage.staff.edit')}
                          </button>
                        )}
                        <button
                          type="button"
                          disabled={write.busy}
                          onClick={() =>
                            void write.run(() =>
                              api(member(m.id), { method: 'PATCH', body: { locked: !m.locked } }),
                            )
                          }
                        >
                          {m.locked ? tr.t('manage.staff.unlock') : tr.t('manage.staff.lock')}
                        </button>
                        {!m.locked && (
                          <button type="button" onClick={() => setResetting(m.id)}>
                            {tr.t('manage.staff.resetPin')}
                          </button>
                        )}
                        {resetting === m.id && (
                          <PinForm
                            label={tr.t('manage.staff.newPinFor', { name: m.name })}
                            busy={write.busy}
                            onCancel={() => setResetting(null)}
                            onSave={async (pin) => {
                              const ok = await write.run(() =>
                                api(member(m.id, '/reset-pin'), { method: 'POST', body: { pin } }),
                              );
                              if (ok) setResetting(null);
                            }}
                          />
                        )}
                      </td>
                    )}
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {writable && <p className="bo-small">{tr.t('manage.staff.lockHint')}</p>}
      {writable && <AddMember who={who} onAdded={() => list.reload()} />}
    </section>
  );
}

function EditMember({
  member,
  busy,
  onSave,
  onCancel,
}: {
  readonly member: StaffMemberView;
  readonly busy: boolean;
  readonly onSave: (name: string, role: StaffRole) => Promise<void>;
  readonly onCancel: () => void;
}) {
  const tr = useT();
  const [name, setName] = useState(member.name);
  const [role, setRole] = useState<StaffRole>(member.role);
  return (
    <>
      <th scope="row">
        <input
          aria-label={tr.t('manage.staff.name')}
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
        />
      </th>
      <td>{member.id}</td>
      <td>
        <RoleSelect value={role} onChange={setRole} />
      </td>
      <td>{tr.t('manage.staff.active')}</td>
      <td className="bo-actions">
        <button type="button" disabled={busy} onClick={() => void onSave(name, role)}>
          {tr.t('manage.staff.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {tr.t('manage.staff.cancel')}
        </button>
      </td>
    </>
  );
}

function PinForm({
  label,
  busy,
  onSave,
  onCancel,
}: {
  readonly label: string;
  readonly busy: boolean;
  readonly onSave: (pin: string) => Promise<void>;
  readonly onCancel: () => void;
}) {
  const tr = useT();
  const [pin, setPin] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSave(pin);
  };
  return (
    <form className="bo-inline-form" onSubmit={submit}>
      <label>
        {label}
        <PinInput value={pin} onChange={setPin} />
      </label>
      <button type="submit" disabled={busy}>
        {tr.t('manage.staff.save')}
      </button>
      <button type="button" onClick={onCancel}>
        {tr.t('manage.staff.cancel')}
      </button>
    </form>
  );
}

function AddMember({ who, onAdded }: { readonly who: SignedIn; readonly onAdded: () => void }) {
  const tr = useT();
  const write = useWrite(onAdded);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('cashier');
  const [pin, setPin] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await write.run(() =>
      api(venuePath(who.venueId, 'staff/members'), {
        method: 'POST',
        body: { id: id.trim(), name, role, pin },
      }),
    );
    if (ok) {
      setId('');
      setName('');
      setPin('');
    }
  };
  return (
    <form className="bo-add-form" onSubmit={(e) => void submit(e)}>
      <h3>{tr.t('manage.staff.add')}</h3>
      <label>
        {tr.t('manage.staff.name')}
        <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {tr.t('manage.staff.id')}
        <input
          required
          maxLength={40}
          pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}"
          title={tr.t('manage.staff.idRule')}
          value={id}
          onChange={(e) => setId(e.target.value)}
        />
      </label>
      <label>
        {tr.t('manage.staff.role')}
        <RoleSelect value={role} onChange={setRole} />
      </label>
      <label>
        {tr.t('manage.staff.pin')}
        <PinInput value={pin} onChange={setPin} />
      </label>
      <button type="submit" disabled={write.busy}>
        {tr.t('manage.staff.addButton')}
      </button>
      <ErrorText error={write.error} />
    </form>
  );
}

function TerminalsSection({ who }: { readonly who: SignedIn }) {
  const tr = useT();
  const overview = useApi<TerminalsOverview>(
    venuePath(who.venueId, 'terminals/overview'),
    REFRESH_MS,
  );
  const write = useWrite(() => overview.reload());
  const [code, setCode] = useState<EnrolmentCode | null>(null);
  const writable = canWrite(who);
  const terminals = overview.data?.terminals ?? [];
  const newCode = () =>
    void write.run(async () => {
      setCode(
        await api<EnrolmentCode>(venuePath(who.venueId, 'enrolment-codes'), {
          method: 'POST',
          body: {},
        }),
      );
    });
  return (
    <section aria-labelledby="bo-terminals-heading">
      <h2 id="bo-terminals-heading">{tr.t('manage.terminals.heading')}</h2>
      <ErrorText error={overview.error ?? write.error} />
      {writable && (
        <div className="bo-enrol">
          <button type="button" disabled={write.busy} onClick={newCode}>
            {tr.t('manage.terminals.newCode')}
          </button>
          {code && (
            <p className="bo-code" role="status">
              {tr.t('manage.terminals.code', {
                time: tr.date(code.expiresAt, 'dateTime'),
              })}{' '}
              <strong data-enrolment-code>{code.code}</strong>
              <br />
              <span className="bo-small">{tr.t('manage.terminals.codeOnce')}</span>
            </p>
          )}
        </div>
      )}
      {overview.data === null ? (
        <p>{tr.t('manage.loading')}</p>
      ) : terminals.length === 0 ? (
        <p>{tr.t('manage.terminals.none')}</p>
      ) : (
        <table className="bo-table">
          <HeadRow
            columns={[
              'manage.terminals.name',
              'manage.terminals.status',
              'manage.terminals.lastSync',
              'manage.terminals.leases',
              'manage.terminals.kiosk',
              ...(writable ? (['manage.staff.actions'] as const) : []),
            ]}
          />
          <tbody>
            {terminals.map((t) => (
              <TerminalRow
                key={t.terminalId}
                who={who}
                terminal={t}
                busy={write.busy}
                run={write.run}
              />
            ))}
          </tbody>
        </table>
      )}
      <p className="bo-small">{tr.t('manage.terminals.kioskLive')}</p>
    </section>
  );
}

function TerminalRow({
  who,
  terminal: t,
  busy,
  run,
}: {
  readonly who: SignedIn;
  readonly terminal: TerminalOverview;
  readonly busy: boolean;
  readonly run: (write: () => Promise<unknown>) => Promise<boolean>;
}) {
  const tr = useT();
  const writable = canWrite(who);
  const [step, setStep] = useState<'idle' | 'reason' | 'confirm'>('idle');
  const [reason, setReason] = useState('');
  // Switched on while a person's shift is open there: the till waits for it to be closed.
  const [waitsFor, setWaitsFor] = useState<string | null>(null);
  const path = (rest: string) =>
    venuePath(who.venueId, `terminals/${encodeURIComponent(t.terminalId)}/${rest}`);
  const revoked = t.revokedAt !== null;
  return (
    <tr data-terminal={t.terminalId}>
      <th scope="row">
        {t.name}
        <br />
        <span className="bo-small">{t.terminalId}</span>
      </th>
      <td>
        {revoked
          ? tr.t('manage.terminals.revokedOn', {
              time: tr.date(t.revokedAt, 'dateTime'),
              reason: t.revokedReason ?? '',
            })
          : tr.t('manage.terminals.active')}
      </td>
      <td>
        {t.lastPushAt === null ? tr.t('manage.today.neverSeen') : tr.date(t.lastPushAt, 'dateTime')}
      </td>
      <td>
        {t.leases.length === 0 ? (
          tr.t('manage.terminals.noLeases')
        ) : (
          <ul className="bo-leases">
            {t.leases.map((l) => (
              <li key={l.leaseId}>
                {tr.t('manage.terminals.lease', {
                  performance:
                    l.eventName === null || l.startsAt === null
                      ? l.performanceId
                      : `${l.eventName}, ${tr.date(l.startsAt, 'dateTime')}`,
                  seats: l.seats,
                  ga: l.ga,
                  time: tr.date(l.expiresAt, 'dateTime'),
                })}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <label className="bo-switch">
          <input
            type="checkbox"
            checked={t.kiosk}
            disabled={!writable || revoked || busy}
            onChange={(e) =>
              void run(async () => {
                const switched = await api<KioskSwitched>(path('kiosk'), {
                  method: 'PUT',
                  body: { kiosk: e.target.checked },
                });
                setWaitsFor(switched.openShift?.openedAt ?? null);
              })
            }
          />
          {t.kiosk ? tr.t('manage.terminals.kioskOn') : tr.t('manage.terminals.kioskOff')}
        </label>
        {t.kiosk && waitsFor !== null ? (
          <p role="status" className="bo-small">
            {tr.t('manage.terminals.kioskWaits', {
              openedAt: tr.date(waitsFor, 'dateTime'),
            })}
          </p>
        ) : null}
      </td>
      {writable && (
        <td className="bo-actions">
          {!revoked && step === 'idle' && (
            <button type="button" onClick={() => setStep('reason')}>
              {tr.t('manage.terminals.revoke')}
            </button>
          )}
          {step === 'reason' && (
            <form
              className="bo-inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                setStep('confirm');
              }}
            >
              <label>
                {tr.t('manage.terminals.revokeReason')}
                <input
                  required
                  minLength={3}
                  maxLength={500}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              </label>
              <button type="submit">{tr.t('manage.terminals.revoke')}</button>
              <button type="button" onClick={() => setStep('idle')}>
                {tr.t('manage.staff.cancel')}
              </button>
            </form>
          )}
          {step === 'confirm' && (
            <div role="alertdialog" aria-label={tr.t('manage.terminals.revoke')}>
              <p>{tr.t('manage.terminals.revokeConfirm', { name: t.name })}</p>
              <button
                type="button"
                className="bo-danger"
                disabled={busy}
                onClick={() =>
                  void run(() =>
                    api(path('revoke'), { method: 'POST', body: { reason: reason.trim() } }),
                  ).then((ok) => {
                    if (ok) setStep('idle');
                  })
                }
              >
                {tr.t('manage.terminals.revokeYes')}
              </button>
              <button type="button" onClick={() => setStep('idle')}>
                {tr.t('manage.staff.cancel')}
              </button>
            </div>
          )}
        </td>
      )}
    </tr>
  );
}
