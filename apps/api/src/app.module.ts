import type { ApiEnv } from '#config';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
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
import { PingsModule } from './pings/pings.module';
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
        // Rate limits are opt-in: only routes with a throttler guard count, each with its own @Throttle limits
        // (sign-in, registration, public comments and feedback); this default is never used alone.
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: 60 }]),
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
        PingsModule,
        UsersModule,
        WebModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        RouteAccessVerifier,
      ],
    };
  }
}
