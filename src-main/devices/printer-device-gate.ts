import type { PrinterConfig } from '../../shared/ipc/printer';
import { ok, type Result } from '../../shared/util/result';
import type { Logger } from '../services/logger';
import { checkPrinterTransport, type DeviceCatalog } from './device-catalog';

export interface DeviceChange {
  readonly from: PrinterConfig | null;
  readonly to: PrinterConfig;
  readonly caller: string;
}

/**
 * Who may change the printer. Today any caller with a session may (the settings screen is a
 * manager's); item 5 of issue 8 plugs the manager's one-time approval token in here.
 */
export type DeviceChangeApproval = (
  change: DeviceChange,
) => Promise<Result<void, 'forbidden' | 'unauthorized'>>;

export const approveAnyChange: DeviceChangeApproval = () => Promise.resolve(ok(undefined));

/** Where a printer config points, for the log (never the whole config). */
export function describeTransport(config: PrinterConfig | null): string {
  const t = config?.transport;
  if (!t || t.kind === 'none') return 'none';
  return t.kind === 'tcp' ? `tcp ${t.host}:${t.port}` : `${t.kind} ${t.path}`;
}

/** The one place a printer config passes before main prints to where it points. */
export interface PrinterDeviceGate {
  /**
   * A config read from disk or from the terminal settings (which the page may edit) prints
   * only to a device the catalog could list; otherwise it comes back without a printer.
   */
  admitSaved(next: PrinterConfig, from: string): Promise<PrinterConfig>;
  /** A change asked for over the contract: a listed device, approved; the refusal is logged. */
  admitChange(
    change: DeviceChange,
  ): Promise<Result<void, 'invalid_argument' | 'forbidden' | 'unauthorized'>>;
  /** Records a change that was applied. */
  logChange(change: DeviceChange): void;
}

export function createPrinterDeviceGate(deps: {
  readonly devices: DeviceCatalog;
  readonly logger: Logger;
  readonly approve: DeviceChangeApproval;
}): PrinterDeviceGate {
  const { devices, logger } = deps;
  return {
    async admitSaved(next, from) {
      const allowed = await checkPrinterTransport(next.transport, devices, 'could_be_listed');
      if (allowed.ok) return next;
      logger.warn(`Printer device refused in ${from}: ${allowed.error.message}`);
      return { ...next, transport: { kind: 'none' } };
    },
    async admitChange(change) {
      const allowed = await checkPrinterTransport(change.to.transport, devices, 'listed_now');
      if (!allowed.ok) {
        logger.warn('printer.configure refused', {
          caller: change.caller,
          to: describeTransport(change.to),
          reason: allowed.error.message,
        });
        return allowed;
      }
      const approved = await deps.approve(change);
      if (!approved.ok) {
        logger.warn('printer.configure not approved', {
          caller: change.caller,
          reason: approved.error.message,
        });
      }
      return approved;
    },
    logChange(change) {
      logger.info('printer device changed', {
        caller: change.caller,
        from: describeTransport(change.from),
        to: describeTransport(change.to),
      });
    },
  };
}
