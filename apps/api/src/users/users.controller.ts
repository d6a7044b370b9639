import { Role } from '#domain';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserIdParamDto, UserListQueryDto } from './dto/users.dto';
import { UsersService } from './users.service';

/** The admin's staff accounts (用户管理). Password hashes are never answered. */
@ApiTags('users')
@Controller('users')
@Roles(Role.ADMIN)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** admin: accounts by role, organisation code and a text in the username or name, a page at a time. */
  @Get()
  list(@Query() query: UserListQueryDto) {
    return this.users.list(query);
  }

  /** admin: one account; 404 USER_NOT_FOUND. */
  @Get(':id')
  get(@Param() params: UserIdParamDto) {
    return this.users.get(params.id);
  }

  /** admin: a staff account; 409 AUTH_USERNAME_TAKEN, 404 ORG_NOT_FOUND, 422 USER_ROLE_ORG_MISMATCH / USER_POSTS_INVALID. */
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() body: CreateUserDto) {
    return this.users.create(user, body);
  }

  /** admin: name, posts, active; 409 USER_SELF_DEACTIVATION, 422 USER_POSTS_INVALID. */
  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param() params: UserIdParamDto, @Body() body: UpdateUserDto) {
    return this.users.update(user, params.id, body);
  }

  /** admin: sets a new password; the user signs in with it from now on. */
  @Post(':id/password')
  @HttpCode(200)
  resetPassword(@CurrentUser() user: AuthUser, @Param() params: UserIdParamDto, @Body() body: ResetPasswordDto) {
    return this.users.resetPassword(user, params.id, body.password);
  }
}
