import { useEffect, useMemo, useState } from 'react';
import {
  I18nProvider,
  isLocale,
  LanguagePicker,
  useT,
  type LocalePreference,
  type MessageKey,
} from '../i18n';
import { ApplyPage } from './apply-page';
import { FeedbackPage } from './feedback-page';
import { LinkRefundPage } from './link-page';
import { StatusPage } from './status-page';

const KEY = 'box-office.refund-request.locale';

/** The customer's language: the one they chose here before, else their browser's. */
const preference: LocalePreference = {
  load() {
    const saved = globalThis.localStorage?.getItem(KEY);
    if (isLocale(saved)) return Promise.resolve(saved);
    for (const tag of navigator.languages) {
      if (tag.startsWith('uk')) return Promise.resolve('uk');
      if (tag.startsWith('zh')) return Promise.resolve('zh-Hans');
      if (tag.startsWith('en')) return Promise.resolve('en');
    }
    return Promise.resolve(null);
  },
  save(locale) {
    globalThis.localStorage?.setItem(KEY, locale);
    return Promise.resolve();
  },
};

/** `#status=<token>` opens a request's status page; otherwise the apply form of `?venue=`. */
function useStatusToken(): [string | null, (token: string) => void] {
  const read = () => new URLSearchParams(window.location.hash.slice(1)).get('status');
  const [token, setToken] = useState(read);
  useEffect(() => {
    const onHash = () => setToken(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return [token, (t) => (window.location.hash = `status=${encodeURIComponent(t)}`)];
}

export function RefundRequestApp() {
  // Dates in the customer's own time zone; amounts carry their currency.
  const venue = useMemo(
    () => ({
      currency: 'UAH' as const,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    }),
    [],
  );
  return (
    <I18nProvider venue={venue} preference={preference}>
      <Shell />
    </I18nProvider>
  );
}

function Shell() {
  const tr = useT();
  const [token, openStatus] = useStatusToken();
  const [justSent, setJustSent] = useState(false);
  const venueId = new URLSearchParams(window.location.search).get('venue');
  // A cancelled performance's message links `#refund=<signed token>`: the one-step refund.
  const [refundToken] = useState(() =>
    new URLSearchParams(window.location.hash.slice(1)).get('refund'),
  );
  // A purchase's thank-you or a paid refund's message links `#feedback=<signed token>`.
  const [feedbackToken] = useState(() =>
    new URLSearchParams(window.location.hash.slice(1)).get('feedback'),
  );
  const title: MessageKey =
    feedbackToken !== null
      ? 'feedback.title'
      : token
        ? 'request.status.heading'
        : refundToken
          ? 'request.link.heading'
          : 'request.title';
  const sent = (t: string) => {
    setJustSent(true);
    openStatus(t);
  };
  useEffect(() => {
    document.documentElement.lang = tr.locale;
    document.title = tr.t(title);
  }, [tr, title]);
  return (
    <>
      <header className="rr-top">
        <span className="rr-brand">
          {tr.t(feedbackToken !== null ? 'feedback.title' : 'request.title')}
        </span>
        <LanguagePicker className="rr-language" label="request.language" />
      </header>
      <main className="rr-main">
        {feedbackToken !== null ? (
          <FeedbackPage token={feedbackToken} />
        ) : token !== null ? (
          <StatusPage token={token} justSent={justSent} />
        ) : refundToken !== null ? (
          <LinkRefundPage token={refundToken} onSent={sent} />
        ) : venueId === null ? (
          <p role="alert">{tr.t('request.noVenue')}</p>
        ) : (
          <ApplyPage venueId={venueId} onSent={sent} />
        )}
      </main>
    </>
  );
}
