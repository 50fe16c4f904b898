import { useState, type FormEvent } from 'react';
import { useT } from '../i18n';
import { api, ApiError } from './api';
import { ErrorText } from './error-text';
import type { SignedIn } from './session';

/** Shown only when the server says it seeds the demo venue (never on a venue's server). */
const DEMO = { email: 'li.wei@podil-stage.example', password: 'demo-manager-3333' };

export function SignIn({
  onSignedIn,
  demo,
}: {
  readonly onSignedIn: (who: SignedIn) => void;
  readonly demo: boolean;
}) {
  const tr = useT();
  const [venueId, setVenueId] = useState(demo ? 'podil-stage' : '');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const who = await api<SignedIn>('/api/back-office/session', {
        method: 'POST',
        body: { venueId: venueId.trim(), email, password },
      });
      setPassword('');
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
        <label>
          {tr.t('manage.signIn.venue')}
          <input
            value={venueId}
            onChange={(e) => setVenueId(e.target.value)}
            autoComplete="organization"
            required
          />
        </label>
        <label>
          {tr.t('manage.signIn.email')}
          <input
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="username"
            required
            autoFocus
          />
        </label>
        <label>
          {tr.t('manage.signIn.password')}
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
          />
        </label>
        <ErrorText error={error} />
        <button type="submit" disabled={busy}>
          {tr.t('manage.signIn.submit')}
        </button>
        {demo && <p className="bo-hint">{tr.t('manage.signIn.demoHint', DEMO)}</p>}
      </form>
    </main>
  );
}
