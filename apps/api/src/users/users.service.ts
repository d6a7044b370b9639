import { checkPosts, checkRoleOrg, DomainError, ErrorCode, type Role } from '#domain';
import { hashPassword, OrgsRepository, type UserWithOrg, UsersRepository } from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user';
import { ActiveAccounts } from '../common/auth/active-accounts';
import type { CreateUserDto, UpdateUserDto, UserListQueryDto } from './dto/users.dto';

/** An account as the admin sees it: never its password hash. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  posts: string[];
  active: boolean;
  org: { id: string; code: string; name: string; level: string };
  createdAt: string;
}

function view({ user, org }: UserWithOrg): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    posts: user.posts,
    active: user.active,
    org: { id: org.id, code: org.code, name: org.name, level: org.level },
    createdAt: user.createdAt.toISOString(),
  };
}

/**
 * Staff accounts, kept by the admin: a new clerk put to work at a centre, posts changed, an account
 * deactivated (kept with its history: cases and records name it), a password reset. Every change is
 * logged as a structured line (who, what, which account), never with a password.
 */
@Injectable()
export class UsersService {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly users: UsersRepository,
    private readonly orgs: OrgsRepository,
    private readonly accounts: ActiveAccounts,
  ) {}

  async list(query: UserListQueryDto) {
    const { total, rows } = await this.users.list({ role: query.role, orgCode: query.orgCode, q: query.q, page: query.page, pageSize: query.pageSize });
    return { total, page: query.page, pageSize: query.pageSize, items: rows.map(view) };
  }

  /** The account with its changes, newest first (who, when, before and after). */
  async get(id: string) {
    const found = await this.load(id);
    const changes = await this.users.changesOf(id);
    return {
      ...view(found),
      changes: changes.map((c) => ({ kind: c.kind, by: c.changedByUsername, before: c.before, after: c.after, note: c.note, at: c.createdAt.toISOString() })),
    };
  }

  async create(admin: AuthUser, dto: CreateUserDto) {
    const org = await this.orgs.findByCode(dto.orgCode);
    if (!org) throw new DomainError(ErrorCode.ORG_NOT_FOUND, `未找到单位 ${dto.orgCode}`, [{ field: 'orgCode', rule: 'exists' }]);
    const misfit = checkRoleOrg(dto.role, org);
    if (misfit.length > 0)
      throw new DomainError(
        ErrorCode.USER_ROLE_ORG_MISMATCH,
        misfit[0]!.message,
        misfit.map((p) => ({ ...p })),
      );
    this.assertPosts(dto.role, dto.posts);
    const id = await this.users.create(
      { username: dto.username, passwordHash: await hashPassword(dto.password), displayName: dto.displayName, role: dto.role, orgId: org.id, posts: dto.posts },
      { changedBy: admin.id, after: { username: dto.username, displayName: dto.displayName, role: dto.role, orgCode: org.code, posts: dto.posts } },
    );
    if (!id) throw new DomainError(ErrorCode.AUTH_USERNAME_TAKEN, `用户名 ${dto.username} 已被使用`, [{ field: 'username', rule: 'taken' }]);
    this.logger.log(
      { event: 'user.created', by: admin.username, byId: admin.id, userId: id, username: dto.username, role: dto.role, orgCode: org.code, posts: dto.posts },
      'account created',
    );
    return this.get(id);
  }

  async update(admin: AuthUser, id: string, dto: UpdateUserDto) {
    const found = await this.load(id);
    if (dto.active === false && id === admin.id) {
      throw new DomainError(ErrorCode.USER_SELF_DEACTIVATION, '不能停用自己的账号', [{ field: 'active', rule: 'not-self' }]);
    }
    if (dto.posts !== undefined) this.assertPosts(found.user.role, dto.posts);
    const changes: { displayName?: string; posts?: string[]; active?: boolean } = {};
    if (dto.displayName !== undefined && dto.displayName !== found.user.displayName) changes.displayName = dto.displayName;
    if (dto.posts !== undefined && JSON.stringify(dto.posts) !== JSON.stringify(found.user.posts)) changes.posts = dto.posts;
    if (dto.active !== undefined && dto.active !== found.user.active) changes.active = dto.active;
    if (Object.keys(changes).length > 0) {
      const before = Object.fromEntries(Object.keys(changes).map((k) => [k, found.user[k as keyof typeof changes]]));
      await this.users.update(id, changes, { changedBy: admin.id, kind: 'changed', before, after: changes, note: dto.note?.trim() || null });
      this.accounts.forget(id);
      this.logger.log(
        {
          event: 'user.changed',
          by: admin.username,
          byId: admin.id,
          userId: id,
          username: found.user.username,
          before,
          after: changes,
          note: dto.note ?? null,
        },
        'account changed',
      );
    }
    return this.get(id);
  }

  async resetPassword(admin: AuthUser, id: string, password: string): Promise<UserView> {
    const found = await this.load(id);
    // A reset is for someone else's forgotten password; an admin's own is reset by another admin, so a
    // stolen admin token cannot turn itself into the password.
    if (id === admin.id)
      throw new DomainError(ErrorCode.USER_SELF_PASSWORD_RESET, '不能重置自己的密码，请由其他管理员办理', [{ field: 'id', rule: 'not-self' }]);
    await this.users.update(
      id,
      { passwordHash: await hashPassword(password) },
      { changedBy: admin.id, kind: 'password_reset', before: null, after: null, note: null },
    );
    this.accounts.forget(id);
    this.logger.log({ event: 'user.password-reset', by: admin.username, byId: admin.id, userId: id, username: found.user.username }, 'password reset');
    return view(found);
  }

  private async load(id: string): Promise<UserWithOrg> {
    const found = await this.users.findById(id);
    if (!found) throw new DomainError(ErrorCode.USER_NOT_FOUND, '未找到该用户');
    return found;
  }

  private assertPosts(role: Role, posts: readonly string[]): void {
    const problems = checkPosts(role, posts);
    if (problems.length > 0)
      throw new DomainError(
        ErrorCode.USER_POSTS_INVALID,
        problems[0]!.message,
        problems.map((p) => ({ ...p })),
      );
  }
}
