import type { NotificationKind } from '../notification';

/** A message's `data` as the templates read it (checked by NOTIFICATION_DATA at enqueue). */
export type MessageData = Readonly<Record<string, string | number>>;

/** One message before it becomes text and HTML: paragraphs, then an optional link. */
export interface MessageDraft {
  readonly subject: string;
  readonly greeting: string;
  readonly paragraphs: readonly string[];
  readonly link?: { readonly label: string; readonly url: string };
  /** The feedback link (issue 14 item 8): its sentence and link after the main link. */
  readonly feedback?: { readonly ask: string; readonly label: string; readonly url: string };
  readonly signOff: string;
}

/** One language's messages: a function per kind. */
export type LocaleTemplates = Record<NotificationKind, (d: MessageData) => MessageDraft>;

/** The field as text, or '' when absent (only optional fields are read this way). */
export function field(d: MessageData, name: string): string {
  const v = d[name];
  return v === undefined ? '' : String(v);
}
