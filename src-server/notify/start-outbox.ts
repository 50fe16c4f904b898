/**
 * The server process's outbox worker from its config: SMTP_URL (+ MAIL_FROM) sends e-mail;
 * SMS_SENDER=http sends texts through the gateway in SMS_GATEWAY_URL (SMS_API_KEY), and
 * SMS_SENDER=log writes them to the log; venues' webhooks always go (each venue sets its own
 * in the back office). A channel without a sender keeps its messages queued (nothing is lost;
 * they go once a sender is configured).
 */
import type { Db } from '../db/port';
import { smtpEmailSender } from './email-sender';
import { httpSmsSender } from './http-sms-sender';
import { OutboxWorker, type WorkerLog } from './outbox-worker';
import { loggingSmsSender, type SmsSender } from './sms-sender';
import { httpWebhookSender } from './webhook-sender';

export type SmsConfig =
  | { readonly kind: 'log' }
  | { readonly kind: 'http'; readonly url: string; readonly apiKey: string };

export interface OutboxConfig {
  readonly smtpUrl: string | null;
  readonly mailFrom: string | null;
  readonly sms: SmsConfig | null;
}

function smsSenderOf(config: SmsConfig | null, log: WorkerLog): SmsSender | undefined {
  if (config === null) return undefined;
  return config.kind === 'log'
    ? loggingSmsSender(log)
    : httpSmsSender({ url: config.url, apiKey: config.apiKey });
}

export function startOutbox(config: OutboxConfig, db: Db, log: WorkerLog): OutboxWorker {
  const email =
    config.smtpUrl && config.mailFrom
      ? smtpEmailSender({ url: config.smtpUrl, from: config.mailFrom })
      : undefined;
  const sms = smsSenderOf(config.sms, log);
  if (!email) log.warn({}, 'outbox: SMTP_URL is not set; e-mails stay queued');
  if (!sms)
    log.info(
      {},
      'outbox: no SMS sender (SMS_SENDER=http with SMS_GATEWAY_URL and SMS_API_KEY, or log); texts stay queued',
    );
  const worker = new OutboxWorker({ db, email, sms, webhook: httpWebhookSender({ db }), log });
  worker.start();
  return worker;
}
