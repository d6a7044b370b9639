import { ApiEnv } from '#config';
import { RateLimitsRepository } from '#persistence';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { CasesModule } from './cases/cases.module';
import { CatalogModule } from './catalog/catalog.module';
import { AuthGuard } from './common/auth/auth.guard';
import { RouteAccessVerifier } from './common/auth/route-access';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { PostgresThrottlerStorage } from './common/rate-limit/postgres-throttler.storage';
import { rateLimitThrottlers } from './common/rate-limit/rate-limits';
import { CoreModule } from './core/core.module';
import { redactRequestLog } from './common/log-redaction';
import { DisclosureRequestsModule } from './disclosure-requests/disclosure-requests.module';
import { DisclosureModule } from './disclosure/disclosure.module';
import { DocumentsModule } from './documents/documents.module';
import { FlowsModule } from './flows/flows.module';
import { HallModule } from './hall/hall.module';
import { MaterialsModule } from './materials/materials.module';
import { SupervisionModule } from './supervision/supervision.module';
import { HealthModule } from './health/health.module';
import { UsersModule } from './users/users.module';
import { WebModule } from './web/web.module';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** A caller's X-Request-Id is kept when it is sane, otherwise one is made; it is echoed back. */
function requestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('x-request-id', id);
  return id;
}

@Module({})
export class AppModule {
  static register(env: ApiEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: env.LOG_LEVEL,
            genReqId: requestId,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            // ID numbers, names and query codes in URLs (the result query, the materials library) stay out of the log.
            serializers: { req: redactRequestLog },
            customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
          },
        }),
        DiscoveryModule,
        // Rate limits are opt-in: a route names its limits with @RateLimit (common/rate-limit/rate-limits.ts);
        // the counters are shared by every API process on the database.
        ThrottlerModule.forRootAsync({
          inject: [ApiEnv, DataSource],
          useFactory: (apiEnv: ApiEnv, dataSource: DataSource) => ({
            ...rateLimitThrottlers(apiEnv.RATE_LIMIT_NAMESPACE),
            storage: new PostgresThrottlerStorage(new RateLimitsRepository(dataSource)),
          }),
        }),
        CoreModule.register(env),
        AuthModule,
        CatalogModule,
        CalendarModule,
        FlowsModule,
        CasesModule,
        HallModule,
        MaterialsModule,
        DocumentsModule,
        SupervisionModule,
        DisclosureModule,
        DisclosureRequestsModule,
        HealthModule,
        UsersModule,
        WebModule,
      ],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_FILTER, useClass: AllExceptionsFilter }, RouteAccessVerifier],
    };
  }
}
