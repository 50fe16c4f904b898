import { describe, expect, it } from 'vitest';
import { createContractClient, type ContractTransport } from './client';
import { eventNames, isEventName, isMethodName, methodNames } from './contract';
import { ipcErrorCodes, ipcErrorMessages, isIpcErrorCode } from './errors';
import {
  applyConfigPatch,
  defaultDeviceSettings,
  terminalConfigPatchSchema,
} from './terminal-config';

function transportReplying(reply: (method: string, args: unknown) => unknown): ContractTransport & {
  emit: (event: string, payload: unknown) => void;
  calls: unknown[][];
} {
  const listeners = new Map<string, (p: unknown) => void>();
  const calls: unknown[][] = [];
  return {
    kind: 'bridge',
    calls,
    invoke: (method, args) => {
      calls.push([method, args]);
      return Promise.resolve().then(() => reply(method, args));
    },
    on: (event, listener) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
    emit: (event, payload) => listeners.get(event)?.(payload),
  };
}

const info = {
  name: 'Box Office POS',
  version: '1.0.0',
  platform: 'linux',
  kiosk: false,
  transport: 'bridge',
};

describe('contract client', () => {
  it('returns a validated value for a good reply', async () => {
    const t = transportReplying(() => ({ ok: true, value: info }));
    const client = createContractClient(t);
    expect(client.transport).toBe('bridge');
    expect(await client.call('app.info', {})).toEqual({ ok: true, value: info });
    expect(t.calls).toEqual([['app.info', {}]]);
  });

  it('passes a known error code through', async () => {
    const client = createContractClient(
      transportReplying(() => ({
        ok: false,
        error: { code: 'paper_out', message: 'Load paper.' },
      })),
    );
    expect(await client.call('printer.status', {})).toEqual({
      ok: false,
      error: { code: 'paper_out', message: 'Load paper.' },
    });
  });

  it('maps an unknown error code to internal and keeps the original', async () => {
    const client = createContractClient(
      transportReplying(() => ({ ok: false, error: { code: 'weird', message: 'm' } })),
    );
    expect(await client.call('app.info', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'm', details: { code: 'weird', details: undefined } },
    });
  });

  it.each([[undefined], ['text'], [{ ok: 'yes' }], [{ ok: true }]])(
    'treats a non-envelope reply %j as internal',
    async (reply) => {
      const client = createContractClient(transportReplying(() => reply));
      const res = await client.call('app.info', {});
      expect(res.ok ? null : res.error.code).toBe('internal');
    },
  );

  it('treats a reply outside the response schema as internal', async () => {
    const client = createContractClient(
      transportReplying(() => ({ ok: true, value: { ...info, kiosk: 'no' } })),
    );
    const res = await client.call('app.info', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('turns a transport failure into unavailable', async () => {
    const client = createContractClient(
      transportReplying(() => {
        throw new Error('socket closed');
      }),
    );
    expect(await client.call('app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it('refuses a method outside the contract without calling the transport', async () => {
    const t = transportReplying(() => ({ ok: true, value: 1 }));
    const client = createContractClient(t);
    // @ts-expect-error -- not a contract method; the compiler refuses it too
    expect(await client.call('fs.read', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(t.calls).toEqual([]);
  });

  it('delivers valid events and drops malformed ones', () => {
    const t = transportReplying(() => undefined);
    const client = createContractClient(t);
    const got: unknown[] = [];
    const off = client.on('scanner.scan', (scan) => got.push(scan.data));
    t.emit('scanner.scan', { source: 'wedge', data: 'ABC', at: '2026-01-01T00:00:00Z' });
    t.emit('scanner.scan', { source: 'telepathy', data: 'X', at: 'now' });
    off();
    t.emit('scanner.scan', { source: 'wedge', data: 'LATE', at: '2026-01-01T00:00:00Z' });
    expect(got).toEqual(['ABC']);
    // @ts-expect-error -- not a contract event
    expect(client.on('evil.event', () => undefined)).toBeTypeOf('function');
  });
});

describe('contract lists', () => {
  it('names every method and event, and only those', () => {
    expect(methodNames).toEqual(
      expect.arrayContaining([
        'app.info',
        'config.get',
        'config.set',
        'printer.status',
        'printer.print',
        'printer.openDrawer',
        'scanner.listPorts',
        'scanner.status',
        'payment.start',
        'payment.status',
        'payment.reverse',
        'payment.terminal',
      ]),
    );
    expect(eventNames).toEqual(
      expect.arrayContaining([
        'scanner.scan',
        'printer.status',
        'payment.updated',
        'payment.terminal',
      ]),
    );
    expect(isMethodName('hasOwnProperty')).toBe(false);
    expect(isEventName('constructor')).toBe(false);
  });

  it('has a plain-English message for every error code', () => {
    for (const code of ipcErrorCodes) {
      expect(isIpcErrorCode(code)).toBe(true);
      expect(ipcErrorMessages[code]).toMatch(/^[A-Z].+\.$/);
    }
    expect(isIpcErrorCode('nope')).toBe(false);
  });
});

describe('terminal config', () => {
  it('a patch changes the language only: devices, the terminal id and unknown keys are refused', () => {
    const patched = applyConfigPatch(defaultDeviceSettings, { locale: 'uk-UA' });
    expect(patched).toEqual({ ...defaultDeviceSettings, locale: 'uk-UA' });
    for (const patch of [
      { printer: { kind: 'serial', address: '/root/.bashrc' } },
      { scanner: { serialPath: '/dev/ttyS0' } },
      { terminalId: 'T9' },
      { dataDir: '/x' },
      { kiosk: false },
    ]) {
      expect(terminalConfigPatchSchema.safeParse(patch).success, JSON.stringify(patch)).toBe(false);
    }
  });
});
