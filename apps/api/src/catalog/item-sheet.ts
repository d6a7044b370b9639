// The catalog as an Excel workbook: one sheet per information table of 附件1, in its column order, so
// that a department can fill in (or correct) its items in the layout it already knows, and the same
// file comes back in. Cells hold human-readable text; every structured value (lists, the fee, the
// legal basis) has a line syntax, written out in the workbook's 填写说明 sheet, that reads back exactly.
//
// Reading checks syntax only. A value that has the right shape but a wrong content (an unknown penalty
// kind, a period of 0, a bad date) is handed on as it is, so that the API's DTO validation reports it
// by field like any other request; a SheetProblem is raised only where the text cannot be taken apart.
import { chinaDateOf, familyOf, isItemTypeCode, ITEM_TYPE_CODES, type ItemDraft, type ItemFamily, type ItemTypeCode, PENALTY_KINDS } from '#domain';
import { assertWorkbookInflatesWithin } from './workbook-size';
import { type CellValue, type Column as ExcelColumn, type Row, type Style, Workbook, type Worksheet } from 'exceljs';

export interface SheetItem {
  code: string;
  item: ItemDraft;
}

/** One non-empty data row: `item` has ItemDraft's property names, with values as the cells gave them. */
export interface SheetRow {
  sheet: string;
  rowNumber: number;
  code?: string;
  item: Record<string, unknown>;
}

/**
 * A cell whose text cannot be taken apart. The row's item still carries the cell's raw text in that
 * property (so DTO validation fails on it too): a row with a problem must not be imported.
 */
