/**
 * The server process's outbox worker from its config: SMTP_URL (+ MAIL_FROM) sends e-mail,
 * SMS_SENDER=log writes texts to the log. A channel without a sender keeps its messages
 * queued (nothing is lost; they go once a sender is configured); with neither, no worker runs.
 */
import type { Db } from '../db/port';
import { smtpEmailSender } from './email-sender';
import { OutboxWorker, type WorkerLog } from './outbox-worker';
import { loggingSmsSender } from './sms-sender';

export interface OutboxConfig {
  readonly smtpUrl: string | null;
  readonly mailFrom: string | null;
  readonly smsSender: 'log' | null;
}

export function startOutbox(config: OutboxConfig, db: Db, log: WorkerLog): OutboxWorker | null {
  const email =
    config.smtpUrl && config.mailFrom
      ? smtpEmailSender({ url: config.smtpUrl, from: config.mailFrom })
      : undefined;
  const sms = config.smsSender === 'log' ? loggingSmsSender(log) : undefined;
  if (!email) log.warn({}, 'outbox: SMTP_URL is not set; e-mails stay queued');
  if (!sms)
    log.info({}, 'outbox: no SMS sender (SMS_SENDER=log for the log adapter); texts stay queued');
  if (!email && !sms) return null;
  const worker = new OutboxWorker({ db, email, sms, log });
  worker.start();
  return worker;
}
