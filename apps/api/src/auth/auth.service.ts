import { ApiEnv } from '#config';
import { DomainError, ErrorCode, parentPathOf } from '#domain';
import { decoyHash, UsersRepository, verifyPassword } from '#persistence';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AccessTokenClaims } from '../common/auth/auth-user';
import type { TokenRequestDto, TokenResponseDto } from './dto/token.dto';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    private readonly env: ApiEnv,
  ) {}

  async issueToken({ username, password }: TokenRequestDto): Promise<TokenResponseDto> {
    const found = await this.users.findActiveByUsername(username);
    // Verify against a decoy when the user is unknown so the answer takes as long either way.
    const valid = await verifyPassword(found?.user.passwordHash ?? (await decoyHash()), password);
    if (!found || !valid) throw new DomainError(ErrorCode.AUTH_INVALID_CREDENTIALS, '用户名或密码错误');
    const { user, org } = found;
    const regionPath = org.level === 'department' ? parentPathOf(org.path) : org.path;
    const claims: AccessTokenClaims = { sub: user.id, username: user.username, role: user.role, org: org.id, orgPath: org.path, regionPath };
    const accessToken = await this.jwt.signAsync(claims, { algorithm: 'HS256', expiresIn: this.env.JWT_TTL_SECONDS });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.env.JWT_TTL_SECONDS,
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, orgId: org.id, orgName: org.name, orgCode: org.code },
    };
  }
}
