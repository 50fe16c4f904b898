import type { MessageKey } from '../i18n';
import { useText } from './use-text';

export interface ShownError {
  readonly code: string;
  /** The domain's English sentence; shown when no translation exists for the code. */
  readonly message: string;
  readonly details?: unknown;
}

/**
 * Next steps for the codes where "try again" is not the right advice. Offline refusals of
 * this window's lease (issue 12) say what to offer the customer: trying again changes nothing
 * and a supervisor cannot make the network come back.
 */
const NEXT_STEP: Readonly<Record<string, MessageKey>> = {
  shift_not_open: 'ui.shift.goToShift',
  not_logged_in: 'ui.login.title',
  sold_out_here: 'ui.error.nextSoldOutHere',
  lease_other_category: 'ui.error.nextOtherCategory',
  not_at_this_window: 'ui.error.nextNotHere',
};

/** What the banner advises after an error of this code. */
export const nextStepFor = (code: string): MessageKey => NEXT_STEP[code] ?? 'ui.error.nextDefault';

/**
 * An error in plain words with what to do next. role="alert" so a screen reader announces it
 * and the e2e tests can find it; it stays until dismissed or the next action succeeds.
 */
export function ErrorBanner({
  error,
  onDismiss,
  next: nextHere,
}: {
  readonly error: ShownError | null;
  readonly onDismiss?: () => void;
  /**
   * What to do next in this place, instead of the general advice: inside the supervisor's own
   * PIN dialog "call a supervisor" is no advice at all.
   */
  readonly next?: MessageKey;
}) {
  const text = useText();
  if (error === null) return null;
  const translated = text.tr.error(error);
  const next = nextHere ?? nextStepFor(error.code);
  return (
    <div role="alert" className="error-banner">
      <strong>{text('ui.error.title')}:</strong> {translated}
      <div>{text('ui.error.next', { next: text(next) })}</div>
      {onDismiss ? (
        <button type="button" onClick={onDismiss}>
          {text('ui.error.dismiss')}
        </button>
      ) : null}
    </div>
  );
}
