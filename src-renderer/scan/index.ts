// What the rest of the page uses of scan/: the ticket scanner, its verdict, the two lookups.
export { createTicketScanner, type TicketScanner } from './ticket-scanner';
export {
  TICKET_SCAN_VERDICT_CODES,
  isUntrustedCode,
  type ScannedOrder,
  type ScannedTicket,
  type TicketScanVerdict,
  type TicketScanVerdictCode,
} from './scan-verdict';
export { lookupScannedTicket } from './ticket-lookup';
export { lookupScannedReceipt } from './receipt-lookup';
export { loadTerminalKeyRing, OWN_SIGNING_KEY_SETTING } from './terminal-key-ring';
