import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SLIP_REPLACEMENT_CHAR,
  creditVoucher,
  refundVoucher,
  saleReceipt,
  shiftReport,
  slipText,
  ticketSlip,
  type SlipDocument,
} from '../../shared/slips';
import { encodeSlip, type EncoderProfile } from '../../src-main/devices/escpos-encoder';
import { createGlyphSource } from '../../src-main/devices/raster-font';
import { decodeEscPos, printedText, type DecodedJob } from '../support/escpos-decoder';
import {
  creditVoucherView,
  refundVoucherView,
  saleReceiptView,
  shiftReportView,
  ticketView,
} from '../support/slip-fixtures';

// Attack: a name typed at the till (or a document forged by a page script) carries printer
// commands — ESC p kicks the drawer unlogged, GS V cuts, DLE EOT talks to the printer.
const DRAWER_KICK = '\x1bp\x00\x19\xfa';
const CUT = '\x1dV\x00';
const HOSTILE = `«${DRAWER_KICK}${CUT}\x1c&\x10\x04\x01\x1b@»`;

const glyphs = createGlyphSource();
const EPSON_PROFILES: EncoderProfile[] = [
  { driver: 'epson', cyrillic: 'none', chinese: false, glyphs },
  { driver: 'epson', cyrillic: 'wpc1251', chinese: false, glyphs },
  { driver: 'epson', cyrillic: 'cp1125', chinese: false, glyphs },
  { driver: 'epson', cyrillic: 'wpc1251', chinese: true, glyphs },
];
const STAR_PROFILE: EncoderProfile = {
  driver: 'star',
  cyrillic: 'wpc1251',
  chinese: false,
  glyphs,
};

/** Nothing but what the document asked for: no kick, no status request, no stray command. */
function expectOnlyTheSlip(decoded: DecodedJob): void {
  expect(decoded.drawerKicks).toEqual([]);
  expect(decoded.statusRequests).toEqual([]);
  expect(decoded.processIds).toEqual([]);
  expect(decoded.unknown).toEqual([]);
  expect(decoded.cuts).toBe(1);
}

type View = Record<string, unknown>;

/** Every string leaf of a view, as a path, except instants, zones and symbol codes. */
function textPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') {
    const key = String(path[path.length - 1]);
    // Instants, zones, enums and symbol codes are not free text (the contract types them).
    const notText = /At$|^timeZone$|^locale$|^code$|^refundCode$|^method$|^currency$/.test(key);
    return notText ? [] : [path];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => textPaths(v, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => textPaths(v, [...path, k]));
  }
  return [];
}

function withText(view: View, path: (string | number)[], text: string): View {
  const copy: View = structuredClone(view);
  let at: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] ?? '';
  at[last] = `${String(at[last])}${text}`;
  return copy;
}

const layouts: [string, View, (v: View) => SlipDocument][] = [
  // The casts stand for "same view, one string longer": the shape is unchanged.
  ['sale receipt', { ...saleReceiptView('en') }, (v) => saleReceipt(v as never)],
  ['ticket', { ...ticketView('en') }, (v) => ticketSlip(v as never)],
  ['refund voucher', { ...refundVoucherView('en') }, (v) => refundVoucher(v as never)],
  ['credit voucher', { ...creditVoucherView('en') }, (v) => creditVoucher(v as never)],
  ['Z report', { ...shiftReportView('en', 'Z') }, (v) => shiftReport(v as never)],
];

function docText(doc: SlipDocument): string {
  return doc.blocks
    .map((b) =>
      b.kind === 'text' ? b.text : b.kind === 'cells' ? b.cells.map((c) => c.text).join('') : '',
    )
    .join('\n');
}

describe('ESC and GS inside every text field that reaches a slip', () => {
  const reached: string[] = [];
  for (const [name, view, layout] of layouts) {
    for (const path of textPaths(view)) {
      const field = `${name}: ${path.join('.')}`;
      it(`${field} prints as text — no drawer kick, no extra command`, () => {
        const doc = layout(withText(view, path, HOSTILE));
        const text = docText(doc);
        // Some fields (terminal ids, tax ids) are printed only on some layouts.
        if (!text.includes('«')) return;
        reached.push(field);
        expect([...text].filter((ch) => '\x1b\x1d\x1c\x10'.includes(ch))).toEqual([]);
        expect(text).toContain(SLIP_REPLACEMENT_CHAR);
        for (const profile of EPSON_PROFILES) {
          const decoded = decodeEscPos(encodeSlip(doc, profile).bytes);
          expectOnlyTheSlip(decoded);
          expect(printedText(decoded).join('\n')).toContain('«?p??ú?V?');
        }
      });
    }
  }
  it('the hostile text reached the fields a person can type', () => {
    for (const field of [
      'sale receipt: venue.name',
      'sale receipt: cashier',
      'sale receipt: lines.0.description',
      'sale receipt: tickets.0.label',
      'ticket: eventTitle',
      'ticket: seat.section',
      'ticket: seat.row',
      'ticket: seat.seat',
      'ticket: tier',
      'refund voucher: reason',
      'refund voucher: approver',
      'Z report: cashier',
    ]) {
      expect(reached).toContain(field);
    }
  });
});

