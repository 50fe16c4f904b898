import { printerSettingsBinding, type ApprovalBinding } from '../../shared/commands/approval';
import type { Role } from '../../shared/catalog/roles';
import type { PrinterConfig } from '../../shared/ipc/printer';
import { err, ok, type Result } from '../../shared/util/result';
import type { Logger } from '../services/logger';
import type { ApprovalTokens } from '../staff/approval-tokens';
import { appendDeviceChange } from './device-change-log';
import { checkPrinterTransport, type DeviceCatalog } from './device-catalog';

export interface DeviceChange {
  readonly from: PrinterConfig | null;
  readonly to: PrinterConfig;
  readonly caller: string;
  /** what the page hands over: main's token and who asked; main redeems it itself */
  readonly approval: { readonly token: string; readonly requestedBy: string };
}

/** The manager main checked, and the token id it redeemed, for the device-change log. */
export interface DeviceChangeApprover {
  readonly staffId: string;
  readonly role: Role;
  readonly tokenId: string;
}

/** Who may change the printer: main's answer, never the page's. */
export type DeviceChangeApproval = (
  change: DeviceChange,
) => Promise<Result<DeviceChangeApprover, 'forbidden' | 'approval_invalid'>>;

/** Without approvals wired in, no change passes (the safe default). */
export const refuseEveryChange: DeviceChangeApproval = () =>
  Promise.resolve(
    err('forbidden', "Printer settings need a manager's approval, and this till cannot check one."),
  );

/** Redeems a device change's token for one binding: main's answer of who approved it. */
export type DeviceApproval = (
  approval: DeviceChange['approval'],
) => Promise<Result<DeviceChangeApprover, 'forbidden' | 'approval_invalid'>>;

/**
 * A manager's one-time token, redeemed by main for the device's settings action on this
 * terminal (`printer_settings` unless told otherwise), asked by the person the page names: a
 * token for anything else, made up, reused or expired is refused (and spent).
 */
export function managerDeviceApproval(
  tokens: Pick<ApprovalTokens, 'redeem'>,
  terminalId: () => string,
  bindingFor: (terminalId: string, requestedBy: string) => ApprovalBinding,
): DeviceApproval {
  return async (approval) => {
    const binding = bindingFor(terminalId(), approval.requestedBy);
    const redeemed = await tokens.redeem(approval.token, binding);
    if (!redeemed.ok) return redeemed;
    const { staffId, role, tokenId } = redeemed.value;
    return ok({ staffId, role, tokenId });
  };
}

/** The printer's approval: a manager's token for `printer_settings` on this terminal. */
export function managerApproval(
  tokens: Pick<ApprovalTokens, 'redeem'>,
  terminalId: () => string,
): DeviceChangeApproval {
  const approve = managerDeviceApproval(tokens, terminalId, printerSettingsBinding);
  return (change) => approve(change.approval);
}

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
  /**
   * A change asked for over the contract: a listed device, approved by a manager through
   * main's token; the refusal is logged. The answer names the approver.
   */
  admitChange(
    change: DeviceChange,
  ): Promise<Result<DeviceChangeApprover, 'invalid_argument' | 'forbidden' | 'approval_invalid'>>;
  /** Records an admitted change in main's device-change log (fsynced) before it applies. */
  recordChange(change: DeviceChange, approver: DeviceChangeApprover, at: Date): Promise<void>;
}

export function createPrinterDeviceGate(deps: {
  readonly dataDir: string;
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
          requestedBy: change.approval.requestedBy,
          reason: approved.error.message,
        });
      }
      return approved;
    },
    async recordChange(change, approver, at) {
      await appendDeviceChange(deps.dataDir, {
        at: at.toISOString(),
        device: 'printer',
        caller: change.caller,
        requestedBy: change.approval.requestedBy,
        approvedBy: { staffId: approver.staffId, role: approver.role },
        tokenId: approver.tokenId,
        from: change.from,
        to: change.to,
      });
      logger.info('printer device changed', {
        caller: change.caller,
        approvedBy: approver.staffId,
        from: describeTransport(change.from),
        to: describeTransport(change.to),
      });
    },
  };
}
