/**
 * The structured discretion benchmark (自由裁量基准) of a penalty item (附件1, penalty table: range, kind
 * and amplitude) and the calculator that applies it to the circumstances of one case.
 */

import { PENALTY_KINDS, type PenaltyKind } from '../labels/catalog';

export { PENALTY_KINDS, type PenaltyKind };
export type Harm = 'none' | 'minor' | 'general' | 'serious';
export type DiscretionLevel = '不予处罚' | '减轻处罚' | '从轻处罚' | '一般处罚' | '从重处罚';

/** Every value of `Harm`, mildest first, for validating input at the edges. */
export const HARMS: readonly Harm[] = Object.freeze(['none', 'minor', 'general', 'serious']);
/** Every value of `DiscretionLevel`, mildest first. */
export const DISCRETION_LEVELS: readonly DiscretionLevel[] = Object.freeze(['不予处罚', '减轻处罚', '从轻处罚', '一般处罚', '从重处罚']);

/** Every given field must hold; the amount range is min <= amount < max (max exclusive), in yuan. */
export interface DiscretionCondition {
  firstOffence?: boolean;
  harm?: Harm[];
  correctedInTime?: boolean;
  amount?: { min?: number; max?: number };
}
export type FineRule =
  { kind: 'fixed'; min: number; max: number } | { kind: 'multiple'; basis: 'illegalIncome' | 'goodsValue'; minTimes: number; maxTimes: number };
export interface DiscretionRule {
  id: string;
  level: DiscretionLevel;
  circumstance: string;
  when: DiscretionCondition;
  kinds: PenaltyKind[];
  fine?: FineRule;
}
/** Ordered: the first rule whose condition holds applies. */
export interface DiscretionBenchmark {
  rules: DiscretionRule[];
}
/** amount: 违法所得 or 货值 in yuan, as the rule's basis needs. */
export interface CaseCircumstances {
  firstOffence: boolean;
  harm: Harm;
  correctedInTime: boolean;
  amount?: number;
}
export type DiscretionResult =
  | { matched: true; rule: DiscretionRule; kinds: PenaltyKind[]; fine?: { min: number; max: number } }
  | { matched: false; problems: { rule: string; message: string }[] };

export interface BenchmarkProblem {
  ruleId: string | null;
  rule: string;
  message: string;
}

const BASIS_NAMES: Record<'illegalIncome' | 'goodsValue', string> = { illegalIncome: '违法所得', goodsValue: '货值' };

/**
 * Applies the first rule whose condition holds. Never throws: a benchmark or circumstances that are not
 * what the types say (stored JSON, a request body) give `matched: false` with a problem.
 */
export function evaluateDiscretion(benchmark: DiscretionBenchmark, circumstances: CaseCircumstances): DiscretionResult {
  if (!isObject(benchmark) || !Array.isArray(benchmark.rules) || !benchmark.rules.every(isRuleShaped)) {
    return refuse('benchmark-invalid', '裁量基准的结构不完整，无法计算');
  }
  if (!isObject(circumstances)) return refuse('circumstances-invalid', '未提供案件情节');
  const { amount } = circumstances;
  if (amount !== undefined && !(typeof amount === 'number' && Number.isFinite(amount) && amount >= 0)) {
    return refuse('amount-invalid', `违法所得或货值须为不小于 0 的金额（元），收到 ${String(amount)}`);
  }

  const rule = benchmark.rules.find((candidate) => conditionHolds(candidate.when, circumstances));
  if (!rule) return refuse('no-rule', '裁量基准中没有与本案情节相符的规则');

  const kinds = [...rule.kinds];
  if (!rule.fine) return { matched: true, rule, kinds };

  let fine: { min: number; max: number };
  if (rule.fine.kind === 'fixed') {
    fine = { min: rule.fine.min, max: rule.fine.max };
  } else {
    if (amount === undefined) {
      const basis = BASIS_NAMES[rule.fine.basis] ?? '违法所得或货值';
      return refuse('amount-required', `规则“${rule.circumstance}”按${basis}的倍数计算罚款，须提供${basis}金额`);
    }
    fine = { min: roundToFen(amount * rule.fine.minTimes), max: roundToFen(amount * rule.fine.maxTimes) };
  }
  if (!Number.isFinite(fine.min) || !Number.isFinite(fine.max)) {
    return refuse('fine-invalid', `规则“${rule.circumstance}”的罚款幅度无效，无法计算`);
  }
  return { matched: true, rule, kinds, fine };
}

/** Everything wrong with a benchmark for an item whose penalty kinds are `itemKinds`. Empty = valid. */
export function validateBenchmark(benchmark: DiscretionBenchmark, itemKinds: readonly PenaltyKind[]): BenchmarkProblem[] {
  const problems: BenchmarkProblem[] = [];
  const rules: unknown[] = isObject(benchmark) && Array.isArray(benchmark.rules) ? benchmark.rules : [];
  if (rules.length === 0) {
    problems.push({ ruleId: null, rule: 'rules-empty', message: '裁量基准至少须有一条规则' });
    return problems;
  }

  const seenIds = new Set<string>();
  let unconditionalAt: number | undefined;
  rules.forEach((candidate, index) => {
    const position = `第${index + 1}条规则`;
    if (!isRuleShaped(candidate)) {
      const message = `${position}结构不完整（须有 when 条件对象和 kinds 列表）`;
      problems.push({ ruleId: null, rule: 'rule-invalid', message });
      return;
    }
    const rule = candidate;
    const hasId = typeof rule.id === 'string' && rule.id.trim() !== '';
    const ruleId = hasId ? rule.id : null;
    const add = (code: string, message: string): void => {
      problems.push({ ruleId, rule: code, message: `${position}${hasId ? `（${rule.id}）` : ''}：${message}` });
    };

    if (!hasId) add('id-empty', '规则编号不能为空');
    else if (seenIds.has(rule.id)) add('id-duplicate', `规则编号“${rule.id}”与前面的规则重复`);
    else seenIds.add(rule.id);

    if (unconditionalAt !== undefined) {
      add('rule-unreachable', `第${unconditionalAt + 1}条规则无任何条件，本条规则永远不会适用`);
    }
    if (isUnconditional(rule.when) && unconditionalAt === undefined) unconditionalAt = index;

    checkKindsAndFine(rule, itemKinds, add);
    checkCondition(rule.when, add);
  });
  return problems;
}

