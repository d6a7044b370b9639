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

  /** Inserts or updates by username; used by the demo seed. */
  async upsert(values: Pick<UserEntity, 'username' | 'passwordHash' | 'displayName' | 'role' | 'orgId' | 'posts'>): Promise<void> {
    await this.users.upsert({ ...values, active: true }, { conflictPaths: ['username'] });
  }
}
