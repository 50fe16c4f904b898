export { createTicketScanner, type TicketScanner, type TicketScannerDeps } from './ticket-scanner';
export {
  TICKET_SCAN_VERDICT_CODES,
  isUntrustedCode,
  type OrderReceipt,
  type ScannedOrder,
  type ScannedTicket,
  type TicketScanParams,
  type TicketScanVerdict,
  type TicketScanVerdictCode,
} from './scan-verdict';
export { lookupScannedTicket } from './ticket-lookup';
export { lookupScannedReceipt } from './receipt-lookup';
export { createCatalogResolver, type CatalogPlace, type CatalogResolver } from './catalog-resolver';
export {
  loadTerminalKeyRing,
  OWN_SIGNING_KEY_SETTING,
  TRUSTED_KEYS_SETTING,
} from './terminal-key-ring';
