export * from './ledger';
export * from './lease-ledger';
export * from './invariant';
