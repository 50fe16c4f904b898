import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { compare } from '../../../shared/money';
import { placesLeftFor } from '../../app/sale-service';
import type { PerformanceRecord } from '../../store';
import { performancesTodayFirst } from '../../store';
import { useTill, useTillVersion } from '../till-context';
import { useText } from '../use-text';

/**
 * Today's performances first, then the coming ones; the search box filters both. Each shows
 * its prices and the seats left. With `autoFocus` the first one on sale takes the focus; ↑ ↓
 * move between them and a letter jumps to the next event starting with it.
 */
export function PerformancePicker({
  onPick,
  exclude,
  autoFocus = false,
}: {
  readonly onPick: (performanceId: string) => void;
  readonly exclude?: string;
  readonly autoFocus?: boolean;
}) {
  const till = useTill();
  // Bumped by every commit, every sync of other tills' sales and a newer catalog: the list
  // (a cancelled performance) and the seats left are read again.
  const version = useTillVersion();
  const text = useText();
  const [search, setSearch] = useState('');
  const [list, setList] = useState<{
    today: readonly PerformanceRecord[];
    upcoming: readonly PerformanceRecord[];
  } | null>(null);

  useEffect(() => {
    let live = true;
    void performancesTodayFirst(till.store.db, {
      now: new Date(till.ports.clock()),
      timeZone: till.catalog.venue.timeZone,
      search,
    }).then((l) => {
      if (live) setList(l);
    });
    return () => {
      live = false;
    };
  }, [till, search, version]);

  // Seats (and GA places) left per performance, as this till sees them.
  const [left, setLeft] = useState<ReadonlyMap<string, number>>(new Map());
  useEffect(() => {
    if (list === null) return;
    let live = true;
    const all = [...list.today, ...list.upcoming].filter((p) => p.status === 'scheduled');
    void Promise.all(all.map(async (p) => [p.id, await placesLeftFor(till, p.id)] as const)).then(
      (pairs) => {
        if (live) setLeft(new Map(pairs));
      },
    );
    return () => {
      live = false;
    };
  }, [till, list]);

  const listRef = useRef<HTMLDivElement>(null);
  const buttons = (): HTMLButtonElement[] =>
    [...(listRef.current?.querySelectorAll<HTMLButtonElement>('li button') ?? [])].filter(
      (b) => !b.disabled,
    );
  const focused = list !== null;
  useEffect(() => {
    if (autoFocus && focused) buttons()[0]?.focus();
  }, [autoFocus, focused]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = buttons();
    const at = all.findIndex((b) => b === document.activeElement);
    if (at < 0) return;
    let next: HTMLButtonElement | undefined;
    if (e.key === 'ArrowDown') next = all[Math.min(all.length - 1, at + 1)];
    else if (e.key === 'ArrowUp') next = all[Math.max(0, at - 1)];
    else if (/^\p{L}$/u.test(e.key)) {
      const key = e.key.toLocaleLowerCase();
      const order = [...all.slice(at + 1), ...all.slice(0, at + 1)];
      next = order.find((b) =>
        (b.querySelector('.event-name')?.textContent ?? '').toLocaleLowerCase().startsWith(key),
      );
    } else return;
    e.preventDefault();
    next?.focus();
  };

  const item = (p: PerformanceRecord) => {
    const event = till.catalog.event(p.eventId)?.name ?? p.eventId;
    const date = text.tr.date(p.startsAt);
    const closed = p.status !== 'scheduled';
    const prices = till.catalog.tiersFor(p.id).map((t) => t.price);
    const low = prices.reduce<(typeof prices)[number] | undefined>(
      (m, x) => (m === undefined || compare(x, m) < 0 ? x : m),
      undefined,
    );
    const seatsLeft = left.get(p.id);
    const facts =
      !closed && low !== undefined
        ? `${text('ui.sell.priceFrom', { price: low })}${
            seatsLeft !== undefined
              ? ` · ${seatsLeft === 0 ? text('sell.soldOut') : text('sell.available', { count: seatsLeft })}`
              : ''
          }`
        : null;
    const badge = closed
      ? text(p.status === 'cancelled' ? 'sell.cancelled' : 'sell.postponed')
      : null;
    // The name starts with what the button does and then reads everything it shows, in order
    // (a speech-input user says what they see: axe's label-content-name-mismatch).
    const name = [text('ui.sell.choose', { event, date }), facts, badge]
      .filter((part) => part !== null)
      .join(' ');
    return (
      <li key={p.id}>
        <button
          type="button"
          disabled={closed || p.id === exclude}
          onClick={() => onPick(p.id)}
          aria-label={name}
        >
          <span className="event-name">{event}</span> <span className="event-date">{date}</span>
          {facts !== null ? (
            <>
              {' '}
              <span className="event-facts">{facts}</span>
            </>
          ) : null}
          {badge !== null ? (
            <>
              {' '}
              <span className="badge">{badge}</span>
            </>
          ) : null}
        </button>
      </li>
    );
  };

  return (
    <section className="performance-picker" aria-labelledby="pick-title">
      <h3 id="pick-title">{text('sell.pickPerformance')}</h3>
      <label>
        {text('sell.search')}
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      <div ref={listRef} onKeyDown={onKeyDown} className="performance-list">
        {list === null ? null : list.today.length + list.upcoming.length === 0 ? (
          <p>
            {search ? text('sell.searchEmpty', { query: search }) : text('ui.sell.noPerformances')}
          </p>
        ) : (
          <>
            {list.today.length > 0 ? (
              <>
                <h4>{text('sell.today')}</h4>
                <ul>{list.today.map(item)}</ul>
              </>
            ) : null}
            {list.upcoming.length > 0 ? (
              <>
                <h4>{text('sell.upcoming')}</h4>
                <ul>{list.upcoming.map(item)}</ul>
              </>
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}
