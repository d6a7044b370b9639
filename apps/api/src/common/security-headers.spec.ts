import { ApiEnv, loadEnv } from '#config';
import express from 'express';
import request from 'supertest';
import { securityHeaders } from './security-headers';

function appWith(overrides: Record<string, string>) {
  const env = loadEnv(ApiEnv, {
    DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
    TEMPORAL_ADDRESS: '127.0.0.1:7233',
    JWT_SECRET: 'x'.repeat(32),
    AUDIT_HMAC_KEY: 'y'.repeat(32),
    ...overrides,
  });
  const app = express();
  if (env.TRUST_PROXY) app.set('trust proxy', env.TRUST_PROXY);
  app.use(securityHeaders(env));
  app.get('/', (_req, res) => res.send('ok'));
  return app;
}

describe('securityHeaders', () => {
  it("sends a CSP that allows only this origin's scripts and no framing, with nosniff", async () => {
    const res = await request(appWith({})).get('/').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-src 'self' blob:");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('sends no HSTS over plain HTTP, nor when an untrusted caller claims https', async () => {
    const plain = await request(appWith({})).get('/').set('x-forwarded-proto', 'https').expect(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS when the trusted proxy says the request came over TLS', async () => {
    const app = appWith({ TRUST_PROXY: 'loopback' });
    const tls = await request(app).get('/').set('x-forwarded-proto', 'https').expect(200);
    expect(tls.headers['strict-transport-security']).toMatch(/^max-age=31536000; includeSubDomains/);
    const plain = await request(app).get('/').expect(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS and upgrades requests when the public address is https', async () => {
    const res = await request(appWith({ PUBLIC_BASE_URL: 'https://zwt.longwan.gov.cn' }))
      .get('/')
      .expect(200);
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=31536000/);
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});
