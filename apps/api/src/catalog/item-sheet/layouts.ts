// The four tables of 附件1 as sheets of the catalog workbook: each column's header, in 附件1's order,
// where its value sits in an ItemDraft, and its cell syntax.
import { familyOf, isItemTypeCode, ITEM_FAMILY_NAMES, ITEM_TYPE_CODES, type ItemDraft, type ItemFamily, type ItemTypeCode } from '#domain';
import {
  asRecord,
  cellText,
  type Codec,
  coercionKind,
  date,
  fee,
  forms,
  json,
  legalBasis,
  materials,
  measures,
  penaltyKinds,
  subjectNature,
  text,
  wholeNumber,
  yesNo,
} from './cell-codecs';

export const APPROVAL_TYPES: string[] = ITEM_TYPE_CODES.filter((type) => familyOf(type) === 'approval');

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

/** `path` locates the value in an ItemDraft; CODE is the row's item code, which is not part of it. */
export interface Column {
  header: string;
  path: string;
  codec: Codec & { words?: string[] };
  width: number;
}

export interface Layout {
  sheet: string;
  family: ItemFamily;
  /** Set from the sheet; the approval table has a column for it instead. */
  typeCode?: ItemTypeCode;
  columns: Column[];
}

export const CODE = '$code';

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

export const LAYOUTS: readonly Layout[] = [
  {
    sheet: ITEM_FAMILY_NAMES.approval,
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
    sheet: ITEM_FAMILY_NAMES.penalty,
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
    sheet: ITEM_FAMILY_NAMES.coercion,
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
    sheet: ITEM_FAMILY_NAMES.reward,
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

export function getPath(item: ItemDraft, path: string): unknown {
  let value: unknown = item;
  for (const key of path.split('.')) value = asRecord(value)[key];
  return value;
}

export function setPath(item: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = item;
  for (const key of keys.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[keys[keys.length - 1]] = value;
}
