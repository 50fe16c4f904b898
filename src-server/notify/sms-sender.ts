/**
 * The SMS port. No SMS provider is wired: the one adapter writes each text to the server's
 * log (a development stand-in, chosen with SMS_SENDER=log). Without it, text messages stay
 * queued in the outbox until a real adapter is configured.
 */
import type { SendOutcome } from './email-sender';

export interface OutgoingSms {
  /** E.164, e.g. +380671234567 */
  readonly to: string;
  readonly text: string;
  /** The outbox row's stable key (a provider's idempotency key or client reference). */
  readonly messageKey: string;
}

export interface SmsSender {
  send(sms: OutgoingSms): Promise<SendOutcome>;
}

export interface LogSink {
  info(object: Record<string, unknown>, message: string): void;
}

export function loggingSmsSender(log: LogSink): SmsSender {
  return {
    send(sms) {
      log.info({ sms: { to: sms.to, text: sms.text, key: sms.messageKey } }, 'SMS (log adapter)');
      return Promise.resolve({ ok: true, response: 'logged' });
    },
  };
}
