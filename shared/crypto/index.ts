export * from './base45';
export * from './bytes';
export * from './canonical-json';
export * from './ed25519';
export * from './sha256';
