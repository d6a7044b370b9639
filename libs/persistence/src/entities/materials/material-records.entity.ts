import type { MaterialProvenance } from '#domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UserEntity } from '../user.entity';

/**
 * An applicant of the shared materials library (审批资料共享库): a person by resident ID number or a
 * company by unified social credit code, both checked with their check characters.
 */
@Entity({ name: 'applicants' })
@Unique('UQ_applicant_identity', ['kind', 'idNumber'])
@Check('CK_applicant_kind', `"kind" IN ('person', 'company')`)
export class ApplicantEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_applicant' })
  id!: string;

  @Column({ name: 'kind', type: 'varchar', length: 8 })
  kind!: 'person' | 'company';

  /** Normalised (upper case) 18-character number. */
  @Column({ name: 'id_number', type: 'varchar', length: 18 })
  idNumber!: string;

  @Column({ name: 'name', type: 'varchar', length: 200 })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A stored file, by the sha256 of its bytes: the same bytes are stored once (一次申报、多次使用). */
@Entity({ name: 'stored_files' })
export class StoredFileEntity {
  @PrimaryColumn({ name: 'sha256', type: 'char', length: 64, primaryKeyConstraintName: 'PK_stored_file' })
  sha256!: string;

  @Column({ name: 'size', type: 'int' })
  size!: number;

  @Column({ name: 'content_type', type: 'varchar', length: 120 })
  contentType!: string;

  @CreateDateColumn({ name: 'stored_at', type: 'timestamptz' })
  storedAt!: Date;
}

export type { MaterialProvenance };

/** A material an applicant handed in, named as items list it, valid until a date (or for good). */
@Entity({ name: 'applicant_materials' })
@Unique('UQ_applicant_material', ['applicantId', 'name', 'sha256'])
@Check('CK_applicant_material_provenance', `"provenance" IN ('applicant', 'counter', 'issued')`)
export class ApplicantMaterialEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_applicant_material' })
  id!: string;

  @Index('IX_applicant_material_applicant')
  @Column({ name: 'applicant_id', type: 'uuid' })
  applicantId!: string;

  @ManyToOne(() => ApplicantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicant_id', foreignKeyConstraintName: 'FK_applicant_material_applicant' })
  applicant?: ApplicantEntity;

  /** As in the items' material lists, e.g. 营业执照复印件. */
  @Column({ name: 'name', type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'sha256', type: 'char', length: 64 })
  sha256!: string;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sha256', foreignKeyConstraintName: 'FK_applicant_material_file' })
  file?: StoredFileEntity;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'FK_applicant_material_uploaded_by' })
  uploader?: UserEntity;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;

  @Column({ name: 'provenance', type: 'varchar', length: 16 })
  provenance!: MaterialProvenance;

  /** The case it was issued in (`issued`), so an applicant's account sees the licences of its own cases. */
  @Index('IX_applicant_material_case')
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  /** The clerk who checked an applicant's upload against the original at the counter, and when. */
  @Column({ name: 'checked_by', type: 'uuid', nullable: true })
  checkedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'checked_by', foreignKeyConstraintName: 'FK_applicant_material_checked_by' })
  checker?: UserEntity | null;

  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true })
  checkedAt!: Date | null;
}

/**
 * A blank form or sample (服务表格) a department registered for its items' guides: the only stored files
 * `GET /api/forms/:sha256` serves. Other stored files (materials, issued documents) share the store but
 * are served only through the case or the library they belong to.
 */
@Entity({ name: 'form_files' })
export class FormFileEntity {
  @PrimaryColumn({ name: 'sha256', type: 'char', length: 64, primaryKeyConstraintName: 'PK_form_file' })
  sha256!: string;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sha256', foreignKeyConstraintName: 'FK_form_file_file' })
  file?: StoredFileEntity;

  /** The department that registered it; null for forms registered before this was kept. */
  @Column({ name: 'org_id', type: 'uuid', nullable: true })
  orgId!: string | null;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'FK_form_file_uploaded_by' })
  uploader?: UserEntity | null;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;
}
