import type { ApiEnv } from '#config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { BodyErrorInterceptor, bodyParserErrors } from './common/errors/body-parser-errors';
import { answerClientErrors } from './common/errors/client-errors';
import { createValidationPipe } from './common/validation';

/** Everything main.ts and the e2e tests both do to the app before it listens. */
export function configureApp(app: NestExpressApplication, env: ApiEnv): void {
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  app.useBodyParser('json', { limit: env.BODY_LIMIT_BYTES });
  app.useBodyParser('urlencoded', { limit: env.BODY_LIMIT_BYTES, extended: true });
  app.use(bodyParserErrors);
  answerClientErrors(app.getHttpServer());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new BodyErrorInterceptor());
  app.disable('x-powered-by');
  if (env.TRUST_PROXY) app.set('trust proxy', /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY);
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('政务通 API')
      .setDescription('县级政府政务公开和政务服务平台：权力事项目录、办理流程、网上办事大厅、电子监察、政务公开')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
