export * from './report';
export * from './report-view';
export * from './tally';
