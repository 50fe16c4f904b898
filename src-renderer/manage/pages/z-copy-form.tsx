import { useId, useState } from 'react';
import { useT, type Locale } from '../../i18n';
import { api, ApiError, venuePath } from '../api';
import { ErrorText } from '../error-text';
import { canWrite, type SignedIn } from '../session';
import { useApi } from '../use-api';
import type { TerminalView } from '../views';

/** A copy of this Z sent to a till, as the server lists it. */
interface ZCopyView {
  readonly jobId: string;
  readonly targetTerminalId: string;
  readonly targetName: string;
  readonly locale: SlipLanguage;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly queuedAt: string | null;
}

type SlipLanguage = 'en' | 'uk' | 'zh';
const LANGUAGES: readonly SlipLanguage[] = ['en', 'uk', 'zh'];
const slipLanguageOf = (locale: Locale): SlipLanguage => (locale === 'zh-Hans' ? 'zh' : locale);

/** How often the list asks whether a till has printed its copy yet. */
const REFRESH_MS = 5_000;

/**
 * "Print on a till" under a Z (issue 13 item 4): a manager picks a window in service and the
 * slip's language; the server queues the copy for that till, which prints it on its own
 * printer as soon as it is on line (at once when it is). The copies sent are listed with
 * whether the till has them yet. Supervisors see the list, not the form.
 */
export function ZCopyForm({
  who,
  terminalId,
  shiftId,
}: {
  readonly who: SignedIn;
  readonly terminalId: string;
  readonly shiftId: string;
}) {
  const tr = useT();
  const path = venuePath(
    who.venueId,
    `terminals/${encodeURIComponent(terminalId)}/shifts/${encodeURIComponent(shiftId)}/z/print-jobs`,
  );
  const copies = useApi<{ jobs: ZCopyView[] }>(path, REFRESH_MS);
  const terminals = useApi<{ terminals: TerminalView[] }>(venuePath(who.venueId, 'terminals'));
  const inService = (terminals.data?.terminals ?? []).filter((t) => t.revokedAt === null);
  const [target, setTarget] = useState('');
  const [language, setLanguage] = useState<SlipLanguage>(slipLanguageOf(tr.locale));
  const [sending, setSending] = useState(false);
  const tillId = useId();
  const languageId = useId();
  const [error, setError] = useState<ApiError | null>(null);
  const chosen = target !== '' ? target : (inService[0]?.terminalId ?? '');

  const send = async () => {
    setSending(true);
    setError(null);
    try {
      await api(path, { method: 'POST', body: { targetTerminalId: chosen, locale: language } });
      copies.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e)));
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="bo-z-copies" className="bo-no-print">
      <h2 id="bo-z-copies">{tr.t('manage.zCopy.heading')}</h2>
      {canWrite(who) ? (
        <form
          className="bo-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <label htmlFor={tillId}>{tr.t('manage.zCopy.till')}</label>{' '}
          <select id={tillId} value={chosen} onChange={(e) => setTarget(e.target.value)}>
            {inService.map((t) => (
              <option key={t.terminalId} value={t.terminalId}>
                {t.name}
              </option>
            ))}
          </select>{' '}
          <label htmlFor={languageId}>{tr.t('manage.zCopy.language')}</label>{' '}
          <select
            id={languageId}
            value={language}
            onChange={(e) => setLanguage(e.target.value as SlipLanguage)}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {tr.t(`manage.zCopy.lang.${l}`)}
              </option>
            ))}
          </select>{' '}
          <button type="submit" disabled={sending || chosen === ''}>
            {tr.t('manage.zCopy.send')}
          </button>
        </form>
      ) : null}
      <ErrorText error={error ?? copies.error} />
      {(copies.data?.jobs.length ?? 0) === 0 ? (
        <p className="bo-small">{tr.t('manage.zCopy.none')}</p>
      ) : (
        <ul>
          {copies.data!.jobs.map((j) => (
            <li key={j.jobId} data-copy-state={j.queuedAt === null ? 'waiting' : 'printed'}>
              {j.queuedAt === null
                ? tr.t('manage.zCopy.waiting', {
                    till: j.targetName,
                    at: tr.date(j.requestedAt, 'dateTime'),
                    by: j.requestedBy,
                  })
                : tr.t('manage.zCopy.printed', {
                    till: j.targetName,
                    at: tr.date(j.queuedAt, 'dateTime'),
                    by: j.requestedBy,
                  })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
