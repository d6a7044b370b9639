import { CatalogRepository, createDataSource, seedDemo } from '#persistence';
import type { DataSource } from 'typeorm';
import { createScratchDatabase, dropScratchDatabase } from '../../../test/test-database';

describe('item code sequences', () => {
  let url: string;
  let dataSource: DataSource;
  let catalog: CatalogRepository;

  beforeAll(async () => {
    url = await createScratchDatabase(process.env.DATABASE_URL!, 'zwt_sequences');
    dataSource = await createDataSource({ DATABASE_URL: url, DATABASE_POOL_SIZE: 20 }).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await seedDemo(dataSource);
    catalog = new CatalogRepository(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropScratchDatabase(url);
  });

  it('never gives the same sequence twice to concurrent allocators', async () => {
    const allocations = await Promise.all(Array.from({ length: 60 }, () => catalog.transaction((m) => catalog.allocateSequence(m, '33030300JT', 'XK'))));
    expect(new Set(allocations).size).toBe(60);
    expect([...allocations].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('hands out again a number whose transaction rolled back, as no item ever carried it', async () => {
    const first = await catalog.transaction((m) => catalog.allocateSequence(m, '33030300JT', 'CF'));
    await expect(
      catalog.transaction(async (m) => {
        await catalog.allocateSequence(m, '33030300JT', 'CF');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const next = await catalog.transaction((m) => catalog.allocateSequence(m, '33030300JT', 'CF'));
    expect(next).toBe(first + 1);
  });

  it('continues above an explicitly reserved sequence', async () => {
    await catalog.transaction((m) => catalog.reserveSequence(m, '33030300JT', 'SP', 40));
    await catalog.transaction((m) => catalog.reserveSequence(m, '33030300JT', 'SP', 7));
    expect(await catalog.transaction((m) => catalog.allocateSequence(m, '33030300JT', 'SP'))).toBe(41);
  });

  it('refuses the 10000th item of a subject and type', async () => {
    await catalog.transaction((m) => catalog.reserveSequence(m, '33030300JT', 'QT', 9999));
    await expect(catalog.transaction((m) => catalog.allocateSequence(m, '33030300JT', 'QT'))).rejects.toMatchObject({ code: 'ITEM_SEQUENCE_EXHAUSTED' });
  });
});
