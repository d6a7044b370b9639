export * from './orgs.repository';
export * from './pings.repository';
export * from './users.repository';
export * from './catalog.repository';
export * from './case-alarms.repository';
export * from './calendar.repository';
export * from './flows.repository';
export * from './cases.repository';
