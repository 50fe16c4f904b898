export * from './roles';
export * from './schemas';
export * from './price-rules';
export * from './catalog';
