/**
 * The power item code (行政职权事项编码) of the founding document's 附件2:
 * subject code (10) + '-' + type code + '-' + 4-digit sequence, e.g. `33030300AJ-CF-0003`.
 * The subject code is the 8-digit region code (province 2 + city 2 + county 2 + township 2) followed by
 * the department's two pinyin initials (GS 工商, CZ 财政, AJ 安监).
 */
import { ITEM_TYPE_NAMES, REGION_LEVEL_NAMES } from '../labels/catalog';

/** The 14 item types of 附件2, in the document's order. */
export const ITEM_TYPE_CODES = Object.freeze(['XK', 'SP', 'CF', 'QZ', 'ZS', 'GF', 'JL', 'QR', 'ZY', 'CJ', 'JG', 'DL', 'FW', 'QT'] as const);

export type ItemTypeCode = (typeof ITEM_TYPE_CODES)[number];

/**
 * Which information table (附件1) an item fills in: penalty, coercion and reward items have their own;
 * every other type follows the approval table.
 */
export type ItemFamily = 'approval' | 'penalty' | 'coercion' | 'reward';

export interface ItemTypeInfo {
  readonly name: string;
  readonly family: ItemFamily;
}

export const ITEM_TYPES: Readonly<Record<ItemTypeCode, ItemTypeInfo>> = Object.freeze({
  XK: { name: ITEM_TYPE_NAMES.XK, family: 'approval' },
  SP: { name: ITEM_TYPE_NAMES.SP, family: 'approval' },
  CF: { name: ITEM_TYPE_NAMES.CF, family: 'penalty' },
  QZ: { name: ITEM_TYPE_NAMES.QZ, family: 'coercion' },
  ZS: { name: ITEM_TYPE_NAMES.ZS, family: 'approval' },
  GF: { name: ITEM_TYPE_NAMES.GF, family: 'approval' },
  JL: { name: ITEM_TYPE_NAMES.JL, family: 'reward' },
  QR: { name: ITEM_TYPE_NAMES.QR, family: 'approval' },
  ZY: { name: ITEM_TYPE_NAMES.ZY, family: 'approval' },
  CJ: { name: ITEM_TYPE_NAMES.CJ, family: 'approval' },
  JG: { name: ITEM_TYPE_NAMES.JG, family: 'approval' },
  DL: { name: ITEM_TYPE_NAMES.DL, family: 'approval' },
  FW: { name: ITEM_TYPE_NAMES.FW, family: 'approval' },
  QT: { name: ITEM_TYPE_NAMES.QT, family: 'approval' },
});

export function isItemTypeCode(value: unknown): value is ItemTypeCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ITEM_TYPES, value);
}

export function familyOf(type: ItemTypeCode): ItemFamily {
  return ITEM_TYPES[type].family;
}

/** The level of the organisation a region code names; a province never owns items here. */
export type RegionLevel = 'city' | 'county' | 'township';

/** Reads the level from the digits alone: `00` county part → city, `00` township part → county. */
export function regionLevelOf(regionCode: string): RegionLevel {
  if (regionCode.slice(4, 6) === '00') return 'city';
  if (regionCode.slice(6, 8) === '00') return 'county';
  return 'township';
}

export interface ParsedItemCode {
  code: string;
  subjectCode: string;
  regionCode: string;
  deptCode: string;
  typeCode: ItemTypeCode;
  sequence: number;
}

export interface ItemCodeProblem {
  part: 'format' | 'region' | 'department' | 'type' | 'sequence';
  /** Stable and machine-readable, e.g. `sequence-zero`; clients branch on this, never on `message`. */
  rule: string;
  message: string;
}

/** What the catalog knows about organisations, so a syntactically valid code can be checked against it. */
export interface SubjectLookup {
  /** The level of the organisation that has this 8-digit region code, undefined if there is none. */
  regionLevel(regionCode: string): RegionLevel | undefined;
  departmentExists(subjectCode: string): boolean;
}

export type ParseItemCodeResult = { ok: true; value: ParsedItemCode } | { ok: false; problems: ItemCodeProblem[] };

/**
 * parseItemCode's syntax as one regular expression, for what cannot run code (the OpenAPI document's
 * pattern of an item code in a path): province and city not 00, a township only under a county,
 * one of the 14 type codes, sequence from 0001. A unit test holds it to parseItemCode.
 */
