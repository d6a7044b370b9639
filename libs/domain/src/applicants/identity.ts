/**
 * Applicant identifiers for the shared materials library (审批资料共享库, 一次申报、多次使用): materials
 * are filed under the applicant's number, so a mistyped number would silently open a second library.
 *
 * - 公民身份号码 (GB 11643-1999): region 6 + birth date 8 + sequence 3 + check character 1.
 * - 统一社会信用代码 (GB 32100-2015): registration authority 1 + institution type 1 + region 6 +
 *   主体标识码 (the GB 11714 organisation code, 8 + its own check character) + check character 1.
 *
 * Both are checked by form and check characters only; whether the number was ever issued is a question
 * for the issuing registry, not for this module.
 */
import { isCalendarDate } from '../calendar/china-time';

export type ApplicantKind = 'person' | 'company';

/**
 * The form both numbers share (18 digits and capital letters; a resident ID may end in x): what a schema
 * can say. The check characters are checked by the validators below (422 APPLICANT_ID_INVALID).
 */
export const APPLICANT_ID_PATTERN = /^[0-9A-Za-z]{18}$/;

export type IdentityProblem = { valid: false; rule: string; message: string };

export type ResidentIdCheck = { valid: true; birthDate: string; sex: 'male' | 'female'; regionCode: string } | IdentityProblem;

export type UnifiedSocialCreditCodeCheck = { valid: true; registrationAuthority: string; institutionType: string; regionCode: string } | IdentityProblem;

// ---------------------------------------------------------------------------------------------------
// 公民身份号码
// ---------------------------------------------------------------------------------------------------

/**
 * Province-level codes of GB/T 2260 (the first two digits of the region code). 71 台湾, 81 香港, 82 澳门
 * are listed in GB/T 2260 although the mainland does not issue numbers under them today.
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]); // prettier-ignore

// GB 11643-1999 §7 (ISO 7064 MOD 11-2): W_i = 2^(17-i) mod 11 for positions 1..17.
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RESIDENT_ID_CHECK_CHARACTERS = '10X98765432';

/** Numbers of people born before this are not in the system; anything earlier is a typo. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * Checks an 18-digit 公民身份号码. A lowercase `x` as the check character is accepted (people type it);
 * store the number through `normalizeApplicantId` so the library has one spelling.
 *
 * @param today `YYYY-MM-DD`, the date a birth date may not be after: today in China (chinaDateOf of
 *   the caller's clock — the API's, or a workflow's), passed in so that the domain reads no clock.
 */
export function validateResidentIdNumber(id: string, today: string): ResidentIdCheck {
  if (!isCalendarDate(today)) {
    throw new RangeError(`today 须为 YYYY-MM-DD 格式的有效日期，收到 ${String(today)}`);
  }
  if (typeof id !== 'string') return problem('format', '公民身份号码须为字符串');
  if (id.length !== 18) {
    return problem('length', `公民身份号码应为18位，收到${id.length}位（15位旧号码须换发18位号码后使用）`);
  }
  if (!/^\d{17}[\dXx]$/u.test(id)) {
    return problem('format', '公民身份号码前17位须为数字，第18位须为数字或 X');
  }
  const regionCode = id.slice(0, 6);
  if (!PROVINCE_CODES.has(id.slice(0, 2))) {
    return problem('province', `公民身份号码前两位“${id.slice(0, 2)}”不是有效的省级行政区划代码`);
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isCalendarDate(birthDate)) {
    return problem('birth-date', `公民身份号码中的出生日期“${id.slice(6, 14)}”不是有效日期`);
  }
  if (birthDate < EARLIEST_BIRTH_DATE) {
    return problem('birth-date', `公民身份号码中的出生日期“${id.slice(6, 14)}”早于1900年`);
  }
  if (birthDate > today) {
    return problem('birth-date', `公民身份号码中的出生日期“${id.slice(6, 14)}”晚于当前日期`);
  }
  const expected = residentIdCheckCharacter(id.slice(0, 17));
  if (id[17].toUpperCase() !== expected) {
    return problem('check-digit', '公民身份号码校验码不正确，请核对号码是否抄录有误');
  }
  // GB 11643-1999 §5.3: the sequence code is odd for men, even for women.
  const sex = Number(id[16]) % 2 === 1 ? 'male' : 'female';
  return { valid: true, birthDate, sex, regionCode };
}

function residentIdCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(body[i]) * RESIDENT_ID_WEIGHTS[i];
  return RESIDENT_ID_CHECK_CHARACTERS[sum % 11];
}

// ---------------------------------------------------------------------------------------------------
// 统一社会信用代码
// ---------------------------------------------------------------------------------------------------

/** GB 32100-2015 §4.1: digits and upper-case letters without I, O, Z, S, V; the index is the value. */
const USCC_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// GB 32100-2015 §4.2 (ISO 7064 hybrid, MOD 31): W_i = 3^(i-1) mod 31.
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
// GB 11714-1997: the organisation code's own check over its 8-character body.
const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

