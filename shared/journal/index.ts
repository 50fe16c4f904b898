export * from './chain';
export * from './entry-types';
export * from './entry-schema';
