import { useEffect, useId, useState, type FormEvent } from 'react';
import {
  FEEDBACK_COMMENT_MAX,
  FEEDBACK_TOPICS,
  RATINGS,
  type FeedbackGiven,
  type FeedbackOpenAnswer,
  type FeedbackTopic,
} from '../../shared/feedback/contract';
import { useT } from '../i18n';
import { starLabel, starsDrawn, TOPIC_NAME } from '../i18n/feedback-words';
import { postTo, problemText, type Problem } from './request-api';

/**
 * The customer's feedback form (issue 14 item 8), opened by the signed link in a purchase's
 * thank-you or a paid refund's message (`#feedback=<token>`): a rating 1–5 as real radio
 * buttons (arrow keys move between them; each has its number and word as its name), which of
 * the order's performances it is about, a topic and an optional comment; then a thanks page.
 * Sent again from the same link within 30 days, it replaces the earlier answer.
 */
export function FeedbackPage({ token }: { readonly token: string }) {
  const tr = useT();
  const ids = useId();
  const [opened, setOpened] = useState<FeedbackOpenAnswer | null>(null);
  const [rating, setRating] = useState<number | null>(null);
  const [performanceId, setPerformanceId] = useState('');
  const [topic, setTopic] = useState<FeedbackTopic>('venue');
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const error = problemText(tr, problem);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    // Opened once per link (not again on a language change); a superseded answer is dropped.
    let live = true;
    postTo<FeedbackOpenAnswer>('/api/public/feedback/open', { token }).then(
      (answer) => {
        if (!live) return;
        setOpened(answer);
        const given = answer.given;
        if (given !== null) {
          setRating(given.rating);
          setTopic(given.topic);
          setPerformanceId(given.performanceId ?? '');
          setComment(given.comment ?? '');
        } else {
          if (answer.about === 'request') setTopic('refund');
          if (answer.performances.length === 1) {
            setPerformanceId(answer.performances[0]!.performanceId);
          }
        }
      },
      (cause: unknown) => {
        if (live) setProblem({ cause });
      },
    );
    return () => {
      live = false;
    };
  }, [token]);

  const until = opened === null ? '' : tr.date(opened.editableUntil);
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (rating === null) {
      setProblem({ key: 'feedback.needRating' });
      return;
    }
    setBusy(true);
    setProblem(null);
    postTo<{ given: FeedbackGiven }>('/api/public/feedback', {
      token,
      rating,
      topic,
      performanceId: performanceId === '' ? null : performanceId,
      comment: comment.trim() === '' ? null : comment,
      locale: tr.locale,
    }).then(
      (answer) => {
        // "Change my feedback" then shows this answer as the one given.
        setOpened({ ...opened!, given: answer.given });
        setSent(true);
        setBusy(false);
      },
      (cause: unknown) => {
        setProblem({ cause });
        setBusy(false);
      },
    );
  };

  const alert = error !== null && (
    <p role="alert" className="rr-error">
      {error}
    </p>
  );
  if (sent) {
    return (
      <section aria-labelledby={`${ids}-h`} className="rr-card" data-testid="feedback-thanks">
        <h1 id={`${ids}-h`}>{tr.t('feedback.thanks.heading')}</h1>
        <p>{tr.t('feedback.thanks.body', { date: until })}</p>
        <button type="button" onClick={() => setSent(false)}>
          {tr.t('feedback.thanks.change')}
        </button>
      </section>
    );
  }
  if (opened === null) return alert || null;
  return (
    <section aria-labelledby={`${ids}-h`} className="rr-card">
      <h1 id={`${ids}-h`}>{tr.t('feedback.heading')}</h1>
      <p>{tr.t(opened.about === 'order' ? 'feedback.intro.order' : 'feedback.intro.request')}</p>
      {opened.given !== null && (
        <p data-testid="feedback-given">
          {tr.t('feedback.given', { rating: opened.given.rating, date: until })}
        </p>
      )}
      <form onSubmit={send} noValidate>
        <fieldset className="rr-stars">
          <legend>{tr.t('feedback.rating')}</legend>
          {RATINGS.map((n) => (
            <label key={n} className="rr-choice">
              <input
                type="radio"
                name={`${ids}-rating`}
                value={n}
                checked={rating === n}
                onChange={() => setRating(n)}
              />
              <span aria-hidden="true" className="rr-star-row">
                {starsDrawn(n)}
              </span>
              <span>{starLabel(tr, n)}</span>
            </label>
          ))}
        </fieldset>
        {opened.performances.length > 0 && (
          <label>
            {tr.t('feedback.performance')}
            <select value={performanceId} onChange={(e) => setPerformanceId(e.target.value)}>
              <option value="">{tr.t('feedback.performance.none')}</option>
              {opened.performances.map((p) => (
                <option key={p.performanceId} value={p.performanceId}>
                  {tr.t('feedback.performance.name', {
                    event: p.eventName,
                    date: p.startsAt === '' ? '' : tr.date(p.startsAt),
                  })}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {tr.t('feedback.topic')}
          <select value={topic} onChange={(e) => setTopic(e.target.value as FeedbackTopic)}>
            {FEEDBACK_TOPICS.map((t) => (
              <option key={t} value={t}>
                {tr.t(TOPIC_NAME[t])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tr.t('feedback.comment')}
          <textarea
            rows={5}
            maxLength={FEEDBACK_COMMENT_MAX}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </label>
        <button type="submit" disabled={busy}>
          {tr.t(opened.given === null ? 'feedback.send' : 'feedback.change')}
        </button>
      </form>
      {alert}
    </section>
  );
}
