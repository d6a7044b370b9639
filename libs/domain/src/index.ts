export * from './errors';
export * from './roles';
export * from './org-scope';
export * from './catalog/item-code';
export * from './catalog/discretion';
export * from './search/cjk-terms';
export * from './catalog/item-draft';
