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

/** A material an applicant handed in, named as items list it, valid until a date (or for good). */
@Entity({ name: 'applicant_materials' })
@Unique('UQ_applicant_material', ['applicantId', 'name', 'sha256'])
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
}
