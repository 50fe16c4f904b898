import { useT } from '../i18n';
import type { ApiError } from './api';
import { REFUSAL_KEY } from './refusal-keys';

/**
 * A server refusal as the manager reads it: in English the server's own sentence (written for
 * people, with the names and numbers); in another language this catalog's sentence for the
 * code (refusal-keys.ts), or the server's when the code has none; ours when no answer came or
 * the session ended. `variant`: a wording of the code for the screen that asked (`pin`).
 */
export function ErrorText({
  error,
  variant,
}: {
  readonly error: ApiError | null;
  readonly variant?: 'pin';
}) {
  const tr = useT();
  if (error === null) return null;
  return (
    <p className="bo-error" role="alert">
      {refusalText(tr, error, variant)}
    </p>
  );
}

export function refusalText(tr: ReturnType<typeof useT>, error: ApiError, variant?: 'pin'): string {
  if (error.code === 'network') return tr.t('manage.error.network');
  if (error.code === 'unauthenticated') return tr.t('manage.error.session');
  if (tr.locale === 'en') return error.message;
  const key =
    (variant !== undefined ? REFUSAL_KEY[`${error.code}_${variant}`] : undefined) ??
    REFUSAL_KEY[error.code];
  return key === undefined ? error.message : tr.t(key);
}
