import type { DocumentCategory, DocumentStatus, KeyArea } from '#domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { StoredFileEntity } from '../materials/material-records.entity';
import { OrgEntity } from '../org.entity';
import { UserEntity } from '../user.entity';

/**
 * A policy document (政策文件) for disclosure (founding document (一) 1 and 3). A published document's
 * text is never rewritten (see libs/domain policy-rules): edits are refused after publishing.
 */
@Entity({ name: 'policy_documents' })
@Unique('UQ_policy_document_number', ['docNumber'])
@Check('CK_policy_document_status', `"status" IN ('draft', 'published', 'repealed')`)
@Check('CK_policy_document_published', `("status" = 'draft') = ("published_at" IS NULL)`)
@Check('CK_policy_document_repealed', `("status" = 'repealed') = ("repealed_at" IS NOT NULL)`)
@Check('CK_policy_document_comment_period', `"comment_closes_at" IS NULL OR "comment_closes_at" > "comment_opens_at"`)
@Index('IX_policy_document_status_published', ['status', 'publishedAt'])
@Index('IX_policy_document_area_published', ['keyArea', 'publishedAt'])
// Created by the Disclosure migration: GIN is beyond TypeORM's index declarations.
@Index('IX_policy_document_search', { synchronize: false })
export class PolicyDocumentEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_policy_document' })
  id!: string;

  /** 文号 in its standard form (温政办〔2013〕106号); a draft may not have one yet. */
  @Column({ name: 'doc_number', type: 'varchar', length: 60, nullable: true })
  docNumber!: string | null;

  @Column({ name: 'doc_year', type: 'int', nullable: true })
  docYear!: number | null;

  @Column({ name: 'title', type: 'varchar', length: 300 })
  title!: string;

  /** The issuing body (发文机关), whose dept_admin may edit it. */
  @Index('IX_policy_document_org')
  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrgEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_policy_document_org' })
  org?: OrgEntity;

  @Column({ name: 'category', type: 'varchar', length: 32 })
  category!: DocumentCategory;

  @Column({ name: 'key_area', type: 'varchar', length: 32, nullable: true })
  keyArea!: KeyArea | null;

  /** 成文日期 */
  @Column({ name: 'written_date', type: 'date', nullable: true })
  writtenDate!: string | null;

  /** 施行日期 */
  @Column({ name: 'effective_date', type: 'date', nullable: true })
  effectiveDate!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'body', type: 'text' })
  body!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: DocumentStatus;

  @Column({ name: 'repealed_at', type: 'timestamptz', nullable: true })
  repealedAt!: Date | null;

  @Column({ name: 'repeal_reason', type: 'text', nullable: true })
  repealReason!: string | null;

  /** 征求意见 period of a draft; the draft is public from the moment it is set. */
  @Column({ name: 'comment_opens_at', type: 'timestamptz', nullable: true })
  commentOpensAt!: Date | null;

  @Column({ name: 'comment_closes_at', type: 'timestamptz', nullable: true })
  commentClosesAt!: Date | null;

  /** 意见采纳情况: published after the period closes. */
  @Column({ name: 'comment_summary', type: 'text', nullable: true })
  commentSummary!: string | null;

  @Column({ name: 'comment_summary_at', type: 'timestamptz', nullable: true })
  commentSummaryAt!: Date | null;

  /** jieba search-mode words of title, number and body, title and number weighted A (libs/domain search-text). */
  @Column({ name: 'search_vector', type: 'tsvector', select: false })
  searchVector!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_policy_document_created_by' })
  creator?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A file attached to a policy document, stored once by its bytes (the shared FileStore). */
@Entity({ name: 'policy_attachments' })
@Unique('UQ_policy_attachment', ['documentId', 'sha256'])
export class PolicyAttachmentEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_policy_attachment' })
  id!: string;

  @Index('IX_policy_attachment_document')
  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => PolicyDocumentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'FK_policy_attachment_document' })
  document?: PolicyDocumentEntity;

  @Column({ name: 'sha256', type: 'char', length: 64 })
  sha256!: string;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sha256', foreignKeyConstraintName: 'FK_policy_attachment_file' })
  file?: StoredFileEntity;

  @Column({ name: 'file_name', type: 'varchar', length: 200 })
  fileName!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 120 })
  contentType!: string;

  @Column({ name: 'size', type: 'int' })
  size!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export type PolicyCommentKind = 'comment' | 'feedback';
export type ModerationStatus = 'pending' | 'approved' | 'rejected';

/**
 * 征求意见 on a draft (kind comment) and 反馈 on a published document (kind feedback), from anyone.
 * Shown only once the disclosure office approved it; the contact stays private.
 */
@Entity({ name: 'policy_comments' })
@Check('CK_policy_comment_kind', `"kind" IN ('comment', 'feedback')`)
@Check('CK_policy_comment_status', `"status" IN ('pending', 'approved', 'rejected')`)
@Check('CK_policy_comment_adoption', `"adoption" IS NULL OR ("adoption" IN ('adopted', 'not_adopted') AND "kind" = 'comment' AND "status" = 'approved')`)
@Index('IX_policy_comment_document', ['documentId', 'kind', 'status'])
@Index('IX_policy_comment_pending', ['status', 'submittedAt'])
export class PolicyCommentEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_policy_comment' })
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => PolicyDocumentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'FK_policy_comment_document' })
  document?: PolicyDocumentEntity;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: PolicyCommentKind;

  /** How the author wants to be named publicly (may be 匿名). */
  @Column({ name: 'author_name', type: 'varchar', length: 100 })
  authorName!: string;

  /** Phone or e-mail for the office's reply; never shown publicly. */
  @Column({ name: 'contact', type: 'varchar', length: 100, nullable: true })
  contact!: string | null;

  @Column({ name: 'content', type: 'text' })
  content!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: ModerationStatus;

  @Column({ name: 'moderated_by', type: 'uuid', nullable: true })
  moderatedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'moderated_by', foreignKeyConstraintName: 'FK_policy_comment_moderated_by' })
  moderator?: UserEntity | null;

  @Column({ name: 'moderated_at', type: 'timestamptz', nullable: true })
  moderatedAt!: Date | null;

  @Column({ name: 'moderation_note', type: 'text', nullable: true })
  moderationNote!: string | null;

  /** 采纳 / 未采纳, decided in the summary after the period closes. */
  @Column({ name: 'adoption', type: 'varchar', length: 16, nullable: true })
  adoption!: 'adopted' | 'not_adopted' | null;

  @Column({ name: 'adoption_reason', type: 'text', nullable: true })
  adoptionReason!: string | null;

  @CreateDateColumn({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;
}

/** 政策解读 of a document: published with the document or after it, never before. */
@Entity({ name: 'policy_interpretations' })
@Check('CK_policy_interpretation_status', `"status" IN ('draft', 'published')`)
@Check('CK_policy_interpretation_published', `("status" = 'published') = ("published_at" IS NOT NULL)`)
export class PolicyInterpretationEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_policy_interpretation' })
  id!: string;

  @Index('IX_policy_interpretation_document')
  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => PolicyDocumentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'FK_policy_interpretation_document' })
  document?: PolicyDocumentEntity;

  @Column({ name: 'title', type: 'varchar', length: 300 })
  title!: string;

  @Column({ name: 'body', type: 'text' })
  body!: string;

  /** Goes out when its document is published (a draft document's interpretation waits for it). */
  @Column({ name: 'with_document', type: 'boolean' })
  withDocument!: boolean;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: 'draft' | 'published';

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_policy_interpretation_created_by' })
  creator?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
