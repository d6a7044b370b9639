import { createDataSource, MIGRATIONS, pendingSchemaChanges } from '#persistence';
import { createScratchDatabase, dropScratchDatabase } from '../../../test/test-database';

describe('migrations', () => {
  let url: string;
  beforeAll(async () => {
    url = await createScratchDatabase(process.env.DATABASE_URL!, 'zwt_migrations');
  });
  afterAll(() => dropScratchDatabase(url));

  it('build a schema the entities agree with (migration:generate --check finds nothing)', async () => {
    const dataSource = await createDataSource({ DATABASE_URL: url, DATABASE_POOL_SIZE: 1 }).initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('all revert and apply again', async () => {
    const dataSource = await createDataSource({ DATABASE_URL: url, DATABASE_POOL_SIZE: 1 }).initialize();
    try {
      for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      const tables = await dataSource.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
      );
      expect(tables[0].n).toBe(0);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      expect(applied).toHaveLength(MIGRATIONS.length);
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
