export * from './orgs.repository';
export * from './pings.repository';
export * from './users.repository';
export * from './catalog.repository';
