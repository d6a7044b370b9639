import { ApiEnv } from '#config';
import {
  CalendarRepository,
  CaseAlarmsRepository,
  CasesRepository,
  CatalogRepository,
  createDataSource,
  FlowsRepository,
  HallRepository,
  MaterialsRepository,
  DocumentsRepository,
  DisclosureRepository,
  AuditRepository,
  AlarmRulesRepository,
  DiskFileStore,
  OrgsRepository,
  UsersRepository,
} from '#persistence';
import { lazyClient } from '#temporal';
import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import path from 'node:path';
import { DataSource } from 'typeorm';

/** Closes what the core module opened when the app shuts down. */
@Injectable()
class CoreShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Client) private readonly client: Client,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

const repositories = [
  UsersRepository,
  OrgsRepository,
  CatalogRepository,
  FlowsRepository,
  CalendarRepository,
  CaseAlarmsRepository,
  CasesRepository,
  HallRepository,
  MaterialsRepository,
  DocumentsRepository,
  DisclosureRepository,
  AlarmRulesRepository,
].map((repository) => ({
  provide: repository,
  useFactory: (dataSource: DataSource) => new repository(dataSource),
  inject: [DataSource],
}));

/**
 * The validated environment, the DataSource, the Temporal client and the repositories, available
 * to every feature module. Classes are the injection tokens (no string tokens).
 */
@Global()
@Module({})
export class CoreModule {
  static register(env: ApiEnv): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: ApiEnv, useValue: env },
        {
          provide: DataSource,
          useFactory: async () => createDataSource(env).initialize(),
        },
        { provide: Client, useFactory: () => lazyClient(env) },
        { provide: DiskFileStore, useFactory: () => new DiskFileStore(path.resolve(env.FILES_DIR)) },
        ...repositories,
        // Keyed with AUDIT_HMAC_KEY, which only the API holds.
        { provide: AuditRepository, useFactory: (dataSource: DataSource) => new AuditRepository(dataSource, env.AUDIT_HMAC_KEY), inject: [DataSource] },
        CoreShutdown,
      ],
      exports: [ApiEnv, DataSource, Client, DiskFileStore, AuditRepository, ...repositories],
    };
  }
}
