import { createDataSource, seedDemo } from '#persistence';
import { Client } from 'pg';

/** A scratch database with the real migrations run and the demo data seeded; returns its URL. */
export async function createSeededDatabase(baseUrl: string, prefix: string): Promise<string> {
  const url = await createScratchDatabase(baseUrl, prefix);
  const dataSource = createDataSource({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2 });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await seedDemo(dataSource);
  } finally {
    await dataSource.destroy();
  }
  return url;
}

/** Creates an empty database next to the one DATABASE_URL names and returns its URL. */
export async function createScratchDatabase(baseUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid}`;
  await withAdmin(baseUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropScratchDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await withAdmin(url, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function withAdmin<T>(anyUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const url = new URL(anyUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
