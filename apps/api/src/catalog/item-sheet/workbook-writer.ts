// Writing the catalog workbook: one sheet per table of 附件1, with drop-down lists for the closed
// vocabularies, and the 填写说明 sheet that spells out each column's cell syntax.
import { familyOf, type ItemDraft, PENALTY_KINDS } from '#domain';
import { type Column as ExcelColumn, type Style, Workbook, type Worksheet } from 'exceljs';
import { coercionKind, FEE_SHAPE, FORM_SHAPE, MATERIAL_SHAPE, NO_FEE, subjectNature, yesNo } from './cell-codecs';
import { APPROVAL_TYPES, CODE, getPath, LAYOUTS, type Layout } from './layouts';

export interface SheetItem {
  code: string;
  item: ItemDraft;
}

const GUIDE_SHEET = '填写说明';

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
  [
    '申报资料',
    `每份材料一行：${MATERIAL_SHAPE}。第三部分填“必需”或“可选”；份数和备注可以留空，没有备注时末尾的“｜”可以省略。`,
    '公司章程｜原件1份｜必需｜\n安全评价报告｜原件1份｜可选｜带有储存设施的经营单位提供',
  ],
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
