import { describe, expect, it } from 'vitest';
import { formatBridgeFragment } from '../../shared/ipc/bridge-protocol';
import {
  NoTransportError,
  selectTransport,
  type TransportEnvironment,
} from '../../src-renderer/transport/select-transport';
import type { WebSocketLike } from '../../src-renderer/transport/bridge-transport';

type Ev = { data?: unknown; code?: number; reason?: string };

/**
 * In-memory sockets that play a bridge: a one-time launch code is answered with ready and a
 * session (once), the session with ready, anything else with 4401; calls are echoed.
 */
function fakeSocketFactory(code: string, opened: string[]) {
  const codes = new Set([code]);
  return (url: string): WebSocketLike => {
    opened.push(url);
    const handlers = new Map<string, ((ev: Ev) => void)[]>();
    const fire = (type: string, ev: Ev) => (handlers.get(type) ?? []).forEach((h) => h(ev));
    let readyState = 0;
    const socket: WebSocketLike = {
      get readyState() {
        return readyState;
      },
      send(data) {
        const msg = JSON.parse(data);
        if ('auth' in msg) {
          if (codes.delete(String(msg.auth)))
            fire('message', { data: JSON.stringify({ ready: true, session: 'sess-1' }) });
          else if (msg.auth === 'sess-1')
            fire('message', { data: JSON.stringify({ ready: true }) });
          else {
            readyState = 3;
            fire('close', { code: 4401, reason: 'unauthorized' });
          }
        } else
          fire('message', {
            data: JSON.stringify({ id: msg.id, result: { ok: true, value: msg.method } }),
          });
      },
      close(code) {
        readyState = 3;
        fire('close', { code: code ?? 1000 });
      },
      addEventListener(type, listener) {
        handlers.set(type, [...(handlers.get(type) ?? []), listener]);
      },
    };
    setTimeout(() => {
      readyState = 1;
      fire('open', {});
    }, 0);
    return socket;
  };
}

function env(
  hash: string,
  storage = new Map<string, string>(),
  boxOffice?: TransportEnvironment['boxOffice'],
) {
  const replaced: string[] = [];
  const opened: string[] = [];
  const e: TransportEnvironment = {
    boxOffice,
    location: { hash, pathname: '/', search: '' },
    history: { replaceState: (_d, _u, url) => replaced.push(url) },
    sessionStorage: {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => storage.set(k, v),
    },
    createSocket: fakeSocketFactory('s3cret', opened),
  };
  return { e, replaced, opened, storage };
}

describe('selectTransport', () => {
  it('uses window.boxOffice when preload provided it', async () => {
    const api = {
      invoke: () => Promise.resolve({ ok: true, value: 'electron' }),
      on: () => () => undefined,
    };
    const t = await selectTransport(env('', new Map(), api).e);
    expect(t.kind).toBe('electron');
    expect(await t.invoke('app.info', {})).toEqual({ ok: true, value: 'electron' });
  });

  it('exchanges the fragment’s one-time code, strips it and keeps only the session for a reload', async () => {
    const first = env(formatBridgeFragment({ url: 'ws://127.0.0.1:5000', secret: 's3cret' }));
    const t = await selectTransport(first.e);
    expect(t.kind).toBe('bridge');
    expect(first.opened).toEqual(['ws://127.0.0.1:5000']);
    expect(first.replaced).toEqual(['/']);
    expect(await t.invoke('app.info', {})).toEqual({ ok: true, value: 'app.info' });

    // The code is never stored: only the session the bridge gave for it.
    expect([...first.storage.values()].join()).not.toContain('s3cret');
    expect(JSON.parse(first.storage.get('box-office.bridge') ?? '{}')).toEqual({
      url: 'ws://127.0.0.1:5000',
      secret: 'sess-1',
    });
    const reload = env('', first.storage);
    reload.e = { ...reload.e, createSocket: first.e.createSocket };
    expect((await selectTransport(reload.e)).kind).toBe('bridge');
  });

  it('a reused launch code is refused', async () => {
    const first = env(formatBridgeFragment({ url: 'ws://127.0.0.1:5000', secret: 's3cret' }));
    await selectTransport(first.e);
    const again = env(formatBridgeFragment({ url: 'ws://127.0.0.1:5000', secret: 's3cret' }));
    again.e = { ...again.e, createSocket: first.e.createSocket };
    await expect(selectTransport(again.e)).rejects.toThrow(/link that has already been used/);
  });

  it('rejects with the close code when the secret is wrong', async () => {
    const { e } = env(formatBridgeFragment({ url: 'ws://127.0.0.1:5000', secret: 'wrong' }));
    await expect(selectTransport(e)).rejects.toThrow(/link that has already been used/);
  });

  it('explains itself when there is neither preload nor a bridge address', async () => {
    await expect(selectTransport(env('').e)).rejects.toThrow(NoTransportError);
    await expect(
      selectTransport(env('', new Map([['box-office.bridge', '{bad']])).e),
    ).rejects.toThrow(NoTransportError);
  });
});
