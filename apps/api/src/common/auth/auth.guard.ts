import { DomainError, ErrorCode, isRole, type Role } from '#domain';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import type { AccessTokenClaims, AuthUser } from './auth-user';
import { PUBLIC_KEY, ROLES_KEY } from './access.decorators';
import { ActiveAccounts } from './active-accounts';

/**
 * The one global guard. Closed by default: a public endpoint says so with `@Public()`, any other
 * needs a valid token and one of the roles its `@Roles()` lists.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly accounts: ActiveAccounts,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const header = request.headers.authorization;
    if (!header) throw new DomainError(ErrorCode.AUTH_REQUIRED, '请先登录');
    const [scheme, token] = header.split(' ');
    if (scheme !== 'Bearer' || !token) throw new DomainError(ErrorCode.AUTH_TOKEN_INVALID, '登录凭证格式不正确');
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw new DomainError(ErrorCode.AUTH_TOKEN_INVALID, '登录凭证无效或已过期');
    }
    if (
      !isRole(claims.role) ||
      typeof claims.orgPath !== 'string' ||
      typeof claims.regionPath !== 'string' ||
      typeof claims.sub !== 'string' ||
      typeof claims.iat !== 'number'
    )
      throw new DomainError(ErrorCode.AUTH_TOKEN_INVALID, '登录凭证无效或已过期');
    // A deactivated account's tokens, and those issued before a password reset, stop working.
    if (!(await this.accounts.accepts(claims.sub, claims.iat)))
      throw new DomainError(ErrorCode.AUTH_TOKEN_INVALID, '登录凭证已失效（账号已停用或密码已重置），请重新登录', [{ rule: 'token-revoked' }]);
    request.user = {
      id: claims.sub,
      username: claims.username,
      role: claims.role,
      orgId: claims.org,
      orgPath: claims.orgPath,
      regionPath: claims.regionPath,
    };

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || !roles.includes(claims.role)) {
      throw new DomainError(ErrorCode.FORBIDDEN_ROLE, '当前角色无权执行此操作', [{ rule: 'role', actual: claims.role, allowed: roles ?? [] }]);
    }
    return true;
  }
}
