import { DEFAULT_GRADING_RULES, type DepartmentIndicators, gradeDepartment, type GradingRules, validateGradingRules } from './grading';

const makeIndicators = (overrides: Partial<DepartmentIndicators> = {}): DepartmentIndicators => ({
  finished: 10,
  onTimeRate: 1,
  earlyRate: 1,
  satisfactionRate: 1,
  speedUpRate: 1,
  redCards: 0,
  yellowCards: 0,
  ...overrides,
});

describe('quarterly grades (考评)', () => {
  it('weighs the rates, takes off points per card and grades by the thresholds', () => {
    // 40×0.75 + 20×0.5 + 30×(2/3) + 10×0.5 = 30 + 10 + 20 + 5 = 65; − 2 (red) − 0.5 (yellow) = 62.5 → 合格
    const result = gradeDepartment(
      makeIndicators({ onTimeRate: 0.75, earlyRate: 0.5, satisfactionRate: 2 / 3, speedUpRate: 0.5, redCards: 1, yellowCards: 1 }),
      DEFAULT_GRADING_RULES,
    );
    expect(result).toEqual({
      score: 62.5,
      grade: '合格',
      reason: null,
      parts: { onTimeRate: 30, earlyRate: 10, satisfactionRate: 20, speedUpRate: 5, deduction: 2.5 },
    });
  });

  it('gives each grade from its threshold up', () => {
    expect(gradeDepartment(makeIndicators(), DEFAULT_GRADING_RULES).grade).toBe('优秀');
    expect(gradeDepartment(makeIndicators({ redCards: 5 }), DEFAULT_GRADING_RULES)).toMatchObject({ score: 90, grade: '优秀' });
    expect(gradeDepartment(makeIndicators({ redCards: 6 }), DEFAULT_GRADING_RULES)).toMatchObject({ score: 88, grade: '良好' });
    expect(gradeDepartment(makeIndicators({ redCards: 100 }), DEFAULT_GRADING_RULES)).toMatchObject({ score: 70, grade: '合格' });
    expect(gradeDepartment(makeIndicators({ onTimeRate: 0.2, earlyRate: 0, satisfactionRate: 0.5 }), DEFAULT_GRADING_RULES)).toMatchObject({
      score: 33,
      grade: '不合格',
    });
  });

  it('gives the weight of a missing figure (no ratings) to the others rather than counting it as zero', () => {
    const result = gradeDepartment(makeIndicators({ satisfactionRate: null, onTimeRate: 0.5 }), DEFAULT_GRADING_RULES);
    // (40×0.5 + 20 + 10) / 70 × 100
    expect(result.score).toBe(71.43);
    expect(result.parts.satisfactionRate).toBeUndefined();
  });

  it('does not grade a department with too few finished cases', () => {
    expect(gradeDepartment(makeIndicators({ finished: 0 }), DEFAULT_GRADING_RULES)).toMatchObject({ score: null, grade: null });
  });

  it('lists every problem of a rule set', () => {
    expect(validateGradingRules(DEFAULT_GRADING_RULES)).toEqual([]);
    const bad: GradingRules = {
      ...DEFAULT_GRADING_RULES,
      weights: { ...DEFAULT_GRADING_RULES.weights, onTimeRate: 50 },
      thresholds: { excellent: 80, good: 80, pass: 60 },
      minFinished: -1,
    };
    expect(validateGradingRules(bad).map((p) => `${p.field}:${p.rule}`)).toEqual(['weights:sum', 'thresholds:order', 'minFinished:range']);
  });
});
