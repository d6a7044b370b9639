// `node dist/libs/persistence/src/cli.js run|revert|check|seed` — used by scripts/migrate.mjs and by
// the production image (DATABASE_URL from the environment).
import 'reflect-metadata';
import { DatabaseEnv, EnvError, loadEnv } from '#config';
import { createDataSource } from './data-source';
import { seedDemo } from './seed/demo-seed';
import { pendingSchemaChanges } from './schema-check';

async function main(command: string | undefined): Promise<number> {
  const dataSource = createDataSource(loadEnv(DatabaseEnv));
  await dataSource.initialize();
  try {
    switch (command) {
      case 'run': {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        console.log(applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'database is up to date');
        return 0;
      }
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        return 0;
      case 'check': {
        const pending = await pendingSchemaChanges(dataSource);
        if (pending.length === 0) return 0;
        console.error(`entities and migrations disagree; a new migration would run:\n${pending.join('\n')}`);
        return 1;
      }
      case 'seed':
        await seedDemo(dataSource);
        console.log('demo data seeded');
        return 0;
      default:
        console.error('usage: cli.js run|revert|check|seed');
        return 2;
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  },
);
