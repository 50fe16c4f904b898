import { useState, type ReactNode } from 'react';
import type { Catalog } from '../../shared/catalog/catalog';
import type { Event } from '../../shared/catalog/schemas';
import type { Currency } from '../../shared/money/currency';
import { parseMoney } from '../../shared/money/parse';
import { formatTimeZone, useT, type MessageKey } from '../i18n';
import { ApiError } from './api';
import { ErrorText } from './error-text';

/** What every back-office change form is given: where it writes, how it closes and reports. */
export interface ChangeFormProps {
  readonly venueId: string;
  readonly onClose: () => void;
  readonly onDone: (text: string) => void;
}

/** A change form about one event of the catalog (a new tier, a new performance). */
export interface EventFormProps extends ChangeFormProps {
  readonly catalog: Catalog;
  readonly event: Event;
}

/**
 * What every back-office change form does with the server: send once at a time (busy), show a
 * refusal the page knows in the manager's language (`known` maps the server's codes to
 * messages) and any other as the server said it, and report what was done (`onDone`).
 */
export function useSubmit(
  onDone: (text: string) => void,
  known: Partial<Record<string, MessageKey>> = {},
) {
  const tr = useT();
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (send: () => Promise<string>): Promise<void> => {
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      onDone(await send());
    } catch (cause) {
      const apiError = cause instanceof ApiError ? cause : new ApiError(0, 'network', 'network');
      const key = known[apiError.code];
      if (key) setProblem(tr.t(key));
      else setError(apiError);
    } finally {
      setBusy(false);
    }
  };
  const feedback: ReactNode = (
    <>
      {problem && (
        <p className="bo-error" role="alert">
          {problem}
        </p>
      )}
      <ErrorText error={error} />
    </>
  );
  return { run, busy, feedback, setProblem };
}

/** A change form's two buttons: do it, or go back changing nothing. */
export function FormButtons(props: {
  readonly label: string;
  readonly busy: boolean;
  readonly onClose: () => void;
  readonly danger?: boolean;
}) {
  const tr = useT();
  return (
    <div className="bo-confirm-buttons">
      <button
        type="submit"
        disabled={props.busy}
        className={props.danger ? 'bo-danger' : 'bo-primary'}
      >
        {props.label}
      </button>
      <button type="button" disabled={props.busy} onClick={props.onClose}>
        {tr.t('manage.catalog.keep')}
      </button>
    </div>
  );
}

/** An amount a manager typed ("450,50") in minor units, or null when it is not one (or negative). */
export function minorUnitsOf(text: string, currency: Currency): number | null {
  const parsed = parseMoney(text, currency);
  return parsed.ok ? parsed.value.amount : null;
}

/**
 * A date and time typed as the venue's wall clock (a `datetime-local` box), labelled with the
 * venue's time zone so a manager in another zone knows which clock to type.
 */
export function VenueTimeField(props: {
  readonly label: MessageKey;
  readonly timeZone: string;
  readonly value: string;
  readonly onChange: (wall: string) => void;
  readonly required?: boolean;
}) {
  const tr = useT();
  return (
    <label>
      {tr.t(props.label, { timeZone: formatTimeZone(tr.locale, props.timeZone) })}
      <input
        type="datetime-local"
        value={props.value}
        required={props.required}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
