// The words of applicants (申请人) and the materials the shared library (共享库) keeps for them.
import type { ApplicantKind } from '../applicants/identity';

export type { ApplicantKind };

export const APPLICANT_KIND_NAMES: Readonly<Record<ApplicantKind, string>> = { person: '自然人', company: '法人或其他组织' };

/** The number that names an applicant: GB 11643 calls it 公民身份号码, GB 32100 统一社会信用代码. */
export const APPLICANT_ID_NAMES: Readonly<Record<ApplicantKind, string>> = { person: '公民身份号码', company: '统一社会信用代码' };

/**
 * Where a library material came from, which decides whether a counter may reuse it unseen: `counter`
 * (a clerk checked the original at the counter), `issued` (the platform issued it, a licence or
 * decision), `applicant` (the applicant uploaded it online; a clerk confirms it before reusing it).
 */
export type MaterialProvenance = 'applicant' | 'counter' | 'issued';

export const MATERIAL_PROVENANCE_NAMES: Readonly<Record<MaterialProvenance, string>> = {
  counter: '窗口核验',
  issued: '本平台出具',
  applicant: '申请人网上上传',
};
