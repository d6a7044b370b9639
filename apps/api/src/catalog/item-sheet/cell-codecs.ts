// Cell syntax of the catalog workbook (see ../item-sheet.ts): how each kind of value is written to a
// cell as human-readable text and read back exactly.
import { chinaDateOf, COERCION_KIND_NAMES, SUBJECT_NATURE_NAMES } from '#domain';
import type { CellValue } from 'exceljs';

/** Separates the parts of one entry of a list cell (申报资料, 收费, 服务表格). */
const PART = '｜';
/** Starts a line that continues the previous entry of a list cell, for values that span lines. */
const CONTINUATION = '\u3000';
export const NO_FEE = '不收费';
/** Articles written without brackets: 第X条, optionally narrowed to 款 and 项 (附件1 行使依据 “具体条款”). */
const ARTICLE = /^第.+?条(?:第.+?款)?(?:第.+?项)?$/;
/** Excel refuses longer cell texts. */
const EXCEL_CELL_LIMIT = 32767;

/** A cell's content once exceljs's wrappers (rich text, formulas, hyperlinks) are taken off. */
export type Plain = string | number | boolean | Date | null;

interface CellProblem {
  rule: string;
  message: string;
}

/** `value` undefined: the property is left out of the item. */
interface Decoded {
  value?: unknown;
  problems?: CellProblem[];
}

export interface Codec {
  write(value: unknown): CellValue;
  read(cell: Plain): Decoded;
  /** Cells hold numbers, so the column is not formatted as text. */
  numeric?: boolean;
}

export function plainValue(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const wrapped = value as Record<string, unknown>;
    if (Array.isArray(wrapped.richText)) {
      return wrapped.richText.map((run: { text?: unknown }) => String(run?.text ?? '')).join('');
    }
    if ('result' in wrapped) return plainValue(wrapped.result);
    if ('formula' in wrapped || 'sharedFormula' in wrapped) return null;
    if ('text' in wrapped) return plainValue(wrapped.text);
    if ('error' in wrapped) return String(wrapped.error);
  }
  return String(value);
}

/**
 * exceljs turns a date cell into the instant of its midnight in UTC; a program that wrote a Date in
 * China's time zone stored 16:00 UTC of the day before. Reading the date in UTC+8 gives the intended
 * day in both cases (only a date cell with a time of 16:00 or later would move to the next day).
 */
function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  return chinaDateOf(date.getTime());
}

export function cellText(cell: Plain): string {
  if (cell === null) return '';
  if (cell instanceof Date) return dateText(cell);
  return String(cell).replace(/\r\n?/g, '\n');
}

export function isBlank(cell: Plain): boolean {
  return cellText(cell).trim() === '';
}

/** The entries of a list cell: one a line, a line starting with CONTINUATION continuing the one before. */
function entriesOf(text: string): string[] {
  const entries: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith(CONTINUATION) && entries.length > 0) {
      entries[entries.length - 1] += `\n${line.slice(CONTINUATION.length).trimEnd()}`;
    } else if (line.trim() !== '') {
      entries.push(line.trim());
    }
  }
  return entries;
}

function writeEntries(entries: string[]): string | null {
  if (entries.length === 0) return null;
  return entries.map((entry) => entry.split('\n').join(`\n${CONTINUATION}`)).join('\n');
}

/** Empty parts mean "not given", as an empty cell does. */
function optional(part: string | undefined): string | undefined {
  const trimmed = part?.trim();
  return trimmed ? trimmed : undefined;
}

function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function formatProblem(message: string): CellProblem {
  return { rule: 'format', message };
}

export const text: Codec = {
  write: (value) => (value === undefined || value === null || value === '' ? null : String(value)),
  read: (cell) => {
    const value = cellText(cell).trim();
    return value === '' ? {} : { value };
  },
};

export const wholeNumber: Codec = {
  numeric: true,
  write: (value) => (typeof value === 'number' ? value : text.write(value)),
  read: (cell) => {
    if (typeof cell === 'number') return { value: cell };
    const value = cellText(cell).trim();
    if (value === '') return {};
    return { value: /^[+-]?\d+(?:\.\d+)?$/.test(value) ? Number(value) : value };
  },
};

