import type { ApplicantKind } from '#domain';
import type { DataSource } from 'typeorm';
import {
  ApplicantEntity,
  ApplicantMaterialEntity,
  FormFileEntity,
  type MaterialProvenance,
  StoredFileEntity,
} from '../entities/materials/material-records.entity';
import type { StoredFile } from '../files/file-store';

/** The shared materials library: applicants, their materials, the files behind them. */
export class MaterialsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The applicant with this identity, made on first sight; the name is kept as first given. */
  async ensureApplicant(kind: ApplicantKind, idNumber: string, name: string): Promise<ApplicantEntity> {
    await this.dataSource.createQueryBuilder().insert().into(ApplicantEntity).values({ kind, idNumber, name }).orIgnore().execute();
    return (await this.findApplicant(kind, idNumber))!;
  }

  findApplicant(kind: ApplicantKind, idNumber: string): Promise<ApplicantEntity | null> {
    return this.dataSource.getRepository(ApplicantEntity).findOneBy({ kind, idNumber });
  }

  findApplicantById(id: string): Promise<ApplicantEntity | null> {
    return this.dataSource.getRepository(ApplicantEntity).findOneBy({ id });
  }

  async recordFile(file: StoredFile): Promise<void> {
    await this.dataSource.createQueryBuilder().insert().into(StoredFileEntity).values(file).orIgnore().execute();
  }

  /**
   * Adds the material unless the applicant already holds these bytes under this name; holding them
   * already as the applicant's own upload, a counter's check or an issuing raises the row to that
   * provenance (a clerk who saw the original vouches for the same bytes).
   */
  async addMaterial(values: {
    applicantId: string;
    name: string;
    sha256: string;
    validUntil: string | null;
    uploadedBy: string;
    provenance: MaterialProvenance;
    caseId?: string | null;
  }): Promise<ApplicantMaterialEntity> {
    const checked = values.provenance === 'counter';
    await this.dataSource.query(
      `INSERT INTO "applicant_materials" ("applicant_id", "name", "sha256", "valid_until", "uploaded_by", "provenance", "case_id", "checked_by", "checked_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT ON CONSTRAINT "UQ_applicant_material" DO UPDATE
         SET "provenance" = EXCLUDED."provenance", "case_id" = COALESCE("applicant_materials"."case_id", EXCLUDED."case_id"),
             "checked_by" = COALESCE("applicant_materials"."checked_by", EXCLUDED."checked_by"), "checked_at" = COALESCE("applicant_materials"."checked_at", EXCLUDED."checked_at")
         WHERE "applicant_materials"."provenance" = 'applicant' AND EXCLUDED."provenance" <> 'applicant'`,
      [
        values.applicantId,
        values.name,
        values.sha256,
        values.validUntil,
        values.uploadedBy,
        values.provenance,
        values.caseId ?? null,
        checked ? values.uploadedBy : null,
        checked ? new Date() : null,
      ],
    );
    return (await this.dataSource.getRepository(ApplicantMaterialEntity).findOne({
      where: { applicantId: values.applicantId, name: values.name, sha256: values.sha256 },
      relations: { file: true },
    }))!;
  }

  /** A clerk confirmed these applicant uploads against the originals at the counter: they count as checked. */
  async confirmChecked(applicantId: string, materialIds: string[], clerkId: string): Promise<void> {
    if (materialIds.length === 0) return;
    await this.dataSource
      .createQueryBuilder()
      .update(ApplicantMaterialEntity)
      .set({ provenance: 'counter', checkedBy: clerkId, checkedAt: () => 'now()' })
      .where('applicant_id = :applicantId AND id IN (:...materialIds) AND provenance = :applicant', { applicantId, materialIds, applicant: 'applicant' })
      .execute();
  }

  /** One of the applicant's library rows with its file, or null. */
  findMaterial(applicantId: string, materialId: string): Promise<ApplicantMaterialEntity | null> {
    return this.dataSource.getRepository(ApplicantMaterialEntity).findOne({ where: { id: materialId, applicantId }, relations: { file: true } });
  }

  /** Registers stored bytes as a blank form (服务表格): from then on the public form route serves them. */
  async registerForm(values: { sha256: string; orgId: string; uploadedBy: string }): Promise<void> {
    await this.dataSource.createQueryBuilder().insert().into(FormFileEntity).values(values).orIgnore().execute();
  }

  /** The registered form with these bytes, with its stored file, or null. */
  findForm(sha256: string): Promise<FormFileEntity | null> {
    return this.dataSource.getRepository(FormFileEntity).findOne({ where: { sha256 }, relations: { file: true } });
  }

  /**
   * Materials still valid on `today` (YYYY-MM-DD), newest first. `onlyOfAccount`: an applicant account
   * whose identity no counter has seen yet gets only what it uploaded itself and what was issued in its
   * own cases, not what counters stored under the same ID number.
   */
  held(applicantId: string, today: string, onlyOfAccount?: string): Promise<ApplicantMaterialEntity[]> {
    const query = this.dataSource
      .getRepository(ApplicantMaterialEntity)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.file', 'file')
      .where('m.applicant_id = :applicantId', { applicantId })
      .andWhere('(m.valid_until IS NULL OR m.valid_until >= :today)', { today });
    if (onlyOfAccount) {
      query.andWhere(
        `(m.uploaded_by = :account OR (m.provenance = 'issued' AND m.case_id IN (SELECT c.id FROM cases c WHERE c.applicant_user_id = :account)))`,
        { account: onlyOfAccount },
      );
    }
    return query.orderBy('m.uploaded_at', 'DESC').getMany();
  }
}
