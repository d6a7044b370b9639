import { spawnApp } from '../../../test/processes';

describe('API start-up', () => {
  const base = { PATH: process.env.PATH, DATABASE_URL: process.env.DATABASE_URL, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS };

  it('stops with a message naming a missing variable', async () => {
    const api = spawnApp('api', base);
    expect(await api.exited).toBe(1);
    expect(api.output()).toMatch(/JWT_SECRET: is missing/);
  });

  it('stops with a message naming a wrong variable', async () => {
    const api = spawnApp('api', { ...base, JWT_SECRET: 'x'.repeat(40), PORT: 'eighty' });
    expect(await api.exited).toBe(1);
    expect(api.output()).toMatch(/PORT: /);
    expect(api.output()).not.toMatch(/JWT_SECRET/);
  });

  it('the worker stops the same way', async () => {
    const worker = spawnApp('worker', { PATH: process.env.PATH, DATABASE_URL: 'mysql://nope' });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toMatch(/DATABASE_URL: .*postgres:\/\//);
    expect(worker.output()).toMatch(/TEMPORAL_ADDRESS: is missing/);
  });
});