describe('a forged document over IPC (the builder bypassed)', () => {
  const forged: SlipDocument = {
    version: 1,
    kind: 'sale-receipt',
    locale: 'en',
    columns: 48,
    title: 'forged',
    blocks: [
      { kind: 'text', text: `Note ${DRAWER_KICK} end`, align: 'left' },
      {
        kind: 'cells',
        cells: [
          { col: 0, text: `Seat ${CUT}` },
          { col: 30, text: '\x10\x04\x01' },
        ],
      },
      { kind: 'text', text: '大剧院\x1bp\x00\x19\xfa', align: 'center' },
    ],
  };
  for (const profile of EPSON_PROFILES) {
    it(`is encoded as text (${profile.cyrillic}, chinese ${String(profile.chinese)})`, () => {
      const decoded = decodeEscPos(encodeSlip(forged, profile).bytes);
      expectOnlyTheSlip(decoded);
      expect(printedText(decoded)[0]).toBe('Note ?p??ú end');
    });
  }
  it('Star line mode: no ESC p / GS V / DLE in the bytes beyond the encoder’s own', () => {
    // Without the Chinese line: Star has no GB18030, so it would be an image of any bytes.
    const latin = { ...forged, blocks: forged.blocks.slice(0, 2) };
    const clean = encodeSlip(
      { ...latin, blocks: latin.blocks.map((b) => replaceText(b, () => 'a')) },
      STAR_PROFILE,
    ).bytes;
    const encoded = encodeSlip(latin, STAR_PROFILE);
    expect(encoded.rasterLines).toBe(0);
    const bytes = encoded.bytes;
    expectStarCommandsOf(bytes, clean);
  });
});

function replaceText(
  block: SlipDocument['blocks'][number],
  f: (s: string) => string,
): SlipDocument['blocks'][number] {
  if (block.kind === 'text') return { ...block, text: f(block.text) };
  if (block.kind === 'cells')
    return { ...block, cells: block.cells.map((c) => ({ ...c, text: f(c.text) })) };
  return block;
}

/**
 * `bytes` introduces the same commands as `safe` (the same slip with plain letters), apart
 * from page switches: `ESC GS t n`, one ESC and one GS each.
 */
function expectStarCommandsOf(bytes: Buffer, safe: Buffer): void {
  const got = commandBytes(bytes);
  const want = commandBytes(safe);
  const switches = (got.ESC ?? 0) - (want.ESC ?? 0);
  expect(switches).toBeGreaterThanOrEqual(0);
  expect(got).toEqual({
    ESC: (want.ESC ?? 0) + switches,
    GS: (want.GS ?? 0) + switches,
    FS: want.FS,
    DLE: want.DLE,
  });
}

/** How many of each command-introducing byte a stream holds. */
function commandBytes(bytes: Buffer): Record<string, number> {
  const counts: Record<string, number> = { ESC: 0, GS: 0, FS: 0, DLE: 0 };
  for (const b of bytes) {
    if (b === 0x1b) counts.ESC = (counts.ESC ?? 0) + 1;
    if (b === 0x1d) counts.GS = (counts.GS ?? 0) + 1;
    if (b === 0x1c) counts.FS = (counts.FS ?? 0) + 1;
    if (b === 0x10) counts.DLE = (counts.DLE ?? 0) + 1;
  }
  return counts;
}

/** Control characters, ASCII, letters the pages hold, CJK, and anything else in Unicode. */
const anyChar = fc.oneof(
  fc.integer({ min: 0, max: 0x9f }).map((cp) => String.fromCodePoint(cp)),
  fc.constantFrom(...'їґЄЁéüß€£«»中文票剧院，。\u2028\u2029\u202e\ufffd'),
  fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
);
const anyText = fc.string({ unit: anyChar, maxLength: 40 });

/** What the decoder should read back: the cleaned text, `?` where a page lacks the mark. */
function expectedLines(a: string, b: string): string[] {
  const shown = (s: string) => slipText(s).replaceAll(SLIP_REPLACEMENT_CHAR, '?');
  const lines = [...shown(a).split('\n'), ...`k${' '.repeat(19)}${shown(b)}`.split('\n')].map((l) =>
    l.trimEnd(),
  );
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

describe('property: no text in any field yields a command', () => {
  for (const profile of EPSON_PROFILES) {
    it(`decodes back to the cleaned text (${profile.cyrillic}, chinese ${String(profile.chinese)})`, () => {
      fc.assert(
        fc.property(anyText, anyText, (a, b) => {
          const doc: SlipDocument = {
            version: 1,
            kind: 'ticket',
            locale: 'en',
            columns: 48,
            title: 't',
            blocks: [
              { kind: 'text', text: a, align: 'center', bold: true },
              {
                kind: 'cells',
                cells: [
                  { col: 0, text: 'k' },
                  { col: 20, text: b },
                ],
              },
            ],
          };
          const encoded = encodeSlip(doc, profile);
          const decoded = decodeEscPos(encoded.bytes);
          expectOnlyTheSlip(decoded);
          // A raster line is one image of known length: the decoder skipped it whole above.
          if (encoded.rasterLines > 0) return;
          expect(printedText(decoded)).toEqual(expectedLines(a, b));
        }),
        { numRuns: 500 },
      );
    });
  }
  it('Star line mode holds only its own command bytes for any text', () => {
    fc.assert(
      fc.property(anyText, (a) => {
        const doc = (text: string): SlipDocument => ({
          version: 1,
          kind: 'ticket',
          locale: 'en',
          columns: 48,
          title: 't',
          blocks: [{ kind: 'text', text, align: 'left' }],
        });
        const encoded = encodeSlip(doc(a), STAR_PROFILE);
        if (encoded.rasterLines > 0) return;
        expectStarCommandsOf(
          encoded.bytes,
          encodeSlip(doc(a.replace(/[^\n]/gu, 'a')), STAR_PROFILE).bytes,
        );
      }),
      { numRuns: 500 },
    );
  });
});
