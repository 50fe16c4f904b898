import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n';
import { api, ApiError, venuePath } from '../api';
import { ErrorText } from '../error-text';

/**
 * The venue's target answer time for refund requests (business days), a manager's setting:
 * the server stores and audits it; new requests are due by it (and never after their show).
 */
export function RequestSettingsForm({
  venueId,
  days,
  onSaved,
}: {
  readonly venueId: string;
  readonly days: number;
  readonly onSaved: () => void;
}) {
  const tr = useT();
  const [typed, setTyped] = useState(String(days));
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const answer = await api<{ answerBusinessDays: number }>(
        venuePath(venueId, 'refund-request-settings'),
        // The server checks the number (1–60) and answers in words when it is not.
        { method: 'PUT', body: { answerBusinessDays: Number(typed) } },
      );
      setSaved(answer.answerBusinessDays);
      onSaved();
    } catch (cause) {
      setError(cause instanceof ApiError ? cause : new ApiError(0, 'network', String(cause)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} className="bo-inline-form">
      <fieldset>
        <legend>{tr.t('manage.requests.settings.legend')}</legend>
        <label>
          {tr.t('manage.requests.settings.days')}{' '}
          <input
            type="number"
            min={1}
            max={60}
            required
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        </label>{' '}
        <button type="submit" disabled={busy}>
          {tr.t('manage.requests.settings.save')}
        </button>
      </fieldset>
      {saved !== null && (
        <p role="status">{tr.t('manage.requests.settings.saved', { days: saved })}</p>
      )}
      <ErrorText error={error} />
    </form>
  );
}
