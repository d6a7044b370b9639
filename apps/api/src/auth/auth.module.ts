import { ApiEnv } from '#config';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { MaterialsModule } from '../materials/materials.module';
import { RegistrationService } from './registration.service';

@Module({
  imports: [
    MaterialsModule,
    JwtModule.registerAsync({
      global: true,
      inject: [ApiEnv],
      useFactory: (env: ApiEnv) => ({ secret: env.JWT_SECRET, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, RegistrationService],
})
export class AuthModule {}
