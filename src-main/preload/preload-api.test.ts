import { describe, expect, it } from 'vitest';
import { eventChannel, invokeChannel } from '../../shared/ipc/channels';
import { createPreloadApi, type IpcRendererLike } from './preload-api';

function fakeIpcRenderer() {
  const invoked: unknown[][] = [];
  let onEvent: ((event: unknown, message: unknown) => void) | undefined;
  const ipc: IpcRendererLike = {
    invoke: (channel, ...args) => {
      invoked.push([channel, ...args]);
      return Promise.resolve({ ok: true, value: 'from-main' });
    },
    on: (channel, listener) => {
      if (channel === eventChannel) onEvent = listener;
    },
  };
  return {
    ipc,
    invoked,
    push: (message: unknown) => onEvent?.({ sender: 'secret-ipc-event' }, message),
  };
}

describe('preload api (window.boxOffice)', () => {
  it('forwards contract methods on the single invoke channel', async () => {
    const f = fakeIpcRenderer();
    const api = createPreloadApi(f.ipc);
    expect(await api.invoke('printer.status', {})).toEqual({ ok: true, value: 'from-main' });
    expect(f.invoked).toEqual([[invokeChannel, 'printer.status', {}]]);
  });

  it.each(['fs.readFile', 'constructor', '__proto__', ''])(
    'refuses %j without contacting main',
    async (name) => {
      const f = fakeIpcRenderer();
      const api = createPreloadApi(f.ipc);
      expect(await api.invoke(name, {})).toMatchObject({
        ok: false,
        error: { code: 'unknown_method' },
      });
      expect(f.invoked).toEqual([]);
    },
  );

  it('delivers only known events, only the payload, and unsubscribes', () => {
    const f = fakeIpcRenderer();
    const api = createPreloadApi(f.ipc);
    const got: unknown[] = [];
    const off = api.on('scanner.scan', (p) => got.push(p));
    const offUnknown = api.on('evil.event', (p) => got.push(p));
    f.push({ event: 'scanner.scan', payload: { data: 'A' } });
    f.push({ event: 'evil.event', payload: 'x' });
    f.push('garbage');
    off();
    offUnknown();
    f.push({ event: 'scanner.scan', payload: { data: 'B' } });
    expect(got).toEqual([{ data: 'A' }]);
  });
});
