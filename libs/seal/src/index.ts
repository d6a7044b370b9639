export * from './document-seal';
export * from './sm2-seal';
export * from './key-wrap';
