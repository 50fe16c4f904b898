import { useEffect, useMemo, useState } from 'react';
import type { RecordsState } from '../app/journal-anchor';
import { exportRecords, startDemoOver } from '../app/records-export';
import type { Locale } from '../i18n';
import { createTranslator, DEFAULT_LOCALE, LOCALES } from '../i18n';
import { restorable, restoreTill } from '../sync/restore';
import { useContractClient } from '../transport/client-context';

const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  uk: 'Українська',
  'zh-Hans': '中文',
};

/**
 * The records-damaged state (issue 8 item 4): full screen, says in plain words what happened
 * and what to do, offers the records for support, and refuses every sale (nothing else of the
 * app is rendered). A demo till may start over; a venue till never gets that button. Outside
 * the venue's I18nProvider (the store may be unreadable), so it carries its own language choice.
 */
export function RecordsDamaged({
  state,
  terminalId,
  demo,
}: {
  readonly state: Extract<RecordsState, { kind: 'damaged' }>;
  readonly terminalId: string;
  readonly demo: boolean;
}) {
  const client = useContractClient();
  const [locale, setLocale] = useState<Locale>(DEFAULT_LOCALE);
  const [note, setNote] = useState<string | null>(null);
  /** The restore's technical reason, for support (beside the detail below). */
  const [failure, setFailure] = useState<string | null>(null);
  const t = useMemo(() => createTranslator(locale, { currency: 'EUR', timeZone: 'UTC' }), [locale]);
  const seqs = { headSeq: state.headSeq ?? 0, storeSeq: state.storeSeq ?? 0 };

  const onExport = async () => {
    const r = await exportRecords(terminalId, state);
    if (!r.ok) return setNote(r.error.message);
    const url = URL.createObjectURL(new Blob([r.value.json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `box-office-records-${terminalId}.json`;
    a.click();
    URL.revokeObjectURL(url);
    setNote(t.t('ui.records.exported', { count: r.value.count }));
  };

  // Offered when main holds an enrolment and the records are missing (not different): the
  // server then has this terminal's journal up to where it last synced.
  const [enrolled, setEnrolled] = useState(false);
  const [restoring, setRestoring] = useState(false);
  useEffect(() => {
    let live = true;
    void client.call('sync.status', {}).then((r) => {
      if (live) setEnrolled(r.ok && r.value.enrolled);
    });
    return () => {
      live = false;
    };
  }, [client]);

  const onRestore = async () => {
    setRestoring(true);
    setNote(null);
    const r = await restoreTill(
      client,
      terminalId,
      (done, total) => setNote(t.t('ui.records.restoring', { done, total })),
      // Other tills' sales come first, and a busy venue has many pages of them.
      ({ position, head }) => {
        if (position < head) setNote(t.t('status.sync.loading', { loaded: position, total: head }));
      },
    );
    if (!r.ok) {
      setRestoring(false);
      setFailure(r.error.message);
      return setNote(t.t(`ui.records.restoreFailed.${r.error.code}`));
    }
    setNote(t.t('ui.records.restored', { count: r.value.restored }));
    window.location.reload();
  };

  const onDemoReset = async () => {
    const r = await startDemoOver(client);
    if (!r.ok) return setNote(r.error.message);
    window.location.reload();
  };

  return (
    <main className="boot records-damaged" lang={locale}>
      <div role="group" aria-label={t.t('locale.label')}>
        {LOCALES.map((l) => (
          <button key={l} type="button" aria-pressed={l === locale} onClick={() => setLocale(l)}>
            {LANGUAGE_NAMES[l]}
          </button>
        ))}
      </div>
      <h1>{t.t('ui.records.title')}</h1>
      <p role="alert">{t.t(`ui.records.${state.damage}`, seqs)}</p>
      <p>{t.t('ui.records.whatToDo')}</p>
      {enrolled && restorable(state.damage) ? (
        <button type="button" disabled={restoring} onClick={() => void onRestore()}>
          {t.t('ui.records.restore')}
        </button>
      ) : null}
      <button type="button" onClick={() => void onExport()}>
        {t.t('ui.records.export')}
      </button>
      {demo ? (
        <>
          <p>{t.t('ui.records.demoNote')}</p>
          <button type="button" onClick={() => void onDemoReset()}>
            {t.t('ui.records.demoReset')}
          </button>
        </>
      ) : null}
      {note !== null ? <p role="status">{note}</p> : null}
      <details>
        <summary>{terminalId}</summary>
        <code>{state.detail}</code>
        {failure !== null ? <code>{failure}</code> : null}
      </details>
    </main>
  );
}
