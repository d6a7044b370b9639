import {
  type ApplicantKind,
  chinaDateOf,
  DomainError,
  ErrorCode,
  normalizeApplicantId,
  Role,
  validateResidentIdNumber,
  validateUnifiedSocialCreditCode,
} from '#domain';
import {
  type ApplicantEntity,
  type ApplicantMaterialEntity,
  DiskFileStore,
  MATERIAL_LIMITS,
  MaterialsRepository,
  type MaterialProvenance,
  sniffContentType,
  UsersRepository,
} from '#persistence';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user';
import type { UploadMaterialDto } from './materials.dto';

/** A library material as its readers see it: never its content hash, which is no key to the file. */
export interface MaterialView {
  id: string;
  name: string;
  provenance: MaterialProvenance;
  validUntil: string | null;
  contentType: string | null;
  size: number | null;
  uploadedAt: string;
}

/** The library identity of an applicant account, and whether a counter has seen its ID card. */
export interface AccountIdentity {
  applicant: ApplicantEntity;
  verified: boolean;
}

/** The identity a request body may name: it must be the account's own. */
export interface ClaimedIdentity {
  kind?: ApplicantKind;
  idNumber?: string;
  name?: string;
}

/**
 * 审批资料共享库: materials handed in once, reused by the applicant's later applications. An applicant
 * reaches only the library of the identity fixed on their account; staff reach it only through a case
 * (cases.service.ts), and each such read is in the audit log.
 */
@Injectable()
export class MaterialsService {
  constructor(
    private readonly materials: MaterialsRepository,
    private readonly users: UsersRepository,
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

  /** The library's applicant with this identity, or null. */
  findByIdentity(kind: ApplicantKind, idNumber: string): Promise<ApplicantEntity | null> {
    return this.materials.findApplicant(kind, normalizeApplicantId(kind, idNumber));
  }

  /** The identity fixed on an applicant's account at registration (409 for an account without one). */
  async accountIdentity(user: AuthUser): Promise<AccountIdentity> {
    const found = await this.users.findActiveById(user.id);
    const applicant = found?.user.applicantId ? await this.materials.findApplicantById(found.user.applicantId) : null;
    if (!found || !applicant) {
      throw new DomainError(ErrorCode.APPLICANT_IDENTITY_MISSING, '您的账号尚未登记证件号码，请携带身份证件到窗口办理');
    }
    return { applicant, verified: found.user.identityVerifiedAt !== null };
  }

  /** Refuses a body that names another identity than the account's (a missing field names none). */
  assertOwnIdentity(own: ApplicantEntity, claimed: ClaimedIdentity | undefined, fieldPrefix = ''): void {
    if (!claimed) return;
    const problems: { field: string; rule: string }[] = [];
    if (claimed.kind !== undefined && claimed.kind !== own.kind) problems.push({ field: `${fieldPrefix}kind`, rule: 'account-identity' });
    if (claimed.idNumber !== undefined && normalizeApplicantId(own.kind, claimed.idNumber) !== own.idNumber)
      problems.push({ field: `${fieldPrefix}idNumber`, rule: 'account-identity' });
    if (claimed.name !== undefined && claimed.name.trim() !== own.name) problems.push({ field: `${fieldPrefix}name`, rule: 'account-identity' });
    if (problems.length > 0) throw new DomainError(ErrorCode.APPLICANT_IDENTITY_MISMATCH, '只能以本人账号登记的身份办理', problems);
  }

  /**
   * Stores the bytes once (by sha256), whatever their declared type; 415 for a type not allowed. An
   * applicant's upload goes into their own library only and counts as theirs until a clerk checks it; a
   * clerk's goes into the library of the applicant in front of them and counts as checked.
   */
  async upload(user: AuthUser, dto: UploadMaterialDto, data: Buffer) {
    const contentType = sniffContentType(data);
    if (!contentType || !MATERIAL_LIMITS.contentTypes.includes(contentType)) {
      throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, '材料须为 PDF、JPEG、PNG、Word 或 Excel 文件');
    }
    let applicant: ApplicantEntity;
    let provenance: MaterialProvenance;
    if (user.role === Role.APPLICANT) {
      applicant = (await this.accountIdentity(user)).applicant;
      this.assertOwnIdentity(applicant, { kind: dto.kind, idNumber: dto.idNumber });
      provenance = 'applicant';
    } else {
      const missing = (['kind', 'idNumber', 'applicantName'] as const).filter((field) => dto[field] === undefined);
      if (missing.length > 0)
        throw new DomainError(
          ErrorCode.VALIDATION_FAILED,
          '请求参数有误',
          missing.map((field) => ({ field, rule: 'required' })),
        );
      applicant = await this.identify(dto.kind!, dto.idNumber!, dto.applicantName!);
      provenance = 'counter';
    }
    const stored = await this.files.put(data, contentType);
    await this.materials.recordFile({ sha256: stored.sha256, size: stored.size, contentType: stored.contentType });
    const material = await this.materials.addMaterial({
      applicantId: applicant.id,
      name: dto.materialName,
      sha256: stored.sha256,
      validUntil: dto.validUntil ?? null,
      uploadedBy: user.id,
      provenance,
    });
    return { material: materialView(material), newBytes: stored.created };
  }

