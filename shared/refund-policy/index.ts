export * from './policy-schema';
export * from './reasons';
export * from './evaluate';
