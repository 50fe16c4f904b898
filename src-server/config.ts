import { join } from 'node:path';
import type { DbConfig } from './db/open';

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
    refundRequestDir: env.REFUND_REQUEST_DIR ?? join(cwd, 'dist', 'refund-request'),
    publicBaseUrl: env.PUBLIC_BASE_URL,
    paymentProvider:
      env.PAYMENT_PROVIDER_URL && env.PAYMENT_PROVIDER_API_KEY
        ? { baseUrl: env.PAYMENT_PROVIDER_URL, apiKey: env.PAYMENT_PROVIDER_API_KEY }
        : undefined,
  };
}
