import type { ContractClient } from '../../shared/ipc/client';
import { shiftReportView } from '../../shared/shift/report-view';
import type { ShiftReport } from '../../shared/shift/report';
import type { SlipColumns, SlipDocument, SlipLocale } from '../../shared/slips';
import { markDemo, shiftReport, withJournalCode } from '../../shared/slips';
import type { Locale } from '../i18n';
import { printDocument, staffNames, type PrintOutcome, type StaffNameOf } from './print-service';
import type { Till } from './till';

/** The slips speak 'zh'; the app's Chinese locale is 'zh-Hans'. */
export function slipLocaleOf(locale: Locale): SlipLocale {
  return locale === 'zh-Hans' ? 'zh' : locale;
}

/** The X or Z report laid out for `columns`: what the printer prints and the screen previews. */
/** Main's journal head signed with the terminal key: what a Z slip prints (issue 8 item 4). */
export interface JournalCode {
  readonly code: string;
  readonly seq: number;
}

/** Asks main to sign its journal head; null if main cannot (the Z then prints without it). */
export async function signedJournalHead(client: ContractClient): Promise<JournalCode | null> {
  const signed = await client.call('journal.signHead', {});
  return signed.ok ? { code: signed.value.code, seq: signed.value.head.seq } : null;
}

export function shiftReportDocument(
  till: Till,
  report: ShiftReport,
  locale: Locale,
  columns: SlipColumns,
  journalCode: JournalCode | null = null,
  /** the cashier by display name; by default the names main's staff list last gave */
  staffName: StaffNameOf = (staffId) => till.staff.displayName(staffId),
): SlipDocument {
  const doc = shiftReport(
    shiftReportView(report, {
      locale: slipLocaleOf(locale),
      columns,
      timeZone: till.catalog.venue.timeZone,
      venue: { name: till.catalog.venue.name, address: [] },
      terminal: till.terminalId,
      cashier: staffName(report.openedBy.staffId),
    }),
  );
  const coded = journalCode !== null ? withJournalCode(doc, journalCode) : doc;
  // Main marks every slip of a demo till; the screen's preview shows the same DEMO line, so
  // it stays exactly what prints (main's mark is idempotent: the line is not doubled).
  return till.demo ? markDemo(coded) : coded;
}

/**
 * The print job of one report, the same whoever asks and however often: main prints a jobId
 * once, so a double click (or a retry after a lost answer) never prints a second report.
 * A Z is named by its number (a training shift has none: by its shift), an X by the instant
 * it was computed.
 */
export function shiftReportJobId(till: Till, report: ShiftReport): string {
  if (report.kind === 'Z') {
    return report.zNumber !== null
      ? `z-${till.terminalId}-${report.zNumber}`
      : `z-${till.terminalId}-training-${report.shiftId}`;
  }
  return `x-${till.terminalId}-${Date.parse(report.generatedAt)}`;
}

/**
 * Prints an X or Z. A Z carries main's journal head signed with the terminal's key (its short
 * code and seq): the caller's, so the screen shows the same code, or signed here. If main
 * cannot sign, the Z still prints without the code rather than not at all.
 */
export async function printShiftReport(
  client: ContractClient,
  till: Till,
  report: ShiftReport,
  locale: Locale,
  journalCode?: JournalCode | null,
): Promise<PrintOutcome> {
  const code =
    report.kind !== 'Z'
      ? null
      : journalCode !== undefined
        ? journalCode
        : await signedJournalHead(client);
  const names = await staffNames(till);
  return printDocument(client, shiftReportJobId(till, report), (columns) =>
    shiftReportDocument(till, report, locale, columns, code, names),
  );
}

/**
 * A copy of a report printed before: main reprints its stored job marked COPY. If main never
 * got the original (the bridge was down when the shift closed), the report is printed as the
 * original instead — a manager asking for a copy wants paper either way.
 */
export async function printShiftReportCopy(
  client: ContractClient,
  till: Till,
  report: ShiftReport,
  locale: Locale,
): Promise<PrintOutcome> {
  const original = shiftReportJobId(till, report);
  const copy = await client.call('printer.print', {
    jobId: `${original}-copy-${till.ports.clock()}`,
    reprintOf: original,
  });
  if (copy.ok) return { state: copy.value.state };
  if (copy.error.code === 'not_found') return printShiftReport(client, till, report, locale);
  return { state: 'failed', message: copy.error.message };
}
