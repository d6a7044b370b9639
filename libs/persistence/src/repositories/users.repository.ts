import type { DataSource, Repository } from 'typeorm';
import { OrgEntity } from '../entities/org.entity';
import { UserEntity } from '../entities/user.entity';

export interface UserWithOrg {
  user: UserEntity;
  org: OrgEntity;
}

export class UsersRepository {
  private readonly users: Repository<UserEntity>;

  constructor(dataSource: DataSource) {
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
  async createIfAbsent(values: Pick<UserEntity, 'username' | 'passwordHash' | 'displayName' | 'role' | 'orgId' | 'posts'>): Promise<boolean> {
    const result = await this.users.createQueryBuilder().insert().values({ ...values, active: true }).orIgnore().execute();
    return result.identifiers.length > 0 && result.identifiers[0] !== undefined;
  }

  /** An account whether active or not, with its organisation. */
  async findById(id: string): Promise<UserWithOrg | null> {
    const user = await this.users.findOne({ where: { id }, relations: { org: true } });
    return user?.org ? { user, org: user.org } : null;
  }

  /** Whether the account exists and is active: the auth guard's check of every token. */
  async isActive(id: string): Promise<boolean> {
    return this.users.exists({ where: { id, active: true } });
  }

  /** Inserts a new active user and answers its id; null when the username is taken. */
  async create(values: Pick<UserEntity, 'username' | 'passwordHash' | 'displayName' | 'role' | 'orgId' | 'posts'>): Promise<string | null> {
    const result = await this.users.createQueryBuilder().insert().values({ ...values, active: true }).orIgnore().returning(['id']).execute();
    const row = (result.raw as { id: string }[])[0];
    return row?.id ?? null;
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
    const [users, total] = await qb.skip((filters.page - 1) * filters.pageSize).take(filters.pageSize).getManyAndCount();
    return { total, rows: users.map((user) => ({ user, org: user.org! })) };
  }

  /** Changes what the admin may change of an account (never its username, role or organisation). */
  async update(id: string, changes: Partial<Pick<UserEntity, 'displayName' | 'posts' | 'active' | 'passwordHash'>>): Promise<void> {
    if (Object.keys(changes).length > 0) await this.users.update({ id }, changes);
  }

  /** Inserts or updates by username; used by the demo seed. */
  async upsert(values: Pick<UserEntity, 'username' | 'passwordHash' | 'displayName' | 'role' | 'orgId' | 'posts'>): Promise<void> {
    await this.users.upsert({ ...values, active: true }, { conflictPaths: ['username'] });
  }
}
