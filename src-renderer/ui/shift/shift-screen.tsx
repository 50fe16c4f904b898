import { useRef, useState } from 'react';
import type { Actor } from '../../../shared/commands';
import type { Money } from '../../../shared/money';
import type { ShiftReport } from '../../../shared/shift/report';
import type { SlipColumns } from '../../../shared/slips';
import { approvalAskedFor, type ApprovalToken } from '../../app/approval-service';
import { printerColumns, type PrintOutcome } from '../../app/print-service';
import { currentXReport, endShift, startShift, switchTrainingMode } from '../../app/shift-service';
import {
  printShiftReport,
  printShiftReportCopy,
  shiftReportDocument,
  signedJournalHead,
  type JournalCode,
} from '../../app/shift-print';
import { useLocale, type MessageKey } from '../../i18n';
import { drawerAmount, drawerRefusal } from './drawer-amount';
import './shift.css';
import { useContractClient } from '../../transport/client-context';
import type { ShownError } from '../error-banner';
import { ErrorBanner } from '../error-banner';
import { useTill, useTillVersion } from '../till-context';
import { useText } from '../use-text';
import { CashMovements } from './cash-movements';
import { PrinterSettings } from './printer-settings';
import { RecordsCheck } from './records-check';
import { SlipPreviewBox } from './slip-preview-box';
import { useApproval } from './use-approval';
import { useOnce } from './use-once';

interface Shown {
  readonly report: ShiftReport;
  /** the configured printer's width when the report was made, so screen and paper agree */
  readonly columns: SlipColumns;
  /** a Z's signed journal head, shown as it prints */
  readonly journalCode: JournalCode | null;
}

interface PrintNote {
  readonly text: string;
  /** queued or failed: the manager has to know; printed: a quiet status */
  readonly attention: boolean;
}

type ShiftTask = 'movement' | 'noSale' | 'close';

function zLabel(report: ShiftReport): string {
  return report.zNumber === null ? '—' : String(report.zNumber).padStart(4, '0');
}

/**
 * Open with a float; X report any time (on screen and printed); cash movements and no-sale;
 * close with a blind count → Z report, committed first and then printed. The report on screen
 * is the printed slip's own lines, in the till's language and for the printer's paper width.
 */
