import { ALL_ROLES, type Role } from '#domain';
import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from './auth-user';

export const PUBLIC_KEY = 'zwt:public';
export const ROLES_KEY = 'zwt:roles';

/** Opens an endpoint to everyone, token or not. Every other endpoint needs `@Roles`. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Who may call the endpoint. An endpoint with neither `@Roles` nor `@Public` is refused to
 * everybody, and the API will not start with one (see RouteAccessVerifier).
 */
export const Roles = (...roles: [Role, ...Role[]]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'AUTH_REQUIRED / AUTH_TOKEN_INVALID' }),
    ApiForbiddenResponse({ description: `FORBIDDEN_ROLE (allowed: ${roles.join(', ')}) / FORBIDDEN_ORG_SCOPE` }),
  );

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
  if (!request.user) throw new Error('CurrentUser used on a public endpoint');
  return request.user;
});

/** Any signed-in user, whatever the role. */
export const SignedIn = () => Roles(...(ALL_ROLES as [Role, ...Role[]]));
