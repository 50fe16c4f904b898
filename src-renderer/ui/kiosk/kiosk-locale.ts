import type { LocalePreference } from '../../i18n';

/**
 * The kiosk's language "preference": nothing is stored. A customer's choice lasts until the
 * kiosk starts over for the next one, and never survives a restart into another's session.
 */
export function kioskLocalePreference(): LocalePreference {
  return { load: () => Promise.resolve(null), save: () => Promise.resolve() };
}
