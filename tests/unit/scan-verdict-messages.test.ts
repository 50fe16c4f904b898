import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { TICKET_SCAN_VERDICT_CODES } from '../../src-renderer/scan/scan-verdict';
import type { MessageKey } from '../../src-renderer/i18n';
import { CATALOGS } from '../../src-renderer/i18n';

// The verdict panel builds `ui.scan.ticket.<code>` from the scanner's code at run time, so
// the catalog's type cannot catch a missing one: this does, for every code and language.
const FRAGMENTS: readonly [string, Readonly<Record<string, string>>][] = Object.entries(CATALOGS);

describe('scan verdict messages', () => {
  for (const [locale, fragment] of FRAGMENTS) {
    it(`has a sentence for every ticket scan verdict in ${locale}`, () => {
      const missing = TICKET_SCAN_VERDICT_CODES.filter(
        (code) => fragment[`ui.scan.ticket.${code}`] === undefined,
      );
      expect(missing).toEqual([]);
    });

    it(`names the ticket in every verdict that has one (${locale})`, () => {
      for (const code of TICKET_SCAN_VERDICT_CODES) {
        const key: MessageKey = `ui.scan.ticket.${code}`;
        const out = new IntlMessageFormat(fragment[key] ?? '', locale).format({ ticketId: 'TK-1' });
        if (code === 'malformed') expect(out).not.toContain('TK-1');
        else expect(out, `${locale} ${code}`).toContain('TK-1');
      }
    });
  }
});
