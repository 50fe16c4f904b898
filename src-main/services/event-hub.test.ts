import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConfigStore } from './config-store';
import { createEventHub } from './event-hub';
import type { Logger } from './logger';

function recorder(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => undefined, warn: () => undefined, error: (m) => errors.push(m) };
}

const scan = { source: 'wedge' as const, data: 'TKT-1', at: '2026-03-01T12:00:00.000Z' };

describe('event hub', () => {
  it('delivers valid events to every subscriber until it unsubscribes', () => {
    const hub = createEventHub(recorder());
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = hub.subscribe((event, payload) => a.push([event, payload]));
    hub.subscribe((event, payload) => b.push([event, payload]));
    hub.emit('scanner.scan', scan);
    offA();
    hub.emit('scanner.scan', { ...scan, data: 'TKT-2' });
    expect(a).toEqual([['scanner.scan', scan]]);
    expect(b).toHaveLength(2);
  });

  it('drops and logs an event outside the contract or with a bad payload', () => {
    const log = recorder();
    const hub = createEventHub(log);
    const got: unknown[] = [];
    hub.subscribe((e) => got.push(e));
    hub.emit('scanner.scan', { ...scan, source: 'usb' } as never);
    hub.emit('nope.event' as never, {} as never);
    expect(got).toEqual([]);
    expect(log.errors).toHaveLength(2);
  });

  it('keeps delivering when one listener throws', () => {
    const log = recorder();
    const hub = createEventHub(log);
    const got: unknown[] = [];
    hub.subscribe(() => {
      throw new Error('broken window');
    });
    hub.subscribe((e) => got.push(e));
    hub.emit('scanner.scan', scan);
    expect(got).toEqual(['scanner.scan']);
    expect(log.errors.some((m) => m.includes('threw'))).toBe(true);
  });
});

describe('config store', () => {
  it('serialises concurrent updates so none is lost, and notifies listeners', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'box-config-'));
    try {
      const store = await openConfigStore(dir, recorder());
      const seen: string[] = [];
      const id = store.get().terminalId;
      store.onChange((c) => seen.push(`${c.terminalId}/${c.locale}`));
      await Promise.all([
        store.update({ locale: 'uk-UA' }),
        store.update({ locale: 'zh-CN' }),
        store.update({}),
      ]);
      const onDisk = JSON.parse(await readFile(store.path, 'utf8'));
      expect(onDisk).toMatchObject({ locale: 'zh-CN', printer: { paperWidthMm: 80 } });
      // The id is main's, kept apart from the settings file (terminal-identity.json).
      expect(onDisk.terminalId).toBeUndefined();
      expect(seen).toEqual([`${id}/uk-UA`, `${id}/zh-CN`, `${id}/zh-CN`]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
