import { mkdtemp, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { err, ok } from '../../shared/util/result';
import { createDispatch } from './dispatch';
import { createServices, type Services } from './create-services';
import type { Handlers } from './handlers';
import type { Logger } from './logger';
import { ISSUED_TERMINAL_ID } from '../../shared/ipc/terminal-config';
import { configFileName } from './config-store';
import { closedLoopbackPort } from '../../tests/support/ports';
import { defaultDeviceSettings } from '../../shared/ipc/terminal-config';

const ctx = { transport: 'bridge', caller: 'test' } as const;

function recorder(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => undefined, warn: () => undefined, error: (m) => errors.push(m) };
}

describe('dispatch', () => {
  let dir: string;
  let services: Services;
  let log: ReturnType<typeof recorder>;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'box-dispatch-'));
    log = recorder();
    services = await createServices({
      dataDir: dir,
      app: {
        name: 'Box Office POS',
        version: '9.9.9',
        platform: 'linux',
        kiosk: false,
        transport: 'bridge',
      },
      logger: log,
    });
  });
  afterEach(async () => {
    await services.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers a known method with its handler value', async () => {
    const res = await services.dispatch('app.info', {}, ctx);
    expect(res).toEqual({
      ok: true,
      value: {
        name: 'Box Office POS',
        version: '9.9.9',
        platform: 'linux',
        kiosk: false,
        transport: 'bridge',
      },
    });
  });

  it.each([['nope.method'], [42], [null], ['__proto__'], ['toString']])(
    'refuses method %j as unknown_method',
    async (method) => {
      const res = await services.dispatch(method, {}, ctx);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('unknown_method');
    },
  );

  it('refuses bad arguments with invalid_argument and says which field in words', async () => {
    const res = await services.dispatch('config.set', { locale: 5 }, ctx);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('invalid_argument');
    expect(res.error.message).toContain('locale');
    expect(res.error.details).toEqual({ issues: [expect.objectContaining({ path: ['locale'] })] });
  });

  it('does not let the page set the data dir', async () => {
    const res = await services.dispatch('config.set', { dataDir: '/etc' }, ctx);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('invalid_argument');
  });

  it('persists config.set atomically as JSON; a device patch is refused and changes nothing', async () => {
    const device = await services.dispatch('config.set', { printer: { paperWidthMm: 58 } }, ctx);
    expect(device).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    const res = await services.dispatch('config.set', { locale: 'uk-UA' }, ctx);
    expect(res.ok).toBe(true);
    const onDisk = JSON.parse(await readFile(join(dir, configFileName), 'utf8'));
    expect(onDisk.locale).toBe('uk-UA');
    expect(onDisk.printer.paperWidthMm).toBe(80);
    expect(onDisk.printer.driver).toBe('epson');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const again = await services.dispatch('config.get', {}, ctx);
    // The settings file holds the settings; the id comes from main's identity file.
    expect(onDisk.terminalId).toBeUndefined();
    expect(again).toEqual({
      ok: true,
      value: { ...onDisk, terminalId: services.config.get().terminalId },
    });
  });

  it('reloads persisted config and sets an invalid file aside, keeping the terminal id', async () => {
    const id = services.config.get().terminalId;
    expect(id).toMatch(ISSUED_TERMINAL_ID);
    await services.dispatch('config.set', { locale: 'uk-UA' }, ctx);
    const reopened = await createServices({
      dataDir: dir,
      app: { name: 'x', version: '1', platform: 'linux', kiosk: false, transport: 'bridge' },
      logger: log,
    });
    expect(reopened.config.get()).toMatchObject({ terminalId: id, locale: 'uk-UA' });
    await writeFile(join(dir, configFileName), '{not json');
    const third = await createServices({
      dataDir: dir,
      app: { name: 'x', version: '1', platform: 'linux', kiosk: false, transport: 'bridge' },
      logger: log,
    });
    // Settings fall back to defaults; the identity lives in its own file and survives.
    expect(third.config.get()).toMatchObject({ terminalId: id, locale: 'en-GB' });
    // Issue 8 item 9: a damaged file goes to <data>/quarantine/ (it used to sit beside the
    // config as terminal-config.json.invalid-<time>), and health.get names it.
    expect(
      (await readdir(join(dir, 'quarantine'))).some((f) => f.endsWith(`-${configFileName}`)),
    ).toBe(true);
    expect(await third.dispatch('health.get', {}, ctx)).toMatchObject({
      ok: true,
      value: { quarantined: [{ file: configFileName }] },
    });
  });

  it('does not let the page change the terminal id', async () => {
    const id = services.config.get().terminalId;
    const res = await services.dispatch('config.set', { terminalId: 'WINDOW-7' }, ctx);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('invalid_argument');
    expect(services.config.get().terminalId).toBe(id);
  });

  it('reports an unreachable printer as not ready, never a fake success', async () => {
    // A port the system just handed out and that is closed again, so nobody listens on it:
    // the default 9100 is where `npm start`'s virtual printer listens on a developer machine.
    const port = await closedLoopbackPort();
    await writeFile(
      join(dir, configFileName),
      JSON.stringify({
        ...defaultDeviceSettings,
        printer: { ...defaultDeviceSettings.printer, kind: 'network', port },
      }),
    );
    const unreachable = await createServices({
      dataDir: dir,
      app: { name: 'x', version: '1', platform: 'linux', kiosk: false, transport: 'bridge' },
      logger: log,
    });
    const res = await unreachable
      .dispatch('printer.status', {}, ctx)
      .finally(() => unreachable.close());
    if (res.ok) {
      const status = res.value as { state: string };
      expect(status.state).not.toBe('ready');
    } else {
      expect(['unavailable', 'not_configured', 'device_offline']).toContain(res.error.code);
    }
  });

  function withHandler(patch: Partial<Handlers>) {
    return createDispatch({ ...services.handlers, ...patch }, log);
  }

  it('turns a handler throw into internal without leaking the message or stack', async () => {
    const dispatch = withHandler({
      'app.info': () => Promise.reject(new Error('secret path /root/x at line 3')),
    });
    const res = await dispatch('app.info', {}, ctx);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('internal');
    expect(JSON.stringify(res)).not.toContain('secret path');
    expect(log.errors.some((m) => m.includes('app.info'))).toBe(true);
  });

  it('refuses a handler reply outside the response schema as internal', async () => {
    const dispatch = withHandler({
      'app.info': () => Promise.resolve(ok({ version: 3 } as never)),
    });
    const res = await dispatch('app.info', {}, ctx);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('internal');
  });

  it('passes a handler error envelope through unchanged', async () => {
    const dispatch = withHandler({
      'printer.status': () => Promise.resolve(err('paper_out', 'Load paper.')),
    });
    expect(await dispatch('printer.status', {}, ctx)).toEqual(err('paper_out', 'Load paper.'));
  });
});
