export * from './currency';
export * from './money';
export * from './rounding';
export * from './percent';
export * from './allocate';
export * from './tax';
export * from './cash-rounding';
export * from './parse';
