const DAY_MS = 86_400_000;

/**
 * When a request must be answered: `businessDays` working days (Monday–Friday, UTC; public
 * holidays are not known to the server yet) after it arrived, at the same time of day.
 */
export function answerDueAt(fromMs: number, businessDays: number): Date {
  let t = fromMs;
  let left = businessDays;
  while (left > 0) {
    t += DAY_MS;
    const day = new Date(t).getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  return new Date(t);
}
