export * from './ids';
export * from './card';
export * from './tenders';
export * from './cash-limit';
export * from './payouts';
export * from './records';
export * from './receipt-number';
export * from './order-view';
