import { CATALOG_ID } from './schemas';

/**
 * A catalog id made from a name a manager typed ("Small hall" → "small-hall"), or `null` when
 * the name gives none (Cyrillic, Chinese, only punctuation) or a too long one: the caller then
 * numbers it. Ids stay on sold tickets, so they are made once and never renamed.
 */
export function idFromName(name: string): string | null {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '');
  return CATALOG_ID.test(slug) ? slug : null;
}

/** `idFromName(name)` if it is free, else `prefix` numbered 1, 2, … until one is free. */
export function freshId(name: string, taken: ReadonlySet<string>, prefix: string): string {
  const named = idFromName(name);
  if (named !== null && !taken.has(named)) return named;
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`;
    if (CATALOG_ID.test(id) && !taken.has(id)) return id;
    // A prefix too long for an id (a long section name): fall back on a short one.
    if (!CATALOG_ID.test(id)) return freshId('', taken, 'id-');
  }
}
