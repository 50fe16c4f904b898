export * from './line-splitter';
export * from './normalise-scan';
export * from './classify-scan';
