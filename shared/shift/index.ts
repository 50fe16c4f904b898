export * from './report';
export * from './report-view';
