import type { FeedbackTopic } from '../../shared/feedback/contract';
import type { MessageKey } from './catalogs/en';
import type { Translator } from './translator';

/**
 * Feedback in words (issue 14 item 8), for the customer's form and the back office alike: a
 * rating's word, a star's accessible name, a topic's name. Pure: tested with each catalog.
 */
const STAR_WORD: Record<number, MessageKey> = {
  1: 'feedback.star.1',
  2: 'feedback.star.2',
  3: 'feedback.star.3',
  4: 'feedback.star.4',
  5: 'feedback.star.5',
};

export const TOPIC_NAME: Record<FeedbackTopic, MessageKey> = {
  seating: 'feedback.topic.seating',
  staff: 'feedback.topic.staff',
  refund: 'feedback.topic.refund',
  venue: 'feedback.topic.venue',
  other: 'feedback.topic.other',
};

/** A radio button's name: "4 stars: Good" (the drawn stars beside it are hidden from readers). */
export function starLabel(tr: Translator, rating: number): string {
  return tr.t('feedback.stars', { count: rating, words: tr.t(STAR_WORD[rating]!) });
}

/** The stars as drawn: filled up to the rating, hollow after. */
export function starsDrawn(rating: number): string {
  return '★'.repeat(rating) + '☆'.repeat(5 - rating);
}

/** A mean rating as read aloud and shown: "3.3 of 5", or "no ratings yet". */
export function averageWords(tr: Translator, average: number | null): string {
  if (average === null) return tr.t('feedback.average.none');
  const n = new Intl.NumberFormat(tr.locale, { maximumFractionDigits: 1 }).format(average);
  return tr.t('feedback.average', { average: n });
}
