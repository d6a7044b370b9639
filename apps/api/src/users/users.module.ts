import { Global, Module } from '@nestjs/common';
import { ActiveAccounts } from '../common/auth/active-accounts';
import { Clock } from '../common/clock';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Global for its ActiveAccounts: the app-wide auth guard asks it whether a token's account is still
 * active, and UsersService tells it when an account changes.
 */
@Global()
@Module({ controllers: [UsersController], providers: [UsersService, ActiveAccounts, Clock], exports: [ActiveAccounts] })
export class UsersModule {}