  /** An applicant's own library: what their account may see of the identity it was registered with. */
  async mine(user: AuthUser) {
    const { applicant, verified } = await this.accountIdentity(user);
    const held = await this.materials.held(applicant.id, today(), verified ? undefined : user.id);
    return {
      applicant: { kind: applicant.kind, name: applicant.name, idNumber: maskId(applicant.idNumber), verified },
      materials: held.map(materialView),
    };
  }

  /** The bytes of one of the applicant's own visible materials. */
  async myFile(user: AuthUser, materialId: string) {
    const { applicant, verified } = await this.accountIdentity(user);
    const held = await this.materials.held(applicant.id, today(), verified ? undefined : user.id);
    const material = held.find((m) => m.id === materialId);
    if (!material) throw new DomainError(ErrorCode.MATERIAL_NOT_FOUND, '未找到该材料');
    return this.fileOf(material);
  }

  /** Still valid materials of the library, all of them (staff, for a case) or as the account may see them. */
  held(applicantId: string, onlyOfAccount?: string): Promise<ApplicantMaterialEntity[]> {
    return this.materials.held(applicantId, today(), onlyOfAccount);
  }

  /** A clerk checked these applicant uploads against the originals: from now on they count as checked. */
  confirmChecked(applicantId: string, materialIds: string[], clerkId: string): Promise<void> {
    return this.materials.confirmChecked(applicantId, materialIds, clerkId);
  }

  findMaterial(applicantId: string, materialId: string): Promise<ApplicantMaterialEntity | null> {
    return this.materials.findMaterial(applicantId, materialId);
  }

  async fileOf(material: ApplicantMaterialEntity): Promise<{ data: Buffer; contentType: string; name: string }> {
    const data = await this.files.get(material.sha256);
    if (!data) throw new DomainError(ErrorCode.MATERIAL_NOT_FOUND, '未找到该材料');
    return { data, contentType: material.file?.contentType ?? 'application/octet-stream', name: material.name };
  }
}

export function materialView(m: ApplicantMaterialEntity): MaterialView {
  return {
    id: m.id,
    name: m.name,
    provenance: m.provenance,
    validUntil: m.validUntil,
    contentType: m.file?.contentType ?? null,
    size: m.file?.size ?? null,
    uploadedAt: m.uploadedAt.toISOString(),
  };
}

/** 3303**********1234: enough for the holder to recognise, too little to be a key. */
export function maskId(idNumber: string): string {
  return `${idNumber.slice(0, 4)}${'*'.repeat(Math.max(0, idNumber.length - 8))}${idNumber.slice(-4)}`;
}

function today(): string {
  return chinaDateOf(Date.now());
}
