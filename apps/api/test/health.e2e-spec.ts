import net from 'node:net';
import { DataSource } from 'typeorm';
import { startTestApp } from '../../../test/test-app';

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('GET /api/health', () => {
  it('answers 200 with both parts up, without a token', async () => {
    const t = await startTestApp({ worker: false });
    try {
      const res = await t.http.get('/api/health').expect(200);
      expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' }, temporal: { status: 'up' } });
    } finally {
      await t.close();
    }
  });

  it('answers 503 naming Temporal when Temporal does not answer', async () => {
    const t = await startTestApp({ worker: false, overrides: { TEMPORAL_ADDRESS: `127.0.0.1:${await closedPort()}` } });
    try {
      const res = await t.http.get('/api/health').expect(503);
      expect(res.body).toMatchObject({ status: 'degraded', database: { status: 'up' }, temporal: { status: 'down' } });
    } finally {
      await t.close();
    }
  });

  it('answers 503 naming the database when PostgreSQL stops answering', async () => {
    const t = await startTestApp({ worker: false });
    try {
      await t.app.get(DataSource).destroy();
      const res = await t.http.get('/api/health').expect(503);
      expect(res.body).toMatchObject({ status: 'degraded', database: { status: 'down' }, temporal: { status: 'up' } });
    } finally {
      await t.close();
    }
  });
});