export const date: Codec = {
  // Written as text: a date cell would come back through exceljs's time-zone-less Date.
  write: text.write,
  read: (cell) => text.read(cell instanceof Date ? dateText(cell) : cell),
};

/** A closed list of words, each standing for one value. */
function vocabulary(words: ReadonlyArray<readonly [string, unknown]>): Codec & { words: string[] } {
  const names = words.map(([word]) => word);
  return {
    words: names,
    write: (value) => words.find(([, meaning]) => meaning === value)?.[0] ?? text.write(value),
    read: (cell) => {
      if (typeof cell === 'boolean' && words.some(([, meaning]) => meaning === cell)) return { value: cell };
      const value = cellText(cell).trim();
      if (value === '') return {};
      const found = words.find(([word]) => word === value);
      if (found) return { value: found[1] };
      return { value, problems: [formatProblem(`“${value}”不是可填的值，应为 ${names.join('、')} 之一`)] };
    },
  };
}

/** A vocabulary of the words a label table gives its codes. */
const wordsOf = (names: Readonly<Record<string, string>>) => Object.entries(names).map(([code, word]) => [word, code] as const);

export const subjectNature = vocabulary(wordsOf(SUBJECT_NATURE_NAMES));
export const yesNo = vocabulary([
  ['是', true],
  ['否', false],
]);
export const coercionKind = vocabulary(wordsOf(COERCION_KIND_NAMES));

function parseLegalBasis(entry: string): Record<string, unknown> {
  const bracketed = /^([^【：]*)【([^】]*)】(?:：([\s\S]*))?$/.exec(entry);
  if (bracketed) {
    return compact({ document: optional(bracketed[1]), article: optional(bracketed[2]), text: optional(bracketed[3]) });
  }
  const colon = entry.indexOf('：');
  const head = colon < 0 ? entry : entry.slice(0, colon);
  const basisText = colon < 0 ? undefined : entry.slice(colon + 1);
  // The shortest ending that is an article, so that a 第 inside the document's name stays there.
  let article: string | undefined;
  for (let at = head.lastIndexOf('第'); at >= 0; at = at === 0 ? -1 : head.lastIndexOf('第', at - 1)) {
    if (ARTICLE.test(head.slice(at).trimEnd())) {
      article = head.slice(at);
      break;
    }
  }
  const document = article === undefined ? head : head.slice(0, head.length - article.length);
  return compact({ document: optional(document), article: optional(article), text: optional(basisText) });
}

function sameBasis(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return (['document', 'article', 'text'] as const).every((key) => str(a[key]) === str(b[key]));
}

/** The bracket form only where the plain one would not read back as the same basis. */
function formatLegalBasis(basis: Record<string, unknown>): string {
  const tail = str(basis.text) === '' ? '' : `：${str(basis.text)}`;
  const plain = `${str(basis.document)}${str(basis.article)}${tail}`;
  if (sameBasis(parseLegalBasis(plain), basis)) return plain;
  return `${str(basis.document)}【${str(basis.article)}】${tail}`;
}

/** A list cell whose entries each become one value; an empty cell is an empty list. */
function list(format: (entry: unknown) => string, parse: (entry: string, line: number) => { value?: unknown; problem?: string }): Codec {
  return {
    write: (value) => writeEntries(asArray(value).map(format)),
    read: (cell) => {
      const entries = entriesOf(cellText(cell));
      const values: unknown[] = [];
      const problems: CellProblem[] = [];
      entries.forEach((entry, index) => {
        const parsed = parse(entry, index + 1);
        if (parsed.problem !== undefined) problems.push(formatProblem(parsed.problem));
        else values.push(parsed.value);
      });
      return problems.length > 0 ? { value: cellText(cell).trim(), problems } : { value: values };
    },
  };
}

