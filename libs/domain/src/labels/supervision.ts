// The words of electronic supervision (电子监察): the handling of red and yellow card alarms, exemptions
// from supervision, statistics and grading (founding document (三) 3).
import type { GradingIndicator, GradingRules } from '../supervision/grading';

/** The founding document (三) 3: 调查核实和督促整改, then closed. */
export type AlarmStatus = 'open' | 'investigating' | 'rectifying' | 'closed';

export const ALARM_STATUS_NAMES: Readonly<Record<AlarmStatus, string>> = {
  open: '待处理',
  investigating: '调查核实',
  rectifying: '督促整改',
  closed: '已办结',
};

/** An exemption from supervision (founding document (三) 2), as the supervision office decides it. */
export type ExemptionStatus = 'pending' | 'approved' | 'rejected' | 'revoked';

export const EXEMPTION_STATUS_NAMES: Readonly<Record<ExemptionStatus, string>> = {
  pending: '待审核',
  approved: '已批准',
  rejected: '已驳回',
  revoked: '已撤销',
};

/** What the efficiency statistics (效能统计) are grouped by. */
export type StatsGroupBy = 'department' | 'post' | 'step' | 'item';

export const STATS_GROUP_NAMES: Readonly<Record<StatsGroupBy, string>> = { department: '部门', post: '岗位', step: '环节', item: '事项' };

export const GRADING_INDICATOR_NAMES: Readonly<Record<GradingIndicator, string>> = {
  onTimeRate: '按时办结率',
  earlyRate: '提前办结率',
  satisfactionRate: '满意率',
  speedUpRate: '提速率',
};

/** The lowest score of each grade (below 合格 is 不合格). */
export const GRADE_THRESHOLD_NAMES: Readonly<Record<keyof GradingRules['thresholds'], string>> = { excellent: '优秀', good: '良好', pass: '合格' };
