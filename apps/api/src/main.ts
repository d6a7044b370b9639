import 'reflect-metadata';
import { ApiEnv, exitOnStartupError, loadEnv } from '#config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';

async function main(): Promise<void> {
  const env = loadEnv(ApiEnv);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(env), {
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(app, env);
  await app.listen(env.PORT, env.HOST);
}

main().catch(exitOnStartupError('api'));
