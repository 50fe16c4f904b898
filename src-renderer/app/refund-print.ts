import type { ContractClient } from '../../shared/ipc/client';
import type { RefundPayload } from '../../shared/journal/entry-types';
import type { TicketRecord } from '../../shared/orders/records';
import type { Locale } from '../i18n';
import {
  printCreditVouchers,
  printDocument,
  refundVoucherDocument,
  slipStaffNames,
  type PrintOutcome,
} from './print-service';
import type { Till } from './till';

/** A committed refund with what its slip names: the original receipt and the order's seats. */
export interface RefundToPrint {
  readonly payload: RefundPayload;
  readonly originalReceiptNo: number;
  /** the order's tickets: the refund slip names the refunded seats */
  readonly saleTickets: readonly TicketRecord[];
}

/**
 * The slips of a committed refund, whoever gave it (the cashier's refund screen, the kiosk):
 * the refund slip, then any credit voucher it paid out — the customer takes the voucher
 * itself away too. The refund id names the job, so a retry never prints a second slip.
 */
export async function printRefundSlips(
  client: ContractClient,
  till: Till,
  refund: RefundToPrint,
  locale: Locale,
): Promise<PrintOutcome> {
  const names = await slipStaffNames(till, locale);
  const printed = await printDocument(client, `refund-${refund.payload.refundId}`, (columns) =>
    refundVoucherDocument(
      till,
      refund.payload,
      refund.originalReceiptNo,
      locale,
      columns,
      names,
      refund.saleTickets,
    ),
  );
  if (printed.state === 'failed') {
    return { state: 'failed', message: printed.message ?? 'The refund slip did not print.' };
  }
  const vouchers = await printCreditVouchers(client, till, refund.payload.payouts, locale);
  if (vouchers.state === 'failed') {
    return { state: 'failed', message: vouchers.message ?? 'The credit voucher did not print.' };
  }
  return {
    state: printed.state === 'queued' || vouchers.state === 'queued' ? 'queued' : 'printed',
  };
}
