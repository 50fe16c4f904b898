export * from './price-ticket';
export * from './purchase-limits';
