import type { Role } from '#domain';
import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { OrgEntity } from './org.entity';

/** A person who signs in: one role, bound to one organisation. */
@Entity({ name: 'users' })
@Unique('UQ_user_username', ['username'])
@Check(
  'CK_user_role',
  `"role" IN ('applicant', 'clerk', 'handler', 'dept_admin', 'review_admin', 'supervisor', 'disclosure_officer', 'admin')`,
)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_user' })
  id!: string;

  @Column({ name: 'username', type: 'varchar', length: 64 })
  username!: string;

  /** argon2id PHC string. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName!: string;

  @Column({ name: 'role', type: 'varchar', length: 32 })
  role!: Role;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrgEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_user_org' })
  org?: OrgEntity;

  /** 岗位 the user holds (受理岗, 审核岗 …): flow steps name the post that acts. */
  @Column({ name: 'posts', type: 'jsonb', default: () => "'[]'" })
  posts!: string[];

  @Column({ name: 'active', type: 'boolean', default: true })
  active!: boolean;

  /**
   * Tokens issued before this instant are refused: set when the admin deactivates the account or
   * resets its password, so a reactivated account or a reset password does not revive older tokens.
   */
  @Column({ name: 'tokens_valid_after', type: 'timestamptz', nullable: true })
  tokensValidAfter!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
