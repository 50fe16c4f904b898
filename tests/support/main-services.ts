import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContractClient, type ContractClient } from '../../shared/ipc/client';
import { defaultDeviceSettings, type DeviceSettings } from '../../shared/ipc/terminal-config';
import { startVirtualPrinter, type VirtualPrinter } from '../../src-main/devices/virtual-printer';
import { configFileName } from '../../src-main/services/config-store';
import {
  createServices,
  type Services,
  type ServicesOptions,
} from '../../src-main/services/create-services';
import { silentLogger } from '../../src-main/services/logger';
import { anchorThrough } from '../../src-renderer/app/journal-anchor';
import { staffAuthority } from '../../src-renderer/app/staff-authority';
import { openTill, type Till } from '../../src-renderer/app/till';
import { loadDemoIfEmpty } from '../../src-renderer/demo/load-demo';
import { provisionTerminalIdentity } from './box-office-stack';

/**
 * A till's real main services in the same process, for tests that run the page's code
 * against them (the contract client calls their dispatch): enrolled at a central server
 * (`startEnrolledMain`), or not enrolled with a provisioned terminal and a network printer on
 * a virtual printer (`startPrintingMain`, the anchor and drawer tests).
 */
export interface MainUnderTest {
  readonly services: Services;
  readonly client: ContractClient;
}

export interface MainOptions {
  /** A demo till (true by default); a venue till may not start the demo over. */
  readonly demo?: boolean;
  readonly logger?: ServicesOptions['logger'];
  readonly sync?: ServicesOptions['sync'];
  /** the card terminal (a simulator's address) and shortened timings */
  readonly payment?: ServicesOptions['payment'];
  /** main's monotonic clock (lockouts, proofs and tokens expire on it) */
  readonly monotonic?: ServicesOptions['monotonic'];
  /** cheap scrypt parameters for PIN hashes (TEST_SCRYPT) */
  readonly pinHashParams?: ServicesOptions['pinHashParams'];
  /** who the dispatch says calls ('unit' by default; 'page' for the page's own requests) */
  readonly caller?: string;
}

/** Main's services over `dataDir` and a contract client over their dispatch. */
export async function startMain(
  dataDir: string,
  options: MainOptions = {},
): Promise<MainUnderTest> {
  const services = await createServices({
    dataDir,
    app: {
      name: 'x',
      version: '1',
      platform: 'linux',
      kiosk: false,
      transport: 'bridge',
      demo: options.demo ?? true,
    },
    logger: options.logger ?? silentLogger,
    ...(options.sync ? { sync: options.sync } : {}),
    ...(options.payment ? { payment: options.payment } : {}),
    ...(options.monotonic ? { monotonic: options.monotonic } : {}),
    ...(options.pinHashParams ? { pinHashParams: options.pinHashParams } : {}),
  });
  const caller = options.caller ?? 'unit';
  const client = createContractClient({
    kind: 'bridge',
    invoke: (method, args) => services.dispatch(method, args, { transport: 'bridge', caller }),
    on: () => () => undefined,
  });
  return { services, client };
}

/**
 * A till's main services in a data folder of their own, enrolled at start with a fresh code
 * (sync through `serverUrl`: the server itself, or a proxy in front of it).
 */
export async function startEnrolledMain(
  serverUrl: string,
  enrol: () => Promise<{ venueId: string; code: string }>,
  prefix = 'till-inventory-',
): Promise<MainUnderTest & { dir: string; terminalId: string }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const main = await startMain(dir, { sync: { server: serverUrl, enrol: await enrol() } });
  const config = await main.client.call('config.get', {});
  if (!config.ok) throw new Error(config.error.message);
  return { dir, ...main, terminalId: config.value.terminalId };
}

/**
 * The un-enrolled twin of `startEnrolledMain`: a fresh data folder with terminal `terminalId`
 * provisioned and a network printer configured on a virtual printer (whose jobs the test
 * reads for drawer kicks), and main's services over it. `reopen` starts the services again
 * over the same folder (close the running ones first); `cleanUp` stops the printer and
 * removes the folder (after the services are closed).
 */
export async function startPrintingMain(
  prefix: string,
  terminalId: string,
  options: MainOptions = {},
): Promise<
  MainUnderTest & {
    readonly dir: string;
    readonly vp: VirtualPrinter;
    readonly reopen: () => Promise<MainUnderTest>;
    readonly cleanUp: () => Promise<void>;
  }
> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const vp = await startVirtualPrinter({ port: 0, jobsDir: join(dir, 'jobs') });
  await provisionTerminalIdentity(dir, terminalId);
  await useNetworkPrinter(dir, vp.port);
  const reopen = () => startMain(dir, options);
  return {
    dir,
    vp,
    ...(await reopen()),
    reopen,
    cleanUp: async () => {
      await vp.close();
      // Retried: a file written as the last service closed (a durable write's rename) can
      // land while the folder is being removed; the folder is the test's own.
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    },
  };
}

/** Main's settings file in `dir` names a network printer on 127.0.0.1:`port` (a virtual one). */
export async function useNetworkPrinter(
  dir: string,
  port: number,
  /** e.g. `{ chinese: true }`: a printer with GB18030 fonts, so Chinese is text, not raster */
  printer: Partial<DeviceSettings['printer']> = {},
): Promise<void> {
  await writeFile(
    join(dir, configFileName),
    JSON.stringify({
      ...defaultDeviceSettings,
      printer: {
        ...defaultDeviceSettings.printer,
        kind: 'network',
        address: '127.0.0.1',
        port,
        ...printer,
      },
    }),
  );
}

/**
 * The page's real till over main's services: the demo venue in its own IndexedDB `dbName`,
 * under the terminal id main owns, checking PINs with main and reporting every commit to
 * main's journal anchor (what the security tests attack from the page).
 */
export async function openDemoPage(client: ContractClient, dbName: string): Promise<Till> {
  const terminal = await client.call('config.get', {});
  if (!terminal.ok) throw new Error(terminal.error.message);
  const opened = await openTill({
    terminalId: terminal.value.terminalId,
    dbName,
    demo: true,
    seed: (store) => loadDemoIfEmpty(store.db),
    staff: staffAuthority(client),
    anchor: anchorThrough(client),
  });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}
