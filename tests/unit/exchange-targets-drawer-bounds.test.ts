import { describe, expect, it } from 'vitest';
import { checkDrawerAmount, drawerAmountMax } from '../../shared/commands/cash-bounds';
import type { Performance } from '../../shared/catalog/schemas';
import { exchangeTargets, type ExchangeOld } from '../../shared/exchange';
import { money } from '../../shared/money/money';
import { refundPolicySchema } from '../../shared/refund-policy/policy-schema';

// Issue 10: the exchange screen offers exactly the performances the policy allows (the rules
// quoteExchange applies), and drawer amounts are bounded in one shared function.

const NOW = Date.parse('2026-12-01T12:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW + hours * HOUR).toISOString();

function policy(exchange: Record<string, unknown>) {
  return refundPolicySchema.parse({
    id: 'p',
    version: 1,
    name: 'p',
    currency: 'UAH',
    windows: [{ minHoursBefore: 24, refundBp: 10_000 }],
    exchange,
  });
}

const perf = (id: string, eventId: string, hours: number, status = 'scheduled'): Performance =>
  ({ id, eventId, startsAt: at(hours), status }) as Performance;

function old(
  p: ReturnType<typeof policy>,
  performance: Performance,
  status = 'valid',
): ExchangeOld {
  return {
    ticket: { ticketId: 't1', eventId: performance.eventId, policy: p } as never,
    status: status as ExchangeOld['status'],
    performance,
  };
}

const ALL = [
  perf('a-1', 'a', 72),
  perf('a-2', 'a', 240),
  perf('a-gone', 'a', -2),
  perf('a-cancelled', 'a', 100, 'cancelled'),
  perf('b-1', 'b', 48),
];

describe('exchangeTargets', () => {
  it('same event only: the event’s later scheduled performances, soonest first', () => {
    const p = policy({
      allowed: true,
      untilHoursBefore: 24,
      sameEventOnly: true,
      downgrade: 'voucher',
    });
    const r = exchangeTargets([old(p, perf('a-0', 'a', 50))], ALL, NOW);
    expect(r.refusal).toBeNull();
    expect(r.allowed.map((x) => x.id)).toEqual(['a-1', 'a-2']);
  });

  it('any event when the policy allows it', () => {
    const p = policy({
      allowed: true,
      untilHoursBefore: 2,
      sameEventOnly: false,
      downgrade: 'refund',
    });
    const r = exchangeTargets([old(p, perf('a-0', 'a', 50))], ALL, NOW);
    expect(r.allowed.map((x) => x.id)).toEqual(['b-1', 'a-1', 'a-2']);
  });

  it('says why when nothing is allowed: policy, ticket, too late', () => {
    const no = policy({
      allowed: false,
      untilHoursBefore: 0,
      sameEventOnly: true,
      downgrade: 'not_allowed',
    });
    expect(exchangeTargets([old(no, perf('a-0', 'a', 50))], ALL, NOW)).toMatchObject({
      refusal: { why: 'policy' },
      allowed: [],
    });
    const p = policy({
      allowed: true,
      untilHoursBefore: 24,
      sameEventOnly: true,
      downgrade: 'voucher',
    });
    expect(exchangeTargets([old(p, perf('a-0', 'a', 50), 'used')], ALL, NOW).refusal?.why).toBe(
      'ticket_status',
    );
    expect(exchangeTargets([old(p, perf('a-0', 'a', 10))], ALL, NOW).refusal).toMatchObject({
      why: 'closed',
      params: { hours: 24 },
    });
  });
});

describe('checkDrawerAmount', () => {
  it('takes a drawer’s worth and refuses a trillion, naming the field and the bound', () => {
    expect(drawerAmountMax('UAH')).toEqual(money(100_000_000, 'UAH'));
    expect(checkDrawerAmount('float', money(100_000_000, 'UAH')).ok).toBe(true);
    const r = checkDrawerAmount('float', money(100_000_000_000_000, 'UAH'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/^The float is more than/);
    expect(r.error.details).toEqual({ field: 'float', max: money(100_000_000, 'UAH') });
  });
});
