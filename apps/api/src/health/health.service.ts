import { ApiEnv } from '#config';
import { connectionOptions } from '#temporal';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';

export interface PartHealth {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: PartHealth;
  temporal: PartHealth;
}

const CHECK_TIMEOUT_MS = 3000;

@Injectable()
export class HealthService implements OnApplicationShutdown {
  /**
   * A connection of its own without the client's retry interceptor: health reports how Temporal
   * answers now, and a retry left pending would outlive the connection at shutdown.
   */
  private readonly temporal: Connection;

  constructor(
    private readonly dataSource: DataSource,
    env: ApiEnv,
  ) {
    this.temporal = Connection.lazy({ ...connectionOptions(env), interceptors: [] });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.temporal.close();
  }

  async check(): Promise<HealthReport> {
    const [database, temporal] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.temporal.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () => this.temporal.workflowService.getSystemInfo({}))),
    ]);
    return { status: database.status === 'up' && temporal.status === 'up' ? 'ok' : 'degraded', database, temporal };
  }
}

async function probe(check: () => Promise<unknown>): Promise<PartHealth> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up', latencyMs: elapsed() };
  } catch (error) {
    return { status: 'down', latencyMs: elapsed(), error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
