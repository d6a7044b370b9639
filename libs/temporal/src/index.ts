export * from './connection';
export * from './search-attributes';
export * from './task-queues';
export * from './catalog-messages';
export * from './case-messages';
export * from './case-timeline';
export * from './verification-messages';
export * from './disclosure-messages';
