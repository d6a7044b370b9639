import { ApiEnv } from '#config';
import { DomainError, ErrorCode, Role } from '#domain';
import { hashPassword, OrgsRepository, UsersRepository } from '#persistence';
import { Injectable } from '@nestjs/common';
import { MaterialsService } from '../materials/materials.service';
import { AuthService } from './auth.service';
import type { TokenResponseDto } from './dto/token.dto';
import type { RegisterApplicantDto } from './dto/register.dto';

@Injectable()
export class RegistrationService {
  constructor(
    private readonly users: UsersRepository,
    private readonly orgs: OrgsRepository,
    private readonly materials: MaterialsService,
    private readonly auth: AuthService,
    private readonly env: ApiEnv,
  ) {}

  /**
   * Creates an applicant account in the platform's region and enters the applicant in the shared library
   * (一次申报、多次使用) under the checked ID number; answers as signing in would.
   */
  async register(dto: RegisterApplicantDto): Promise<TokenResponseDto> {
    // The identity is checked before anything is stored: a bad ID number creates no account.
    const identity = await this.materials.identify(dto.kind, dto.idNumber, dto.name);
    const region = await this.orgs.findByCode(this.env.PLATFORM_REGION_CODE);
    if (!region) throw new Error(`PLATFORM_REGION_CODE ${this.env.PLATFORM_REGION_CODE} names no organisation`);
    const created = await this.users.createIfAbsent({
      username: dto.username,
      passwordHash: await hashPassword(dto.password),
      displayName: dto.name,
      role: Role.APPLICANT,
      orgId: region.id,
      posts: [],
      // Fixed for good: the account files, uploads and reads the library under this identity only.
      applicantId: identity.id,
    });
    if (!created) throw new DomainError(ErrorCode.AUTH_USERNAME_TAKEN, '该用户名已被注册', [{ field: 'username', rule: 'taken' }]);
    return this.auth.issueToken({ username: dto.username, password: dto.password });
  }
}
