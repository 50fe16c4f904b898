import type { Currency, Money } from '../../shared/money';
import type { MessageValues } from './translator';

/** A refund-policy reason or a coded error as the domain returns it. */
export interface ReasonLike {
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number>>;
  /** The domain's English sentence, shown if a code has no message (the catalog test prevents that). */
  readonly message?: string;
}

/** Params the domain sends as integer minor units of the venue currency. */
const MONEY_PARAMS: ReadonlySet<string> = new Set([
  'fee',
  'base',
  'orderFee',
  'total',
  'limit',
  'max',
  'bonus',
  'value',
  'balance',
  'paid',
]);
/** Params in basis points; messages get `percent` (50.5 for 5050 bp). */
const BP_PARAMS: ReadonlySet<string> = new Set(['refundBp', 'bp']);
/** Hour counts; messages get a localised duration (`left`, `before`). */
const DURATION_PARAMS: Readonly<Record<string, string>> = {
  hoursLeft: 'left',
  minHoursBefore: 'before',
  closedHoursBefore: 'before',
};

export interface ValueHelpers {
  readonly currency: Currency;
  /** "3 days" / "5 hours" / "20 minutes" in the current language. */
  readonly duration: (hours: number) => string;
  readonly role: (role: string) => string;
}

/**
 * Turns the domain's raw params (minor units, basis points, hours, role ids) into values a
 * message can show: Money (formatted by the translator), percents, localised durations and
 * role names. Every original param is kept too, and `has<Name>` says whether an optional
 * one was given (the domain sends '' for "none"), for `select` in messages.
 */
/** Params the domain leaves out when they do not apply; messages `select` on `has<Name>`. */
const OPTIONAL_PARAMS = ['closedHoursBefore', 'limit', 'clamped'] as const;

export function reasonValues(params: ReasonLike['params'], helpers: ValueHelpers): MessageValues {
  const out: Record<string, string | number | Money | Date> = { clamped: '' };
  for (const name of OPTIONAL_PARAMS)
    out[`has${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`] = 'no';
  for (const [name, raw] of Object.entries(params ?? {})) {
    out[name] = raw;
    const given = raw !== '';
    out[`has${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`] = given ? 'yes' : 'no';
    if (!given) continue;
    if (MONEY_PARAMS.has(name) && typeof raw === 'number') {
      out[name] = { amount: raw, currency: helpers.currency };
    } else if (BP_PARAMS.has(name) && typeof raw === 'number') {
      out.percent = raw / 100;
    } else if (name in DURATION_PARAMS && typeof raw === 'number') {
      out[DURATION_PARAMS[name] ?? name] = helpers.duration(raw);
    } else if (name === 'role' && typeof raw === 'string') {
      out.role = helpers.role(raw);
    }
  }
  return out;
}

/** Error details as message values: ISO instants become dates (a lockout's end, say). */
export function detailValues(details: unknown): MessageValues {
  const out: Record<string, string | number | Date> = {};
  if (typeof details !== 'object' || details === null) return out;
  for (const [name, raw] of Object.entries(details)) {
    if (typeof raw === 'number') out[name] = raw;
    else if (typeof raw === 'string') {
      out[name] =
        /^\d{4}-\d{2}-\d{2}T/.test(raw) && Number.isFinite(Date.parse(raw)) ? new Date(raw) : raw;
    }
  }
  return out;
}
