// `node dist/libs/persistence/src/cli.js run|revert|check|seed|generate <Name>` — used by scripts/migrate.mjs and by
// the production image (DATABASE_URL from the environment).
import 'reflect-metadata';
import { DatabaseEnv, exitOnStartupError, loadEnv } from '#config';
import { createDataSource } from './data-source';
import { seedDemo } from './seed/demo-seed';
import { AuditRepository } from './repositories/audit.repository';
import { pendingSchemaChanges } from './schema-check';
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';

/**
 * Writes libs/persistence/src/migrations/<timestamp>-<Name>.ts from the difference between the
 * migrated database and the entities (what `typeorm migration:generate` does).
 */
async function generate(dataSource: DataSource, name: string | undefined): Promise<number> {
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('usage: npm run migration:generate -- PascalCaseName');
    return 2;
  }
  const sql = await dataSource.driver.createSchemaBuilder().log();
  if (sql.upQueries.length === 0) {
    console.log('entities and migrations agree: nothing to generate');
    return 0;
  }
  const timestamp = Date.now();
  const quote = (q: string) => `    await queryRunner.query(${JSON.stringify(q)});`;
  const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
${sql.upQueries.map((q) => quote(q.query)).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${sql.downQueries.reverse().map((q) => quote(q.query)).join('\n')}
  }
}
`;
  const dir = path.resolve(__dirname, '../../../..', 'libs/persistence/src/migrations');
  const file = path.join(dir, `${timestamp}-${name}.ts`);
  fs.writeFileSync(file, body);
  console.log(`wrote ${path.relative(process.cwd(), file)}; add ${name}${timestamp} to migrations/index.ts`);
  return 0;
}

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
      case 'generate':
        return await generate(dataSource, process.argv[3]);
      case 'verify-audit': {
        const result = await new AuditRepository(dataSource).verify();
        console.log(result.brokenAt ? `audit chain broken at seq ${result.brokenAt} (of ${result.rows} rows)` : `audit chain intact: ${result.rows} rows`);
        return result.brokenAt ? 1 : 0;
      }
      case 'seed':
        await seedDemo(dataSource);
        console.log('demo data seeded');
        return 0;
      default:
        console.error('usage: cli.js run|revert|check|seed|verify-audit|generate <Name>');
        return 2;
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).then((code) => process.exit(code), exitOnStartupError('persistence'));
