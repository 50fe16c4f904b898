import type { TenderMethod } from './view-models';

/** The drawer opens for a sale only when cash changed hands; card and voucher sales keep it shut. */
export function saleOpensDrawer(tenderMethods: readonly TenderMethod[]): boolean {
  return tenderMethods.includes('cash');
}
