import { useState } from 'react';
import type { Actor } from '../../../shared/commands';
import { parseMoney } from '../../../shared/money';
import type { ShiftReport } from '../../../shared/shift/report';
import { currentXReport, endShift, startShift } from '../../app/shift-service';
import type { ShownError } from '../error-banner';
import { ErrorBanner } from '../error-banner';
import { useTill, useTillVersion } from '../till-context';
import { useText } from '../use-text';

function ReportPreview({ report }: { readonly report: ShiftReport }) {
  const text = useText();
  return (
    <section aria-label={text('ui.shift.report')} className="slip-preview">
      <pre>{JSON.stringify(report, null, 1).slice(0, 4000)}</pre>
    </section>
  );
}

/** Open with a float, X report any time, close with a blind count → Z report. */
export function ShiftScreen({ actor }: { readonly actor: Actor }) {
  const till = useTill();
  useTillVersion();
  const text = useText();
  const currency = till.settings.currency;
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ShownError | null>(null);
  const [report, setReport] = useState<ShiftReport | null>(null);
  const shift = till.state().shift;

  const open = async () => {
    const float = parseMoney(amount === '' ? '0' : amount, currency, { allowZero: true });
    if (!float.ok) return setError(float.error);
    const r = await startShift(till, actor, float.value);
    if (!r.ok) return setError(r.error);
    setError(null);
    setAmount('');
  };
  const x = async () => {
    const r = await currentXReport(till);
    if (!r.ok) return setError(r.error);
    setReport(r.value);
  };
  const close = async () => {
    const counted = parseMoney(amount === '' ? '0' : amount, currency, { allowZero: true });
    if (!counted.ok) return setError(counted.error);
    const r = await endShift(
      till,
      actor,
      counted.value,
      note.trim() === '' ? undefined : note.trim(),
    );
    if (!r.ok) return setError(r.error);
    setError(null);
    setReport(r.value);
    setAmount('');
    setNote('');
  };

  return (
    <section className="screen shift" aria-labelledby="shift-title">
      <h2 id="shift-title">{text('ui.shift.title')}</h2>
      <p role="status">
        {shift
          ? text('status.shift.open', {
              number: shift.shiftId.slice(-6),
              time: new Date(shift.openedAt),
            })
          : text('status.shift.closed')}
      </p>
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {shift === null ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void open();
          }}
        >
          <h3>{text('ui.shift.openTitle')}</h3>
          <label>
            {text('ui.shift.float')}
            <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </label>
          <button type="submit" className="primary">
            {text('ui.shift.open')}
          </button>
        </form>
      ) : (
        <>
          <button type="button" onClick={() => void x()}>
            {text('ui.shift.xReport')}
          </button>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void close();
            }}
          >
            <h3>{text('ui.shift.closeTitle')}</h3>
            <label>
              {text('ui.shift.counted')}
              <input
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
              />
            </label>
            <label>
              {text('ui.shift.note')}
              <input value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
            <button type="submit">{text('ui.shift.close')}</button>
          </form>
        </>
      )}
      {report ? <ReportPreview report={report} /> : null}
    </section>
  );
}
