import type { WebPreferences } from 'electron';

// Pure pieces of Electron's security checklist (the "Security" tutorial in Electron's documentation),
// kept free of the electron runtime so they are unit-tested here; main.ts only wires them in.

/** The scheme the packaged renderer is served from; a custom scheme instead of file:// (checklist #18). */
export const appScheme = 'app';
export const appHost = 'renderer';
export const appOrigin = `${appScheme}://${appHost}`;

/**
 * Checklist #2–#4, #6, #9, #11: isolated, sandboxed, no Node, web security kept on. DevTools
 * only in development: in a packaged till they would hand anyone at the window a console in
 * the page that holds the journal.
 */
export function secureWebPreferences(
  preloadPath: string,
  build: AppBuild = 'production',
): WebPreferences {
  return {
    preload: preloadPath,
    devTools: build === 'development',
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** Electron's `app.isPackaged` decides: a packaged app is production. */
export type AppBuild = 'production' | 'development';

export function appBuildOf(isPackaged: boolean): AppBuild {
  return isPackaged ? 'production' : 'development';
}

/**
 * The window chrome a build gets. Production has no application menu (its default entries
 * include Reload, Force Reload and Toggle Developer Tools, each a way out of the till's flow)
 * and never opens DevTools; development keeps the default menu for debugging.
 */
export function windowChrome(build: AppBuild): {
  readonly applicationMenu: 'none' | 'default';
  readonly allowDevTools: boolean;
} {
  return build === 'production'
    ? { applicationMenu: 'none', allowDevTools: false }
    : { applicationMenu: 'default', allowDevTools: true };
}

export type CspOptions = {
  /** extra connect-src entries, e.g. the sync server or the device bridge */
  readonly connectSrc?: readonly string[];
};

/** Checklist #7: a strict CSP. No inline or eval script; React sets styles via CSSOM, which CSP allows. */
export function contentSecurityPolicy(opts: CspOptions = {}): string {
  const connect = ["'self'", ...(opts.connectSrc ?? [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** scheme://host[:port] — Node's URL gives "null" as the origin of custom schemes, so build it. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.host === '') return null;
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

/** Checklist #13: the window never navigates away; only in-page (same-URL fragment) changes. */
export function isNavigationAllowed(targetUrl: string, currentUrl: string): boolean {
  try {
    const target = new URL(targetUrl);
    const current = new URL(currentUrl);
    target.hash = '';
    current.hash = '';
    return target.href === current.href;
  } catch {
    return false;
  }
}

/** Checklist #14: no new windows, ever (receipts are printed by main, not by window.print). */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Checklist #5: permission requests (camera, notifications, serial, …) are all denied. */
export function permissionRequestDecision(_permission: string): boolean {
  return false;
}

/** Permission checks are denied too; devices are reached through main, not Web APIs. */
export function permissionCheckDecision(_permission: string): boolean {
  return false;
}

export type SenderInfo = {
  /** URL of the frame that sent the message; undefined when the frame is gone */
  readonly frameUrl: string | undefined;
  /** true only for the top frame of the window */
  readonly isMainFrame: boolean;
  readonly webContentsId: number;
};

export type SenderPolicy = {
  readonly allowedOrigins: readonly string[];
  /** the webContents of windows this app created */
  readonly isKnownWebContents: (id: number) => boolean;
};

export type SenderVerdict =
  { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** Checklist #17: validate the sender of every IPC message (frame, origin, window). */
export function checkSender(sender: SenderInfo, policy: SenderPolicy): SenderVerdict {
  if (!policy.isKnownWebContents(sender.webContentsId)) {
    return { allowed: false, reason: `unknown webContents ${sender.webContentsId}` };
  }
  if (!sender.isMainFrame) return { allowed: false, reason: 'message from a sub-frame' };
  if (sender.frameUrl === undefined) return { allowed: false, reason: 'sender frame is gone' };
  const origin = originOf(sender.frameUrl);
  if (origin === null || !policy.allowedOrigins.includes(origin)) {
    return { allowed: false, reason: `origin ${origin ?? 'unknown'} is not the app` };
  }
  return { allowed: true };
}
