/**
 * The e-mail port and its one adapter: nodemailer's pooled SMTP transport to the server in
 * SMTP_URL. Tests point it at a real SMTP server on loopback.
 */
import nodemailer from 'nodemailer';
import type { CustomerLocale } from './notification';

export interface OutgoingEmail {
  /** The full Message-ID header, `<…@domain>`: the same on every attempt of one message. */
  readonly messageId: string;
  readonly to: string;
  readonly locale: CustomerLocale;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** What an attempt came to: accepted by the next hop, or refused for now or for good. */
export type SendOutcome =
  | { readonly ok: true; readonly response: string }
  | { readonly ok: false; readonly permanent: boolean; readonly error: string };

export interface EmailSender {
  /** The domain of the sender address: the right part of the Message-IDs. */
  readonly domain: string;
  send(mail: OutgoingEmail): Promise<SendOutcome>;
  /** Waits for nothing: closes idle connections. */
  close(): void;
  /** Cuts every connection now, mid-message too (a crash, as tests make one). */
  abort(): void;
}

export interface SmtpOptions {
  /** smtp://user:pass@host:port (or smtps://…) */
  readonly url: string;
  /** The From address, e.g. `"Podil Stage" <tickets@podil-stage.example>` */
  readonly from: string;
  readonly maxConnections?: number;
  /** Connect, greeting and idle-socket timeouts (ms); well below the worker's lease. */
  readonly timeoutMs?: number;
}

function domainOf(from: string): string {
  const m = /@([^\s>]+)>?\s*$/.exec(from);
  if (!m) throw new Error(`MAIL_FROM "${from}" has no address with a domain`);
  return m[1]!;
}

/** A reply code 5xx is the server's final word (unknown mailbox, refused content). */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function smtpEmailSender(options: SmtpOptions): EmailSender {
  const timeout = options.timeoutMs ?? 30_000;
  const domain = domainOf(options.from);
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.maxConnections ?? 4,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // close() destroys sockets at once: abort() must cut a message mid-DATA, not finish it.
    socketCloseTimeout: 0,
  });
  return {
    domain,
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          headers: { 'Content-Language': mail.locale },
        });
        return { ok: true, response: String(info.response ?? '') };
      } catch (error) {
        return {
          ok: false,
          permanent: isPermanent(error),
          error: error instanceof Error ? error.message : String(error),
        };
      }
    },
    close: () => transport.close(),
    abort: () => transport.close(),
  };
}
