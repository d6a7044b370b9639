// Chinese labels and China-time dates for what the API returns in codes and ISO instants.

const CHINA = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The China-time parts of an instant, or null for nothing or an invalid value. */
function chinaParts(value: string | number | null | undefined): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> | null {
  if (value === null || value === undefined || value === '') return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  const parts = Object.fromEntries(CHINA.formatToParts(d).map((p) => [p.type, p.value]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

/** An instant as China time in the Chinese form: 2026年11月27日 09:05. */
export function dateTime(value: string | number | null | undefined): string {
  const p = chinaParts(value);
  return p ? `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}` : '—';
}

/**
 * A calendar day as YYYY-MM-DD (the form date inputs take): a date the API gives as YYYY-MM-DD as it is,
 * an instant as its day in China time.
 */
export function day(value: string | number | null | undefined): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const p = chinaParts(value);
  return p ? `${p.year}-${p.month.padStart(2, '0')}-${p.day.padStart(2, '0')}` : '—';
}

export const STATUS_NAMES: Record<string, string> = {
  running: '办理中',
  correction: '补正中',
  finished: '已办结',
};

export const OUTCOME_NAMES: Record<string, string> = {
  approved: '准予许可',
  denied: '不予许可',
  notAccepted: '不予受理',
  withdrawn: '已撤回',
  completed: '已办结',
};

export const ACTION_NAMES: Record<string, string> = {
  accept: '受理',
  reject: '不予受理',
  requestCorrection: '一次性告知补正',
  opinion: '审核意见',
  document: '制作文书',
  decide: '审批决定',
  seal: '加盖电子印章',
  deliver: '送达',
};

export const KIND_NAMES: Record<string, string> = { intake: '受理', review: '审查', decision: '决定', delivery: '送达' };

export const ALARM_LEVEL_NAMES: Record<string, string> = { none: '正常', reminder: '提醒', yellow: '黄牌', red: '红牌' };

export const ALARM_STATUS_NAMES: Record<string, string> = { open: '待处理', investigating: '调查核实', rectifying: '督促整改', closed: '已办结' };

export const CHANGE_KIND_NAMES: Record<string, string> = { create: '新增', update: '变更', delegate: '下放', split: '拆分', cancel: '取消', import: '批量导入' };

export const CHANGE_STATUS_NAMES: Record<string, string> = { pending: '待审核', approved: '已批准', returned: '已退回' };

export const TYPE_NAMES: Record<string, string> = {
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

export function label(map: Record<string, string>, key: string | null | undefined): string {
  if (key === null || key === undefined) return '—';
  return map[key] ?? key;
}

/** Red: past its deadline or a red card; yellow: due within a working day's hours or a yellow card. */
export function urgency(deadlineAt: string | null, alarmLevel?: string | null, now = Date.now()): 'red' | 'yellow' | 'normal' {
  if (alarmLevel === 'red') return 'red';
  if (deadlineAt !== null && Date.parse(deadlineAt) < now) return 'red';
  if (alarmLevel === 'yellow') return 'yellow';
  if (deadlineAt !== null && Date.parse(deadlineAt) - now < 24 * 3600 * 1000) return 'yellow';
  return 'normal';
}

export const DOCUMENT_CATEGORIES = ['规范性文件', '政府文件', '部门文件', '规划计划', '通知公告', '工作动态'] as const;

export const DOCUMENT_STATUS_NAMES: Record<string, string> = { draft: '草稿', published: '已发布', repealed: '已废止' };

export const COMMENT_STATE_NAMES: Record<string, string> = { none: '未征求意见', not_open: '尚未开始', open: '征求意见中', closed: '已结束' };

export const EXEMPTION_STATUS_NAMES: Record<string, string> = { pending: '待审核', approved: '已批准', rejected: '已驳回', revoked: '已撤销' };

/** An ISO instant in China time for a `datetime-local` input's value (YYYY-MM-DDTHH:mm), and back. */
export function toChinaLocal(value: number | string): string {
  const d = new Date(new Date(value).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16);
}

export function fromChinaLocal(local: string): string {
  return `${local}:00+08:00`;
}