function checkKindsAndFine(rule: DiscretionRule, itemKinds: readonly PenaltyKind[], add: (code: string, message: string) => void): void {
  if (rule.level === '不予处罚') {
    // 不予处罚 imposes nothing, so a kind or a fine on it is a contradiction, not a missing piece.
    if (rule.kinds.length > 0 || rule.fine !== undefined) {
      add('no-penalty-with-kinds', '不予处罚的规则不能设定处罚种类或罚款');
    }
    return;
  }

  if (rule.kinds.length === 0) add('kinds-empty', '须至少设定一种处罚种类');
  const foreign = rule.kinds.filter((kind) => !itemKinds.includes(kind));
  if (foreign.length > 0) add('kind-not-in-item', `处罚种类“${foreign.join('、')}”不在本事项设定的处罚种类之内`);

  const fines = rule.kinds.includes('罚款');
  if (fines && rule.fine === undefined) add('fine-missing', '处罚种类含罚款，须设定罚款幅度');
  if (!fines && rule.fine !== undefined) add('fine-without-kind', '设定了罚款幅度，但处罚种类中没有罚款');
  if (rule.fine !== undefined) checkFine(rule.fine, add);
}

function checkFine(fine: FineRule, add: (code: string, message: string) => void): void {
  if (fine.kind === 'fixed') {
    if (!isAmount(fine.min) || !isAmount(fine.max) || fine.min > fine.max) {
      add('fine-range', `罚款幅度须满足 0 ≤ 下限 ≤ 上限，现为 ${String(fine.min)} 至 ${String(fine.max)} 元`);
    }
    return;
  }
  if (!isAmount(fine.minTimes) || !isAmount(fine.maxTimes) || fine.minTimes > fine.maxTimes) {
    const range = `${String(fine.minTimes)} 至 ${String(fine.maxTimes)} 倍`;
    add('fine-range', `罚款倍数须满足 0 ≤ 最低倍数 ≤ 最高倍数，现为 ${range}`);
  }
  if (fine.basis !== 'illegalIncome' && fine.basis !== 'goodsValue') {
    add('fine-basis', '按倍数计算的罚款须以违法所得（illegalIncome）或货值（goodsValue）为基数');
  }
}

function checkCondition(when: DiscretionCondition, add: (code: string, message: string) => void): void {
  if (when.harm !== undefined && when.harm.length === 0) {
    add('harm-empty', '危害后果条件为空列表，本条规则永远不会适用；不限危害后果时请省略该条件');
  }
  if (when.amount !== undefined) {
    const { min, max } = when.amount;
    const boundOk = (bound: number | undefined): boolean => bound === undefined || isFiniteNumber(bound);
    // max is exclusive, so min === max is an empty range: no amount can ever fall into it.
    if (!boundOk(min) || !boundOk(max) || (min !== undefined && max !== undefined && min >= max)) {
      add('amount-range', `金额条件须满足 下限 < 上限（上限不含），现为 ${String(min)} 至 ${String(max)} 元`);
    }
  }
}

function conditionHolds(when: DiscretionCondition, circumstances: CaseCircumstances): boolean {
  if (when.firstOffence !== undefined && when.firstOffence !== circumstances.firstOffence) return false;
  if (when.correctedInTime !== undefined && when.correctedInTime !== circumstances.correctedInTime) return false;
  if (when.harm !== undefined && !(Array.isArray(when.harm) && when.harm.includes(circumstances.harm))) return false;
  if (when.amount !== undefined) {
    const { amount } = circumstances;
    if (amount === undefined) return false;
    if (!isObject(when.amount)) return false;
    const { min, max } = when.amount;
    if (min !== undefined && !(amount >= min)) return false;
    if (max !== undefined && !(amount < max)) return false;
  }
  return true;
}

function isUnconditional(when: DiscretionCondition): boolean {
  return when.firstOffence === undefined && when.harm === undefined && when.correctedInTime === undefined && when.amount === undefined;
}

/** Rounds half up to the fen; toPrecision first so that 1.005 (stored as 1.00499…) becomes 1.01. */
function roundToFen(yuan: number): number {
  return Math.round(Number((yuan * 100).toPrecision(15))) / 100;
}

function refuse(rule: string, message: string): DiscretionResult {
  return { matched: false, problems: [{ rule, message }] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isRuleShaped(value: unknown): value is DiscretionRule {
  return isObject(value) && isObject(value.when) && Array.isArray(value.kinds) && (value.fine === undefined || isObject(value.fine));
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isAmount(value: unknown): value is number {
  return isFiniteNumber(value) && value >= 0;
}
