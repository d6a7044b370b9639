import { OrgEntity } from './org.entity';
import { PingEntity } from './ping.entity';
import { UserEntity } from './user.entity';

export { OrgEntity, PingEntity, UserEntity };
export * from './org.entity';

export const ENTITIES = [OrgEntity, UserEntity, PingEntity];
