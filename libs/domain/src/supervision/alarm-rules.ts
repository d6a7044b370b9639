// Alarm rules (红黄牌规则) of the supervision office (电子监察, 温政办〔2013〕106号 (三)): which
// moments of a case raise a reminder, a yellow or a red card. Pure data: a case carries the rule set
// it started with in its workflow input, so the workflow stays deterministic and a later change of
// the rules applies to cases filed after it, never to running ones.
import type { ErrorDetail } from '../errors';

/** The configurable part of the rules; levels are fixed by the municipal rule sets. */
export interface AlarmRuleSettings {
  /**
   * 提醒: a reminder this many working days (8 office hours each) before each step's deadline and
   * before the case's promised deadline; 0 turns reminders off.
   */
  reminderDays: number;
  /**
   * 黄牌 临近承诺期限: from the first office hour of the working day this many working days before
   * the promised deadline's day (0: the morning of that day itself).
   */
  nearPromisedDays: number;
}

/** A stored rule set: its settings and the version a case records. */
export interface AlarmRules extends AlarmRuleSettings {
  /** The stored version (0: the built-in defaults, before any was stored). */
  version: number;
}

/**
 * The defaults, as the published municipal rule sets have them: a reminder one working day before a
 * step's or the case's promised deadline, a yellow card on the promised deadline's day and when a
 * step passes its limit (环节超时), a red card past the promised (超承诺期限) or the legal period,
 * or on a violation (违规收费, 不说明理由的不予决定, acting out of order or by a post not named).
 */
export const DEFAULT_ALARM_RULES: AlarmRules = Object.freeze({ version: 0, reminderDays: 1, nearPromisedDays: 0 });

/**
 * What a case without a rule set in its input (filed before rule sets existed) runs on: no
 * reminders, the yellow card on the promised day. Keeps the alarms, and so the timers, of those
 * histories exactly as they were.
 */
export const LEGACY_ALARM_RULES: AlarmRules = Object.freeze({ version: 0, reminderDays: 0, nearPromisedDays: 0 });

export const ALARM_RULE_LIMITS = { reminderDays: { min: 0, max: 10 }, nearPromisedDays: { min: 0, max: 10 } } as const;

/** Problems of a rule set a supervisor submits (empty: valid). */
export function validateAlarmRules(settings: AlarmRuleSettings): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const field of ['reminderDays', 'nearPromisedDays'] as const) {
    const value = settings[field];
    const { min, max } = ALARM_RULE_LIMITS[field];
    if (!Number.isInteger(value)) problems.push({ field, rule: 'integer' });
    else if (value < min) problems.push({ field, rule: 'min' });
    else if (value > max) problems.push({ field, rule: 'max' });
  }
  // A reminder is the first, mildest signal: it must come before the yellow card of the same deadline.
  if (problems.length === 0 && settings.reminderDays > 0 && settings.reminderDays <= settings.nearPromisedDays) {
    problems.push({ field: 'reminderDays', rule: 'after-yellow' });
  }
  return problems;
}

/** An item's fee rule (收费标准) as the case checks it: from the catalog's 收费 entry. */
export interface FeeRule {
  /** 不收费 */
  free: boolean;
  /** Each fee item with its standard; maxYuan is the highest amount the standard names, null when it names none. */
  items: { name: string; standard: string; maxYuan: number | null }[];
}

/** The catalog's fee entry as a rule: the highest yuan amount each standard's text names. */
export function feeRuleOf(fee: { free: boolean; items: { name: string; standard: string }[] }): FeeRule {
  return { free: fee.free, items: fee.items.map((item) => ({ name: item.name, standard: item.standard, maxYuan: highestYuan(item.standard) })) };
}

/** 「每件50元」「100元/证」「2.5 元」→ the highest amount in yuan the text names, or null. */
export function highestYuan(standard: string): number | null {
  const amounts = [...standard.matchAll(/(\d+(?:\.\d+)?)\s*元/g)].map((m) => Number(m[1]));
  return amounts.length > 0 ? Math.max(...amounts) : null;
}

/**
 * Why a fee charged on a case breaks the item's fee rule (违规收费), or null when it does not:
 * any fee on a free item; more than all its fee items' standards together on a charged one. A
 * standard with no amount in it cannot be checked, and then the fee is not judged.
 */
export function feeViolation(rule: FeeRule, feeYuan: number): string | null {
  if (feeYuan <= 0) return null;
  if (rule.free) return `不收费事项收取费用 ${feeYuan} 元`;
  if (rule.items.length === 0 || rule.items.some((i) => i.maxYuan === null)) return null;
  const limit = rule.items.reduce((sum, i) => sum + i.maxYuan!, 0);
  return feeYuan > limit ? `收费 ${feeYuan} 元，超过收费标准 ${limit} 元` : null;
}
