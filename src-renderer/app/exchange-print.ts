import type { ContractClient } from '../../shared/ipc/client';
import type { ExchangePayload, SalePayload } from '../../shared/journal/entry-types';
import type { Locale } from '../i18n';
import {
  exchangeReceiptDocument,
  printCreditVouchers,
  printDocument,
  slipStaffNames,
  ticketDocument,
  type PrintOutcome,
} from './print-service';
import type { Till } from './till';

/**
 * What an exchange prints, at a window or a kiosk: the receipt first (old tickets void, new
 * ones, difference, fee, tenders, change), then one slip per new ticket, then a credit voucher
 * when a cheaper seat was paid back on one. The job ids make a retry a reprint, not a second
 * slip. The sale goes with the exchange: its receipt number and seats are on the receipt.
 */
export async function printExchangeSlips(
  client: ContractClient,
  till: Till,
  payload: ExchangePayload,
  sale: SalePayload,
  locale: Locale,
): Promise<PrintOutcome> {
  // The kiosk by name in the slip's language, as on its sale receipts and refund slips.
  const names = await slipStaffNames(till, locale);
  const receipt = await printDocument(client, `exchange-${payload.exchangeId}-receipt`, (columns) =>
    exchangeReceiptDocument(till, payload, sale, locale, columns, names),
  );
  if (receipt.state === 'failed')
    return { state: 'failed', message: receipt.message ?? 'The exchange receipt did not print.' };
  let queued = receipt.state === 'queued';
  for (const [i, ticket] of payload.issued.entries()) {
    const printed = await printDocument(
      client,
      `exchange-${payload.exchangeId}-${i + 1}`,
      (columns) => ticketDocument(till, ticket, locale, columns),
    );
    if (printed.state === 'failed')
      return { state: 'failed', message: printed.message ?? 'The new tickets did not print.' };
    if (printed.state === 'queued') queued = true;
  }
  const vouchers = await printCreditVouchers(client, till, payload.payouts, locale);
  if (vouchers.state === 'failed')
    return { state: 'failed', message: vouchers.message ?? 'The credit voucher did not print.' };
  if (vouchers.state === 'queued') queued = true;
  return { state: queued ? 'queued' : 'printed' };
}
