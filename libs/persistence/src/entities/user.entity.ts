import type { Role } from '#domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ApplicantEntity } from './materials/material-records.entity';
import { OrgEntity } from './org.entity';

/** A person who signs in: one role, bound to one organisation. */
@Entity({ name: 'users' })
@Unique('UQ_user_username', ['username'])
@Check('CK_user_role', `"role" IN ('applicant', 'clerk', 'handler', 'dept_admin', 'review_admin', 'supervisor', 'disclosure_officer', 'admin')`)
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

  /**
   * An applicant account's identity in the shared library, fixed at registration (申请人 only): its
   * online filings, uploads and library reads use this identity and no other.
   */
  @Index('IX_user_applicant')
  @Column({ name: 'applicant_id', type: 'uuid', nullable: true })
  applicantId!: string | null;

  // By name: material-records.entity.ts imports this file, and a value import back would be a cycle.
  @ManyToOne('ApplicantEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicant_id', foreignKeyConstraintName: 'FK_user_applicant' })
  applicant?: ApplicantEntity | null;

  /**
   * When a counter clerk saw the ID card of an applicant account's holder (实名核验: a counter filing
   * naming the account with its identity). Until then the account sees only what it uploaded itself
   * and what was issued in its own cases, not what counters stored under the same ID number.
   */
  @Column({ name: 'identity_verified_at', type: 'timestamptz', nullable: true })
  identityVerifiedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
