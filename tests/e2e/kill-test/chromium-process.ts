import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, openSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { indexedDbSwitch } from '../../../src-main/electron/indexeddb-store';

/**
 * Debian Chromium started by the test itself (not by playwright), so the test owns its pid
 * and can SIGKILL it — and every helper process it forked — the way a crash or a power cut
 * of the browser would end it. Playwright only attaches over CDP.
 */
export interface KillableChromium {
  readonly pid: number;
  readonly context: BrowserContext;
  /** SIGKILL to the whole process group; resolves when the main process is gone. */
  kill(): Promise<void>;
  /** Orderly close (end of the test). */
  close(): Promise<void>;
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--window-size=1280,800',
  '--remote-debugging-port=0',
  // The product's IndexedDB store: what a crash must not lose is the store a till really uses.
  indexedDbSwitch,
];

/** Chromium writes "<port>\n<path>" into the profile once its DevTools server listens. */
async function readDevToolsPort(profileDir: string, child: ChildProcess): Promise<number> {
  const file = join(profileDir, 'DevToolsActivePort');
  // Bounded: 300 × 50 ms = 15 s.
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`chromium exited before listening (${child.exitCode ?? child.signalCode})`);
    }
    const text = await readFile(file, 'utf8').catch(() => '');
    const port = Number.parseInt(text.split('\n')[0] ?? '', 10);
    if (Number.isInteger(port) && port > 0) return port;
    await sleep(50);
  }
  throw new Error('chromium did not write DevToolsActivePort within 15 s');
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Resolves once no process of the group is left. The browser process exiting is not enough:
 * its utility and renderer processes die a moment later, and on a loaded machine one can
 * still hold the profile's IndexedDB lock when the next Chromium starts on the profile — a
 * rehearsal then read an empty store after a kill. A crashed till is restarted by a person,
 * seconds later; the test must not restart it inside that window either.
 */
async function groupGone(pid: number): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    await sleep(20);
  }
  throw new Error(`processes of chromium group ${pid} still running 10 s after SIGKILL`);
}

export async function startKillableChromium(profileDir: string): Promise<KillableChromium> {
  // A SIGKILLed Chromium leaves its old port file behind; never read a stale port.
  await rm(join(profileDir, 'DevToolsActivePort'), { force: true });
  // KILL_TEST_CHROMIUM_LOG=FILE: Chromium's own log (e.g. what its IndexedDB said on opening
  // a store after a kill) is appended there, one marker line per launch, to study a failure.
  const logFile = process.env.KILL_TEST_CHROMIUM_LOG;
  let logFd: number | undefined;
  if (logFile) {
    appendFileSync(logFile, `\n=== launch ${new Date().toISOString()} on ${profileDir}\n`);
    logFd = openSync(logFile, 'a');
  }
  const child = spawn(
    process.env.BOX_OFFICE_CHROMIUM ?? '/usr/bin/chromium',
    [
      ...ARGS,
      ...(logFile
        ? ['--enable-logging=stderr', '--vmodule=*indexed_db*=1,*leveldb*=1,*sqlite*=1']
        : []),
      `--user-data-dir=${profileDir}`,
      'about:blank',
    ],
    // detached: its own process group, so one kill(-pid) reaches renderer, GPU and utility
    // processes too (an IndexedDB write happens in the browser process, but no helper
    // should outlive the "crash" and hold the profile).
    { detached: true, stdio: logFd === undefined ? 'ignore' : ['ignore', 'ignore', logFd] },
  );
  if (logFd !== undefined) closeSync(logFd);
  const pid = child.pid;
  if (pid === undefined) throw new Error('chromium did not start');
  let browser: Browser;
  try {
    const port = await readDevToolsPort(profileDir, child);
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  } catch (cause) {
    killGroup(pid);
    await exited(child);
    throw cause;
  }
  const context = browser.contexts()[0];
  if (context === undefined) {
    killGroup(pid);
    await exited(child);
    throw new Error('chromium has no default (persistent) context');
  }
  return {
    pid,
    context,
    async kill() {
      killGroup(pid);
      await exited(child);
      await groupGone(pid);
    },
    async close() {
      await browser.close().catch(() => undefined);
      // connectOverCDP's close only disconnects: end the process ourselves, politely first.
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        return;
      }
      const done = await Promise.race([
        exited(child).then(() => true),
        sleep(5_000).then(() => false),
      ]);
      if (!done) {
        killGroup(pid);
        await exited(child);
      }
    },
  };
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
