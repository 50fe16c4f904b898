import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';

// `npm start --no-open` as a user runs it (the built renderer with the production CSP + bridge),
// driven from Chromium.

let dir: string;
let child: ChildProcess;
let output = '';
let pageUrl: string;
let context: BrowserContext | undefined;

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'box-start-'));
  child = spawn(
    process.execPath,
    ['scripts/start.mjs', '--no-open', `--data-dir=${join(dir, 'var')}`, '--port=0'],
    {
      cwd: join(import.meta.dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DISPLAY: '' },
    },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const started = Date.now();
  while (!/Serving \(--no-open\)/.test(output)) {
    if (Date.now() - started > 110_000 || child.exitCode !== null)
      throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const match = /Box Office POS is running: (\S+)/.exec(output);
  if (!match?.[1]) throw new Error(`no URL printed:\n${output}`);
  pageUrl = match[1];
});

afterAll(async () => {
  await context?.close();
  if (child.exitCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('npm start --no-open', () => {
  it('prints a loopback URL carrying the bridge address and a one-time code, never the secret', () => {
    expect(pageUrl).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/#bridge=ws%3A%2F%2F127\.0\.0\.1%3A\d+&code=[0-9a-f]{64}$/,
    );
  });

  it('serves a page that reaches the services through the bridge', async () => {
    context = await launchChromium(join(dir, 'profile'));
    const page = await context.newPage();
    await page.goto(pageUrl);
    const version = page.getByRole('status', { name: 'App version' });
    // Attached, not necessarily visible: on a narrow window the one-line status bar gives the
    // version's room to the states a cashier acts on first (its words stay in the tooltip).
    await version.getByText(/transport bridge/).waitFor({ state: 'attached', timeout: 30_000 });
    expect(await version.textContent()).toMatch(
      new RegExp(`^Version \\d+\\.\\d+\\.\\d+ · ${process.platform} · transport bridge$`),
    );
  });

  it('runs the virtual printer on loopback and saves the raw bytes of a job', async () => {
    const port = Number(/virtual ESC\/POS printer on 127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
    expect(port).toBeGreaterThan(0);
    const job = Buffer.from([0x1b, 0x40, ...Buffer.from('START-E2E\n'), 0x1d, 0x56, 0x00]);
    await new Promise<void>((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => s.end(job));
      s.once('close', () => resolve());
      s.once('error', reject);
    });
    const jobsDir = join(dir, 'var', 'printer-jobs');
    // Polled until the job is there (up to 5 s): another job of the till (a print the page made)
    // may be in the folder first.
    const ours = (saved: Buffer[]) => saved.some((b) => b.includes(Buffer.from('START-E2E')));
    let saved: Buffer[] = [];
    for (let i = 0; i < 100 && !ours(saved); i++) {
      const files = (await readdir(jobsDir)).filter((f) => f.endsWith('.bin'));
      saved = await Promise.all(files.map((f) => readFile(join(jobsDir, f))));
      if (!ours(saved)) await new Promise((r) => setTimeout(r, 50));
    }
    expect(ours(saved)).toBe(true);
  });

  it('stops everything on Ctrl-C (SIGINT) and exits 0', async () => {
    const rendererPort = Number(/^http:\/\/127\.0\.0\.1:(\d+)\//.exec(pageUrl)?.[1]);
    const bridgePort = Number(/ws%3A%2F%2F127\.0\.0\.1%3A(\d+)/.exec(pageUrl)?.[1]);
    expect(await portOpen(rendererPort)).toBe(true);
    expect(await portOpen(bridgePort)).toBe(true);
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(await portOpen(rendererPort)).toBe(false);
    expect(await portOpen(bridgePort)).toBe(false);
    const printerPort = Number(/virtual ESC\/POS printer on 127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
    expect(await portOpen(printerPort)).toBe(false);
  });
});
