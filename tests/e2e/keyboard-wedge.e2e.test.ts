import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { launchChromium } from '../support/chromium';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prng } from '../integration/scanner-pty';

// Real Debian Chromium, persistent profile, the real wedge module bundled by esbuild and served
// on loopback; keys come from playwright's keyboard (CDP Input.dispatchKeyEvent), i.e. the same
// keydown/keypress/input sequence a USB HID scanner produces.

const root = resolve(import.meta.dirname, '../..');

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>wedge</title></head>
<body>
  <form id="f"><label>Search <input id="q" autocomplete="off"></label> <button type="button" id="next">Next</button></form>
  <script src="/wedge.js"></script>
</body></html>`;

const ENTRY = `
import { attachKeyboardWedge } from './src-renderer/devices/keyboard-wedge';
const w = window;
// Registered before the wedge, so it sees every keydown (the wedge stops a scan's Enter).
w.__keys = [];
window.addEventListener('keydown', (e) => { if (e.key.length === 1 || e.key === 'Enter' || e.key === 'Tab') w.__keys.push(e.timeStamp); }, true);
w.__scans = [];
w.__rejected = [];
w.__submits = 0;
w.__enterSeen = 0;
document.getElementById('f').addEventListener('submit', (e) => { e.preventDefault(); w.__submits++; });
document.getElementById('q').addEventListener('keydown', (e) => { if (e.key === 'Enter') w.__enterSeen++; });
// What the page's own shortcuts would see (bubble phase), and presses of the focused button.
w.__shortcutKeys = [];
w.__nextClicks = 0;
window.addEventListener('keydown', (e) => { if (e.key.length === 1) w.__shortcutKeys.push(e.key); });
document.getElementById('next').addEventListener('click', () => { w.__nextClicks++; });
w.__wedge = attachKeyboardWedge(window, {
  options: JSON.parse(new URLSearchParams(location.search).get('options') || 'null') || undefined,
  onScan: (s) => w.__scans.push(s.data),
  onRejected: (r) => w.__rejected.push(r.code),
});
`;

let server: Server;
let origin: string;
let profile: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'ts', sourcefile: 'wedge-entry.ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
  });
  const js = bundle.outputFiles[0]!.text;
  server = createServer((req, res) => {
    if (req.url?.startsWith('/wedge.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(js);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  profile = await mkdtemp(join(tmpdir(), 'wedge-profile-'));
  context = await launchChromium(profile);
  page = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
  await context?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  if (profile) await rm(profile, { recursive: true, force: true });
});

async function openPage(options?: object): Promise<void> {
  const query = options ? `?options=${encodeURIComponent(JSON.stringify(options))}` : '';
  await page.goto(`${origin}/${query}`);
  await page.waitForFunction(() =>
    Array.isArray((window as unknown as { __scans?: unknown }).__scans),
  );
  await page.getByLabel('Search').focus();
}

type PageState = {
  scans: string[];
  rejected: string[];
  submits: number;
  enterSeen: number;
  value: string;
};

function state(): Promise<PageState> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __scans: string[];
      __rejected: string[];
      __submits: number;
      __enterSeen: number;
    };
    return {
      scans: [...w.__scans],
      rejected: [...w.__rejected],
      submits: w.__submits,
      enterSeen: w.__enterSeen,
      value: (document.getElementById('q') as HTMLInputElement).value,
    };
  });
}

const CODES = [
  'TKT-0001-ABCD',
  'R-T01-000123',
  'CV-7KQ2-M9XD',
  // A full-length signed ticket code (base45, 153 characters) with capitals, spaces and symbols.
  '6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDEPWK G2EP4J0BGJLFX3R3VHXK.PJ:2DPF6R:5SVBHABVCNN95SWMPHQUHQN%A0SOE+QQAB-HQ/HQ7IR.SQEEOK9SO:0S$0S.IT*QBNE4:OC/96W/N.P7BFUMDR2UH*11%N0K3/96P7UWO0A5',
];

type Timing = { conforming: boolean; medianGap: number; maxGap: number };

/**
 * How scanner-like the keys that reached the page really were. playwright's `delay` is a floor:
 * on a loaded 2-core machine the browser can receive a key 100+ ms late, which a real
 * scanner never does. Such an attempt says nothing about the wedge, so it is repeated.
 */
async function timingSince(from: number): Promise<Timing> {
  const all = await page.evaluate(() => [...(window as unknown as { __keys: number[] }).__keys]);
  const t = all.slice(from);
  const gaps = t.slice(1).map((v, i) => v - t[i]!);
  const sorted = [...gaps].sort((a, b) => a - b);
  const medianGap = sorted[Math.floor(sorted.length / 2)] ?? Infinity;
  const maxGap = sorted.at(-1) ?? Infinity;
  // The wedge defaults the page runs with: median gap ≤ 30 ms, no pause > 100 ms.
  return { conforming: medianGap <= 30 && maxGap <= 100, medianGap, maxGap };
}

function keyCount(): Promise<number> {
  return page.evaluate(() => (window as unknown as { __keys: number[] }).__keys.length);
}

async function resetPage(): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __keys: number[];
      __scans: string[];
      __rejected: string[];
      __submits: number;
      __enterSeen: number;
    };
    w.__keys.length = 0;
    w.__submits = 0;
    w.__enterSeen = 0;
    w.__scans.length = 0;
    w.__rejected.length = 0;
    (document.getElementById('q') as HTMLInputElement).value = '';
  });
  await page.getByLabel('Search').focus();
}

/**
 * Sets the page up, types `code` with `delay` and the terminator, and repeats (setup included)
 * until the keys reached the page with scanner-like timing, within `budgetEnds`. Returns the
 * page state after the first conclusive attempt; from there, any miss is the wedge's fault.
 */
async function scanConclusively(
  code: string,
  delay: number,
  budgetEnds: number,
  setup: () => Promise<void> = resetPage,
  terminator: 'Enter' | 'Tab' = 'Enter',
): Promise<PageState & { timing: Timing }> {
  const skipped: Timing[] = [];
  for (;;) {
    await setup();
    const from = await keyCount();
    await page.keyboard.type(code, { delay });
    await page.keyboard.press(terminator);
    // Every key has been dispatched once the page has recorded the terminator.
    await page.waitForFunction(
      (n) => (window as unknown as { __keys: number[] }).__keys.length >= n,
      from + code.length + 1,
      { timeout: 20_000 },
    );
    const timing = await timingSince(from);
    if (timing.conforming) return { ...(await state()), timing };
    skipped.push(timing);
    expect(
      Date.now(),
      `the browser never got scanner-like timing: ${JSON.stringify(skipped)}`,
    ).toBeLessThan(budgetEnds);
  }
}

describe('keyboard wedge in Chromium', () => {
  beforeEach(async () => {
    await openPage();
  });

  it.each([1, 5, 10, 20])(
    'scans typed %i ms per key are captured exactly and leave nothing in the focused input',
    async (delay) => {
      // Inconclusive attempts are repeated within a time budget, not a count: under heavy load
      // (other suites on the same 2 cores) a long code can need several tries.
      const budgetEnds = Date.now() + 100_000;
      for (const code of CODES) {
        const s = await scanConclusively(code, delay, budgetEnds);
        expect(s.scans, `timing ${JSON.stringify(s.timing)}`).toEqual([code]);
        expect(s.value).toBe('');
        // The scan's Enter was swallowed: the form did not submit, the input never saw it.
        expect(s.submits).toBe(0);
        expect(s.enterSeen).toBe(0);
        expect(s.rejected).toEqual([]);
      }
    },
    150_000,
  );

  it('human typing (80–250 ms per key, randomised) is untouched and its Enter goes through', async () => {
    const rand = prng(0xbeef);
    const words = ['Smith', 'row 12 seat 4', 'EARLY10'];
    let typed = '';
    for (const word of words) {
      for (const ch of word) {
        await page.keyboard.type(ch);
        // The pause is the simulated person, not a wait for a result.
        await page.waitForTimeout(80 + Math.floor(rand() * 171));
      }
      typed += word;
      await page.keyboard.press('Enter');
      await page.waitForTimeout(80 + Math.floor(rand() * 171));
      // The input holds exactly what was typed so far after every word.
      expect((await state()).value).toBe(typed);
    }
    const s = await state();
    expect(s.scans).toEqual([]);
    expect(s.rejected).toEqual([]);
    expect(s.submits).toBe(words.length);
    expect(s.enterSeen).toBe(words.length);
  });

  it('a scan in the middle of typed text restores the text and caret around it', async () => {
    const s = await scanConclusively('TKT-0099-ZZZZ', 5, Date.now() + 90_000, async () => {
      await resetPage();
      for (const ch of 'Jones') {
        await page.keyboard.type(ch);
        await page.waitForTimeout(100);
      }
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.waitForTimeout(150);
    });
    expect(s.scans).toEqual(['TKT-0099-ZZZZ']);
    expect(s.value).toBe('Jones');
    // The caret is back where it was: the next key lands between "Jon" and "es".
    await page.keyboard.type('X');
    expect((await state()).value).toBe('JonXes');
  });

  it('captures a scan with nothing focused', async () => {
    const s = await scanConclusively('TKT-0100-BODY', 3, Date.now() + 90_000, async () => {
      await resetPage();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    });
    expect(s.scans).toEqual(['TKT-0100-BODY']);
  });

  it('a scan with a button focused presses nothing and reaches no shortcut after its first key', async () => {
    const code = CODES[3]!; // spaces inside: each would press the focused button
    const focusNext = async () => {
      await resetPage();
      await page.evaluate(() => {
        const w = window as unknown as { __shortcutKeys: string[]; __nextClicks: number };
        w.__shortcutKeys.length = 0;
        w.__nextClicks = 0;
      });
      await page.locator('#next').focus();
    };
    const s = await scanConclusively(code, 5, Date.now() + 90_000, focusNext);
    expect(s.scans).toEqual([code]);
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __shortcutKeys: string[]; __nextClicks: number };
      return { keys: [...w.__shortcutKeys], clicks: w.__nextClicks };
    });
    expect(seen.clicks).toBe(0);
    // Only the first key of the burst can reach a shortcut: nothing yet says it is a scan.
    expect(seen.keys.length).toBeLessThanOrEqual(1);
    // A person's keys on the button, 120 ms apart, all reach the page.
    await page.keyboard.type('ab', { delay: 120 });
    expect(
      await page.evaluate(() => (window as unknown as { __shortcutKeys: string[] }).__shortcutKeys),
    ).toEqual([...seen.keys, 'a', 'b']);
  });

  it('uses a configured prefix/suffix and Tab terminator', async () => {
    await openPage({ maxGapMs: 30, minLength: 4, terminators: ['Tab'], prefix: '~', suffix: '^' });
    const s = await scanConclusively('~CV-7KQ2-M9XD^', 5, Date.now() + 90_000, resetPage, 'Tab');
    expect(s.scans).toEqual(['CV-7KQ2-M9XD']);
    expect(s.value).toBe('');
    // The scan's Tab was swallowed: focus is still in the input.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    // A fast burst without the prefix is not a scan: it stays in the input and its Tab moves focus on.
    await page.keyboard.type('ABCDEF', { delay: 5 });
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => document.activeElement?.id === 'next', null, {
      timeout: 20_000,
    });
    const after = await state();
    expect(after.scans).toEqual(['CV-7KQ2-M9XD']);
    expect(after.value).toBe('ABCDEF');
  });
});
