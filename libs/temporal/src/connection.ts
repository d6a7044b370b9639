import { Client, Connection } from '@temporalio/client';
import type { TemporalEnv } from '#config';
import { REGISTERED_SEARCH_ATTRIBUTES } from './search-attributes';

const GRPC_UNIMPLEMENTED = 12;

export function connectionOptions(env: TemporalEnv) {
  return { address: env.TEMPORAL_ADDRESS, connectTimeout: '10s' } as const;
}

/**
 * A connection that dials on first use, so that the API starts (and reports Temporal as down on
 * /api/health) while the server is unreachable, instead of refusing to boot.
 */
export function lazyClient(env: TemporalEnv): Client {
  const connection = Connection.lazy(connectionOptions(env));
  return new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
}

/**
 * Registers the platform's search attributes on a server that does not have them yet (a cluster
 * given by TEMPORAL_ADDRESS); the dev server started by our scripts registers them at launch.
 */
export async function ensureSearchAttributes(connection: Pick<Connection, 'operatorService'>, namespace: string): Promise<void> {
  let existing: Record<string, unknown> = {};
  try {
    existing = (await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
  } catch (error) {
    // The Java time-skipping test server cannot list them, but can add them.
    if ((error as { code?: number }).code !== GRPC_UNIMPLEMENTED) throw error;
  }
  const missing = Object.entries(REGISTERED_SEARCH_ATTRIBUTES).filter(([name]) => !(name in existing));
  if (missing.length === 0) return;
  // temporal.api.enums.v1.IndexedValueType, by the names search-attributes.json uses
  const types: Record<string, number> = {
    Text: 1,
    Keyword: 2,
    Int: 3,
    Double: 4,
    Bool: 5,
    Datetime: 6,
    KeywordList: 7,
  };
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, types[type]])),
  });
}
