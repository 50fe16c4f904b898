import { useEffect, useState } from 'react';
import type { PerformanceRecord } from '../../store';
import { performancesTodayFirst } from '../../store';
import { useTill } from '../till-context';
import { useText } from '../use-text';

/** Today's performances first, then the coming ones; the search box filters both. */
export function PerformancePicker({
  onPick,
  exclude,
}: {
  readonly onPick: (performanceId: string) => void;
  readonly exclude?: string;
}) {
  const till = useTill();
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
  }, [till, search]);

  const item = (p: PerformanceRecord) => {
    const event = till.catalog.event(p.eventId)?.name ?? p.eventId;
    const date = text.tr.date(p.startsAt);
    const closed = p.status !== 'scheduled';
    return (
      <li key={p.id}>
        <button
          type="button"
          disabled={closed || p.id === exclude}
          onClick={() => onPick(p.id)}
          aria-label={text('ui.sell.choose', { event, date })}
        >
          <span className="event-name">{event}</span> <span className="event-date">{date}</span>
          {closed ? (
            <span className="badge">
              {text(p.status === 'cancelled' ? 'sell.cancelled' : 'sell.postponed')}
            </span>
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
    </section>
  );
}
