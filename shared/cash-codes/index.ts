export * from './cash-code';
export * from './cash-code-payload';
export * from './verify-cash-code';
