import { useEffect, useState } from 'react';
import { printerSettingsBinding } from '../../../shared/commands/approval';
import type { Actor } from '../../../shared/commands';
import type { ListedDevice } from '../../../shared/ipc/printer';
import type { ApprovalToken } from '../../app/approval-service';
import {
  DEFAULT_PRINTER_FORM,
  deviceChoice,
  listedPrinterDevices,
  printerConfigFrom,
  printTestPage,
  savePrinterSettings,
  type PrinterSettingsForm,
} from '../../app/printer-settings';
import type { PrinterConfig } from '../../../shared/ipc/printer';
import { useContractClient } from '../../transport/client-context';
import { ErrorBanner, type ShownError } from '../error-banner';
import { useTill } from '../till-context';
import { useText } from '../use-text';
import { useApproval } from './use-approval';
import { useOnce } from './use-once';

/**
 * The manager's printer settings (issue 8 item 1), in place of editing JSON files: a device
 * main lists or a network printer, the profile, paper width, code page and Chinese, and a test
 * page. Saving asks a manager's PIN; main redeems that approval and records the change.
 */
export function PrinterSettings({ actor }: { readonly actor: Actor }) {
  const till = useTill();
  const client = useContractClient();
  const text = useText();
  const once = useOnce();
  const approval = useApproval(once);
  const [devices, setDevices] = useState<ListedDevice[]>([]);
  const [form, setForm] = useState<PrinterSettingsForm>(DEFAULT_PRINTER_FORM);
  const [error, setError] = useState<ShownError | null>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void listedPrinterDevices(client).then((d) => live && setDevices(d));
    return () => {
      live = false;
    };
  }, [client]);

  const set = <K extends keyof PrinterSettingsForm>(key: K, value: PrinterSettingsForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const save = async (config: PrinterConfig, granted: ApprovalToken): Promise<void> => {
    const r = await savePrinterSettings(client, config, granted, actor.staffId);
    if (!r.ok) {
      // A device main refused gets its own sentence; other refusals are the shared ones.
      const refusedDevice = r.error.code === 'invalid_argument';
      setNote(null);
      return setError(
        refusedDevice ? { code: 'ui', message: text('ui.printer.deviceRefused') } : r.error,
      );
    }
    setError(null);
    setNote(text(r.value.configured ? 'ui.printer.saved' : 'ui.printer.savedNone'));
  };

  const submit = () =>
    once(() => {
      const config = printerConfigFrom(form);
      if (config === null) {
        setError({ code: 'ui', message: text('ui.printer.hostNeeded') });
        return Promise.resolve();
      }
      setError(null);
      approval.ask({
        binding: printerSettingsBinding(till.terminalId, actor.staffId),
        why: text('ui.printer.approval'),
        retry: (granted) => save(config, granted),
      });
      return Promise.resolve();
    });

  const testPage = () =>
    once(async () => {
      setNote(text('ui.shift.printing'));
      const outcome = await printTestPage(client, text('ui.printer.testPageHeading'));
      setNote(
        outcome.state === 'printed'
          ? text('ui.printer.testPrinted')
          : outcome.state === 'queued'
            ? text('ui.printer.testQueued')
            : text('ui.shift.printFailed', { why: outcome.message ?? '' }),
      );
    });

  return (
    <section className="printer-settings" aria-labelledby="printer-settings-title">
      <h3 id="printer-settings-title">{text('ui.printer.title')}</h3>
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {note !== null ? <p role="status">{note}</p> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          {text('ui.printer.device')}
          <select
            value={form.device}
            onChange={(e) => set('device', e.target.value as PrinterSettingsForm['device'])}
          >
            <option value="net">{text('ui.printer.network')}</option>
            {devices.map((d) => (
              <option key={deviceChoice(d)} value={deviceChoice(d)}>
                {d.label === '' ? d.path : `${d.path} (${d.label})`}
              </option>
            ))}
            <option value="none">{text('ui.printer.noPrinter')}</option>
          </select>
        </label>
        {form.device === 'net' ? (
          <>
            <label>
              {text('ui.printer.host')}
              <input value={form.host} onChange={(e) => set('host', e.target.value)} />
            </label>
            <label>
              {text('ui.printer.port')}
              <input
                inputMode="numeric"
                value={form.port}
                onChange={(e) => set('port', e.target.value)}
              />
            </label>
          </>
        ) : null}
        <label>
          {text('ui.printer.profile')}
          <select
            value={form.driver}
            onChange={(e) => set('driver', e.target.value === 'star' ? 'star' : 'epson')}
          >
            <option value="epson">Epson</option>
            <option value="star">Star</option>
          </select>
        </label>
        <label>
          {text('ui.printer.width')}
          <select
            value={form.width}
            onChange={(e) => set('width', e.target.value === '58' ? 58 : 80)}
          >
            <option value="80">{text('ui.printer.width80')}</option>
            <option value="58">{text('ui.printer.width58')}</option>
          </select>
        </label>
        <label>
          {text('ui.printer.codePage')}
          <select
            value={form.cyrillic}
            onChange={(e) => set('cyrillic', e.target.value as PrinterSettingsForm['cyrillic'])}
          >
            <option value="wpc1251">Windows-1251</option>
            <option value="cp1125">CP1125</option>
            <option value="none">{text('ui.printer.codePageNone')}</option>
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={form.chinese}
            onChange={(e) => set('chinese', e.target.checked)}
          />
          {text('ui.printer.chinese')}
        </label>
        <button type="submit" className="primary">
          {text('ui.printer.save')}
        </button>
        <button type="button" onClick={() => void testPage()}>
          {text('ui.printer.testPage')}
        </button>
      </form>
      {approval.dialog}
    </section>
  );
}