interface RegistrationAuthority {
  readonly name: string;
  readonly institutionTypes: Readonly<Record<string, string>>;
}

/**
 * 登记管理部门代码 and 机构类别代码 of GB 32100-2015 表1 (1 机构编制, 5 民政, 9 工商, Y 其他) and of the
 * registrars added to the scheme later (2 外交 … 8 工会, A, N). The standard's text was not at hand: the
 * table follows the published descriptions of it, which agree entry for entry. The names are the
 * table's own, so 9 stays 工商 although the registrar is now 市场监管. A new registrar code has to be
 * added here before its codes validate.
 */
export const USCC_REGISTRATION_AUTHORITIES: Readonly<Record<string, RegistrationAuthority>> = Object.freeze({
  '1': {
    name: '机构编制',
    institutionTypes: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', institutionTypes: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    institutionTypes: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', institutionTypes: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', institutionTypes: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    institutionTypes: {
      '1': '外国旅游部门常驻代表机构',
      '2': '港澳台地区旅游部门常驻内地（大陆）代表机构',
      '9': '其他',
    },
  },
  '7': { name: '宗教', institutionTypes: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', institutionTypes: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', institutionTypes: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', institutionTypes: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    institutionTypes: {
      '1': '组级集体经济组织',
      '2': '村级集体经济组织',
      '3': '乡镇级集体经济组织',
      '9': '其他',
    },
  },
  // 表1: "其他" registrars do not subdivide and always use 1.
  Y: { name: '其他', institutionTypes: { '1': '其他' } },
});

/**
 * Checks an 18-character 统一社会信用代码: the character set, the authority and institution type
 * against 表1, the GB 11714 check character of the embedded organisation code (position 17) and the
 * code's own check character (position 18). Letters must be upper case, as the standard writes them;
 * pass user input through `normalizeApplicantId` first.
 */
export function validateUnifiedSocialCreditCode(code: string): UnifiedSocialCreditCodeCheck {
  if (typeof code !== 'string') return problem('charset', '统一社会信用代码须为字符串');
  if (code.length !== 18) return problem('length', `统一社会信用代码应为18位，收到${code.length}位`);
  for (const character of code) {
    if (!USCC_CHARACTERS.includes(character)) {
      return problem('charset', `统一社会信用代码含有不允许的字符“${character}”（只使用数字和除 I、O、Z、S、V 以外的大写字母）`);
    }
  }
  const regionCode = code.slice(2, 8);
  if (!/^\d{6}$/u.test(regionCode)) {
    return problem('charset', '统一社会信用代码第3至8位（登记管理机关行政区划码）须为数字');
  }
  const authority = Object.prototype.hasOwnProperty.call(USCC_REGISTRATION_AUTHORITIES, code[0]) ? USCC_REGISTRATION_AUTHORITIES[code[0]] : undefined;
  if (!authority) {
    return problem('authority', `统一社会信用代码第1位“${code[0]}”不是有效的登记管理部门代码`);
  }
  const institutionType = Object.prototype.hasOwnProperty.call(authority.institutionTypes, code[1]) ? authority.institutionTypes[code[1]] : undefined;
  if (!institutionType) {
    return problem('institution-type', `统一社会信用代码第2位“${code[1]}”不是登记管理部门“${authority.name}”下的机构类别代码`);
  }
  if (code[16] !== organizationCodeCheckCharacter(code.slice(8, 16))) {
    return problem('organization-code-check', '统一社会信用代码第9至17位（组织机构代码）校验码不正确');
  }
  if (code[17] !== usccCheckCharacter(code.slice(0, 17))) {
    return problem('check-digit', '统一社会信用代码校验码不正确，请核对代码是否抄录有误');
  }
  return { valid: true, registrationAuthority: authority.name, institutionType, regionCode };
}

function usccCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += USCC_CHARACTERS.indexOf(body[i]) * USCC_WEIGHTS[i];
  return USCC_CHARACTERS[(31 - (sum % 31)) % 31];
}

/** GB 11714-1997: letters count 10 (A) to 35 (Z) in plain alphabetical order, I and O included. */
function organizationCodeCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number.parseInt(body[i], 36) * ORGANIZATION_CODE_WEIGHTS[i];
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

// ---------------------------------------------------------------------------------------------------
// Shared
// ---------------------------------------------------------------------------------------------------

/**
 * The one spelling an applicant's number is stored and looked up under. NFKC first, because numbers
 * typed with a Chinese input method often arrive as full-width characters (１１０…Ｘ) that look right
 * but would neither validate nor match the stored number.
 */
export function normalizeApplicantId(kind: ApplicantKind, id: string): string {
  const folded = id.normalize('NFKC').trim().toUpperCase();
  // Both kinds fold alike today; the switch makes a new kind (e.g. 外国人永久居留身份证) a compile error
  // here instead of a silent pass-through.
  switch (kind) {
    case 'person':
    case 'company':
      return folded;
  }
}

function problem(rule: string, message: string): IdentityProblem {
  return { valid: false, rule, message };
}
