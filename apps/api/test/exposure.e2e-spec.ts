import net from 'node:net';
import { spawnApp, type Spawned } from '../../../test/processes';
import { startTestApp, type TestApp } from '../../../test/test-app';

const ID_NUMBER = '330302199001011234';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, api: Spawned, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (api.child.exitCode !== null) throw new Error(`the API exited:\n${api.output()}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer 200:\n${api.output()}`);
}

describe('production exposure', () => {
  describe('the API as production runs it (API_DOCS unset, request log on)', () => {
    let api: Spawned;
    let base: string;

    beforeAll(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' };
      delete env.API_DOCS;
      api = spawnApp('api', env);
      await waitFor(`${base}/api/health`, api);
    });
    afterAll(async () => {
      api.child.kill('SIGTERM');
      await api.exited;
    });

    it('serves neither Swagger UI nor the OpenAPI document', async () => {
      for (const path of ['/api/docs', '/api/docs/', '/api/docs-json']) {
        const res = await fetch(`${base}${path}`);
        expect([path, res.status, ((await res.json()) as { code: string }).code]).toEqual([path, 404, 'ROUTE_NOT_FOUND']);
      }
    });

    it('keeps ID numbers and names out of the request log', async () => {
      const probes = [
        `/api/hall/results?caseNumber=20261127-33030300ZX-0001&applicantId=${ID_NUMBER}`,
        `/api/hall/results?caseNumber=20261127-33030300ZX-0002&applicantName=${encodeURIComponent('张三丰')}`,
        `/api/applicants/person/${ID_NUMBER}/materials`,
        `/api/disclosure-requests/status?idNumber=${ID_NUMBER}&queryCode=Q7K3P9`,
        `/api/nowhere?who=${ID_NUMBER}`,
      ];
      for (const path of probes) await fetch(`${base}${path}`, { headers: { referer: `${base}/hall/results?applicantId=${ID_NUMBER}` } });
      const deadline = Date.now() + 5000;
      while (!api.output().includes('/api/nowhere') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));

      const lines = api
        .output()
        .split('\n')
        .filter((line) => line.includes('"req":'));
      for (const marker of ['/api/hall/results', '/api/applicants/person/', '/api/disclosure-requests/status', '/api/nowhere']) {
        expect(lines.some((line) => line.includes(marker))).toBe(true);
      }
      expect(api.output()).not.toContain(ID_NUMBER);
      expect(api.output()).not.toContain('张三丰');
      expect(api.output()).not.toContain(encodeURIComponent('张三丰'));
      expect(api.output()).not.toContain('Q7K3P9');
      expect(api.output()).toContain('[REDACTED]');
    });

    it('sends the security headers on the console, the API and a refused body', async () => {
      for (const [path, init] of [
        ['/', undefined],
        ['/api/health', undefined],
        ['/api/auth/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' }],
      ] as const) {
        const res = await fetch(`${base}${path}`, init);
        expect([path, res.headers.get('content-security-policy')]).toEqual([path, expect.stringContaining("frame-ancestors 'none'")]);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('strict-transport-security')).toBeNull();
      }
    });
  });

  describe('with API_DOCS=true (npm start, the tests)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ overrides: { API_DOCS: 'true' } });
    });
    afterAll(() => t.close());

    it('serves the document and Swagger UI, under the same headers', async () => {
      const json = await t.http.get('/api/docs-json').expect(200);
      expect(json.body.openapi).toMatch(/^3\./);
      const ui = await t.http.get('/api/docs/').expect(200);
      expect(ui.headers['content-security-policy']).toContain("script-src 'self'");
      expect(ui.headers['x-frame-options']).toBe('DENY');
    });
  });
});
