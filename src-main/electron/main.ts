// Electron main entry. Thin on purpose: every decision lives in pure, unit-tested modules
// (hardening.ts, ipc-wrapper.ts, app-protocol.ts, launch-options.ts, ../services). The Electron
// binary cannot be downloaded in the build environment, so this file is type-checked, bundled
// and packaged there, but has not been run there.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, protocol, session } from 'electron';
import { eventChannel } from '../../shared/ipc/channels';
import { createServices } from '../services/create-services';
import { consoleLogger } from '../services/logger';
import { mimeTypeOf, resolveAppAsset } from './app-protocol';
import {
  appBuildOf,
  appOrigin,
  appScheme,
  contentSecurityPolicy,
  denyWindowOpen,
  isNavigationAllowed,
  originOf,
  permissionCheckDecision,
  permissionRequestDecision,
  secureWebPreferences,
  windowChrome,
} from './hardening';
import { registerContractIpc } from './ipc-wrapper';
import { indexedDbFeature } from './indexeddb-store';
import { defaultDataDirFor, parseLaunchOptions } from './launch-options';

// Built layout: dist/main/electron-main.cjs, dist/main/preload.cjs, dist/renderer/.
const preloadPath = join(__dirname, 'preload.cjs');
const rendererRoot = join(__dirname, '..', 'renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

app.enableSandbox();
// Before the app is ready, as every Chromium switch: new tills keep IndexedDB on SQLite
// (indexeddb-store.ts says why, and why every launch must pass it).
app.commandLine.appendSwitch('enable-features', indexedDbFeature);

async function start(): Promise<void> {
  await app.whenReady();
  const launch = parseLaunchOptions(
    process.argv,
    process.env,
    defaultDataDirFor(app.getPath('userData')),
  );
  const csp = contentSecurityPolicy();

  protocol.handle(appScheme, async (request) => {
    const file = resolveAppAsset(rendererRoot, request.url);
    if (file === null) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { 'content-type': mimeTypeOf(file), 'content-security-policy': csp },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(permissionRequestDecision(permission)),
  );
  ses.setPermissionCheckHandler((_wc, permission) => permissionCheckDecision(permission));

  const services = await createServices({
    dataDir: launch.dataDir,
    app: {
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      kiosk: launch.kiosk,
      demo: launch.demo,
      transport: 'electron',
    },
    ...(launch.sync ? { sync: launch.sync } : {}),
    ...(launch.paymentTerminal ? { payment: { terminal: launch.paymentTerminal } } : {}),
  });

  const windows = new Set<number>();
  const startUrl = launch.rendererUrl ?? `${appOrigin}/index.html`;
  const allowedOrigin = originOf(startUrl) ?? appOrigin;
  registerContractIpc(ipcMain, {
    dispatch: services.dispatch,
    senderPolicy: { allowedOrigins: [allowedOrigin], isKnownWebContents: (id) => windows.has(id) },
    logger: consoleLogger,
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(denyWindowOpen);
    contents.on('will-navigate', (event, url) => {
      if (!isNavigationAllowed(url, contents.getURL())) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  const build = appBuildOf(app.isPackaged);
  const chrome = windowChrome(build);
  if (chrome.applicationMenu === 'none') Menu.setApplicationMenu(null);
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    // Main's mode (the launch flag, or the back office's switch as last heard), not the flag alone.
    kiosk: services.kiosk.mode().kiosk,
    autoHideMenuBar: true,
    show: false,
    webPreferences: secureWebPreferences(preloadPath, build),
  });
  if (!chrome.allowDevTools) {
    // A keyboard shortcut or a stray call must not bring DevTools back in production.
    win.webContents.on('devtools-opened', () => win.webContents.closeDevTools());
  }
  windows.add(win.webContents.id);
  const unsubscribe = services.events.subscribe((event, payload) => {
    if (win.isDestroyed()) return;
    // The window follows main's kiosk mode: locked full screen as a kiosk, a normal window after.
    if (event === 'kiosk.mode') win.setKiosk(services.kiosk.mode().kiosk);
    win.webContents.send(eventChannel, { event, payload });
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    unsubscribe();
  });
  await win.loadURL(startUrl);

  app.on('window-all-closed', () => {
    void services.close().finally(() => app.quit());
  });
}

start().catch((cause: unknown) => {
  consoleLogger.error('Box Office failed to start', cause);
  app.exit(1);
});
