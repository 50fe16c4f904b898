export * from './slip-source';
export { saleReceiptViewOf, seatLabel } from './sale-receipt-view';
export { refundVoucherViewOf } from './refund-voucher-view';
export { exchangeReceiptViewOf } from './exchange-receipt-view';
export { ticketViewOf } from './ticket-view';
