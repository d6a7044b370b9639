// The statutory periods of disclosure on application (依申请公开), by the regulation an application runs
// under: configuration carried in each workflow's input, not constants.

/** Which regulation's periods and article numbers an application runs under. */
export const DISCLOSURE_RULES = ['2019', '2008'] as const;
export type DisclosureRules = (typeof DISCLOSURE_RULES)[number];

/**
 * The statutory periods, in working days. Configuration, not constants: the 2008 regulation (国务院令
 * 第492号) and the older provincial rules used 15 + 15 and had no 7-day limit on the correction notice.
 * Carried in each workflow's input, so an application keeps the rules it was registered under.
 */
export interface DisclosurePeriods {
  /** Which rules these are, for the record and the documents. */
  regulation: string;
  /**
   * Whose article numbers the documents quote. Absent in applications registered before it existed:
   * those ran under the 2019 rules, the only ones the office used then.
   */
  rules?: DisclosureRules;
  /** 答复期限 from receipt (2019 Art. 33 ¶1: 20). */
  replyDays: number;
  /** At most this much longer, once, with the office head's approval (2019 Art. 33 ¶2: 20). */
  extensionDays: number;
  /** The correction notice (补正) must go out within this many working days of receipt (2019 Art. 30: 7); null: no limit. */
  correctionNoticeDays: number | null;
  /** Time given to the applicant to correct when the officer names none (Art. 30: 合理的补正期限). */
  correctionDays: number;
  /** Time the third party has to give its opinion (2019 Art. 32: 15), excluded from the period. */
  thirdPartyDays: number;
  /** Yellow card this many working days before the due date. */
  warnDaysBefore: number;
  /**
   * An online application is received only when the office confirms it (2019 Art. 31 (三)), so one
   * left unconfirmed would hold the period back unseen: yellow card when it is still unconfirmed at the
   * end of this many working days after it was submitted, red card at the end of `unconfirmedRedDays`.
   * The regulation sets no limit; the defaults (2 and 5) keep confirmation well inside the 7 working
   * days the office has for a correction notice. Absent: the defaults.
   */
  unconfirmedYellowDays?: number;
  unconfirmedRedDays?: number;
}

export const DEFAULT_UNCONFIRMED_YELLOW_DAYS = 2;
export const DEFAULT_UNCONFIRMED_RED_DAYS = 5;

export const DISCLOSURE_PERIODS_2019: DisclosurePeriods = Object.freeze({
  regulation: '《中华人民共和国政府信息公开条例》（国务院令第711号）',
  rules: '2019',
  replyDays: 20,
  extensionDays: 20,
  correctionNoticeDays: 7,
  correctionDays: 15,
  thirdPartyDays: 15,
  warnDaysBefore: 3,
  unconfirmedYellowDays: DEFAULT_UNCONFIRMED_YELLOW_DAYS,
  unconfirmedRedDays: DEFAULT_UNCONFIRMED_RED_DAYS,
});

/**
 * The 2008 regulation (国务院令第492号) Art. 24: 15 working days, once 15 more; it set no time for the
 * third party (Art. 23), so the office keeps the 15 days of the later rules.
 */
export const DISCLOSURE_PERIODS_2008: DisclosurePeriods = Object.freeze({
  regulation: '《中华人民共和国政府信息公开条例》（国务院令第492号）',
  rules: '2008',
  replyDays: 15,
  extensionDays: 15,
  correctionNoticeDays: null,
  correctionDays: 15,
  thirdPartyDays: 15,
  warnDaysBefore: 3,
  unconfirmedYellowDays: DEFAULT_UNCONFIRMED_YELLOW_DAYS,
  unconfirmedRedDays: DEFAULT_UNCONFIRMED_RED_DAYS,
});

/** The periods new applications get, from the office's configuration (DISCLOSURE_* variables). */
export function disclosurePeriodsFor(rules: DisclosureRules, unconfirmed: { yellowDays?: number; redDays?: number } = {}): DisclosurePeriods {
  const base = rules === '2008' ? DISCLOSURE_PERIODS_2008 : DISCLOSURE_PERIODS_2019;
  const yellow = unconfirmed.yellowDays ?? DEFAULT_UNCONFIRMED_YELLOW_DAYS;
  const red = unconfirmed.redDays ?? DEFAULT_UNCONFIRMED_RED_DAYS;
  if (!(Number.isInteger(yellow) && Number.isInteger(red) && yellow >= 1 && red > yellow)) {
    throw new RangeError(`unconfirmed alarm days must be whole numbers with 1 <= yellow < red (got ${yellow}, ${red})`);
  }
  return Object.freeze({ ...base, unconfirmedYellowDays: yellow, unconfirmedRedDays: red });
}

/** The rules an application runs under (see DisclosurePeriods.rules). */
export function disclosureRulesOf(periods: DisclosurePeriods): DisclosureRules {
  return periods.rules ?? '2019';
}