export function ShiftScreen({ actor }: { readonly actor: Actor }) {
  const till = useTill();
  useTillVersion();
  const client = useContractClient();
  const { locale } = useLocale();
  const text = useText();
  const currency = till.settings.currency;
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ShownError | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [printNote, setPrintNote] = useState<PrintNote | null>(null);
  const once = useOnce();
  // The training switch has its own guard: it appears as soon as the shift is closed, while the
  // Z may still be printing, and a click then must not be swallowed by the print's guard.
  const onceTraining = useOnce();
  const approval = useApproval(once);
  // The training switch's approval runs under the switch's own guard too: the Z may still be
  // printing (or main signing its head) when the supervisor enters the PIN, and the print's
  // guard would swallow that submit.
  const trainingApproval = useApproval(onceTraining);
  const shift = till.state().shift;
  const [task, setTask] = useState<ShiftTask>('movement');
  // The blind count is given once: the first count the till takes to the close is kept (per
  // shift, across a reload) and cannot be typed again, so "does not match" can never be used
  // to home in on the expected cash. Only the note (and a supervisor) can follow it.
  const countKey = shift ? `box-office:blind-count:${shift.shiftId}` : null;
  const [lockedCount, setLockedCount] = useState<string | null>(() =>
    countKey === null ? null : localStorage.getItem(countKey),
  );
  const noteInput = useRef<HTMLInputElement>(null);

  const show = async (report: ShiftReport, journalCode: JournalCode | null = null) => {
    setShown({ report, columns: await printerColumns(client), journalCode });
  };

  const tell = (outcome: PrintOutcome, printed: string, queued: string) => {
    if (outcome.state === 'printed') setPrintNote({ text: printed, attention: false });
    else if (outcome.state === 'queued') setPrintNote({ text: queued, attention: true });
    else
      setPrintNote({
        text: text('ui.shift.printFailed', { why: outcome.message ?? '' }),
        attention: true,
      });
  };

  const open = () =>
    once(async () => {
      const float = drawerAmount(text, amount, 'float', currency, { allowZero: true });
      if (!float.ok) return setError({ code: 'ui', message: float.error.message });
      const r = await startShift(till, actor, float.value);
      if (!r.ok) return setError(drawerRefusal(text, r.error));
      setError(null);
      setAmount('');
      // A new shift starts at the drawer movements; the close (blind count) is chosen last.
      setTask('movement');
      setShown(null);
      setPrintNote(null);
    });

  const x = (print: boolean) =>
    once(async () => {
      const r = await currentXReport(till);
      if (!r.ok) return setError(r.error);
      setError(null);
      setPrintNote(null);
      await show(r.value);
      if (!print) return;
      setPrintNote({ text: text('ui.shift.printing'), attention: false });
      tell(
        await printShiftReport(client, till, r.value, locale),
        text('ui.shift.xPrinted'),
        text('ui.shift.xQueued'),
      );
    });

  const close = () =>
    once(async () => {
      const typed = lockedCount ?? amount;
      const counted = drawerAmount(text, typed, 'counted', currency, { allowZero: true });
      if (!counted.ok) return setError({ code: 'ui', message: counted.error.message });
      if (lockedCount === null && countKey !== null) {
        localStorage.setItem(countKey, typed);
        setLockedCount(typed);
      }
      const trimmed = note.trim();
      await finish(counted.value, trimmed === '' ? undefined : trimmed);
    });

  /** Closes and prints the Z; a close over/short beyond the cashier's say asks a supervisor. */
  const finish = async (
    counted: Money,
    why: string | undefined,
    granted?: ApprovalToken,
  ): Promise<void> => {
    const r = await endShift(till, actor, counted, why, granted);
    if (!r.ok) {
      const binding = granted === undefined ? approvalAskedFor(r.error) : null;
      if (binding === null) {
        // Over or short with no note: say which field and what to write — never the amount,
        // the count is blind until the shift is closed.
        const d = r.error.details as { field?: string } | undefined;
        if (r.error.code === 'invalid_argument' && d?.field === 'note') {
          noteInput.current?.focus();
          return setError({ code: 'ui', message: text('ui.shift.noteNeeded') });
        }
        return setError(drawerRefusal(text, r.error));
      }
      const message = text('ui.shift.closeApprovalNeeded');
      setError({ code: 'ui', message });
      return approval.ask({
        binding,
        why: message,
        retry: (a) => finish(counted, why, a),
      });
    }
    // The shift is closed and its Z is in the journal; from here only the paper can fail.
    if (countKey !== null) localStorage.removeItem(countKey);
    setLockedCount(null);
    setError(null);
    setAmount('');
    setNote('');
    const journalCode = await signedJournalHead(client);
    await show(r.value, journalCode);
    const z = zLabel(r.value);
    setPrintNote({ text: text('ui.shift.printing'), attention: false });
    tell(
      await printShiftReport(client, till, r.value, locale, journalCode),
      text('ui.shift.zPrinted', { z }),
      text('ui.shift.zQueued', { z }),
    );
  };

  /**
   * Training mode on or off, between shifts only (the switch is shown only then); the domain
   * asks a supervisor, whose approval is journalled with the switch.
   */
  const train = async (enabled: boolean, granted?: ApprovalToken): Promise<void> => {
    const r = await switchTrainingMode(till, actor, enabled, granted);
    if (!r.ok) {
      const binding = granted === undefined ? approvalAskedFor(r.error) : null;
      if (binding === null) return setError(r.error);
      const message = text('shift.training.approval');
      setError(null);
      return trainingApproval.ask({ binding, why: message, retry: (a) => train(enabled, a) });
    }
    setError(null);
    setPrintNote({
      text: text(enabled ? 'shift.training.switchedOn' : 'shift.training.switchedOff'),
      attention: false,
    });
  };

  const copy = (report: ShiftReport) =>
    once(async () => {
      setPrintNote({ text: text('ui.shift.printing'), attention: false });
      tell(
        await printShiftReportCopy(client, till, report, locale),
        text('ui.shift.copyPrinted'),
        text('ui.shift.copyQueued'),
      );
    });

  /** An X on screen follows the drawer: after a movement it is computed again. */
  const refreshX = () => {
    if (shown?.report.kind !== 'X') return;
    void currentXReport(till).then((r) => (r.ok ? show(r.value) : undefined));
  };

  const report = shown ? (
    <>
      <SlipPreviewBox
        label={text('ui.shift.report')}
        document={shiftReportDocument(till, shown.report, locale, shown.columns, shown.journalCode)}
      />
      {shown.report.kind === 'Z' ? (
        <button type="button" onClick={() => void copy(shown.report)}>
          {text('ui.shift.printCopy')}
        </button>
      ) : null}
    </>
  ) : null;

  // Blind count: while the count is being entered, no X report (it shows the expected cash)
  // is on screen; the Z shows it once the close is confirmed.
  const blind = shift !== null && task === 'close';
  const visibleReport = blind && shown?.report.kind === 'X' ? null : report;
  const TASKS: readonly { readonly id: ShiftTask; readonly key: MessageKey }[] = [
    { id: 'movement', key: 'ui.shift.task.movement' },
    { id: 'noSale', key: 'ui.shift.task.noSale' },
    { id: 'close', key: 'ui.shift.task.close' },
  ];

  return (
    <section className="screen shift" aria-labelledby="shift-title">
      <div className="shift-head">
        <h2 id="shift-title">{text('ui.shift.title')}</h2>
        <p role="status">
          {shift
            ? text('status.shift.open', {
                number: shift.shiftId.slice(-6),
                time: new Date(shift.openedAt),
              })
            : text('status.shift.closed')}
        </p>
      </div>
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {printNote !== null ? (
        <p role={printNote.attention ? 'alert' : 'status'} aria-label={text('ui.shift.printNote')}>
          {printNote.text}
        </p>
      ) : null}
      <div className="flow-layout shift-layout">
        <div className="flow-main">
          {shift !== null && !blind ? (
            <div className="shift-reports">
              <button type="button" onClick={() => void x(false)}>
                {text('ui.shift.showX')}
              </button>
              <button type="button" onClick={() => void x(true)}>
                {text('ui.shift.printX')}
              </button>
            </div>
          ) : null}
          {blind ? <p className="flow-hint">{text('ui.shift.blindHint')}</p> : null}
          {/* The report beside the forms: a manager checks it while working the drawer. */}
          <div className="shift-report">{visibleReport}</div>
          {shift === null ? (
            <fieldset className="training-switch">
              <legend>{text('shift.training.title')}</legend>
              <p>{text('shift.training.explain')}</p>
              <label>
                <input
                  type="checkbox"
                  role="switch"
                  checked={till.state().training}
                  onChange={(e) => {
                    const enabled = e.target.checked;
                    void onceTraining(() => train(enabled));
                  }}
                />
                {text('shift.training.switch')}
              </label>
              <p className="training-state" aria-live="polite">
                {text(till.state().training ? 'shift.training.on' : 'shift.training.off')}
              </p>
            </fieldset>
          ) : null}
          {actor.role === 'manager' ? <RecordsCheck /> : null}
          {/* Anyone at the till may open it; saving needs a manager's PIN, which main checks. */}
          <details className="printer-settings-panel">
            <summary>{text('ui.printer.title')}</summary>
            <PrinterSettings actor={actor} />
          </details>
        </div>
        <aside className="flow-side" aria-label={text('ui.flow.side')}>
          {shift === null ? (
            <form
              className="shift-form"
              onSubmit={(e) => {
                e.preventDefault();
                void open();
              }}
            >
              <h3>{text('ui.shift.openTitle')}</h3>
              <label>
                {text('ui.shift.float')}
                <input
                  className="amount-input"
                  inputMode="decimal"
                  autoComplete="off"
                  autoFocus
                  value={amount}
                  onChange={(e) => setAmount(e.target.value)}
                />
              </label>
              <div className="flow-confirm">
                <button type="submit" className="primary">
                  {text('ui.shift.open')}
                </button>
              </div>
            </form>
          ) : (
            <>
              <div className="shift-tasks" role="group" aria-label={text('ui.shift.tasks')}>
                {TASKS.map((t) => (
                  <button
                    key={t.id}
                    type="button"
                    aria-pressed={task === t.id}
                    onClick={() => {
                      setTask(t.id);
                      setAmount('');
                      // Blind count: an X on screen (expected cash) goes when the count starts.
                      if (t.id === 'close' && shown?.report.kind === 'X') setShown(null);
                    }}
                  >
                    {text(t.key)}
                  </button>
                ))}
              </div>
              {task === 'close' ? (
                <form
                  className="shift-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void close();
                  }}
                >
                  <h3>{text('ui.shift.closeTitle')}</h3>
                  <label>
                    {text('ui.shift.counted')}
                    <input
                      className="amount-input"
                      inputMode="decimal"
                      autoComplete="off"
                      autoFocus={lockedCount === null}
                      readOnly={lockedCount !== null}
                      aria-describedby={lockedCount !== null ? 'count-locked' : undefined}
                      value={lockedCount ?? amount}
                      onChange={(e) => setAmount(e.target.value)}
                    />
                  </label>
                  {lockedCount !== null ? (
                    <p id="count-locked" className="flow-hint">
                      {text('ui.shift.countLocked')}
                    </p>
                  ) : null}
                  <label>
                    {text('ui.shift.note')}
                    <input ref={noteInput} value={note} onChange={(e) => setNote(e.target.value)} />
                  </label>
                  <div className="flow-confirm">
                    <button type="submit" className="primary">
                      {text('ui.shift.close')}
                    </button>
                  </div>
                </form>
              ) : (
                <CashMovements actor={actor} mode={task} onCommitted={refreshX} />
              )}
            </>
          )}
        </aside>
      </div>
      {approval.dialog}
      {trainingApproval.dialog}
    </section>
  );
}
