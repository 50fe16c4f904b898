/**
 * A real SMTP server on 127.0.0.1 (port 0) for the outbox tests: smtp-server receives, mailparser
 * reads what arrived. Each DATA is numbered (retries included); `decide` says per DATA whether
 * the server accepts it, refuses it, or first runs a hook (the tests kill a worker there).
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly messageId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly language: string;
}

/**
 * For the nth DATA (from 1): accept; refuse with a 4xx ("temporary" failure); or `before`
 * runs while the message is still arriving (the client cut off mid-DATA then), after which it
 * is refused; or `after` runs once it has been accepted and recorded, before the 250 is sent.
 */
export type DataDecision =
  | { readonly kind: 'accept' }
  | { readonly kind: 'refuse'; readonly code: number }
  | { readonly kind: 'before'; readonly run: () => void }
  | { readonly kind: 'after'; readonly run: () => void };

export interface SmtpSink {
  readonly url: string;
  readonly received: ReceivedMail[];
  /** DATA commands seen, refused and accepted alike. */
  dataCount(): number;
  waitForCount(count: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

function headerText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export async function startSmtpSink(
  decide: (n: number) => DataDecision = () => ({ kind: 'accept' }),
): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  let data = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const decision = decide(++data);
      if (decision.kind === 'before') decision.run();
      const refuse = (code: number, message: string) =>
        callback(Object.assign(new Error(message), { responseCode: code }));
      simpleParser(stream).then(
        (mail) => {
          if (decision.kind === 'refuse')
            return refuse(decision.code, 'Temporary failure, try again later');
          if (decision.kind === 'before') return refuse(451, 'Client went away mid-message');
          const to = mail.to && !Array.isArray(mail.to) ? mail.to.text : '';
          received.push({
            messageId: mail.messageId ?? '',
            to,
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            language: headerText(mail.headers.get('content-language')),
          });
          if (decision.kind === 'after') decision.run();
          callback(null, 'Accepted');
        },
        (error: unknown) => refuse(451, `Could not read the message: ${String(error)}`),
      );
    },
  });
  // A client cut off mid-message makes the connection emit errors: expected here.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    dataCount: () => data,
    async waitForCount(count, timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > until)
          throw new Error(
            `only ${received.length} of ${count} messages arrived in ${timeoutMs} ms`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