export interface SheetProblem {
  sheet: string;
  /** 1-based, as Excel numbers rows; 1 is the header row, 0 the workbook as a whole. */
  row: number;
  /** The column's Chinese header, as the sheet shows it. */
  column: string;
  rule: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------------
// Cell syntax

/** Separates the parts of one entry of a list cell (申报资料, 收费, 服务表格). */
const PART = '｜';
/** Starts a line that continues the previous entry of a list cell, for values that span lines. */
const CONTINUATION = '\u3000';
const NO_FEE = '不收费';
/** Articles written without brackets: 第X条, optionally narrowed to 款 and 项 (附件1 行使依据 “具体条款”). */
const ARTICLE = /^第.+?条(?:第.+?款)?(?:第.+?项)?$/;
/** Excel refuses longer cell texts. */
const EXCEL_CELL_LIMIT = 32767;

/** A cell's content once exceljs's wrappers (rich text, formulas, hyperlinks) are taken off. */
type Plain = string | number | boolean | Date | null;

interface CellProblem {
  rule: string;
  message: string;
}

/** `value` undefined: the property is left out of the item. */
interface Decoded {
  value?: unknown;
  problems?: CellProblem[];
}

interface Codec {
  write(value: unknown): CellValue;
  read(cell: Plain): Decoded;
  /** Cells hold numbers, so the column is not formatted as text. */
  numeric?: boolean;
}

function plainValue(value: unknown): Plain {
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

function cellText(cell: Plain): string {
  if (cell === null) return '';
  if (cell instanceof Date) return dateText(cell);
  return String(cell).replace(/\r\n?/g, '\n');
}

function isBlank(cell: Plain): boolean {
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

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function formatProblem(message: string): CellProblem {
  return { rule: 'format', message };
}

const text: Codec = {
  write: (value) => (value === undefined || value === null || value === '' ? null : String(value)),
  read: (cell) => {
    const value = cellText(cell).trim();
    return value === '' ? {} : { value };
  },
};

const wholeNumber: Codec = {
  numeric: true,
  write: (value) => (typeof value === 'number' ? value : text.write(value)),
  read: (cell) => {
    if (typeof cell === 'number') return { value: cell };
    const value = cellText(cell).trim();
    if (value === '') return {};
    return { value: /^[+-]?\d+(?:\.\d+)?$/.test(value) ? Number(value) : value };
  },
};

const date: Codec = {
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

const subjectNature = vocabulary([
  ['法定机关', 'statutory'],
  ['授权组织', 'authorized'],
  ['受委托组织', 'entrusted'],
]);
const yesNo = vocabulary([
  ['是', true],
  ['否', false],
]);
const coercionKind = vocabulary([
  ['行政强制措施', 'measure'],
  ['行政强制执行', 'execution'],
]);

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
function list(
  format: (entry: unknown) => string,
  parse: (entry: string, line: number) => { value?: unknown; problem?: string },
): Codec {
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

const legalBasis = list(
  (entry) => formatLegalBasis(asRecord(entry)),
  (entry) => ({ value: parseLegalBasis(entry) }),
);

const MATERIAL_SHAPE = '名称｜份数｜必需或可选｜备注';
const materials = list(
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

const FEE_SHAPE = '名称｜标准｜依据';
const fee: Codec = {
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

const FORM_SHAPE = '名称｜下载地址';
const forms = list(
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
const penaltyKinds: Codec = {
  write: (value) => writeEntries(asArray(value).map(str)),
  read: (cell) => ({
    value: cellText(cell)
      .split(/[\n、，,；;]/)
      .map((kind) => kind.trim())
      .filter((kind) => kind !== ''),
  }),
};

/** One measure a line only: measures are free text and often list things with 、 (查封设施、设备、器材). */
const measures = list(str, (entry) => ({ value: entry }));

const json: Codec = {
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

const APPROVAL_TYPES: string[] = ITEM_TYPE_CODES.filter((type) => familyOf(type) === 'approval');

const approvalType: Codec & { words: string[] } = {
  words: APPROVAL_TYPES,
  write: text.write,
  read: (cell) => {
    const raw = cellText(cell).trim();
    if (raw === '') return {};
    const value = /^[a-z]{2}$/i.test(raw) ? raw.toUpperCase() : raw;
    if (isItemTypeCode(value) && familyOf(value) !== 'approval') {
      const sheet = LAYOUTS.find((layout) => layout.family === familyOf(value))?.sheet ?? '';
      return { value, problems: [{ rule: 'type-not-in-sheet', message: `${value} 类事项应填在“${sheet}”表中` }] };
    }
    return { value };
  },
};

// ---------------------------------------------------------------------------------------------------
// The four tables of 附件1

/** `path` locates the value in an ItemDraft; CODE is the row's item code, which is not part of it. */
interface Column {
  header: string;
  path: string;
  codec: Codec & { words?: string[] };
  width: number;
}

interface Layout {
  sheet: string;
  family: ItemFamily;
  /** Set from the sheet; the approval table has a column for it instead. */
  typeCode?: ItemTypeCode;
  columns: Column[];
}

const CODE = '$code';

const col = (header: string, path: string, codec: Column['codec'], width = 20): Column => ({ header, path, codec, width });

const codeColumn = col('事项编码', CODE, text, 22);
const nameColumn = col('事项名称', 'name', text, 30);
const basisColumn = (header: string) => col(header, 'legalBasis', legalBasis, 50);
const natureColumn = (header: string) => col(header, 'subjectNature', subjectNature, 14);
const entrustingColumn = col('委托组织', 'entrustingBody', text, 20);
const unitColumn = col('办理部门', 'handlingUnit', text, 24);
const placeColumn = (header: string) => col(header, 'place', text, 28);
const phoneColumn = col('联系电话', 'phone', text, 16);
const supervisionColumn = col('监督电话', 'supervisionPhone', text, 16);
// GB/T 39554.1 codes, kept with each item so that it can be matched with the provincial catalog.
const nationalCodeColumns = [
  col('基本编码', 'basicCode', text, 18),
  col('实施编码', 'implementationCode', text, 18),
  col('业务办理项编码', 'handlingItemCode', text, 18),
];

const LAYOUTS: readonly Layout[] = [
  {
    sheet: '行政审批类',
    family: 'approval',
    columns: [
      codeColumn,
      col('事项类型', 'typeCode', approvalType, 10),
      nameColumn,
      basisColumn('行使依据'),
      natureColumn('办理主体性质'),
      entrustingColumn,
      col('受理条件', 'approval.conditions', text, 40),
      col('申报资料', 'approval.materials', materials, 45),
      col('法定期限（工作日）', 'approval.legalPeriodDays', wholeNumber, 12),
      col('承诺期限（工作日）', 'approval.promisedPeriodDays', wholeNumber, 12),
      col('收费及依据标准', 'approval.fee', fee, 36),
      unitColumn,
      placeColumn('办理地点'),
      phoneColumn,
      col('服务表格', 'approval.forms', forms, 40),
      supervisionColumn,
      ...nationalCodeColumns,
    ],
  },
  {
    sheet: '行政处罚类',
    family: 'penalty',
    typeCode: 'CF',
    columns: [
      codeColumn,
      nameColumn,
      basisColumn('法律依据'),
      natureColumn('实施主体性质'),
      entrustingColumn,
      col('处罚种类', 'penalty.penaltyKinds', penaltyKinds, 16),
      col('自由裁量基准', 'penalty.discretion', json, 60),
      unitColumn,
      placeColumn('办公地点'),
      phoneColumn,
      supervisionColumn,
      col('处罚结果有无公开', 'penalty.resultsPublic', yesNo, 10),
      ...nationalCodeColumns,
    ],
  },
  {
    sheet: '行政强制类',
    family: 'coercion',
    typeCode: 'QZ',
    columns: [
      codeColumn,
      nameColumn,
      basisColumn('行使依据'),
      natureColumn('实施主体性质'),
      entrustingColumn,
      col('强制种类', 'coercion.coercionKind', coercionKind, 14),
      col('强制措施', 'coercion.measures', measures, 36),
      unitColumn,
      placeColumn('办理地点'),
      phoneColumn,
      supervisionColumn,
      ...nationalCodeColumns,
    ],
  },
  {
    sheet: '行政奖励类',
    family: 'reward',
    typeCode: 'JL',
    columns: [
      codeColumn,
      nameColumn,
      basisColumn('奖励依据'),
      natureColumn('实施主体性质'),
      entrustingColumn,
      col('生效时间', 'reward.effectiveDate', date, 12),
      col('失效时间', 'reward.expiryDate', date, 12),
      col('承诺时限（工作日）', 'reward.promisedPeriodDays', wholeNumber, 12),
      placeColumn('办理地点'),
      phoneColumn,
      supervisionColumn,
      col('奖励结果有无公开', 'reward.resultsPublic', yesNo, 10),
      unitColumn,
      ...nationalCodeColumns,
    ],
  },
];

const GUIDE_SHEET = '填写说明';

function getPath(item: ItemDraft, path: string): unknown {
  let value: unknown = item;
  for (const key of path.split('.')) value = asRecord(value)[key];
  return value;
}

function setPath(item: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = item;
  for (const key of keys.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[keys[keys.length - 1]] = value;
}

// ---------------------------------------------------------------------------------------------------
// Writing

/** Rows below the data that still get the drop-down lists, for items added by hand. */
const BLANK_ROWS_WITH_CHOICES = 1000;

/** A workbook with one sheet per family in 附件1's column order. */
export async function writeCatalogWorkbook(items: SheetItem[], title: string): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.title = title;
  for (const layout of LAYOUTS) {
    const sheet = workbook.addWorksheet(layout.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = layout.columns.map((column): Partial<ExcelColumn> => ({
      header: column.header,
      width: column.width,
      style: columnStyle(column.codec.numeric === true),
    }));
    styleHeader(sheet);
    const rows = items.filter(({ item }) => familyOf(item.typeCode) === layout.family);
    for (const { code, item } of rows) {
      sheet.addRow(layout.columns.map((column) => (column.path === CODE ? code : column.codec.write(getPath(item, column.path)))));
    }
    addChoices(sheet, layout, rows.length + 1 + BLANK_ROWS_WITH_CHOICES);
  }
  writeGuide(workbook, title);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function columnStyle(numeric: boolean): Partial<Style> {
  const alignment: Partial<Style['alignment']> = { wrapText: true, vertical: 'top' };
  // Text format keeps hand-typed codes and phone numbers (0577…) from turning into numbers.
  return numeric ? { alignment } : { alignment, numFmt: '@' };
}

function styleHeader(sheet: Worksheet): void {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
}

/** Worksheet.dataValidations is in exceljs's documentation and code but not in its typings. */
interface RangeValidations {
  dataValidations: { add(range: string, validation: object): void };
}

function addChoices(sheet: Worksheet, layout: Layout, lastRow: number): void {
  layout.columns.forEach((column, index) => {
    const words = column.codec.words;
    if (!words) return;
    const letter = sheet.getColumn(index + 1).letter;
    (sheet as unknown as RangeValidations).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${words.join(',')}"`],
      showErrorMessage: true,
      errorTitle: column.header,
      error: `请填写 ${words.join('、')} 之一`,
    });
  });
}

const SAMPLE_BENCHMARK = {
  rules: [
    {
      id: 'R1',
      level: '从轻处罚',
      circumstance: '初次违法，及时改正',
      when: { firstOffence: true, correctedInTime: true },
      kinds: ['警告', '罚款'],
      fine: { kind: 'fixed', min: 0, max: 5000 },
    },
    {
      id: 'R2',
      level: '一般处罚',
      circumstance: '其他情形',
      when: {},
      kinds: ['罚款'],
      fine: { kind: 'multiple', basis: 'illegalIncome', minTimes: 1, maxTimes: 3 },
    },
  ],
};

const GUIDE: readonly (readonly [string, string, string])[] = [
  ['（通用）', '每行一个事项，从第2行起填写，空行跳过。不要改动工作表名称和第1行的列名。可选的单项内容不填时留空。', ''],
  [
    '（多项内容的单元格）',
    '每项占一行（单元格内换行：Alt+Enter）。某一项的内容本身需要换行时，续行以一个全角空格“　”开头。' +
      '一项分几部分时，用全角竖线“｜”分隔，内容中不能含有“｜”；某部分没有内容时留空，但“｜”要保留。',
    '',
  ],
  ['事项编码', '按附件2规则编制的事项编码。', '33030300GS-XK-0001'],
  ['事项类型（行政审批类）', `附件2的两位类型代码：${APPROVAL_TYPES.join('、')}。行政处罚（CF）、行政强制（QZ）、行政奖励（JL）事项填在各自的表中。`, 'XK'],
  ['办理主体性质 / 实施主体性质', `${subjectNature.words.join('、')}三者之一。受委托组织须同时填写“委托组织”。`, '法定机关'],
  ['委托组织', '仅受委托组织填写：委托组织的名称和性质。', ''],
  [
    '行使依据 / 法律依据 / 奖励依据',
    '每项依据一行，按位阶从高到低：《文件名称》第X条：条文内容。“第X条”（可细到款、项，如 第十二条第一款第三项）和“：条文内容”都可以省略，冒号为全角“：”。' +
      '条款不是“第…条[第…款][第…项]”的写法时（如 第十条之一），用【】括起：《文件名称》【第十条之一】：条文内容；' +
      '文件名称以“第…条”结尾而没有条款时，写空的【】：《文件名称》【】。文件名称中不能含有“：”和“【”。',
    '《中华人民共和国行政许可法》第十二条：下列事项可以设定行政许可……\n《浙江省行政许可监督检查办法》\n《某某条例》【第十条之一】',
  ],
  ['申报资料', `每份材料一行：${MATERIAL_SHAPE}。第三部分填“必需”或“可选”；份数和备注可以留空，没有备注时末尾的“｜”可以省略。`, '公司章程｜原件1份｜必需｜\n安全评价报告｜原件1份｜可选｜带有储存设施的经营单位提供'],
  ['法定期限 / 承诺期限 / 承诺时限', '工作日数，整数。', '20'],
  ['收费及依据标准', `不收费的填“${NO_FEE}”；收费的每个收费项目一行：${FEE_SHAPE}。`, `${NO_FEE}\n或：\n工本费｜每证10元｜浙价费〔2012〕100号`],
  ['服务表格', `每张表格一行：${FORM_SHAPE}。`, '公司登记（备案）申请书｜/forms/company-registration.docx'],
  ['处罚种类', `每种一行，或用顿号“、”分隔。可选：${PENALTY_KINDS.join('、')}。`, '警告、罚款、责令停产停业'],
  [
    '自由裁量基准',
    '裁量基准是结构化的，以 JSON 文本填写（宜在导出的文本上修改）：{"rules": [规则, …]}，按顺序取第一条条件成立的规则。' +
      '每条规则：id 规则编号；level 裁量等次（不予处罚、减轻处罚、从轻处罚、一般处罚、从重处罚）；circumstance 情形；' +
      'when 条件，可含 firstOffence（初次违法，true/false）、harm（危害后果，"none" 无、"minor" 轻微、"general" 一般、"serious" 严重中的若干项）、' +
      'correctedInTime（及时改正，true/false）、amount（违法所得或货值，{"min": 下限, "max": 上限（不含）}，单位元），不填的条件不限；' +
      'kinds 处罚种类（须在“处罚种类”列之内）；fine 罚款幅度：固定金额 {"kind": "fixed", "min": 下限, "max": 上限}，' +
      '或倍数 {"kind": "multiple", "basis": "illegalIncome"（违法所得）或 "goodsValue"（货值）, "minTimes": 最低倍数, "maxTimes": 最高倍数}。',
    JSON.stringify(SAMPLE_BENCHMARK, null, 2),
  ],
  ['强制种类', `${coercionKind.words.join('、')}二者之一。`, '行政强制措施'],
  ['强制措施', '每项措施一行（措施中常有顿号，所以不用顿号分隔）。', '查封设施、设备、器材\n扣押设施、设备、器材'],
  ['处罚结果有无公开 / 奖励结果有无公开', `${yesNo.words.join('、')}二者之一。`, '是'],
  ['生效时间 / 失效时间', '日期，写作 YYYY-MM-DD。没有失效时间的留空。', '2013-07-01'],
  ['基本编码 / 实施编码 / 业务办理项编码', 'GB/T 39554.1 的事项编码，可以留空。', ''],
];

function writeGuide(workbook: Workbook, title: string): void {
  const sheet = workbook.addWorksheet(GUIDE_SHEET);
  sheet.columns = [
    { width: 30, style: columnStyle(false) },
    { width: 80, style: columnStyle(false) },
    { width: 50, style: columnStyle(false) },
  ];
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, 3);
  sheet.addRow(['列', '写法', '示例']).font = { bold: true };
  for (const row of GUIDE) sheet.addRow([...row]);
}

// ---------------------------------------------------------------------------------------------------
// Reading

/** Parses a workbook written by writeCatalogWorkbook (or filled in by hand in the same layout). */
export async function readCatalogWorkbook(data: Buffer): Promise<{ rows: SheetRow[]; problems: SheetProblem[] }> {
  await assertWorkbookInflatesWithin(data);
  const workbook = new Workbook();
  // Validations are not needed, and a hand-made one over whole columns would expand to a million cells.
  // exceljs types its input as its own ArrayBuffer-like Buffer; at run time it takes Node's.
  await workbook.xlsx.load(data as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations'] });
  const rows: SheetRow[] = [];
  const problems: SheetProblem[] = [];
  let found = 0;
  for (const layout of LAYOUTS) {
    const sheet = workbook.worksheets.find((candidate) => candidate.name.trim() === layout.sheet);
    if (!sheet) continue;
    found += 1;
    readSheet(sheet, layout, rows, problems);
  }
  if (found === 0) {
    const names = LAYOUTS.map((layout) => `“${layout.sheet}”`).join('、');
    problems.push({ sheet: '', row: 0, column: '', rule: 'no-sheets', message: `工作簿中没有${names}中的任何一张表` });
  }
  return { rows, problems };
}

/** Headers match without spaces and without a parenthesised unit: 法定期限(工作日) is 法定期限（工作日）. */
function headerKey(header: string): string {
  return header.replace(/\s+/g, '').replace(/[（(].*$/, '');
}

function readSheet(sheet: Worksheet, layout: Layout, rows: SheetRow[], problems: SheetProblem[]): void {
  const columnNumbers = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, columnNumber) => {
    const key = headerKey(cellText(plainValue(cell.value)));
    if (key !== '' && !columnNumbers.has(key)) columnNumbers.set(key, columnNumber);
  });

  const dataRows: Row[] = [];
  for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber += 1) {
    const row = sheet.findRow(rowNumber);
    if (row && !rowIsEmpty(row)) dataRows.push(row);
  }
  if (dataRows.length === 0) return;

  const located: { column: Column; number: number }[] = [];
  for (const column of layout.columns) {
    const number = columnNumbers.get(headerKey(column.header));
    if (number === undefined) {
      const message = `缺少“${column.header}”列；请使用导出的模板，不要改动第1行的列名`;
      problems.push({ sheet: layout.sheet, row: 1, column: column.header, rule: 'missing-column', message });
    } else {
      located.push({ column, number });
    }
  }

  for (const row of dataRows) {
    const item: Record<string, unknown> = layout.typeCode ? { typeCode: layout.typeCode } : {};
    // The family's table is always there, so that a missing field is reported by its own name.
    item[layout.family] = {};
    let code: string | undefined;
    for (const { column, number } of located) {
      const decoded = column.codec.read(plainValue(row.getCell(number).value));
      for (const problem of decoded.problems ?? []) {
        problems.push({ sheet: layout.sheet, row: row.number, column: column.header, ...problem });
      }
      if (decoded.value === undefined) continue;
      if (column.path === CODE) code = String(decoded.value);
      else setPath(item, column.path, decoded.value);
    }
    rows.push({ sheet: layout.sheet, rowNumber: row.number, ...(code === undefined ? {} : { code }), item });
  }
}

function rowIsEmpty(row: Row): boolean {
  let empty = true;
  row.eachCell((cell) => {
    if (!isBlank(plainValue(cell.value))) empty = false;
  });
  return empty;
}
