import type { DatabaseEnv } from '#config';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The one DataSource definition: migrations only, never synchronize. */
export function dataSourceOptions(env: Pick<DatabaseEnv, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>): DataSourceOptions {
  return {
    type: 'postgres',
    uuidExtension: 'pgcrypto',
    url: env.DATABASE_URL,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: env.DATABASE_POOL_SIZE, connectionTimeoutMillis: 5000 },
  };
}

export function createDataSource(env: Pick<DatabaseEnv, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>): DataSource {
  return new DataSource(dataSourceOptions(env));
}
