import { describe, expect, it } from 'vitest';
import { invokeChannel } from '../../shared/ipc/channels';
import { ok } from '../../shared/util/result';
import { createDispatch } from '../services/dispatch';
import type { Handlers } from '../services/handlers';
import { silentLogger } from '../services/logger';
import { appOrigin } from './hardening';
import { registerContractIpc, type InvokeEventLike, type IpcMainLike } from './ipc-wrapper';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/** An in-memory ipcMain: records the one handler the wrapper registers. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  return { ipc, handlers };
}

const appInfo = {
  name: 'Box Office POS',
  version: '1.2.3',
  platform: 'linux',
  kiosk: true,
  transport: 'electron' as const,
};
const seen: unknown[] = [];
const handlers = {
  'app.info': (_req: unknown, ctx: unknown) => {
    seen.push(ctx);
    return Promise.resolve(ok(appInfo));
  },
} as unknown as Handlers;

function setup() {
  const { ipc, handlers: registered } = fakeIpcMain();
  const unregister = registerContractIpc(ipc, {
    dispatch: createDispatch(handlers, silentLogger),
    senderPolicy: { allowedOrigins: [appOrigin], isKnownWebContents: (id) => id === 7 },
    logger: silentLogger,
  });
  const listener = registered.get(invokeChannel);
  if (listener === undefined) throw new Error('wrapper did not register the invoke channel');
  return { listener, registered, unregister };
}

const mainFrame = (url: string, id = 7): InvokeEventLike => ({
  sender: { id },
  senderFrame: { url, parent: null },
});

describe('registerContractIpc', () => {
  it('registers exactly one channel and unregisters it', () => {
    const { registered, unregister } = setup();
    expect([...registered.keys()]).toEqual([invokeChannel]);
    unregister();
    expect(registered.size).toBe(0);
  });

  it('dispatches a call from our window with the electron context', async () => {
    const { listener } = setup();
    const res = await listener(mainFrame(`${appOrigin}/index.html`), 'app.info', {});
    expect(res).toEqual({ ok: true, value: appInfo });
    expect(seen.at(-1)).toEqual({ transport: 'electron', caller: 'webContents 7' });
  });

  it('answers invalid_argument for bad arguments', async () => {
    const { listener } = setup();
    const res = await listener(mainFrame(`${appOrigin}/index.html`), 'app.info', { extra: 1 });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it('answers unknown_method for a name outside the contract', async () => {
    const { listener } = setup();
    const res = await listener(mainFrame(`${appOrigin}/index.html`), 'shell.exec', { cmd: 'rm' });
    expect(res).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it.each([
    ['a remote origin', mainFrame('https://evil.example/')],
    ['another webContents', mainFrame(`${appOrigin}/index.html`, 8)],
    [
      'a sub-frame',
      { sender: { id: 7 }, senderFrame: { url: `${appOrigin}/index.html`, parent: {} } },
    ],
    ['a destroyed frame', { sender: { id: 7 }, senderFrame: null }],
  ])('refuses %s as forbidden before dispatching', async (_label, event) => {
    const { listener } = setup();
    const before = seen.length;
    const res = await listener(event, 'app.info', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(seen.length).toBe(before);
  });

  it('refuses a call with the wrong number of parameters', async () => {
    const { listener } = setup();
    const res = await listener(mainFrame(`${appOrigin}/index.html`), 'app.info');
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });
});
