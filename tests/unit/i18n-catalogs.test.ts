import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { domainMessageKeys } from '../../src-renderer/ui/domain-codes';
import { CATALOGS, LOCALES } from '../../src-renderer/i18n/locales';

// intl-messageformat's AST element types (TYPE enum of @formatjs/icu-messageformat-parser).
const ARGUMENT_TYPES = new Set([1, 2, 3, 4, 5, 6]);
const PLURAL = 6;
const SELECT = 5;

interface AstNode {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}

/** The arguments a message uses, and the plural categories of each plural in it. */
function inspect(nodes: AstNode[], args: Set<string>, plurals: string[][]): void {
  for (const node of nodes) {
    if (ARGUMENT_TYPES.has(node.type) && typeof node.value === 'string') args.add(node.value);
    if (node.type === PLURAL && node.options)
      plurals.push(Object.keys(node.options).filter((k) => !k.startsWith('=')));
    if ((node.type === PLURAL || node.type === SELECT) && node.options) {
      for (const option of Object.values(node.options)) inspect(option.value, args, plurals);
    }
    if (node.children) inspect(node.children, args, plurals);
  }
}

function analyse(message: string, locale: string): { args: Set<string>; plurals: string[][] } {
  const args = new Set<string>();
  const plurals: string[][] = [];
  inspect(new IntlMessageFormat(message, locale).getAst(), args, plurals);
  return { args, plurals };
}

type Catalog = Readonly<Record<string, string>>;

/** The app's one catalog per language (src-renderer/i18n/catalogs): en, uk and zh-Hans. */
const CATALOG_SETS: { name: string; byLocale: Record<(typeof LOCALES)[number], Catalog> }[] = [
  { name: 'the', byLocale: CATALOGS },
];

describe.each(CATALOG_SETS)('$name message catalog', ({ byLocale }) => {
  const enKeys = Object.keys(byLocale.en).sort();

  it.each(LOCALES)('%s has exactly the keys of en', (locale) => {
    const keys = Object.keys(byLocale[locale]).sort();
    expect(keys.filter((k) => !enKeys.includes(k))).toEqual([]); // extra in this locale
    expect(enKeys.filter((k) => !keys.includes(k))).toEqual([]); // missing from this locale
  });

  it.each(LOCALES)('every %s message parses as ICU MessageFormat and is not empty', (locale) => {
    const failures: string[] = [];
    for (const [key, message] of Object.entries(byLocale[locale])) {
      try {
        analyse(message, locale);
        if (message.trim() === '') failures.push(`${key}: empty`);
      } catch (e) {
        failures.push(`${key}: ${String(e)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('every translation uses the same arguments as English', () => {
    const mismatches: string[] = [];
    for (const key of enKeys) {
      const en = [...analyse(byLocale.en[key] ?? '', 'en').args].sort();
      for (const locale of LOCALES) {
        const text = byLocale[locale][key];
        if (text === undefined) continue; // reported by the key test
        const other = [...analyse(text, locale).args].sort();
        if (en.join() !== other.join())
          mismatches.push(`${locale} ${key}: [${other.join()}] vs en [${en.join()}]`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('plurals cover every CLDR category of their language (uk: one/few/many/other)', () => {
    const problems: string[] = [];
    for (const locale of LOCALES) {
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const [key, message] of Object.entries(byLocale[locale])) {
        for (const categories of analyse(message, locale).plurals) {
          const missing = needed.filter((c) => !categories.includes(c));
          if (missing.length > 0) problems.push(`${locale} ${key}: missing ${missing.join(',')}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('domain codes', () => {
  it('has a message in every language for every domain reason code, command error and store error', () => {
    const keys = domainMessageKeys();
    expect(keys.length).toBeGreaterThan(50);
    for (const locale of LOCALES) {
      expect(
        keys.filter((k) => !(k in CATALOGS[locale])),
        locale,
      ).toEqual([]);
    }
  });
});
