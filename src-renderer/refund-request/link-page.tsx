import { useEffect, useId, useState } from 'react';
import type { RefundLinkAnswer, RequestStatus } from '../../shared/requests/contract';
import { useT } from '../i18n';
import { DecisionWords, TicketWords } from './apply-page';
import { post, problemText, type Problem } from './request-api';

/**
 * The one-step refund from a cancelled performance's message (issue 14 item 6): the link's
 * signed token (`#refund=…`) opens the order without the customer typing anything; the page
 * shows the tickets of the cancelled performance and what the cancellation rule gives (the
 * server's decision), and one button sends the request.
 */
export function LinkRefundPage({
  token,
  onSent,
}: {
  readonly token: string;
  readonly onSent: (statusToken: string) => void;
}) {
  const tr = useT();
  const ids = useId();
  const [answer, setAnswer] = useState<RefundLinkAnswer | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const error = problemText(tr, problem);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    // Opened once per link (not again on a language change); a superseded answer is dropped.
    let live = true;
    post<RefundLinkAnswer>('/link', { token }).then(
      (a) => {
        if (live) setAnswer(a);
      },
      (cause: unknown) => {
        if (live) setProblem({ cause });
      },
    );
    return () => {
      live = false;
    };
  }, [token]);

  const confirm = () => {
    setBusy(true);
    setProblem(null);
    post<{ statusToken: string; status: RequestStatus }>('/link/submit', {
      token,
      locale: tr.locale,
    }).then(
      (made) => onSent(made.statusToken),
      (cause: unknown) => {
        setProblem({ cause });
        setBusy(false);
      },
    );
  };

  const chosen = answer?.order.tickets.filter((t) => answer.ticketIds.includes(t.ticketId)) ?? [];
  return (
    <section aria-labelledby={`${ids}-h`} className="rr-card">
      <h1 id={`${ids}-h`}>{tr.t('request.link.heading')}</h1>
      {answer !== null &&
        (answer.decision === null ? (
          <p>{tr.t('request.link.nothingLeft')}</p>
        ) : (
          <>
            <p>{tr.t('request.link.intro')}</p>
            <ul data-testid="link-tickets">
              {chosen.map((t) => (
                <li key={t.ticketId}>
                  <TicketWords ticket={t} count={answer.order.tickets.length} />
                </li>
              ))}
            </ul>
            <DecisionWords decision={answer.decision} />
            <button type="button" onClick={confirm} disabled={busy}>
              {tr.t('request.link.confirm')}
            </button>
          </>
        ))}
      {error !== null && (
        <p role="alert" className="rr-error">
          {error}
        </p>
      )}
    </section>
  );
}
