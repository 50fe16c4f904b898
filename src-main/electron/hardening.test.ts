import { describe, expect, it } from 'vitest';
import {
  appOrigin,
  checkSender,
  contentSecurityPolicy,
  denyWindowOpen,
  isNavigationAllowed,
  originOf,
  permissionCheckDecision,
  permissionRequestDecision,
  secureWebPreferences,
  appBuildOf,
  windowChrome,
} from './hardening';
import { resolveAppAsset } from './app-protocol';
import { parseLaunchOptions } from './launch-options';

describe('production window: no application menu, no devtools', () => {
  it('a packaged app is production: no menu, devtools off in webPreferences', () => {
    expect(appBuildOf(true)).toBe('production');
    expect(windowChrome('production')).toEqual({ applicationMenu: 'none', allowDevTools: false });
    expect(secureWebPreferences('/p.cjs').devTools).toBe(false);
    expect(secureWebPreferences('/p.cjs', appBuildOf(true)).devTools).toBe(false);
  });

  it('an unpackaged run (development) keeps the menu and devtools', () => {
    expect(appBuildOf(false)).toBe('development');
    expect(windowChrome('development')).toEqual({
      applicationMenu: 'default',
      allowDevTools: true,
    });
    expect(secureWebPreferences('/p.cjs', 'development').devTools).toBe(true);
  });
});

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and keeps Node out of the page', () => {
    const prefs = secureWebPreferences('/app/dist/main/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('contentSecurityPolicy', () => {
  const directives = (csp: string) =>
    new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('allows only own scripts: no inline, no eval, no remote', () => {
    const d = directives(contentSecurityPolicy());
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-(inline|eval)|\*/);
  });

  it('adds only the connect-src entries it is given', () => {
    const d = directives(contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:4100'] }));
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:4100']);
  });
});

describe('navigation, windows, permissions', () => {
  it('allows a fragment change but no other navigation', () => {
    const here = `${appOrigin}/index.html`;
    expect(isNavigationAllowed(`${here}#sale`, here)).toBe(true);
    expect(isNavigationAllowed('https://evil.example/', here)).toBe(false);
    expect(isNavigationAllowed(`${appOrigin}/other.html`, here)).toBe(false);
    expect(isNavigationAllowed('file:///etc/passwd', here)).toBe(false);
    expect(isNavigationAllowed('not a url', here)).toBe(false);
  });

  it('denies window.open and every permission', () => {
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'serial',
      'hid',
      'clipboard-read',
      'openExternal',
    ]) {
      expect(permissionRequestDecision(p)).toBe(false);
      expect(permissionCheckDecision(p)).toBe(false);
    }
  });
});

describe('checkSender', () => {
  const policy = { allowedOrigins: [appOrigin], isKnownWebContents: (id: number) => id === 1 };
  const good = { frameUrl: `${appOrigin}/index.html`, isMainFrame: true, webContentsId: 1 };

  it('accepts the main frame of our window on the app origin', () => {
    expect(checkSender(good, policy)).toEqual({ allowed: true });
  });

  it.each([
    ['another window', { ...good, webContentsId: 2 }],
    ['a sub-frame', { ...good, isMainFrame: false }],
    ['a destroyed frame', { ...good, frameUrl: undefined }],
    ['a remote origin', { ...good, frameUrl: 'https://evil.example/index.html' }],
    ['file://', { ...good, frameUrl: 'file:///app/index.html' }],
    ['a look-alike host', { ...good, frameUrl: 'app://renderer.evil/index.html' }],
  ])('refuses %s', (_label, sender) => {
    expect(checkSender(sender, policy).allowed).toBe(false);
  });

  it('computes origins for custom schemes (where Node says "null")', () => {
    expect(originOf('app://renderer/x/y.html')).toBe('app://renderer');
    expect(originOf('http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173');
    expect(originOf('about:blank')).toBeNull();
  });
});

describe('resolveAppAsset', () => {
  it('maps app URLs inside the root and refuses escapes', () => {
    expect(resolveAppAsset('/r', 'app://renderer/')).toBe('/r/index.html');
    expect(resolveAppAsset('/r', 'app://renderer/assets/a.js')).toBe('/r/assets/a.js');
    expect(resolveAppAsset('/r', 'app://renderer/../etc/passwd')).toBe('/r/etc/passwd');
    // The URL parser folds encoded dot segments, so these stay inside the root.
    expect(resolveAppAsset('/r', 'app://renderer/%2e%2e/%2e%2e/etc/passwd')).toBe('/r/etc/passwd');
    expect(resolveAppAsset('/r', 'app://renderer/%252e%252e/x')).toBe('/r/%2e%2e/x');
    expect(resolveAppAsset('/r', 'app://renderer/a%5c..%5c..%5cx')).toBeNull();
    expect(resolveAppAsset('/r', 'app://other/index.html')).toBeNull();
    expect(resolveAppAsset('/r', 'app://renderer/%E0%A4%A')).toBeNull();
  });
});

describe('parseLaunchOptions', () => {
  it('takes kiosk and data dir from flags or environment, renderer URL only on loopback', () => {
    expect(parseLaunchOptions(['--kiosk', '--data-dir=/d'], {}, '/def')).toEqual({
      kiosk: true,
      demo: false,
      dataDir: '/d',
      rendererUrl: null,
      sync: undefined,
    });
    expect(
      parseLaunchOptions([], { BOX_OFFICE_KIOSK: '1', BOX_OFFICE_DATA_DIR: '/e' }, '/def'),
    ).toMatchObject({ kiosk: true, dataDir: '/e' });
    // A demo till is main's launch option too (npm start passes --demo), never the page's.
    expect(parseLaunchOptions(['--demo'], {}, '/def').demo).toBe(true);
    expect(parseLaunchOptions([], { BOX_OFFICE_DEMO: '1' }, '/def').demo).toBe(true);
    expect(parseLaunchOptions([], { BOX_OFFICE_DEMO: '0' }, '/def').demo).toBe(false);
    expect(parseLaunchOptions([], {}, '/def')).toEqual({
      kiosk: false,
      demo: false,
      dataDir: '/def',
      rendererUrl: null,
      sync: undefined,
    });
    expect(
      parseLaunchOptions([], { BOX_OFFICE_RENDERER_URL: 'http://127.0.0.1:5173/' }, '/d')
        .rendererUrl,
    ).toBe('http://127.0.0.1:5173/');
    expect(
      parseLaunchOptions([], { BOX_OFFICE_RENDERER_URL: 'https://evil.example/' }, '/d')
        .rendererUrl,
    ).toBeNull();
  });

  it('takes the server from a flag or the environment and the enrolment code from the environment only', () => {
    expect(parseLaunchOptions(['--server=http://10.0.0.5:8787'], {}, '/d').sync).toEqual({
      server: 'http://10.0.0.5:8787',
    });
    expect(
      parseLaunchOptions(
        [],
        { BOX_OFFICE_SERVER: 'https://sync.example', BOX_OFFICE_ENROL: 'podil-stage:ABCD-EFGH' },
        '/d',
      ).sync,
    ).toEqual({
      server: 'https://sync.example',
      enrol: { venueId: 'podil-stage', code: 'ABCD-EFGH' },
    });
    // Not a URL of the web: no server (the till runs offline rather than dialling a file path).
    expect(parseLaunchOptions(['--server=file:///etc/passwd'], {}, '/d').sync).toBeUndefined();
  });
});
