import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ISSUED_TERMINAL_ID } from '../../shared/ipc/terminal-config';
import { configFileName, openConfigStore } from './config-store';
import { silentLogger } from './logger';
import { identityFileName, loadTerminalId, newTerminalId } from './terminal-identity';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'box-identity-'));
  dirs.push(dir);
  return dir;
}

describe('terminal identity owned by main', () => {
  it('is T- and 8 Crockford base32 characters taken from 40 random bits', () => {
    expect(newTerminalId(() => new Uint8Array(5))).toBe('T-00000000');
    expect(newTerminalId(() => new Uint8Array(5).fill(255))).toBe('T-ZZZZZZZZ');
    // 0x0842108421 is 00001 repeated: every 5-bit group is 1.
    expect(newTerminalId(() => Uint8Array.of(0x08, 0x42, 0x10, 0x84, 0x21))).toBe('T-11111111');
    for (let i = 0; i < 50; i++) expect(newTerminalId()).toMatch(ISSUED_TERMINAL_ID);
  });

  it('gives two fresh installs different ids, each kept across restarts', async () => {
    const [a, b] = [await dataDir(), await dataDir()];
    const first = (await openConfigStore(a, silentLogger)).get().terminalId;
    const second = (await openConfigStore(b, silentLogger)).get().terminalId;
    expect(first).not.toBe(second);
    expect(first).not.toBe('T1');
    expect((await openConfigStore(a, silentLogger)).get().terminalId).toBe(first);
    const onDisk = JSON.parse(await readFile(join(a, identityFileName), 'utf8'));
    expect(onDisk.terminalId).toBe(first);
  });

  it('adopts the id an older install kept in its settings file, so its journal stays its own', async () => {
    const dir = await dataDir();
    const fresh = await openConfigStore(await dataDir(), silentLogger);
    await writeFile(
      join(dir, configFileName),
      JSON.stringify({ ...fresh.get(), terminalId: 'WINDOW-7' }),
    );
    const store = await openConfigStore(dir, silentLogger);
    expect(store.get().terminalId).toBe('WINDOW-7');
    await store.update({ locale: 'uk-UA' });
    // Written back without it; the identity file holds it from now on.
    expect(JSON.parse(await readFile(store.path, 'utf8')).terminalId).toBeUndefined();
    expect((await openConfigStore(dir, silentLogger)).get().terminalId).toBe('WINDOW-7');
  });

  it('refuses to start as a new terminal when the identity file is unreadable', async () => {
    const dir = await dataDir();
    await writeFile(join(dir, identityFileName), '{broken');
    await expect(loadTerminalId(dir, silentLogger)).rejects.toMatchObject({
      name: 'TerminalIdentityError',
    });
  });
});
