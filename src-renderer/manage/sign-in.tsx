import { useState, type FormEvent } from 'react';
import { useT } from '../i18n';
import { api, ApiError } from './api';
import { ErrorText } from './error-text';
import type { SignedIn } from './session';

/** Shown only when the server says it seeds the demo venue (never on a venue's server). */
const DEMO = { email: 'li.wei@podil-stage.example', password: 'demo-manager-3333' };
const DEMO_PIN = { staffId: 'li-wei', pin: '3333' };

type Method = 'password' | 'pin';

/**
 * Sign-in by an account's e-mail and password, or by staff ID and the PIN that person uses at
 * the tills (the server checks it against the venue's newest staff list). Either way the
 * server answers with an HttpOnly session cookie this page never sees.
 */
export function SignIn({
  onSignedIn,
  demo,
}: {
  readonly onSignedIn: (who: SignedIn) => void;
  readonly demo: boolean;
}) {
  const tr = useT();
  const [method, setMethod] = useState<Method>('password');
  const [venueId, setVenueId] = useState(demo ? 'podil-stage' : '');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const venue = venueId.trim();
      const who = await api<SignedIn>('/api/back-office/session', {
        method: 'POST',
        body:
          method === 'password'
            ? { venueId: venue, email, password }
            : { venueId: venue, staffId: staffId.trim(), pin },
      });
      setPassword('');
      setPin('');
      onSignedIn(who);
    } catch (cause) {
      setError(cause instanceof ApiError ? cause : new ApiError(0, 'network', String(cause)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="bo-signin">
      <form onSubmit={(e) => void submit(e)} aria-labelledby="bo-signin-heading">
        <h1 id="bo-signin-heading">{tr.t('manage.signIn.heading')}</h1>
        <fieldset className="bo-signin-method">
          <legend>{tr.t('manage.signIn.method')}</legend>
          {(['password', 'pin'] as const).map((m) => (
            <label key={m}>
              <input
                type="radio"
                name="method"
                value={m}
                checked={method === m}
                onChange={() => {
                  setMethod(m);
                  setError(null);
                }}
              />
              {tr.t(m === 'password' ? 'manage.signIn.byPassword' : 'manage.signIn.byPin')}
            </label>
          ))}
        </fieldset>
        <label>
          {tr.t('manage.signIn.venue')}
          <input
            value={venueId}
            onChange={(e) => setVenueId(e.target.value)}
            autoComplete="organization"
            required
          />
        </label>
        {method === 'password' ? (
          <>
            <Field
              label={tr.t('manage.signIn.email')}
              value={email}
              onChange={setEmail}
              type="email"
              autoComplete="username"
            />
            <Field
              label={tr.t('manage.signIn.password')}
              value={password}
              onChange={setPassword}
              type="password"
              autoComplete="current-password"
            />
          </>
        ) : (
          <>
            <Field
              label={tr.t('manage.signIn.staffId')}
              value={staffId}
              onChange={setStaffId}
              autoComplete="username"
            />
            <Field
              label={tr.t('manage.signIn.pin')}
              value={pin}
              onChange={setPin}
              type="password"
              autoComplete="current-password"
              numeric
            />
          </>
        )}
        <ErrorText error={error} {...(method === 'pin' ? { variant: 'pin' as const } : {})} />
        <button type="submit" disabled={busy}>
          {tr.t('manage.signIn.submit')}
        </button>
        {demo && (
          <p className="bo-hint">
            {method === 'password'
              ? tr.t('manage.signIn.demoHint', DEMO)
              : tr.t('manage.signIn.demoPinHint', DEMO_PIN)}
          </p>
        )}
      </form>
    </main>
  );
}

/** One required field of the form; the first of a method's two takes the focus. */
function Field(props: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: 'email' | 'password';
  readonly autoComplete: 'username' | 'current-password';
  readonly numeric?: boolean;
}) {
  return (
    <label>
      {props.label}
      <input
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete}
        required
        autoFocus={props.autoComplete === 'username'}
        {...(props.numeric ? { inputMode: 'numeric' as const, pattern: '[0-9]{4,8}' } : {})}
      />
    </label>
  );
}
