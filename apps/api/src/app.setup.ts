import type { ApiEnv } from '#config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { BodyErrorInterceptor, bodyParserErrors } from './common/errors/body-parser-errors';
import { answerClientErrors } from './common/errors/client-errors';
import { securityHeaders } from './common/security-headers';
import { buildOpenApiDocument } from './common/openapi/openapi-document';
import { createValidationPipe } from './common/validation';

/** Everything main.ts and the e2e tests both do to the app before it listens. */
export function configureApp(app: NestExpressApplication, env: ApiEnv): void {
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  // First, so that every answer carries them, a body parser's 400/413 included.
  app.use(securityHeaders(env));
  app.useBodyParser('json', { limit: env.BODY_LIMIT_BYTES });
  app.useBodyParser('urlencoded', { limit: env.BODY_LIMIT_BYTES, extended: true });
  app.use(bodyParserErrors);
  answerClientErrors(app.getHttpServer());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new BodyErrorInterceptor());
  app.disable('x-powered-by');
  if (env.TRUST_PROXY) app.set('trust proxy', /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY);
  app.enableShutdownHooks();

  // The contract is published on purpose (API_DOCS=true), not to every visitor of a production site.
  if (env.API_DOCS !== 'true') return;
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