export const ITEM_CODE_PATTERN = new RegExp(`^(?!00)\\d{2}(?!00)\\d{2}(?:(?!00)\\d{4}|0000)[A-Z]{2}-(?:${ITEM_TYPE_CODES.join('|')})-(?!0000)\\d{4}$`);

/** Syntax only, no lookups. Lists every problem found; never throws. */
export function parseItemCode(code: string): ParseItemCodeResult {
  const syntax = checkSyntax(code);
  if (syntax.problems.length > 0 || !syntax.value) return { ok: false, problems: syntax.problems };
  return { ok: true, value: syntax.value };
}

/** Syntax problems plus what the catalog says about the region and the department. Empty = valid. */
export function validateItemCode(code: string, lookup: SubjectLookup): ItemCodeProblem[] {
  const { problems, subjectCode, subject } = checkSyntax(code);
  if (subjectCode !== undefined && subject) checkAgainstCatalog(subjectCode, subject, lookup, problems);
  return problems;
}

/** The same rules for a bare 10-character subject code (办理主体编码); lookups only when given. */
export function validateSubjectCode(subjectCode: string, lookup?: SubjectLookup): ItemCodeProblem[] {
  const problems: ItemCodeProblem[] = [];
  if (typeof subjectCode !== 'string') {
    problems.push({ part: 'format', rule: 'format', message: '办理主体编码须为字符串' });
    return problems;
  }
  if (/\s/u.test(subjectCode)) {
    problems.push({ part: 'format', rule: 'whitespace', message: '办理主体编码中不得含有空格或其他空白字符' });
    return problems;
  }
  const subject = checkSubject(subjectCode, problems);
  if (subject && lookup) checkAgainstCatalog(subjectCode, subject, lookup, problems);
  return problems;
}

/** 附件2: four digits, zero-padded. Sequence 0 does not exist. */
export function formatSequence(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) {
    throw new RangeError(`事项序号须为 1 至 9999 之间的整数，收到 ${String(n)}`);
  }
  return String(n).padStart(4, '0');
}

export function formatItemCode(parts: { subjectCode: string; typeCode: ItemTypeCode; sequence: number }): string {
  const messages = validateSubjectCode(parts.subjectCode).map((problem) => problem.message);
  if (!isItemTypeCode(parts.typeCode)) {
    messages.push(`事项类型代码“${String(parts.typeCode)}”不是附件2所列的14类之一`);
  }
  const sequenceOk = Number.isInteger(parts.sequence) && parts.sequence >= 1 && parts.sequence <= 9999;
  if (!sequenceOk) messages.push(`事项序号须为 1 至 9999 之间的整数，收到 ${String(parts.sequence)}`);
  if (messages.length > 0) throw new RangeError(`无法生成事项编码：${messages.join('；')}`);
  return `${parts.subjectCode}-${parts.typeCode}-${formatSequence(parts.sequence)}`;
}

interface SyntaxCheck {
  problems: ItemCodeProblem[];
  subjectCode?: string;
  subject?: SubjectSyntax;
  value?: ParsedItemCode;
}

function checkSyntax(code: string): SyntaxCheck {
  const problems: ItemCodeProblem[] = [];
  const parts = splitCode(code, problems);
  if (!parts) return { problems };
  const [subjectCode, typeCode, sequenceText] = parts;

  const subject = checkSubject(subjectCode, problems);
  if (!isItemTypeCode(typeCode)) {
    problems.push({
      part: 'type',
      rule: 'type-unknown',
      message: `事项类型代码“${typeCode}”不是附件2所列的14类之一（如 XK、CF、DL，须大写）`,
    });
  }
  const sequence = checkSequence(sequenceText, problems);
  if (problems.length > 0 || !isItemTypeCode(typeCode) || sequence === undefined) {
    return { problems, subjectCode, subject };
  }
  const value: ParsedItemCode = {
    code,
    subjectCode,
    regionCode: subjectCode.slice(0, 8),
    deptCode: subjectCode.slice(8),
    typeCode,
    sequence,
  };
  return { problems, subjectCode, subject, value };
}

/**
 * Structural problems (not a string, whitespace, not exactly three parts) are reported alone: once the
 * separators are wrong, which text is the subject and which the sequence is a guess.
 */
