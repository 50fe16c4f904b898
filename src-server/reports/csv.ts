/**
 * CSV as RFC 4180 reads it: fields joined by commas, lines by CRLF; a field holding a comma,
 * a quote, a CR or LF is quoted with its quotes doubled. A field starting with = + - @ (a
 * formula to a spreadsheet) is not rewritten: the analytics never put such text in a field
 * but names (`'` would change them), and numbers are written as plain decimals.
 */
export type CsvValue = string | number | null;

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvTable(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** UTF-8 byte order mark: Excel then reads Ukrainian and Chinese names right. */
export const UTF8_BOM = '\uFEFF';
