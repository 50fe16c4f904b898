export * from './ledger';
export * from './lease-ledger';
export * from './invariant';
export * from './till-sale';
