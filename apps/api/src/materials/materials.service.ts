import {
  type ApplicantKind,
  chinaDateOf,
  DomainError,
  ErrorCode,
  normalizeApplicantId,
  validateResidentIdNumber,
  validateUnifiedSocialCreditCode,
} from '#domain';
import { type ApplicantEntity, DiskFileStore, MATERIAL_LIMITS, MaterialsRepository, sniffContentType } from '#persistence';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user';
import type { UploadMaterialDto } from './materials.dto';


export interface ReusedMaterial {
  name: string;
  sha256: string;
  validUntil: string | null;
}

/** 审批资料共享库: materials handed in once, reused by the applicant's later applications. */
@Injectable()
export class MaterialsService {
  constructor(
    private readonly materials: MaterialsRepository,
    private readonly files: DiskFileStore,
  ) {}

  /** The applicant with a valid resident ID number or unified social credit code (400 otherwise). */
  async identify(kind: ApplicantKind, idNumber: string, name: string): Promise<ApplicantEntity> {
    const normalized = normalizeApplicantId(kind, idNumber);
    const check = kind === 'person' ? validateResidentIdNumber(normalized, today()) : validateUnifiedSocialCreditCode(normalized);
    if (!check.valid) {
      throw new DomainError(ErrorCode.APPLICANT_ID_INVALID, check.message, [{ field: 'idNumber', rule: check.rule, message: check.message }]);
    }
    return this.materials.ensureApplicant(kind, normalized, name);
  }

  /** Stores the bytes once (by sha256), whatever their declared type; 415 for a type not allowed. */
  async upload(user: AuthUser, dto: UploadMaterialDto, data: Buffer) {
    const contentType = sniffContentType(data);
    if (!contentType || !MATERIAL_LIMITS.contentTypes.includes(contentType)) {
      throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, '材料须为 PDF、JPEG、PNG、Word 或 Excel 文件');
    }
    const applicant = await this.identify(dto.kind, dto.idNumber, dto.applicantName);
    const stored = await this.files.put(data, contentType);
    await this.materials.recordFile({ sha256: stored.sha256, size: stored.size, contentType: stored.contentType });
    const material = await this.materials.addMaterial({
      applicantId: applicant.id,
      name: dto.materialName,
      sha256: stored.sha256,
      validUntil: dto.validUntil ?? null,
      uploadedBy: user.id,
    });
    return {
      applicantId: applicant.id,
      material: { name: material.name, sha256: stored.sha256, size: stored.size, contentType, validUntil: material.validUntil },
      newBytes: stored.created,
    };
  }

  async list(kind: ApplicantKind, idNumber: string) {
    const applicant = await this.materials.findApplicant(kind, normalizeApplicantId(kind, idNumber));
    if (!applicant) throw new DomainError(ErrorCode.APPLICANT_NOT_FOUND, '共享库中没有该申请人');
    const held = await this.materials.held(applicant.id, today());
    return {
      applicant: { id: applicant.id, kind: applicant.kind, idNumber: applicant.idNumber, name: applicant.name },
      materials: held.map((m) => ({ name: m.name, sha256: m.sha256, size: m.file?.size, contentType: m.file?.contentType, validUntil: m.validUntil })),
    };
  }

  /** The held, still valid materials an item asks for: what an application need not hand in again. */
  async reusable(applicantId: string, wanted: string[]): Promise<ReusedMaterial[]> {
    const held = await this.materials.held(applicantId, today());
    const reused: ReusedMaterial[] = [];
    for (const name of wanted) {
      const found = held.find((m) => m.name === name);
      if (found) reused.push({ name, sha256: found.sha256, validUntil: found.validUntil });
    }
    return reused;
  }
}

function today(): string {
  return chinaDateOf(Date.now());
}
