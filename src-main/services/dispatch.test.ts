import { mkdtemp, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { err, ok } from '../../shared/util/result';
import { createDispatch } from './dispatch';
import { createServices, type Services } from './create-services';
import type { Handlers } from './handlers';
import type { Logger } from './logger';
import { configFileName } from './config-store';

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

  it('persists config.set atomically as JSON and merges nested settings', async () => {
    const res = await services.dispatch(
      'config.set',
      { locale: 'uk-UA', printer: { paperWidthMm: 58 } },
      ctx,
    );
    expect(res.ok).toBe(true);
    const onDisk = JSON.parse(await readFile(join(dir, configFileName), 'utf8'));
    expect(onDisk.locale).toBe('uk-UA');
    expect(onDisk.printer.paperWidthMm).toBe(58);
    expect(onDisk.printer.driver).toBe('epson');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const again = await services.dispatch('config.get', {}, ctx);
    expect(again).toEqual({ ok: true, value: onDisk });
  });

  it('reloads persisted config and sets an invalid file aside', async () => {
    await services.dispatch('config.set', { terminalId: 'WINDOW-7' }, ctx);
    const reopened = await createServices({
      dataDir: dir,
      app: { name: 'x', version: '1', platform: 'linux', kiosk: false, transport: 'bridge' },
      logger: log,
    });
    expect(reopened.config.get().terminalId).toBe('WINDOW-7');
    await writeFile(join(dir, configFileName), '{not json');
    const third = await createServices({
      dataDir: dir,
      app: { name: 'x', version: '1', platform: 'linux', kiosk: false, transport: 'bridge' },
      logger: log,
    });
    expect(third.config.get().terminalId).toBe('T1');
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

  it('reports an unreachable printer as not ready, never a fake success', async () => {
    // The default terminal config points at a network printer nobody listens on in this test.
    const res = await services.dispatch('printer.status', {}, ctx);
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
