import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatTimeZone, I18nProvider, LanguagePicker, useT } from '../i18n';
import type { Currency } from '../../shared/money/currency';
import { api, ApiError } from './api';
import { browserLocalePreference } from './locale-preference';
import { SECTION_LABEL, SECTIONS, sectionOf, type Section } from './routes';
import type { SignedIn } from './session';
import { SignIn } from './sign-in';
import { AuditPage } from './pages/audit-page';
import { StaffPage } from './pages/staff-page';
import { RefundsPage } from './pages/refunds-page';
import { TodayPage } from './pages/today-page';
import { ReportsPage } from './pages/reports-page';
import { ExceptionsPage } from './pages/exceptions-page';
import { CatalogPage } from './pages/catalog-page';
import { PoliciesPage } from './pages/policies-page';
import { RequestsPage } from './pages/requests-page';
import { FeedbackPage } from './pages/feedback-page';
import { CustomersPage } from './pages/customers-page';

/** The back office: asks who is signed in, then shows the sign-in page or the sections. */
export function BackOfficeApp() {
  const [who, setWho] = useState<SignedIn | null | undefined>(undefined);
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    api<SignedIn>('/api/back-office/session').then(setWho, () => setWho(null));
    api<{ demo: boolean }>('/api/back-office/info').then(
      (i) => setDemo(i.demo),
      () => undefined,
    );
  }, []);
  const venue = useMemo(
    () => ({
      currency: (who?.venue.currency ?? 'UAH') as Currency,
      timeZone: who?.venue.timeZone ?? 'UTC',
    }),
    [who],
  );
  return (
    <I18nProvider venue={venue} preference={browserLocalePreference}>
      {who === undefined ? null : who === null ? (
        <Page>
          <SignIn onSignedIn={setWho} demo={demo} />
        </Page>
      ) : (
        <Shell who={who} onSignedOut={() => setWho(null)} />
      )}
    </I18nProvider>
  );
}

function Page({ children }: { readonly children: React.ReactNode }) {
  return (
    <>
      <header className="bo-top">
        <span className="bo-brand">{useT().t('manage.title')}</span>
        <LanguagePicker className="bo-language" label="manage.language" />
      </header>
      {children}
    </>
  );
}

function useSection(): Section {
  const [section, setSection] = useState<Section>(() => sectionOf(window.location.hash));
  useEffect(() => {
    const onHash = () => setSection(sectionOf(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return section;
}

function Shell({ who, onSignedOut }: { readonly who: SignedIn; readonly onSignedOut: () => void }) {
  const tr = useT();
  const section = useSection();
  const [error, setError] = useState<ApiError | null>(null);
  const signOut = useCallback(async () => {
    try {
      await api('/api/back-office/session', { method: 'DELETE' });
      onSignedOut();
    } catch (cause) {
      setError(cause instanceof ApiError ? cause : null);
    }
  }, [onSignedOut]);
  useEffect(() => {
    document.title = `${tr.t(SECTION_LABEL[section])} — ${tr.t('manage.title')}`;
  }, [section, tr]);
  return (
    <>
      <header className="bo-top">
        <span className="bo-brand">
          {tr.t('manage.title')} · {who.venue.name}
        </span>
        <span className="bo-who">
          {tr.t('manage.signedInAs', {
            name: who.name,
            role: tr.t(who.role === 'manager' ? 'manage.role.manager' : 'manage.role.supervisor'),
          })}
        </span>
        <LanguagePicker className="bo-language" label="manage.language" />
        <button type="button" onClick={() => void signOut()}>
          {tr.t('manage.signOut')}
        </button>
      </header>
      <div className="bo-body">
        <nav aria-label={tr.t('manage.nav.label')} className="bo-nav">
          <ul>
            {SECTIONS.map((s) => (
              <li key={s}>
                <a href={`#/${s}`} aria-current={s === section ? 'page' : undefined}>
                  {tr.t(SECTION_LABEL[s])}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main className="bo-main" aria-labelledby="bo-heading">
          {who.role === 'supervisor' && <p className="bo-note">{tr.t('manage.readOnly')}</p>}
          {error && <p role="alert">{error.message}</p>}
          <p className="bo-note" data-testid="bo-time-zone">
            {tr.t('manage.timesIn', {
              zone: formatTimeZone(tr.locale, who.venue.timeZone),
              id: who.venue.timeZone,
            })}
          </p>
          <SectionView section={section} who={who} />
        </main>
      </div>
    </>
  );
}

function SectionView({ section, who }: { readonly section: Section; readonly who: SignedIn }) {
  switch (section) {
    case 'today':
      return <TodayPage who={who} />;
    case 'refunds':
      return <RefundsPage who={who} />;
    case 'reports':
      return <ReportsPage who={who} />;
    case 'exceptions':
      return <ExceptionsPage who={who} />;
    case 'requests':
      return <RequestsPage who={who} />;
    case 'feedback':
      return <FeedbackPage who={who} />;
    case 'customers':
      return <CustomersPage who={who} />;
    case 'catalog':
      return <CatalogPage who={who} />;
    case 'policies':
      return <PoliciesPage who={who} />;
    case 'staff':
      return <StaffPage who={who} />;
    case 'audit':
      return <AuditPage who={who} />;
  }
}
