import type { ApplicantKind } from '#domain';
import type { DataSource } from 'typeorm';
import { ApplicantEntity, ApplicantMaterialEntity, StoredFileEntity } from '../entities/materials/material-records.entity';
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

  async recordFile(file: StoredFile): Promise<void> {
    await this.dataSource.createQueryBuilder().insert().into(StoredFileEntity).values(file).orIgnore().execute();
  }

  findFile(sha256: string): Promise<StoredFileEntity | null> {
    return this.dataSource.getRepository(StoredFileEntity).findOneBy({ sha256 });
  }

  /** Adds the material unless the applicant already holds these bytes under this name. */
  async addMaterial(values: { applicantId: string; name: string; sha256: string; validUntil: string | null; uploadedBy: string }): Promise<ApplicantMaterialEntity> {
    await this.dataSource.createQueryBuilder().insert().into(ApplicantMaterialEntity).values(values).orIgnore().execute();
    return (await this.dataSource.getRepository(ApplicantMaterialEntity).findOne({
      where: { applicantId: values.applicantId, name: values.name, sha256: values.sha256 },
      relations: { file: true },
    }))!;
  }

  /** Materials still valid on `today` (YYYY-MM-DD), newest first. */
  held(applicantId: string, today: string): Promise<ApplicantMaterialEntity[]> {
    return this.dataSource
      .getRepository(ApplicantMaterialEntity)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.file', 'file')
      .where('m.applicant_id = :applicantId', { applicantId })
      .andWhere('(m.valid_until IS NULL OR m.valid_until >= :today)', { today })
      .orderBy('m.uploaded_at', 'DESC')
      .getMany();
  }
}
