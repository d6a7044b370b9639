// The words of the power catalog (行政职权目录): item types and their information tables (附件1, 附件2),
// and the changes the approval office reviews.
import type { ItemFamily, ItemTypeCode, RegionLevel } from '../catalog/item-code';
import type { CoercionDetails, SubjectNature } from '../catalog/item-draft';

/** The kinds of administrative penalty, which are their own words (the console ticks them, documents print them). */
export const PENALTY_KINDS = [
  '警告',
  '通报批评',
  '罚款',
  '没收违法所得',
  '没收非法财物',
  '暂扣许可证件',
  '降低资质等级',
  '吊销许可证件',
  '限制开展生产经营活动',
  '责令停产停业',
  '责令关闭',
  '限制从业',
  '行政拘留',
  '其他',
] as const; // 行政处罚法 (2021) 第九条
export type PenaltyKind = (typeof PENALTY_KINDS)[number];

/** The 14 item types of 附件2. */
export const ITEM_TYPE_NAMES: Readonly<Record<ItemTypeCode, string>> = {
  XK: '行政许可',
  SP: '非行政许可审批',
  CF: '行政处罚',
  QZ: '行政强制',
  ZS: '行政征收',
  GF: '行政给付',
  JL: '行政奖励',
  QR: '行政确认',
  ZY: '行政征用',
  CJ: '行政裁决',
  JG: '行政监管',
  DL: '代理',
  FW: '便民服务',
  QT: '其他',
};

/** The information tables of 附件1; also the sheet names of the catalog workbook. */
export const ITEM_FAMILY_NAMES: Readonly<Record<ItemFamily, string>> = {
  approval: '行政审批类',
  penalty: '行政处罚类',
  coercion: '行政强制类',
  reward: '行政奖励类',
};

/** 附件1: the subject's nature (办理主体性质); also the words the catalog workbook accepts. */
export const SUBJECT_NATURE_NAMES: Readonly<Record<SubjectNature, string>> = { statutory: '法定机关', authorized: '授权组织', entrusted: '受委托组织' };

export const COERCION_KIND_NAMES: Readonly<Record<CoercionDetails['coercionKind'], string>> = { measure: '行政强制措施', execution: '行政强制执行' };

/** The level a code's region digits name (附件2), as an item code's problems say it. */
export const REGION_LEVEL_NAMES: Readonly<Record<RegionLevel, string>> = { city: '市级', county: '县级', township: '乡镇（街道）级' };

/** The founding document (二) 2: 新增、变更、下放、拆分、取消, and the workbook import. */
export type CatalogChangeKind = 'create' | 'update' | 'delegate' | 'split' | 'cancel' | 'import';

/** Also the word of the change's public announcement (同步公告): 关于…新增（批量导入）行政职权事项的公告. */
export const CATALOG_CHANGE_KIND_NAMES: Readonly<Record<CatalogChangeKind, string>> = {
  create: '新增',
  update: '变更',
  delegate: '下放',
  split: '拆分',
  cancel: '取消',
  import: '新增（批量导入）',
};

export type CatalogChangeStatus = 'pending' | 'approved' | 'returned';

export const CATALOG_CHANGE_STATUS_NAMES: Readonly<Record<CatalogChangeStatus, string>> = { pending: '待审核', approved: '已批准', returned: '已退回' };
