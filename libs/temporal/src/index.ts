export * from './connection';
export * from './search-attributes';
export * from './task-queues';
export * from './messages';
export * from './catalog-messages';
export * from './case-messages';
export * from './disclosure-messages';
