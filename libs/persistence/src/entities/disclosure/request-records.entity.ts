import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { StoredFileEntity } from '../materials/material-records.entity';
import { OrgEntity } from '../org.entity';
import { UserEntity } from '../user.entity';

/**
 * An application for government information (依申请公开): the row is made when it is registered, then
 * kept equal to its workflow by the projection activity (written only with a higher revision). The
 * workflow's history is the record; this is the index lists, the status query and the annual report read.
 */
@Entity({ name: 'disclosure_requests' })
@Unique('UQ_disclosure_request_number', ['number'])
@Unique('UQ_disclosure_request_client', ['filedBy', 'clientRequestId'])
@Check('CK_disclosure_request_status', `"status" IN ('awaiting_confirmation', 'processing', 'correction', 'consulting', 'replied', 'lapsed', 'withdrawn')`)
@Check('CK_disclosure_request_applicant_kind', `"applicant_kind" IN ('person', 'company')`)
@Check('CK_disclosure_request_channel', `"channel" IN ('online', 'in_person', 'post', 'fax')`)
export class DisclosureRequestEntity {
  @PrimaryColumn({ name: 'id', type: 'uuid', primaryKeyConstraintName: 'PK_disclosure_request' })
  id!: string;

  /** e.g. 龙政公开〔2026〕第0001号 */
  @Column({ name: 'number', type: 'varchar', length: 60 })
  number!: string;

  /** The filer's idempotency key: the same one twice registers one application. */
  @Column({ name: 'client_request_id', type: 'varchar', length: 100 })
  clientRequestId!: string;

  @Column({ name: 'filed_by', type: 'uuid' })
  filedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'filed_by', foreignKeyConstraintName: 'FK_disclosure_request_filed_by' })
  filer?: UserEntity;

  /** The agency applied to, which replies. */
  @Index('IX_disclosure_request_agency')
  @Column({ name: 'agency_org_id', type: 'uuid' })
  agencyOrgId!: string;

  @ManyToOne(() => OrgEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_org_id', foreignKeyConstraintName: 'FK_disclosure_request_agency' })
  agency?: OrgEntity;

  @Index('IX_disclosure_request_applicant_user')
  @Column({ name: 'applicant_user_id', type: 'uuid', nullable: true })
  applicantUserId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicant_user_id', foreignKeyConstraintName: 'FK_disclosure_request_applicant_user' })
  applicantUser?: UserEntity | null;

  @Column({ name: 'applicant_kind', type: 'varchar', length: 16 })
  applicantKind!: 'person' | 'company';

  @Column({ name: 'applicant_name', type: 'varchar', length: 200 })
  applicantName!: string;

  /** 公民身份号码 or 统一社会信用代码, normalised; with the number it answers the status query without login. */
  @Column({ name: 'applicant_id_number', type: 'varchar', length: 18 })
  applicantIdNumber!: string;

  /** 查询码 on the registration receipt: with the number, the status query's other key; null before receipts carried one. */
  @Column({ name: 'query_code', type: 'varchar', length: 16, nullable: true })
  queryCode!: string | null;

  /** Companies: the annual report's kind of organisation. */
  @Column({ name: 'organization_type', type: 'varchar', length: 20, nullable: true })
  organizationType!: string | null;

  @Column({ name: 'channel', type: 'varchar', length: 16 })
  channel!: string;

  @Column({ name: 'description', type: 'text' })
  description!: string;

  @Index('IX_disclosure_request_status')
  @Column({ name: 'status', type: 'varchar', length: 24 })
  status!: string;

  @Column({ name: 'reply_type', type: 'varchar', length: 20, nullable: true })
  replyType!: string | null;

  /** refused/partial: the refusal reason; not_exist: why nothing can be provided. */
  @Column({ name: 'reply_reason', type: 'varchar', length: 30, nullable: true })
  replyReason!: string | null;

  @Column({ name: 'alarm_level', type: 'varchar', length: 8 })
  alarmLevel!: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  /** Art. 31 receipt date, first one (the annual report's year). */
  @Index('IX_disclosure_request_first_received')
  @Column({ name: 'first_received_on', type: 'date', nullable: true })
  firstReceivedOn!: string | null;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ name: 'extended', type: 'boolean', default: false })
  extended!: boolean;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** The day (China time) it was replied to, lapsed or withdrawn. */
  @Column({ name: 'finished_on', type: 'date', nullable: true })
  finishedOn!: string | null;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200 })
  workflowId!: string;

  @Column({ name: 'revision', type: 'int' })
  revision!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A document an application issued (补正告知书, 延期答复告知书, 答复书 …): the PDF, sealed by the agency. */
@Entity({ name: 'disclosure_request_documents' })
@Unique('UQ_disclosure_request_document', ['requestId', 'documentKey'])
export class DisclosureRequestDocumentEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_disclosure_request_document' })
  id!: string;

  @Index('IX_disclosure_request_document_request')
  @Column({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @ManyToOne(() => DisclosureRequestEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'FK_disclosure_request_document_request' })
  request?: DisclosureRequestEntity;

  @Column({ name: 'document_key', type: 'varchar', length: 60 })
  documentKey!: string;

  @Column({ name: 'title', type: 'varchar', length: 200 })
  title!: string;

  /** The agency whose seal signed it. */
  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrgEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_disclosure_request_document_org' })
  org?: OrgEntity;

  @Column({ name: 'sha256', type: 'char', length: 64 })
  sha256!: string;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sha256', foreignKeyConstraintName: 'FK_disclosure_request_document_file' })
  file?: StoredFileEntity;

  /** SM3 digest of the PDF, hex. */
  @Column({ name: 'sm3', type: 'char', length: 64 })
  sm3!: string;

  /** SM2 signature over the PDF (DER, base64). */
  @Column({ name: 'signature', type: 'text' })
  signature!: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @CreateDateColumn({ name: 'stored_at', type: 'timestamptz' })
  storedAt!: Date;
}

/** Application numbers: the last sequence per prefix (e.g. 龙政公开) and year. */
@Entity({ name: 'disclosure_request_sequences' })
export class DisclosureRequestSequenceEntity {
  @PrimaryColumn({ name: 'prefix', type: 'varchar', length: 20, primaryKeyConstraintName: 'PK_disclosure_request_sequence' })
  prefix!: string;

  @PrimaryColumn({ name: 'year', type: 'int', primaryKeyConstraintName: 'PK_disclosure_request_sequence' })
  year!: number;

  @Column({ name: 'last_sequence', type: 'int' })
  lastSequence!: number;
}
