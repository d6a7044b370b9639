// The production topology (docker-compose.yml) exposes only what citizens use: issue 13, part 5.
import { load } from 'js-yaml';
import fs from 'node:fs';
import path from 'node:path';

interface Service {
  image?: string;
  ports?: string[];
  environment?: Record<string, string>;
}

const compose = load(fs.readFileSync(path.resolve(__dirname, '..', 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };
const services = compose.services;

describe('docker-compose.yml', () => {
  it('publishes no port but the API', () => {
    const publishing = Object.entries(services)
      .filter(([, s]) => (s.ports ?? []).length > 0)
      .map(([name]) => name);
    expect(publishing).toEqual(['api']);
  });

  it('publishes the API on the loopback unless the operator says otherwise', () => {
    expect(services.api!.ports).toEqual(['${API_PUBLISH:-127.0.0.1:3000}:3000']);
  });

  it('keeps PostgreSQL, the Temporal frontend and the Web UI on the internal network, the UI read-only', () => {
    for (const name of ['postgres', 'temporal', 'temporal-ui']) expect([name, services[name]!.ports]).toEqual([name, undefined]);
    expect(services['temporal-ui']!.image).toMatch(/^temporalio\/ui:/);
    expect(services['temporal-ui']!.environment).toMatchObject({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_DISABLE_WRITE_ACTIONS: 'true' });
  });

  it('makes the API name its public address, and keeps its docs off unless asked', () => {
    expect(services.api!.environment!.PUBLIC_BASE_URL).toMatch(/^\$\{PUBLIC_BASE_URL:\?/);
    expect(services.api!.environment!.API_DOCS).toBe('${API_DOCS:-false}');
  });
});
