/**
 * A notification as the customer reads it: subject, plain text and simple HTML in the
 * customer's language, from that language's templates and the message's `data`.
 */
import type { CustomerLocale, NotificationKind } from '../notification';
import { en } from './en';
import type { LocaleTemplates, MessageData, MessageDraft } from './template';
import { uk } from './uk';
import { zhHans } from './zh-hans';

const BY_LOCALE: Record<CustomerLocale, LocaleTemplates> = { en, uk, 'zh-Hans': zhHans };
const HTML_LANG: Record<CustomerLocale, string> = { en: 'en', uk: 'uk', 'zh-Hans': 'zh-Hans' };

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

function escapeHtml(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function toText(m: MessageDraft): string {
  const parts = [m.greeting, ...m.paragraphs];
  if (m.link) parts.push(`${m.link.label}: ${m.link.url}`);
  if (m.feedback) parts.push(m.feedback.ask, `${m.feedback.label}: ${m.feedback.url}`);
  parts.push(m.signOff);
  return `${parts.join('\n\n')}\n`;
}

function toHtml(m: MessageDraft, locale: CustomerLocale): string {
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const link = m.link
    ? `<p><a href="${escapeHtml(m.link.url)}">${escapeHtml(m.link.label)}</a></p>`
    : '';
  const feedback = m.feedback
    ? p(m.feedback.ask) +
      `<p><a href="${escapeHtml(m.feedback.url)}">${escapeHtml(m.feedback.label)}</a></p>`
    : '';
  return (
    `<!doctype html><html lang="${HTML_LANG[locale]}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(m.subject)}</title></head><body>` +
    [m.greeting, ...m.paragraphs].map(p).join('') +
    link +
    feedback +
    p(m.signOff) +
    `</body></html>`
  );
}

export function renderMessage(
  kind: NotificationKind,
  locale: CustomerLocale,
  data: MessageData,
): RenderedMessage {
  const draft = BY_LOCALE[locale][kind](data);
  return { subject: draft.subject, text: toText(draft), html: toHtml(draft, locale) };
}

/** An SMS is the subject line and the link (no greeting: it has to fit a text message). */
export function renderSms(
  kind: NotificationKind,
  locale: CustomerLocale,
  data: MessageData,
): string {
  const draft = BY_LOCALE[locale][kind](data);
  const link = draft.link ?? draft.feedback;
  return link ? `${draft.subject}: ${link.url}` : draft.subject;
}
