export * from './catalog-fingerprint';
export * from './key-ring';
export * from './signing-key';
export * from './ticket-code';
export * from './ticket-payload';
export * from './verify-ticket';
export * from './presigned-codes';
