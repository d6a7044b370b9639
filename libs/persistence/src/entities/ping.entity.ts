import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrgEntity } from './org.entity';

/**
 * Projection of a ping workflow (the foundation's end-to-end slice), written only by activities.
 */
@Entity({ name: 'pings' })
@Check('CK_ping_status', `"status" IN ('waiting', 'finished')`)
export class PingEntity {
  @PrimaryColumn({ name: 'id', type: 'uuid', primaryKeyConstraintName: 'PK_ping' })
  id!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200 })
  workflowId!: string;

  @Column({ name: 'message', type: 'text' })
  message!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: 'waiting' | 'finished';

  /** The organisation of who started it; only users inside it may complete it. */
  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrgEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_ping_org' })
  org?: OrgEntity;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @Column({ name: 'completed_by', type: 'uuid', nullable: true })
  completedBy!: string | null;

  @Column({ name: 'note', type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
