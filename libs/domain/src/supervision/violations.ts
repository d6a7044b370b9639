// Violations (违规) the supervision office gives a red card for, from attempts the case workflow's
// validator refused (which leave no history, so the API reports them). A stale page acting on a step
// already done (CASE_STEP_NOT_ACTIVE) or a form error is a mistake, not a violation.
import type { ErrorCode } from '../errors';

export interface ViolationRule {
  kind: 'violation-wrong-actor' | 'violation-out-of-order' | 'violation-action' | 'violation-no-reason';
  message: string;
}

const RULES: Partial<Record<ErrorCode, ViolationRule>> = {
  CASE_ACTOR_NOT_ALLOWED: { kind: 'violation-wrong-actor', message: '非流程指定的单位、部门或岗位试图办理' },
  CASE_ACTION_OUT_OF_ORDER: { kind: 'violation-out-of-order', message: '违反办理顺序的操作' },
  CASE_ACTION_NOT_ALLOWED: { kind: 'violation-action', message: '流程未允许的操作' },
  CASE_REASON_REQUIRED: { kind: 'violation-no-reason', message: '作出不予受理或不予许可决定未说明理由' },
};

/** The violation a refused attempt amounts to, or null for an ordinary mistake. */
export function violationOfRefusal(code: ErrorCode): ViolationRule | null {
  return RULES[code] ?? null;
}
