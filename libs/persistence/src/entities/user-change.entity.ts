import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';

export type UserChangeKind = 'created' | 'changed' | 'password_reset';

/** Who changed which account, and how (append-only; never a password or its hash). */
@Entity({ name: 'user_changes' })
@Check('CK_user_change_kind', `"kind" IN ('created', 'changed', 'password_reset')`)
export class UserChangeEntity {
  @PrimaryGeneratedColumn('increment', { name: 'seq', type: 'bigint', primaryKeyConstraintName: 'PK_user_change' })
  seq!: string;

  @Index('IX_user_change_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_user_change_user' })
  user?: UserEntity;

  @Column({ name: 'changed_by', type: 'uuid' })
  changedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'changed_by', foreignKeyConstraintName: 'FK_user_change_changed_by' })
  changer?: UserEntity;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: UserChangeKind;

  /** The fields changed, before and after (created: the account as made). */
  @Column({ name: 'before', type: 'jsonb', nullable: true })
  before!: object | null;

  @Column({ name: 'after', type: 'jsonb', nullable: true })
  after!: object | null;

  @Column({ name: 'note', type: 'text', nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
