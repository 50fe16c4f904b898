/**
 * A seat map that has not read the seat states of the performance on screen offers no seat
 * as free: after a reload, or a change of performance, another cart's hold or a sale must not
 * show as "Available" on a guess (the e2e cashier-sell-holds caught the map doing that for a
 * moment). Every seat reads "Checking…" and is disabled until the states arrive.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SeatStates } from '../../src-renderer/app/sale-service';
import { I18nProvider } from '../../src-renderer/i18n';
import { SeatMap } from '../../src-renderer/ui/sell/seat-map';
import { buildDemoCatalog, DEMO_VENUE_TEMPLATE } from '../../shared/catalog/demo-venue';
import { money } from '../../shared/money/money';

const never = { load: () => Promise.resolve(null), save: () => Promise.resolve() };
const catalog = buildDemoCatalog(DEMO_VENUE_TEMPLATE, Date.parse('2026-12-01T10:00:00Z'));
if (!catalog.ok) throw new Error('demo catalog does not build');
const plan = catalog.value.seatingPlans[0]!;

function seats(states: SeatStates | null): { label: string; disabled: string }[] {
  const html = renderToStaticMarkup(
    <I18nProvider
      venue={{ currency: 'UAH', timeZone: 'UTC' }}
      preference={never}
      initialLocale="en"
    >
      <SeatMap
        plan={plan}
        states={states}
        selected={new Set()}
        priceOf={() => money(60000, 'UAH')}
        onToggle={() => undefined}
      />
    </I18nProvider>,
  );
  return [
    ...html.matchAll(
      /role="checkbox" aria-checked="false" aria-disabled="(\w+)" aria-label="([^"]+)"/g,
    ),
  ].map((m) => ({ disabled: m[1]!, label: m[2]! }));
}

describe('seat map before its states are read', () => {
  it('offers no seat while reading, and shows holds once read', () => {
    const reading = seats(null);
    expect(reading.length).toBeGreaterThan(10);
    expect(reading.every((s) => s.disabled === 'true' && s.label.includes(', Checking…'))).toBe(
      true,
    );

    const first = plan.sections[0]!.rows[0]!.seats[0]!.id;
    const read = seats(new Map([[first, 'held']]));
    expect(read.filter((s) => s.label.includes(', Held'))).toHaveLength(1);
    expect(read.filter((s) => s.disabled === 'false').length).toBe(read.length - 1);
  });
});