function partsOf(entry: string, counts: number[], shape: string, line: number): string[] | string {
  const parts = entry.split(PART);
  if (counts.includes(parts.length)) return parts;
  return `第${line}项“${entry}”应写作“${shape}”（用全角竖线“｜”分隔），现有 ${parts.length} 部分`;
}

export const legalBasis = list(
  (entry) => formatLegalBasis(asRecord(entry)),
  (entry) => ({ value: parseLegalBasis(entry) }),
);

export const MATERIAL_SHAPE = '名称｜份数｜必需或可选｜备注';
export const materials = list(
  (entry) => {
    const material = asRecord(entry);
    const required = material.required === true ? '必需' : material.required === false ? '可选' : str(material.required);
    return [str(material.name), str(material.copies), required, str(material.note)].join(PART);
  },
  (entry, line) => {
    const parts = partsOf(entry, [3, 4], MATERIAL_SHAPE, line);
    if (typeof parts === 'string') return { problem: parts };
    const [name, copies, required, note] = parts.map((part) => part.trim());
    if (required !== '必需' && required !== '可选') {
      return { problem: `第${line}项“${entry}”的第三部分应为“必需”或“可选”，现为“${required}”` };
    }
    return { value: compact({ name: optional(name), copies: optional(copies), required: required === '必需', note: optional(note) }) };
  },
);

export const FEE_SHAPE = '名称｜标准｜依据';
export const fee: Codec = {
  write: (value) => {
    if (value === undefined || value === null) return null;
    const given = asRecord(value);
    const lines = given.free === true ? [NO_FEE] : [];
    for (const item of asArray(given.items)) {
      const { name, standard, basis } = asRecord(item);
      lines.push([str(name), str(standard), str(basis)].join(PART));
    }
    return writeEntries(lines);
  },
  read: (cell) => {
    const entries = entriesOf(cellText(cell));
    if (entries.length === 0) return {};
    let free = false;
    const items: unknown[] = [];
    const problems: CellProblem[] = [];
    entries.forEach((entry, index) => {
      if (entry === NO_FEE) {
        free = true;
        return;
      }
      const parts = partsOf(entry, [3], FEE_SHAPE, index + 1);
      if (typeof parts === 'string') {
        problems.push(formatProblem(`${parts}；不收费的事项只填“${NO_FEE}”`));
        return;
      }
      const [name, standard, basis] = parts;
      items.push(compact({ name: optional(name), standard: optional(standard), basis: optional(basis) }));
    });
    return problems.length > 0 ? { value: cellText(cell).trim(), problems } : { value: { free, items } };
  },
};

export const FORM_SHAPE = '名称｜下载地址';
export const forms = list(
  (entry) => {
    const form = asRecord(entry);
    return [str(form.name), str(form.url)].join(PART);
  },
  (entry, line) => {
    const parts = partsOf(entry, [2], FORM_SHAPE, line);
    if (typeof parts === 'string') return { problem: parts };
    return { value: compact({ name: optional(parts[0]), url: optional(parts[1]) }) };
  },
);

/** Penalty kinds are a fixed vocabulary without 、, so a line may list several. */
export const penaltyKinds: Codec = {
  write: (value) => writeEntries(asArray(value).map(str)),
  read: (cell) => ({
    value: cellText(cell)
      .split(/[\n、，,；;]/)
      .map((kind) => kind.trim())
      .filter((kind) => kind !== ''),
  }),
};

/** One measure a line only: measures are free text and often list things with 、 (查封设施、设备、器材). */
export const measures = list(str, (entry) => ({ value: entry }));

export const json: Codec = {
  write: (value) => {
    if (value === undefined || value === null) return null;
    const pretty = JSON.stringify(value, null, 2);
    return pretty.length <= EXCEL_CELL_LIMIT ? pretty : JSON.stringify(value);
  },
  read: (cell) => {
    const value = cellText(cell).trim();
    if (value === '') return {};
    try {
      return { value: JSON.parse(value) as unknown };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { value, problems: [formatProblem(`不是有效的 JSON 文本：${reason}`)] };
    }
  },
};