function splitCode(code: string, problems: ItemCodeProblem[]): [string, string, string] | undefined {
  if (typeof code !== 'string') {
    problems.push({ part: 'format', rule: 'format', message: '事项编码须为字符串' });
    return undefined;
  }
  if (/\s/u.test(code)) {
    problems.push({ part: 'format', rule: 'whitespace', message: '事项编码中不得含有空格或其他空白字符' });
    return undefined;
  }
  const parts = code.split('-');
  if (parts.length !== 3 || parts.some((part) => part === '')) {
    problems.push({
      part: 'format',
      rule: 'format',
      message: '事项编码应为“办理主体编码-事项类型代码-事项序号”三部分，以半角连字符“-”分隔，如 33030300AJ-CF-0003',
    });
    return undefined;
  }
  return [parts[0], parts[1], parts[2]];
}

interface SubjectSyntax {
  regionOk: boolean;
  departmentOk: boolean;
}

/** Returns undefined when the subject code cannot even be split into region and department. */
function checkSubject(subjectCode: string, problems: ItemCodeProblem[]): SubjectSyntax | undefined {
  if (subjectCode.length !== 10) {
    problems.push({
      part: 'format',
      rule: 'subject-length',
      message: `办理主体编码“${subjectCode}”应为10位：8位行政区划代码加2位部门代码`,
    });
    return undefined;
  }
  const regionCode = subjectCode.slice(0, 8);
  const deptCode = subjectCode.slice(8);
  const before = problems.length;

  if (!/^[0-9]{8}$/.test(regionCode)) {
    problems.push({
      part: 'region',
      rule: 'region-format',
      message: `办理主体编码前8位“${regionCode}”应全为数字（省2位+市2位+县2位+乡镇2位）`,
    });
  } else {
    if (regionCode.slice(0, 2) === '00') {
      problems.push({ part: 'region', rule: 'province', message: '省级代码（第1-2位）不能为“00”' });
    }
    if (regionCode.slice(2, 4) === '00') {
      problems.push({ part: 'region', rule: 'city', message: '市级代码（第3-4位）不能为“00”' });
    }
    if (regionCode.slice(4, 6) === '00' && regionCode.slice(6, 8) !== '00') {
      problems.push({
        part: 'region',
        rule: 'township-without-county',
        message: '县级代码（第5-6位）为“00”时，乡镇代码（第7-8位）也须为“00”',
      });
    }
  }
  const regionOk = problems.length === before;

  const departmentOk = /^[A-Z]{2}$/.test(deptCode);
  if (!departmentOk) {
    problems.push({
      part: 'department',
      rule: 'department-format',
      message: `部门代码“${deptCode}”应为2个大写拼音首字母（如 GS、CZ、AJ）`,
    });
  }
  return { regionOk, departmentOk };
}

function checkSequence(sequenceText: string, problems: ItemCodeProblem[]): number | undefined {
  if (!/^[0-9]{4}$/.test(sequenceText)) {
    problems.push({
      part: 'sequence',
      rule: 'sequence-format',
      message: `事项序号“${sequenceText}”应为4位数字，不足四位前补零（如 0003）`,
    });
    return undefined;
  }
  if (sequenceText === '0000') {
    problems.push({ part: 'sequence', rule: 'sequence-zero', message: '事项序号从 0001 起编，不能为 0000' });
    return undefined;
  }
  return Number(sequenceText);
}

/** Lookups run only on parts whose syntax is right; a department cannot exist under an unknown region. */
function checkAgainstCatalog(subjectCode: string, syntax: SubjectSyntax, lookup: SubjectLookup, problems: ItemCodeProblem[]): void {
  if (!syntax.regionOk) return;
  const regionCode = subjectCode.slice(0, 8);
  const recorded = lookup.regionLevel(regionCode);
  if (recorded === undefined) {
    problems.push({
      part: 'region',
      rule: 'region-unknown',
      message: `行政区划代码“${regionCode}”没有对应的组织`,
    });
    return;
  }
  const implied = regionLevelOf(regionCode);
  if (recorded !== implied) {
    problems.push({
      part: 'region',
      rule: 'region-level',
      message: `行政区划代码“${regionCode}”按位数应为${REGION_LEVEL_NAMES[implied]}，但登记的组织为${REGION_LEVEL_NAMES[recorded]}`,
    });
  }
  if (syntax.departmentOk && !lookup.departmentExists(subjectCode)) {
    problems.push({
      part: 'department',
      rule: 'department-unknown',
      message: `区划“${regionCode}”下没有代码为“${subjectCode.slice(8)}”的部门`,
    });
  }
}
