import { z } from 'zod';

/**
 * The one slip document model: a list of physical lines and symbols that both the ESC/POS
 * encoder (src-main/devices) and the on-screen preview render. Layouts resolve columns,
 * wrapping and alignment here in shared/, so the paper and the screen cannot disagree.
 * The schema is what the IPC contract validates when the renderer asks main to print.
 */

export const SLIP_LOCALES = ['en', 'uk', 'zh'] as const;
export const slipLocaleSchema = z.enum(SLIP_LOCALES);
export type SlipLocale = z.infer<typeof slipLocaleSchema>;

/** 58 mm paper has 32 columns of font A; 80 mm has 48 (576-dot heads) or 42 (512-dot heads). */
export const slipColumnsSchema = z.union([z.literal(32), z.literal(42), z.literal(48)]);
export type SlipColumns = z.infer<typeof slipColumnsSchema>;

const text = z.string().max(400);

export const textBlockSchema = z.object({
  kind: z.literal('text'),
  text,
  align: z.enum(['left', 'center', 'right']),
  bold: z.boolean().optional(),
  /** `large` is double width and height: the line holds half the columns. */
  size: z.enum(['normal', 'large']).optional(),
});

/** One line made of cells that start at fixed columns (amounts already right-aligned). */
export const cellsBlockSchema = z.object({
  kind: z.literal('cells'),
  cells: z
    .array(z.object({ col: z.number().int().min(0).max(47), text }))
    .min(1)
    .max(8),
  bold: z.boolean().optional(),
});

export const ruleBlockSchema = z.object({ kind: z.literal('rule'), char: z.enum(['-', '=']) });

/** Codes printed as symbols are ASCII by construction (signed ticket codes, voucher codes). */
const symbolData = z.string().regex(/^[\x20-\x7e]+$/, 'printable ASCII only');

export const qrBlockSchema = z.object({
  kind: z.literal('qr'),
  data: symbolData.max(700),
  moduleSize: z.number().int().min(2).max(8),
});

export const barcodeBlockSchema = z.object({
  kind: z.literal('barcode'),
  symbology: z.literal('code128'),
  data: symbolData.max(60),
  hri: z.boolean(),
});

export const feedBlockSchema = z.object({
  kind: z.literal('feed'),
  lines: z.number().int().min(1).max(10),
});

export const slipBlockSchema = z.discriminatedUnion('kind', [
  textBlockSchema,
  cellsBlockSchema,
  ruleBlockSchema,
  qrBlockSchema,
  barcodeBlockSchema,
  feedBlockSchema,
]);

export const slipDocumentSchema = z.object({
  version: z.literal(1),
  kind: z.enum([
    'sale-receipt',
    'ticket',
    'refund-voucher',
    'credit-voucher',
    /** old tickets voided, new ones issued, the difference settled (issue 10 item 4) */
    'exchange-receipt',
    'x-report',
    'z-report',
    /** the manager's check of a printer's settings: widths, code pages, Chinese */
    'test-page',
  ]),
  locale: slipLocaleSchema,
  columns: slipColumnsSchema,
  /** Short human title for queue listings, e.g. "Receipt 7-000123". */
  title: z.string().max(120),
  blocks: z.array(slipBlockSchema).max(2000),
});

export type TextBlock = z.infer<typeof textBlockSchema>;
export type CellsBlock = z.infer<typeof cellsBlockSchema>;
export type RuleBlock = z.infer<typeof ruleBlockSchema>;
export type QrBlock = z.infer<typeof qrBlockSchema>;
export type BarcodeBlock = z.infer<typeof barcodeBlockSchema>;
export type FeedBlock = z.infer<typeof feedBlockSchema>;
export type SlipBlock = z.infer<typeof slipBlockSchema>;
export type SlipDocument = z.infer<typeof slipDocumentSchema>;
export type SlipKind = SlipDocument['kind'];
