// The words of a case (办件) and of its flow (权力运行流程图), for the console, the supervision record
// and the flowchart alike. Texts marked "in workflow state" are copied into the state of running
// cases: changing one changes what new cases record, not what old ones did.
import type { AlarmLevel, CaseCommand, CaseState } from '../flow/case-machine';
import type { FlowOutcome, ForkNode, OrgLevel, StepAction, StepKind, StepLimit } from '../flow/dsl';

/** As the founding document names them ((二) 5: 乡镇（街道）和社区). In workflow state (who may act on a step). */
export const ORG_LEVEL_NAMES: Readonly<Record<OrgLevel, string>> = { community: '社区', township: '乡镇（街道）', county: '县级', city: '市级' };

export const STEP_KIND_NAMES: Readonly<Record<StepKind, string>> = { intake: '受理', review: '审查', decision: '决定', delivery: '送达' };

/** What an actor did to a case: a step action, or the applicant's resubmission or withdrawal. */
export type CaseActionName = StepAction | Exclude<CaseCommand['type'], 'act'>;

/** The founding document (二) 1: 在线审阅材料、填写意见、制作文书、作出决定. */
export const CASE_ACTION_NAMES: Readonly<Record<CaseActionName, string>> = {
  accept: '受理',
  reject: '不予受理',
  requestCorrection: '一次性告知补正',
  opinion: '审核意见',
  document: '制作文书',
  decide: '作出决定',
  seal: '加盖电子印章',
  deliver: '送达',
  resubmit: '提交补正材料',
  withdraw: '撤回申请',
};

export const CASE_STATUS_NAMES: Readonly<Record<CaseState['status'], string>> = { running: '办理中', correction: '补正中', finished: '已办结' };

export const CASE_OUTCOME_NAMES: Readonly<Record<FlowOutcome, string>> = {
  approved: '准予许可',
  denied: '不予许可',
  notAccepted: '不予受理',
  withdrawn: '已撤回',
};

export type Decision = 'approved' | 'denied';

/** The decision made at a decision step, and the branches of the flowchart's decision. */
export const DECISION_NAMES: Readonly<Record<Decision, string>> = { approved: '准予', denied: '不予' };

export const ALARM_LEVEL_NAMES: Readonly<Record<AlarmLevel, string>> = { none: '正常', reminder: '提醒', yellow: '黄牌', red: '红牌' };

/**
 * The title of the document an action issues when the actor names none; the activities' templates
 * (activities/documents) are keyed by these titles. In workflow state.
 */
export const CASE_DOCUMENT_TITLES: Readonly<Partial<Record<StepAction, string>> & Record<'accept' | 'reject' | 'deliver', string>> = {
  accept: '受理通知书',
  reject: '不予受理决定书',
  deliver: '送达回证',
};

/** The decision document (行政许可法 第三十八条) of a decision step that issues one. In workflow state. */
export const DECISION_DOCUMENT_TITLES: Readonly<Record<Decision, string>> = { approved: '准予行政许可决定书', denied: '不予行政许可决定书' };

/** An end node's caption on the flowchart when the department gave it no name. */
export const FLOW_END_NAMES: Readonly<Record<FlowOutcome, string>> = {
  approved: '办结（准予）',
  denied: '办结（不予）',
  notAccepted: '不予受理',
  withdrawn: '撤回',
};

/** 并联审批: the lead department (主办) and the co-handling ones (协办). */
export const FORK_ROLE_NAMES: Readonly<Record<ForkNode['branches'][number]['role'], string>> = { lead: '主办', co: '协办' };

export const LIMIT_UNIT_NAMES: Readonly<Record<StepLimit['unit'], string>> = { workingDays: '工作日', workingHours: '工作小时' };
