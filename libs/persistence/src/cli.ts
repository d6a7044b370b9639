// `node dist/libs/persistence/src/cli.js run|revert|check|seed|generate <Name>|verify-audit [--published <file>]|
// checkpoint-audit|export-audit [<file>]|verify-audit-export <file> [<fingerprint>]` — used by scripts/migrate.mjs and
// by the production image (DATABASE_URL, and AUDIT_HMAC_KEY for the audit commands, from the environment).
import 'reflect-metadata';
import { AuditEnv, DatabaseEnv, exitOnStartupError, loadEnv } from '#config';
import { createDataSource } from './data-source';
import { seedDemo } from './seed/demo-seed';
import { AuditRepository } from './repositories/audit.repository';
import { type CheckpointExport, verifyCheckpointExport } from './audit/audit-chain';
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
${sql.downQueries
  .reverse()
  .map((q) => quote(q.query))
  .join('\n')}
  }
}
`;
  const dir = path.resolve(__dirname, '../../../..', 'libs/persistence/src/migrations');
  const file = path.join(dir, `${timestamp}-${name}.ts`);
  fs.writeFileSync(file, body);
  console.log(`wrote ${path.relative(process.cwd(), file)}; add ${name}${timestamp} to migrations/index.ts`);
  return 0;
}

const AUDIT_COMMANDS = new Set(['verify-audit', 'checkpoint-audit', 'export-audit']);

function readExport(file: string): CheckpointExport {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as CheckpointExport;
}

async function main(command: string | undefined): Promise<number> {
  if (command === 'verify-audit-export') {
    // Needs neither the database nor a secret: what anyone holding the published file can check.
    const [file, fingerprint] = process.argv.slice(3);
    if (!file) {
      console.error('usage: cli.js verify-audit-export <file.json> [<pinned key fingerprint>]');
      return 2;
    }
    const result = verifyCheckpointExport(readExport(file), fingerprint);
    for (const problem of result.problems) console.error(problem);
    const last = result.statements[result.statements.length - 1];
    console.log(
      result.valid ? `checkpoints valid: ${result.statements.length}${last ? `, head seq ${last.headSeq} (${last.rows} rows)` : ''}` : 'checkpoints NOT valid',
    );
    return result.valid ? 0 : 1;
  }
  const env = AUDIT_COMMANDS.has(command ?? '') ? loadEnv(AuditEnv) : loadEnv(DatabaseEnv);
  const dataSource = createDataSource(env);
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
        const at = process.argv.indexOf('--published');
        const published = at > 0 && process.argv[at + 1] ? readExport(process.argv[at + 1]!) : undefined;
        const result = await new AuditRepository(dataSource, (env as AuditEnv).AUDIT_HMAC_KEY).verify({ published });
        for (const p of result.problems)
          console.error(`problem: ${p.kind}${p.seq ? ` at seq ${p.seq}` : ''}${p.checkpoint ? ` (checkpoint ${p.checkpoint})` : ''}`);
        console.log(
          result.ok
            ? `audit chain intact: ${result.rows} rows (${result.legacyRows} of version 1), ${result.checkpoints} signed checkpoints hold`
            : `audit chain NOT intact${result.brokenAt ? `: broken at seq ${result.brokenAt}` : ''} (of ${result.rows} rows)`,
        );
        return result.ok ? 0 : 1;
      }
      case 'checkpoint-audit': {
        const checkpoint = await new AuditRepository(dataSource, (env as AuditEnv).AUDIT_HMAC_KEY).checkpoint();
        console.log(
          checkpoint ? `checkpoint ${checkpoint.seq}: head seq ${checkpoint.headSeq} ${checkpoint.headHash}` : 'the audit log is empty: nothing to sign',
        );
        return 0;
      }
      case 'export-audit': {
        const exported = `${JSON.stringify(await new AuditRepository(dataSource, (env as AuditEnv).AUDIT_HMAC_KEY).exportCheckpoints(), null, 2)}\n`;
        if (process.argv[3]) fs.writeFileSync(process.argv[3], exported);
        else process.stdout.write(exported);
        return 0;
      }
      case 'seed':
        await seedDemo(dataSource);
        console.log('demo data seeded');
        return 0;
      default:
        console.error(
          'usage: cli.js run|revert|check|seed|verify-audit [--published <file>]|checkpoint-audit|export-audit [<file>]|verify-audit-export <file> [<fingerprint>]|generate <Name>',
        );
        return 2;
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).then((code) => process.exit(code), exitOnStartupError('persistence'));
