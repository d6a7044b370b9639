export * from './data-source';
export * from './migrations';
export * from './entities';
export * from './repositories';
export * from './seed/demo-seed';
export * from './passwords';
export * from './schema-check';
export * from './files/file-store';
