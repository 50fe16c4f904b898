import { useT } from '../i18n';
import type { ApiError } from './api';

/**
 * A server refusal as the manager reads it: the server's own sentence (written for people),
 * or ours when no answer came or the session ended.
 */
export function ErrorText({ error }: { readonly error: ApiError | null }) {
  const tr = useT();
  if (error === null) return null;
  const text =
    error.code === 'network'
      ? tr.t('manage.error.network')
      : error.code === 'unauthenticated'
        ? tr.t('manage.error.session')
        : error.message;
  return (
    <p className="bo-error" role="alert">
      {text}
    </p>
  );
}
