// Every vocabulary's Chinese text, one table a vocabulary, keyed by the code's union type so that a new
// code does not compile without its words; the API, the documents, the flowchart and the web console
// all read them here. Only type imports from the rest of the domain and no Node: the console bundles
// this folder (as @domain/labels, see apps/web/vite.config.mts) without the rest.
export * from './applicants';
export * from './case';
export * from './catalog';
export * from './disclosure';
export * from './label-of';
export * from './roles';
export * from './supervision';
