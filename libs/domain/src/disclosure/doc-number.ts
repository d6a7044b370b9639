/**
 * The document number (发文字号, 文号) of a policy document, e.g. `温政办〔2013〕106号`: the issuer's
 * abbreviation (机关代字), the year in hexagonal brackets 〔〕 and the sequence number followed by 号
 * (GB/T 9704-2012 党政机关公文格式 §7.2.4: "年份、发文顺序号用阿拉伯数字标注；年份应标全称，用六角括号〔〕括入；
 * 发文顺序号不加"第"字，不编虚位（即 1 不编为 01），在阿拉伯数字后加"号"字").
 *
 * People type the brackets in many ways ([2013], ［2013］, (2013), （2013）, 【2013】, 〔2013〕) and
 * sometimes write 第 or leading zeros; the parser accepts those and gives the normalised form.
 */

export interface DocNumber {
  /** 机关代字, e.g. 温政办, 国办发, 工信部联信. */
  issuer: string;
  year: number;
  sequence: number;
  /** The standard form: issuer + 〔year〕 + sequence + 号. */
  text: string;
}

export type DocNumberProblemRule = 'empty' | 'format' | 'issuer' | 'year' | 'sequence';

export interface DocNumberProblem {
  rule: DocNumberProblemRule;
  message: string;
}

export type DocNumberResult = { ok: true; value: DocNumber } | { ok: false; problems: DocNumberProblem[] };

export const DOC_NUMBER_MIN_YEAR = 1949;
export const DOC_NUMBER_MAX_YEAR = 2100;
const MAX_SEQUENCE = 99_999;

// Opening and closing brackets people use for the year; they must pair up (〔2013] is refused).
const BRACKETS: Readonly<Record<string, string>> = { '〔': '〕', '[': ']', '(': ')', '【': '】', '〖': '〗', '{': '}' };
// After NFKC, fullwidth ［］（）｛｝ are their ASCII forms; 〔〕【】〖〗 stay as they are.
const SHAPE = /^(?<issuer>.+?)(?<open>[〔[(【〖{])(?<year>\d+)(?<close>[〕\])】〗}])第?(?<sequence>\d+)号$/u;
const ISSUER = /^[\p{Script=Han}A-Za-z]{1,20}$/u;

export function parseDocNumber(input: string): DocNumberResult {
  const compact = typeof input === 'string' ? input.normalize('NFKC').replace(/\s+/gu, '') : '';
  if (compact.length === 0) return fail('empty', '文号不能为空');
  const match = SHAPE.exec(compact);
  if (!match?.groups) return fail('format', '文号格式应为“机关代字〔年份〕序号号”，例如 温政办〔2013〕106号');
  const { issuer, open, close, year, sequence } = match.groups;
  const problems: DocNumberProblem[] = [];
  if (BRACKETS[open] !== close) problems.push({ rule: 'format', message: '年份两侧的括号不配对' });
  if (!ISSUER.test(issuer)) problems.push({ rule: 'issuer', message: '机关代字应为 1–20 个汉字或字母' });
  const yearValue = Number(year);
  if (year.length !== 4 || yearValue < DOC_NUMBER_MIN_YEAR || yearValue > DOC_NUMBER_MAX_YEAR) {
    problems.push({ rule: 'year', message: `年份应为 ${DOC_NUMBER_MIN_YEAR}–${DOC_NUMBER_MAX_YEAR} 的四位数字` });
  }
  const sequenceValue = Number(sequence);
  if (sequenceValue < 1 || sequenceValue > MAX_SEQUENCE) problems.push({ rule: 'sequence', message: `序号应为 1–${MAX_SEQUENCE}` });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { issuer, year: yearValue, sequence: sequenceValue, text: formatDocNumber(issuer, yearValue, sequenceValue) } };
}

export function formatDocNumber(issuer: string, year: number, sequence: number): string {
  return `${issuer}〔${year}〕${sequence}号`;
}

function fail(rule: DocNumberProblemRule, message: string): DocNumberResult {
  return { ok: false, problems: [{ rule, message }] };
}
