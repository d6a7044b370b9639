import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who in the supervision office looked at what, when (监察留痕). Append-only and hash-chained: each
 * row's hash covers its content and the previous row's hash, so a changed or removed row breaks the
 * chain from there on (`npm run audit:verify`).
 */
@Entity({ name: 'supervision_audit' })
export class SupervisionAuditEntity {
  @PrimaryGeneratedColumn('increment', { name: 'seq', type: 'bigint', primaryKeyConstraintName: 'PK_supervision_audit' })
  seq!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** timeline | case | alarm | alarms */
  @Column({ name: 'action', type: 'varchar', length: 32 })
  action!: string;

  @Index('IX_supervision_audit_case')
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ name: 'detail', type: 'jsonb' })
  detail!: object;

  @Column({ name: 'at', type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ name: 'hash', type: 'char', length: 64 })
  hash!: string;
}
