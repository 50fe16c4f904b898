import { join } from 'node:path';
import type { DbConfig } from './db/open';
import { DEFAULT_OUTBOX_KEEP_DAYS } from './notify/outbox-retention';
import type { OutboxConfig, SmsConfig } from './notify/start-outbox';

export interface ServerConfig {
  readonly db: DbConfig;
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  readonly rateLimitPerMinute: number;
  /** Seed the demo venue and its manager at start (never on a venue's real server). */
  readonly demo: boolean;
  /** The built back-office page served at /manage (`npm run build` writes it). */
  readonly backOfficeDir: string;
  /** Who sends the notification outbox (SMTP_URL, MAIL_FROM, SMS_SENDER); unset: no worker. */
  readonly outbox?: OutboxConfig;
  /** Days a sent message keeps its recipient and data (OUTBOX_KEEP_DAYS; see outbox-retention). */
  readonly outboxKeepDays?: number;
  /** The built customer refund pages served at /refund-request (`npm run build` writes it). */
  readonly refundRequestDir?: string;
  /** Where customers reach the server: the start of status links in notifications. */
  readonly publicBaseUrl?: string | undefined;
  /** The card acquirer's refund API (base URL and API key); unset → card payouts wait. */
  readonly paymentProvider?: { readonly baseUrl: string; readonly apiKey: string } | undefined;
}

/** The server's settings from the environment (documented in src-server/README.md). */
export function configFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): ServerConfig {
  const url = env.DATABASE_URL?.trim();
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT ${env.PORT} is not a port number`);
  const rate = Number(env.RATE_LIMIT_PER_MINUTE ?? 1200);
  if (!Number.isInteger(rate) || rate < 1)
    throw new Error(`RATE_LIMIT_PER_MINUTE ${env.RATE_LIMIT_PER_MINUTE} is not a positive integer`);
  const smtpUrl = env.SMTP_URL?.trim() || null;
  const mailFrom = env.MAIL_FROM?.trim() || null;
  if (smtpUrl && !mailFrom)
    throw new Error('SMTP_URL is set but MAIL_FROM (the sender address) is not');
  const sms = smsConfigFromEnv(env);
  const keepDays = Number(env.OUTBOX_KEEP_DAYS ?? DEFAULT_OUTBOX_KEEP_DAYS);
  if (!Number.isInteger(keepDays) || keepDays < 1 || keepDays > 3650)
    throw new Error(`OUTBOX_KEEP_DAYS ${env.OUTBOX_KEEP_DAYS} is not a number of days (1–3650)`);
  return {
    db: url
      ? { kind: 'postgres', url }
      : { kind: 'pglite', dataDir: env.SERVER_DATA_DIR ?? join(cwd, 'var', 'server-db') },
    host: env.HOST ?? '127.0.0.1',
    port,
    logLevel: env.LOG_LEVEL ?? 'info',
    rateLimitPerMinute: rate,
    demo: env.SERVER_DEMO === '1',
    backOfficeDir: env.BACK_OFFICE_DIR ?? join(cwd, 'dist', 'manage'),
    outbox: { smtpUrl, mailFrom, sms },
    outboxKeepDays: keepDays,
    refundRequestDir: env.REFUND_REQUEST_DIR ?? join(cwd, 'dist', 'refund-request'),
    publicBaseUrl: env.PUBLIC_BASE_URL,
    paymentProvider:
      env.PAYMENT_PROVIDER_URL && env.PAYMENT_PROVIDER_API_KEY
        ? { baseUrl: env.PAYMENT_PROVIDER_URL, apiKey: env.PAYMENT_PROVIDER_API_KEY }
        : undefined,
  };
}

/** SMS_SENDER: `http` (a gateway: SMS_GATEWAY_URL and SMS_API_KEY), `log`, or unset (none). */
function smsConfigFromEnv(env: NodeJS.ProcessEnv): SmsConfig | null {
  const kind = env.SMS_SENDER?.trim();
  if (!kind) return null;
  if (kind === 'log') return { kind: 'log' };
  if (kind !== 'http')
    throw new Error(`SMS_SENDER ${kind} is not known (it is "http" for a gateway, or "log")`);
  const url = env.SMS_GATEWAY_URL?.trim();
  const apiKey = env.SMS_API_KEY?.trim();
  if (!url || !apiKey)
    throw new Error(
      'SMS_SENDER=http needs SMS_GATEWAY_URL and SMS_API_KEY (the gateway and its key)',
    );
  if (!/^https?:\/\//.test(url))
    throw new Error(`SMS_GATEWAY_URL ${url} is not an http(s) address`);
  return { kind: 'http', url, apiKey };
}
