export * from './cash-code';
export * from './cash-code-payload';
export * from './cash-code-reason';
export * from './verify-cash-code';
