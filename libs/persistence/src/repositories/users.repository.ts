import type { DataSource, Repository } from 'typeorm';
import { OrgEntity } from '../entities/org.entity';
import { UserChangeEntity, type UserChangeKind } from '../entities/user-change.entity';
import { UserEntity } from '../entities/user.entity';

export interface UserWithOrg {
  user: UserEntity;
  org: OrgEntity;
}

export class UsersRepository {
  private readonly users: Repository<UserEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.users = dataSource.getRepository(UserEntity);
  }

  async findActiveByUsername(username: string): Promise<UserWithOrg | null> {
    const user = await this.users.findOne({ where: { username, active: true }, relations: { org: true } });
    return user?.org ? { user, org: user.org } : null;
  }

  async findActiveById(id: string): Promise<UserWithOrg | null> {
    const user = await this.users.findOne({ where: { id, active: true }, relations: { org: true } });
    return user?.org ? { user, org: user.org } : null;
  }

  /** Inserts a new active user; false when the username is taken (never overwrites an account). */
  async createIfAbsent(
    values: Pick<UserEntity, 'username' | 'passwordHash' | 'displayName' | 'role' | 'orgId' | 'posts'> &
      Partial<Pick<UserEntity, 'applicantId' | 'identityVerifiedAt'>>,
  ): Promise<boolean> {
    const result = await this.users
      .createQueryBuilder()
      .insert()
      .values({ ...values, active: true })
      .orIgnore()
      .execute();
    return result.identifiers.length > 0 && result.identifiers[0] !== undefined;
  }

  /**
   * Binds an account registered before identities were kept to the identity a counter clerk checked
   * on its holder's ID card, verified; an account already bound keeps its identity.
   */
  async bindCheckedIdentity(id: string, applicantId: string): Promise<void> {
    await this.users
      .createQueryBuilder()
      .update()
      .set({ applicantId, identityVerifiedAt: () => 'now()' })
      .where('id = :id AND applicant_id IS NULL', { id })
      .execute();
  }

  /** A counter clerk saw the ID card of this applicant account's holder (实名核验); the first time counts. */
  async markIdentityVerified(id: string): Promise<void> {
    await this.users
      .createQueryBuilder()
      .update()
      .set({ identityVerifiedAt: () => 'now()' })
      .where('id = :id AND identity_verified_at IS NULL', { id })
      .execute();
  }

  /** An account whether active or not, with its organisation. */
  async findById(id: string): Promise<UserWithOrg | null> {
    const user = await this.users.findOne({ where: { id }, relations: { org: true } });
    return user?.org ? { user, org: user.org } : null;
  }

  /** Whether the account is active, and since when its tokens count: the auth guard's check of every token. */
  async tokenState(id: string): Promise<{ active: boolean; tokensValidAfter: Date | null } | null> {
    return this.users.findOne({ where: { id }, select: { active: true, tokensValidAfter: true } });
  }

  /** Inserts a new active user with the record of who made it; null when the username is taken. */
  async create(
    values: Pick<UserEntity, 'username' | 'passwordHash' | 'displayName' | 'role' | 'orgId' | 'posts'>,
    change: { changedBy: string; after: Record<string, unknown> },
  ): Promise<string | null> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(UserEntity)
        .values({ ...values, active: true })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (result.raw as { id: string }[])[0]?.id;
      if (!id) return null;
      await manager.insert(UserChangeEntity, { userId: id, changedBy: change.changedBy, kind: 'created', before: null, after: change.after, note: null });
      return id;
    });
  }

  /**
   * A page of accounts, by username, with their organisations: filtered by role, by organisation (the
   * org itself) and by a text found in the username or the display name.
   */
  async list(filters: { role?: string; orgCode?: string; q?: string; page: number; pageSize: number }): Promise<{ total: number; rows: UserWithOrg[] }> {
    const qb = this.users.createQueryBuilder('user').innerJoinAndSelect('user.org', 'org').orderBy('user.username', 'ASC');
    if (filters.role) qb.andWhere('user.role = :role', { role: filters.role });
    if (filters.orgCode) qb.andWhere('org.code = :orgCode', { orgCode: filters.orgCode });
    if (filters.q) {
      const like = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(user.username ILIKE :like OR user.display_name ILIKE :like)', { like });
    }
    const [users, total] = await qb
      .skip((filters.page - 1) * filters.pageSize)
      .take(filters.pageSize)
      .getManyAndCount();
    return { total, rows: users.map((user) => ({ user, org: user.org! })) };
  }

  /**
   * Changes what the admin may change of an account (never its username, role or organisation) and
   * appends the record of the change, in one transaction. Deactivating or setting a password also
   * makes the tokens issued so far stop counting (to the second: a token carries its issue time in
   * whole seconds, and one issued in the same second still counts).
   */
  async update(
    id: string,
    changes: Partial<Pick<UserEntity, 'displayName' | 'posts' | 'active' | 'passwordHash'>>,
    change: {
      changedBy: string;
      kind: Exclude<UserChangeKind, 'created'>;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      note: string | null;
    },
  ): Promise<void> {
    const cutTokens = changes.active === false || changes.passwordHash !== undefined;
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { id }, { ...changes, ...(cutTokens ? { tokensValidAfter: () => "date_trunc('second', now())" } : {}) });
      await manager.insert(UserChangeEntity, { userId: id, ...change });
    });
  }

  /** The account's changes, newest first, with who made them. */
  async changesOf(id: string, limit = 50): Promise<(UserChangeEntity & { changedByUsername: string })[]> {
    const rows = await this.dataSource
      .getRepository(UserChangeEntity)
      .createQueryBuilder('change')
      .innerJoinAndSelect('change.changer', 'changer')
      .where('change.user_id = :id', { id })
      .orderBy('change.seq', 'DESC')
      .take(limit)
      .getMany();
    return rows.map((row) => Object.assign(row, { changedByUsername: row.changer!.username }));
  }

  /** Inserts or updates by username; used by the demo seed. */
  async upsert(
    values: Pick<UserEntity, 'username' | 'passwordHash' | 'displayName' | 'role' | 'orgId' | 'posts'> &
      Partial<Pick<UserEntity, 'applicantId' | 'identityVerifiedAt'>>,
  ): Promise<void> {
    await this.users.upsert({ ...values, active: true }, { conflictPaths: ['username'] });
  }
}
