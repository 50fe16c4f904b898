import { join } from 'node:path';
import type { SyncLaunchOptions } from '../sync/enrol-at-start';
import {
  parseTerminalAddress,
  paymentTerminalEnv,
  type PaymentTerminalAddress,
} from '../payment/terminal-address';

export type LaunchOptions = {
  readonly kiosk: boolean;
  /** a demo till (`--demo` or BOX_OFFICE_DEMO=1): the demo venue, DEMO on screens and slips */
  readonly demo: boolean;
  readonly dataDir: string;
  /** a dev server to load instead of the packaged bundle (development only) */
  readonly rendererUrl: string | null;
  /**
   * The central server (`--server=URL` or BOX_OFFICE_SERVER) and a manager's one-time code
   * (BOX_OFFICE_ENROL=<venue>:<code>; from the environment only, so it is not on the command
   * line for every local user to read in /proc).
   */
  readonly sync: SyncLaunchOptions | undefined;
  /** the card terminal (`BOX_OFFICE_PAYMENT_TERMINAL=host:port`); a bad value means none */
  readonly paymentTerminal: PaymentTerminalAddress | undefined;
};

/**
 * Kiosk mode, demo mode and the data dir are decided at launch (flags or environment), never
 * by the page: a self-service customer must not be able to leave the kiosk through
 * config.set, and a page script must not turn a venue till into one that seeds demo staff.
 */
export function parseLaunchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  defaultDataDir: string,
): LaunchOptions {
  const kioskFlag = argv.includes('--kiosk') || env.BOX_OFFICE_KIOSK === '1';
  const dataDirArg = argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length);
  const dataDir = dataDirArg ?? env.BOX_OFFICE_DATA_DIR ?? defaultDataDir;
  const rendererUrl = env.BOX_OFFICE_RENDERER_URL ?? null;
  const server =
    argv.find((a) => a.startsWith('--server='))?.slice('--server='.length) ?? env.BOX_OFFICE_SERVER;
  const [venueId, code] = (env.BOX_OFFICE_ENROL ?? '').split(':');
  const sync: SyncLaunchOptions | undefined =
    server === undefined || !/^https?:\/\//.test(server)
      ? undefined
      : venueId && code
        ? { server, enrol: { venueId, code } }
        : { server };
  const terminal = parseTerminalAddress(env[paymentTerminalEnv] ?? '');
  return {
    sync,
    paymentTerminal: terminal instanceof Error ? undefined : terminal,
    kiosk: kioskFlag,
    demo: argv.includes('--demo') || env.BOX_OFFICE_DEMO === '1',
    dataDir: dataDir === '' ? defaultDataDir : dataDir,
    rendererUrl:
      rendererUrl !== null && /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(rendererUrl)
        ? rendererUrl
        : null,
  };
}

export function defaultDataDirFor(userDataPath: string): string {
  return join(userDataPath, 'box-office');
}
