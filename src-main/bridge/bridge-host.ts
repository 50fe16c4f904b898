import { formatBridgeFragment } from '../../shared/ipc/bridge-protocol';
import {
  createServices,
  type PaymentLaunchOptions,
  type Services,
} from '../services/create-services';
import { consoleLogger, type Logger } from '../services/logger';
import type { DeviceCatalog } from '../devices/device-catalog';
import type { SyncLaunchOptions } from '../sync/enrol-at-start';
import { contentSecurityPolicy } from '../electron/hardening';
import { startBridge, type Bridge } from './bridge-server';
import { serveRenderer, type RendererServer } from './renderer-server';

export type BridgeHostOptions = {
  readonly dataDir: string;
  readonly version: string;
  readonly kiosk?: boolean;
  /** a demo till (app.info demo: true): `npm start` and the e2e stacks; venue tills never */
  readonly demo?: boolean;
  /** serve this built renderer folder (dist/renderer) … */
  readonly rendererDir?: string;
  readonly rendererPort?: number;
  /** … or allow a renderer served elsewhere (the vite dev server) at this origin */
  readonly rendererOrigin?: string;
  readonly bridgePort?: number;
  readonly logger?: Logger;
  /** the serial ports and USB printers main may print to; the OS's by default */
  readonly devices?: DeviceCatalog;
  /** the central server and, for a till not yet enrolled, a manager's one-time code */
  readonly sync?: SyncLaunchOptions;
  /** the card terminal main pays on (`BOX_OFFICE_PAYMENT_TERMINAL`; the demo's simulator) */
  readonly payment?: PaymentLaunchOptions;
};

export type BridgeHost = {
  /**
   * open this in Chromium: the renderer with the bridge address and a one-time launch code in
   * the fragment. Each read issues a fresh code (one per page launch).
   */
  readonly pageUrl: string;
  readonly rendererOrigin: string;
  readonly bridge: Bridge;
  readonly services: Services;
  close(): Promise<void>;
};

/**
 * The box office without Electron: services + device bridge + (optionally) the static renderer,
 * all on loopback. Used by `npm start`, the e2e tests and a browser-kiosk deployment.
 */
export async function startBridgeHost(opts: BridgeHostOptions): Promise<BridgeHost> {
  const logger = opts.logger ?? consoleLogger;
  const services = await createServices({
    dataDir: opts.dataDir,
    app: {
      name: 'Box Office POS',
      version: opts.version,
      platform: process.platform,
      kiosk: opts.kiosk ?? false,
      demo: opts.demo ?? false,
      transport: 'bridge',
    },
    logger,
    ...(opts.devices ? { devices: opts.devices } : {}),
    ...(opts.sync ? { sync: opts.sync } : {}),
    ...(opts.payment ? { payment: opts.payment } : {}),
  });
  let renderer: RendererServer | null = null;
  let bridgeUrl = '';
  try {
    let rendererOrigin: string;
    if (opts.rendererDir !== undefined) {
      renderer = await serveRenderer({
        rootDir: opts.rendererDir,
        port: opts.rendererPort ?? 0,
        neverServe: [opts.dataDir],
        // The bridge starts after the page server (it needs the page origin), hence the late binding.
        contentSecurityPolicy: () =>
          contentSecurityPolicy({ connectSrc: bridgeUrl === '' ? [] : [bridgeUrl] }),
      });
      rendererOrigin = renderer.origin;
    } else if (opts.rendererOrigin !== undefined) {
      rendererOrigin = opts.rendererOrigin;
    } else {
      throw new Error('startBridgeHost needs rendererDir or rendererOrigin');
    }
    const bridge = await startBridge({
      dispatch: services.dispatch,
      events: services.events,
      allowedOrigins: [rendererOrigin],
      port: opts.bridgePort ?? 0,
      logger,
    });
    bridgeUrl = bridge.url;
    const server = renderer;
    return {
      get pageUrl() {
        return `${rendererOrigin}/${formatBridgeFragment({ url: bridge.url, secret: bridge.issueLaunchCode() })}`;
      },
      rendererOrigin,
      bridge,
      services,
      async close() {
        await bridge.close();
        await server?.close();
        await services.close();
      },
    };
  } catch (cause) {
    await renderer?.close();
    await services.close();
    throw cause;
  }
}
