import { ErrorCode, violationOfRefusal } from '#domain';

describe('violations from refused attempts', () => {
  it('gives a red-card violation for a wrong actor, an out-of-order action and an action the step does not allow', () => {
    expect(violationOfRefusal(ErrorCode.CASE_ACTOR_NOT_ALLOWED)?.kind).toBe('violation-wrong-actor');
    expect(violationOfRefusal(ErrorCode.CASE_ACTION_OUT_OF_ORDER)?.kind).toBe('violation-out-of-order');
    expect(violationOfRefusal(ErrorCode.CASE_ACTION_NOT_ALLOWED)?.kind).toBe('violation-action');
  });

  it('gives a red-card violation for a refusal (不予受理, 不予许可) without stated reasons', () => {
    expect(violationOfRefusal(ErrorCode.CASE_REASON_REQUIRED)?.kind).toBe('violation-no-reason');
  });

  it('treats a stale page and a form error as mistakes', () => {
    expect(violationOfRefusal(ErrorCode.CASE_STEP_NOT_ACTIVE)).toBeNull();
    expect(violationOfRefusal(ErrorCode.VALIDATION_FAILED)).toBeNull();
  });
});
