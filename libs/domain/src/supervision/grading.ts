// Quarterly grades of departments (考评: 优秀/良好/合格/不合格) from weighted indicators (考评指标) the
// supervision office configures. Pure: the API feeds it the quarter's statistics.

export type Grade = '优秀' | '良好' | '合格' | '不合格';

/** The rates a grade weighs, each in 0..1. */
export const GRADING_INDICATORS = ['onTimeRate', 'earlyRate', 'satisfactionRate', 'speedUpRate'] as const;
export type GradingIndicator = (typeof GRADING_INDICATORS)[number];

export interface GradingRules {
  /** Weight of each rate in the score; they add up to 100. */
  weights: Record<GradingIndicator, number>;
  /** Points taken off per red and yellow card (红黄牌) raised on the department's cases in the quarter, at most `max`. */
  deductions: { redCard: number; yellowCard: number; max: number };
  /** Lowest score of each grade: excellent > good > pass; below pass is 不合格. */
  thresholds: { excellent: number; good: number; pass: number };
  /** A department with fewer finished cases in the quarter is not graded (不评定). */
  minFinished: number;
}

export const DEFAULT_GRADING_RULES: GradingRules = {
  weights: { onTimeRate: 40, earlyRate: 20, satisfactionRate: 30, speedUpRate: 10 },
  deductions: { redCard: 2, yellowCard: 0.5, max: 30 },
  thresholds: { excellent: 90, good: 80, pass: 60 },
  minFinished: 1,
};

export interface GradingProblem {
  field: string;
  rule: string;
  message: string;
}

/** Every problem with a rule set (empty when usable). */
export function validateGradingRules(rules: GradingRules): GradingProblem[] {
  const problems: GradingProblem[] = [];
  const number = (value: unknown, field: string, min: number, max: number) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      problems.push({ field, rule: 'range', message: `${field} 须为 ${min} 至 ${max} 之间的数` });
      return false;
    }
    return true;
  };
  let sum = 0;
  let allNumbers = true;
  for (const key of GRADING_INDICATORS) {
    const ok = number(rules.weights?.[key], `weights.${key}`, 0, 100);
    allNumbers &&= ok;
    if (ok) sum += rules.weights[key];
  }
  if (allNumbers && Math.abs(sum - 100) > 1e-9) problems.push({ field: 'weights', rule: 'sum', message: `各项指标权重之和须为 100，现为 ${sum}` });
  number(rules.deductions?.redCard, 'deductions.redCard', 0, 100);
  number(rules.deductions?.yellowCard, 'deductions.yellowCard', 0, 100);
  number(rules.deductions?.max, 'deductions.max', 0, 100);
  const t = rules.thresholds;
  const ok = [
    number(t?.excellent, 'thresholds.excellent', 0, 100),
    number(t?.good, 'thresholds.good', 0, 100),
    number(t?.pass, 'thresholds.pass', 0, 100),
  ].every(Boolean);
  if (ok && !(t.excellent > t.good && t.good > t.pass)) problems.push({ field: 'thresholds', rule: 'order', message: '分数线须为 优秀 > 良好 > 合格' });
  if (!(Number.isInteger(rules.minFinished) && rules.minFinished >= 0 && rules.minFinished <= 100_000)) {
    problems.push({ field: 'minFinished', rule: 'range', message: 'minFinished 须为 0 至 100000 之间的整数' });
  }
  return problems;
}

export interface DepartmentIndicators {
  finished: number;
  onTimeRate: number | null;
  earlyRate: number | null;
  satisfactionRate: number | null;
  speedUpRate: number | null;
  redCards: number;
  yellowCards: number;
}

export interface GradeResult {
  /** 0..100, rounded to 0.01; null when not graded. */
  score: number | null;
  grade: Grade | null;
  /** Why there is no grade. */
  reason: string | null;
  /** Weighted points of each indicator (after re-weighting the ones present), and the deduction. */
  parts: Partial<Record<GradingIndicator, number>> & { deduction: number };
}

/**
 * score = Σ weightᵢ × rateᵢ ÷ Σ weightᵢ × 100 over the indicators that have a value (no ratings in the
 * quarter is no satisfaction figure, not zero satisfaction: its weight goes to the others), minus the
 * card deduction (capped), never below 0.
 */
export function gradeDepartment(indicators: DepartmentIndicators, rules: GradingRules): GradeResult {
  const deduction = Math.min(rules.deductions.max, indicators.redCards * rules.deductions.redCard + indicators.yellowCards * rules.deductions.yellowCard);
  if (indicators.finished < rules.minFinished) {
    return { score: null, grade: null, reason: `本季度办结 ${indicators.finished} 件，少于 ${rules.minFinished} 件，不予评定`, parts: { deduction: 0 } };
  }
  const present = GRADING_INDICATORS.filter((key) => indicators[key] !== null && rules.weights[key] > 0);
  const totalWeight = present.reduce((sum, key) => sum + rules.weights[key], 0);
  if (totalWeight === 0) return { score: null, grade: null, reason: '没有可计分的指标', parts: { deduction: 0 } };
  const parts: GradeResult['parts'] = { deduction: round2(deduction) };
  let points = 0;
  for (const key of present) {
    const part = (rules.weights[key] / totalWeight) * 100 * indicators[key]!;
    parts[key] = round2(part);
    points += part;
  }
  const score = round2(Math.max(0, points - deduction));
  return { score, grade: gradeOf(score, rules), reason: null, parts };
}

export function gradeOf(score: number, rules: GradingRules): Grade {
  if (score >= rules.thresholds.excellent) return '优秀';
  if (score >= rules.thresholds.good) return '良好';
  if (score >= rules.thresholds.pass) return '合格';
  return '不合格';
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
