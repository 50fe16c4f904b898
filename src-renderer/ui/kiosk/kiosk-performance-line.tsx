import { useTill } from '../till-context';
import { useText } from '../use-text';

/**
 * The chosen performance by name and date, at the top of the quantity, seat and pay screens:
 * a customer who picked the wrong night sees it before paying (issue 15 item 5).
 */
export function KioskPerformanceLine({ performanceId }: { readonly performanceId: string }) {
  const till = useTill();
  const text = useText();
  const performance = till.catalog.performance(performanceId);
  if (performance === undefined) return null;
  const event = till.catalog.event(performance.eventId)?.name ?? performance.eventId;
  return (
    <p className="kiosk-when">
      {text('kiosk.when', { event, date: text.tr.date(performance.startsAt) })}
    </p>
  );
}
