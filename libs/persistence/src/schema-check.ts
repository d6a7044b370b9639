import type { DataSource } from 'typeorm';

/**
 * The SQL a new migration would contain (what `migration:generate --check` looks at): empty when the
 * migrated schema and the entities agree.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}
