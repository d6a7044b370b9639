import type { CalendarYear } from '#domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * Who entered or changed which year of the working calendar, and the year before and after
 * (append-only): every statutory deadline is counted with it.
 */
@Entity({ name: 'calendar_changes' })
export class CalendarChangeEntity {
  @PrimaryGeneratedColumn('increment', { name: 'seq', type: 'bigint', primaryKeyConstraintName: 'PK_calendar_change' })
  seq!: string;

  @Index('IX_calendar_change_year')
  @Column({ name: 'year', type: 'int' })
  year!: number;

  @Column({ name: 'changed_by', type: 'uuid' })
  changedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'changed_by', foreignKeyConstraintName: 'FK_calendar_change_changed_by' })
  changer?: UserEntity;

  /** The year as it was (null: not entered before), with where it came from. */
  @Column({ name: 'before', type: 'jsonb', nullable: true })
  before!: { source: string; data: CalendarYear } | null;

  @Column({ name: 'after', type: 'jsonb' })
  after!: { source: string; data: CalendarYear };

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
