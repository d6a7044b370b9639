// Disclosure on application (依申请公开) under the 2019 regulation (政府信息公开条例, 国务院令第711号),
// as a pure state machine: the disclosure request workflow keeps one, feeds it the commands people send
// (as Updates) and the clock (workflow time), and persists nothing else. No I/O, no clock of its own.
import { chinaDateOf, officeClosesOn, officeOpensOn } from '../calendar/china-time';
import { type CalendarYear, unlessYearMissing, WorkingCalendar } from '../calendar/working-calendar';
import { DISCLOSURE_DOCUMENT_TITLES, REPLY_TYPE_TEXT } from '../labels/disclosure';

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

/** How the application arrived; it fixes the receipt date (2019 Art. 31). */
export const DISCLOSURE_CHANNELS = ['online', 'in_person', 'post', 'fax'] as const;
export type DisclosureChannel = (typeof DISCLOSURE_CHANNELS)[number];

/** 获取信息的方式 the applicant asks for. */
export const DISCLOSURE_DELIVERY = ['paper', 'email', 'disc', 'pickup', 'online'] as const;
export type DisclosureDelivery = (typeof DISCLOSURE_DELIVERY)[number];

/** The kinds of legal person or other organisation of the annual report (年度报告格式). */
export const ORGANIZATION_TYPES = ['commercial', 'research', 'public_welfare', 'legal_service', 'other'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** The reply types of 2019 Art. 36. */
export const DISCLOSURE_REPLY_TYPES = ['published', 'granted', 'partial', 'refused', 'not_exist', 'not_responsible', 'repeated', 'other_law'] as const;
export type DisclosureReplyType = (typeof DISCLOSURE_REPLY_TYPES)[number];

/** Why information is withheld (Art. 14–16), in the sub-rows of the annual report's 不予公开. */
export const REFUSAL_REASONS = [
  'state_secret',
  'prohibited_by_law',
  'security_stability',
  'third_party_rights',
  'internal_affairs',
  'process_information',
  'enforcement_files',
  'administrative_query',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Why nothing can be provided (annual report 无法提供). */
export const NOT_HELD_REASONS = ['not_held', 'needs_creation', 'unclear'] as const;
export type NotHeldReason = (typeof NOT_HELD_REASONS)[number];

/** A reply (答复), by type; which fields each type needs is checked by validateReply. */
export interface DisclosureReply {
  type: DisclosureReplyType;
  /** granted/partial: what is provided and how (获取方式). */
  content?: string;
  /** published: where it was published (名称、网址或查阅地点). */
  location?: string;
  /** refused, partial (the part withheld): the legal reason. */
  refusalReason?: RefusalReason;
  /** not_exist: why nothing can be provided (default not_held). */
  notHeldReason?: NotHeldReason;
  /** not_responsible: the body that is (负责公开该政府信息的行政机关). */
  responsibleBody?: string;
  /** not_responsible: its contact. */
  responsibleContact?: string;
  /** repeated: the number of the application already answered. */
  earlierNumber?: string;
  /** other_law: the law and the register to apply to (e.g. 不动产登记资料查询). */
  register?: string;
  /** Anything further the officer writes. */
  note?: string;
}

/** Who sends a command, as the API resolved them from the signed-in user. */
export interface DisclosureActor {
  userId: string;
  name: string;
  role: string;
  orgId: string;
  /** The region the user works for (a department's: its parent region). */
  regionPath: string;
}

export interface DisclosureApplicant {
  kind: 'person' | 'company';
  name: string;
  /** 公民身份号码 or 统一社会信用代码, checked and normalised by the API. */
  idNumber: string;
  organizationType: OrganizationType | null;
  /** The applicant's account (online applications, or when the counter names it). */
  userId: string | null;
  contact: { phone?: string; email?: string; address?: string };
}

/** Everything an application needs to run, fixed when it is registered. */
export interface DisclosureRequestInput {
  requestId: string;
  /** e.g. 龙政公开〔2026〕第0001号 */
  number: string;
  /** The agency applied to (and that replies). */
  agency: { orgId: string; orgPath: string; name: string };
  applicant: DisclosureApplicant;
  /** 所需政府信息的名称、文号或者便于查询的其他特征性描述. */
  description: string;
  purpose: string | null;
  delivery: DisclosureDelivery;
  channel: DisclosureChannel;
  /** When it was entered in the system, epoch ms. */
  submittedAt: number;
  /**
   * Art. 31 receipt date: in person, the day it was handed in; by post, the day it was signed for;
   * online (null here), the day the agency confirms it.
   */
  receivedOn: string | null;
  registeredBy: { userId: string; name: string };
  calendar: CalendarYear[];
  periods: DisclosurePeriods;
}

export type DisclosureStatus = 'awaiting_confirmation' | 'processing' | 'correction' | 'consulting' | 'replied' | 'lapsed' | 'withdrawn';

export type DisclosureDocumentKind = 'correction-notice' | 'third-party-letter' | 'extension-notice' | 'reply';

export interface DisclosureDocument {
  /** Unique within the application: kind, or kind + ':' + sequence. */
  key: string;
  kind: DisclosureDocumentKind;
  title: string;
  issuedAt: number;
  issuedBy: string;
}

export interface DisclosureAlarm {
  /** Unique per application; carries the due date it was about, so a moved date can warn again. */
  key: string;
  kind: 'disclosure-due-near' | 'disclosure-overdue' | 'disclosure-unconfirmed' | 'calendar-missing';
  level: 'yellow' | 'red';
  dueAt: number;
  message: string;
}

export interface DisclosureEvent {
  at: number;
  type: DisclosureCommand['type'] | 'correctionLapsed' | 'consultationExpired';
  by: string | null;
  note?: string;
}

export interface DisclosureRequestState {
  status: DisclosureStatus;
  /** The receipt date the period runs from (moves to the corrected application's day). */
  receivedOn: string | null;
  /** The first receipt date: the year it counts in for the annual report. */
  firstReceivedOn: string | null;
  /** Working days excluded from the period (third-party consultations). */
  excludedDays: number;
  correction: { items: string[]; requestedAt: number; dueOn: string | null; correctedAt: number | null; supplement: string | null } | null;
  consultations: {
    thirdParty: string;
    matter: string | null;
    startedAt: number;
    startedOn: string;
    dueOn: string | null;
    endedAt: number | null;
    opinion: 'agree' | 'disagree' | 'none' | null;
    note: string | null;
    excludedDays: number;
  }[];
  extension: { days: number; reason: string; approvedBy: string; at: number; by: string } | null;
  reply: (DisclosureReply & { at: number; by: string }) | null;
  withdrawal: { reason: string; at: number; by: string } | null;
  finishedAt: number | null;
  documents: DisclosureDocument[];
  alarms: DisclosureAlarm[];
  events: DisclosureEvent[];
  /** Bumped by every change; projections keep the highest they have seen. */
  revision: number;
}

export type DisclosureCommand =
  | { type: 'confirmReceipt'; actor: DisclosureActor }
  | { type: 'requestCorrection'; actor: DisclosureActor; items: string[]; correctionDays?: number }
  | { type: 'submitCorrection'; actor: DisclosureActor; supplement: string }
  | { type: 'consultThirdParty'; actor: DisclosureActor; thirdParty: string; matter?: string }
  | { type: 'recordThirdPartyOpinion'; actor: DisclosureActor; opinion: 'agree' | 'disagree'; note?: string }
  | { type: 'extend'; actor: DisclosureActor; reason: string; approvedBy: string; days?: number }
  | { type: 'reply'; actor: DisclosureActor; reply: DisclosureReply }
  | { type: 'withdraw'; actor: DisclosureActor; reason: string };

export type DisclosureRefusalCode =
  | 'DISCLOSURE_REQUEST_FINISHED'
  | 'DISCLOSURE_REQUEST_WRONG_STATE'
  | 'DISCLOSURE_ACTOR_NOT_ALLOWED'
  | 'DISCLOSURE_CORRECTION_ALREADY_REQUESTED'
  | 'DISCLOSURE_CORRECTION_TOO_LATE'
  | 'DISCLOSURE_EXTENSION_USED'
  | 'DISCLOSURE_EXTENSION_TOO_LATE'
  | 'DISCLOSURE_REPLY_INCOMPLETE'
  | 'VALIDATION_FAILED';

/** Why a command is refused; `code` is one of libs/domain's error codes, `details` point at fields. */
export class DisclosureRefusal extends Error {
  constructor(
    readonly code: DisclosureRefusalCode,
    message: string,
    readonly details: { field: string; rule: string }[] = [],
  ) {
    super(message);
    this.name = 'DisclosureRefusal';
  }
}

/** What the API answers and the workflow's query returns. */
export interface DisclosureRequestView {
  requestId: string;
  number: string;
  revision: number;
  agency: DisclosureRequestInput['agency'];
  applicant: { kind: 'person' | 'company'; name: string; organizationType: OrganizationType | null; userId: string | null };
  description: string;
  purpose: string | null;
  delivery: DisclosureDelivery;
  channel: DisclosureChannel;
  submittedAt: number;
  periods: DisclosurePeriods;
  status: DisclosureStatus;
  receivedOn: string | null;
  firstReceivedOn: string | null;
  /** The reply is due by the end of this day (null before receipt, or while the calendar lacks the year). */
  dueOn: string | null;
  dueAt: number | null;
  excludedDays: number;
  correction: DisclosureRequestState['correction'];
  consultations: DisclosureRequestState['consultations'];
  extension: DisclosureRequestState['extension'];
  reply: DisclosureRequestState['reply'];
  withdrawal: DisclosureRequestState['withdrawal'];
  finishedAt: number | null;
  /** Whether the reply came by the due date (null while open or without a reply). */
  onTime: boolean | null;
  documents: DisclosureDocument[];
  alarmLevel: 'none' | 'yellow' | 'red';
  alarms: DisclosureAlarm[];
  events: DisclosureEvent[];
}

const FINAL: readonly DisclosureStatus[] = ['replied', 'lapsed', 'withdrawn'];
const OFFICER_ROLE = 'disclosure_officer';

export class DisclosureRequestMachine {
  private readonly calendar: WorkingCalendar;

  /**
   * Whether an online application left unconfirmed raises alarms. The workflow turns it off while it
   * replays a history recorded before these alarms existed (patched()), so the replay sets the same timers.
   */
  alarmsWhileUnconfirmed = true;

  private constructor(
    readonly input: DisclosureRequestInput,
    readonly state: DisclosureRequestState,
  ) {
    this.calendar = new WorkingCalendar(input.calendar);
  }

  static start(input: DisclosureRequestInput): DisclosureRequestMachine {
    return new DisclosureRequestMachine(input, {
      status: input.receivedOn === null ? 'awaiting_confirmation' : 'processing',
      receivedOn: input.receivedOn,
      firstReceivedOn: input.receivedOn,
      excludedDays: 0,
      correction: null,
      consultations: [],
      extension: null,
      reply: null,
      withdrawal: null,
      finishedAt: null,
      documents: [],
      alarms: [],
      events: [],
      revision: 1,
    });
  }

  /** An application carried over continue-as-new. */
  static restore(input: DisclosureRequestInput, state: DisclosureRequestState): DisclosureRequestMachine {
    return new DisclosureRequestMachine(input, state);
  }

  get finished(): boolean {
    return FINAL.includes(this.state.status);
  }

  /** Throws DisclosureRefusal when the command may not be applied at `now`; changes nothing. */
  validate(command: DisclosureCommand, now: number): void {
    const { state } = this;
    if (this.finished) throw new DisclosureRefusal('DISCLOSURE_REQUEST_FINISHED', '该申请已办结');
    const requireText = (value: string | undefined, field: string) => {
      if (typeof value !== 'string' || value.trim() === '') throw new DisclosureRefusal('VALIDATION_FAILED', '请求参数有误', [{ field, rule: 'required' }]);
    };
    switch (command.type) {
      case 'withdraw':
        requireText(command.reason, 'reason');
        if (!this.isOwnApplicant(command.actor) && !this.isOfficer(command.actor)) this.refuseActor('只有申请人本人或受理机关的信息公开工作人员可以撤回申请');
        return;
      case 'submitCorrection':
        if (!this.isOwnApplicant(command.actor) && !this.isOfficer(command.actor)) this.refuseActor('只有申请人本人或受理机关的信息公开工作人员可以提交补正');
        if (state.status !== 'correction') this.wrongState('该申请未处于补正状态');
        requireText(command.supplement, 'supplement');
        return;
      default:
        break;
    }
    if (!this.isOfficer(command.actor)) this.refuseActor(`该申请应由${this.input.agency.name}的政府信息公开工作人员办理`);
    const today = chinaDateOf(now);
    switch (command.type) {
      case 'confirmReceipt':
        if (state.status !== 'awaiting_confirmation') this.wrongState('该申请已确认收到');
        return;
      case 'requestCorrection': {
        if (state.correction !== null) throw new DisclosureRefusal('DISCLOSURE_CORRECTION_ALREADY_REQUESTED', '补正须一次性告知，本申请已告知过补正');
        if (state.status !== 'processing') this.wrongState('只有在办理中的申请可以告知补正');
        const items = (command.items ?? []).filter((i) => typeof i === 'string' && i.trim() !== '');
        if (items.length === 0)
          throw new DisclosureRefusal('VALIDATION_FAILED', '补正告知须一次性列明需要补正的全部事项', [{ field: 'items', rule: 'required' }]);
        if (
          command.correctionDays !== undefined &&
          !(Number.isInteger(command.correctionDays) && command.correctionDays >= 1 && command.correctionDays <= 60)
        ) {
          throw new DisclosureRefusal('VALIDATION_FAILED', '补正期限须为 1 至 60 个工作日', [{ field: 'correctionDays', rule: 'range' }]);
        }
        const limit = this.input.periods.correctionNoticeDays;
        if (limit !== null) {
          const lastDay = unlessYearMissing(() => this.calendar.addWorkingDays(state.receivedOn!, limit), null);
          if (lastDay !== null && today > lastDay) {
            throw new DisclosureRefusal('DISCLOSURE_CORRECTION_TOO_LATE', `补正告知须在收到申请之日起${limit}个工作日内作出（截至 ${lastDay}）`);
          }
        }
        return;
      }
      case 'consultThirdParty':
        if (state.status !== 'processing') this.wrongState('只有在办理中的申请可以征求第三方意见');
        requireText(command.thirdParty, 'thirdParty');
        return;
      case 'recordThirdPartyOpinion':
        if (state.status !== 'consulting') this.wrongState('该申请未在征求第三方意见');
        if (command.opinion !== 'agree' && command.opinion !== 'disagree') {
          throw new DisclosureRefusal('VALIDATION_FAILED', '请求参数有误', [{ field: 'opinion', rule: 'isIn' }]);
        }
        return;
      case 'extend': {
        if (state.status !== 'processing' && state.status !== 'consulting') this.wrongState('只有在办理中的申请可以延期答复');
        if (state.extension !== null) throw new DisclosureRefusal('DISCLOSURE_EXTENSION_USED', '答复期限只能延长一次');
        requireText(command.reason, 'reason');
        requireText(command.approvedBy, 'approvedBy');
        const max = this.input.periods.extensionDays;
        if (command.days !== undefined && !(Number.isInteger(command.days) && command.days >= 1 && command.days <= max)) {
          throw new DisclosureRefusal('VALIDATION_FAILED', `延长的期限最长不得超过${max}个工作日`, [{ field: 'days', rule: 'range' }]);
        }
        const due = this.dueAt();
        if (due !== null && now > due) throw new DisclosureRefusal('DISCLOSURE_EXTENSION_TOO_LATE', '答复期限已过，不能再延期');
        return;
      }
      case 'reply':
        if (state.status !== 'processing') {
          this.wrongState(state.status === 'consulting' ? '正在征求第三方意见，收到意见或征求期满后方可答复' : '该申请当前不能答复');
        }
        validateReply(command.reply);
        return;
    }
  }

  /** Applies a validated command at `now`. */
  apply(command: DisclosureCommand, now: number): void {
    const { state } = this;
    state.revision += 1;
    const today = chinaDateOf(now);
    const event: DisclosureEvent = { at: now, type: command.type, by: command.actor.userId };
    switch (command.type) {
      case 'confirmReceipt':
        // Art. 31 (三): an online application is received on the day the agency confirms it.
        state.receivedOn = today;
        state.firstReceivedOn = today;
        state.status = 'processing';
        break;
      case 'requestCorrection': {
        const days = command.correctionDays ?? this.input.periods.correctionDays;
        state.correction = {
          items: command.items.filter((i) => i.trim() !== '').map((i) => i.trim()),
          requestedAt: now,
          dueOn: unlessYearMissing(() => this.calendar.addWorkingDays(today, days), null),
          correctedAt: null,
          supplement: null,
        };
        state.status = 'correction';
        this.issue('correction-notice', command.actor, now);
        event.note = state.correction.items.join('；');
        break;
      }
      case 'submitCorrection':
        // Art. 30: the period runs afresh from the day the corrected application is received.
        state.correction!.correctedAt = now;
        state.correction!.supplement = command.supplement.trim();
        state.receivedOn = today;
        state.excludedDays = 0;
        state.status = 'processing';
        break;
      case 'consultThirdParty':
        state.consultations.push({
          thirdParty: command.thirdParty.trim(),
          matter: command.matter?.trim() || null,
          startedAt: now,
          startedOn: today,
          dueOn: unlessYearMissing(() => this.calendar.addWorkingDays(today, this.input.periods.thirdPartyDays), null),
          endedAt: null,
          opinion: null,
          note: null,
          excludedDays: 0,
        });
        state.status = 'consulting';
        this.issue('third-party-letter', command.actor, now);
        event.note = command.thirdParty.trim();
        break;
      case 'recordThirdPartyOpinion':
        this.endConsultation(now, command.opinion, command.note ?? null);
        break;
      case 'extend':
        state.extension = {
          days: command.days ?? this.input.periods.extensionDays,
          reason: command.reason.trim(),
          approvedBy: command.approvedBy.trim(),
          at: now,
          by: command.actor.userId,
        };
        this.issue('extension-notice', command.actor, now);
        event.note = command.reason.trim();
        break;
      case 'reply':
        state.reply = { ...command.reply, at: now, by: command.actor.userId };
        state.status = 'replied';
        state.finishedAt = now;
        this.issue('reply', command.actor, now);
        event.note = REPLY_TYPE_TEXT[command.reply.type];
        break;
      case 'withdraw':
        state.withdrawal = { reason: command.reason.trim(), at: now, by: command.actor.userId };
        state.status = 'withdrawn';
        state.finishedAt = now;
        break;
    }
    state.events.push(event);
  }

  /**
   * What the clock does at `now`: a correction not made in time lapses the application (视为放弃申请),
   * a third party's time runs out (the period runs on), alarms fall due. Returns the alarms raised.
   */
  tick(now: number): { changed: boolean; alarms: DisclosureAlarm[] } {
    const { state } = this;
    let changed = false;
    if (state.status === 'correction') {
      const due = this.endOfOfficeDay(state.correction!.dueOn);
      if (due !== null && now >= due) {
        state.status = 'lapsed';
        state.finishedAt = now;
        state.events.push({ at: now, type: 'correctionLapsed', by: null });
        changed = true;
      }
    }
    if (state.status === 'consulting') {
      const current = state.consultations[state.consultations.length - 1]!;
      const due = this.endOfOfficeDay(current.dueOn);
      if (due !== null && now >= due) {
        this.endConsultation(now, 'none', null);
        state.events.push({ at: now, type: 'consultationExpired', by: null });
        changed = true;
      }
    }
    const alarms = this.pendingAlarms().filter((a) => a.dueAt <= now);
    state.alarms.push(...alarms);
    if (changed || alarms.length > 0) state.revision += 1;
    return { changed: changed || alarms.length > 0, alarms };
  }

  /** The next instant the clock changes something (lapse, consultation end, alarm), or null. */
  nextWakeAt(): number | null {
    const { state } = this;
    const times: number[] = this.pendingAlarms().map((a) => a.dueAt);
    if (state.status === 'correction') {
      const due = this.endOfOfficeDay(state.correction!.dueOn);
      if (due !== null) times.push(due);
    }
    if (state.status === 'consulting') {
      const due = this.endOfOfficeDay(state.consultations[state.consultations.length - 1]!.dueOn);
      if (due !== null) times.push(due);
    }
    return times.length > 0 ? Math.min(...times) : null;
  }

  /** The due date: receipt + reply period + extension + excluded days (Art. 32, 33). */
  dueOn(): string | null {
    const { state } = this;
    if (state.receivedOn === null) return null;
    const days = this.input.periods.replyDays + (state.extension?.days ?? 0) + state.excludedDays;
    return unlessYearMissing(() => this.calendar.addWorkingDays(state.receivedOn!, days), null);
  }

  dueAt(): number | null {
    return this.endOfOfficeDay(this.dueOn());
  }

  view(): DisclosureRequestView {
    const { input, state } = this;
    const dueAt = this.dueAt();
    const level = state.alarms.some((a) => a.level === 'red') ? 'red' : state.alarms.length > 0 ? 'yellow' : 'none';
    return {
      requestId: input.requestId,
      number: input.number,
      revision: state.revision,
      agency: input.agency,
      applicant: { kind: input.applicant.kind, name: input.applicant.name, organizationType: input.applicant.organizationType, userId: input.applicant.userId },
      description: input.description,
      purpose: input.purpose,
      delivery: input.delivery,
      channel: input.channel,
      submittedAt: input.submittedAt,
      periods: input.periods,
      status: state.status,
      receivedOn: state.receivedOn,
      firstReceivedOn: state.firstReceivedOn,
      dueOn: this.dueOn(),
      dueAt,
      excludedDays: state.excludedDays,
      correction: state.correction,
      consultations: state.consultations,
      extension: state.extension,
      reply: state.reply,
      withdrawal: state.withdrawal,
      finishedAt: state.finishedAt,
      onTime: state.reply === null || dueAt === null ? null : state.reply.at <= dueAt,
      documents: state.documents,
      alarmLevel: level,
      alarms: state.alarms,
      events: state.events,
    };
  }

  // ------------------------------------------------------------------ internals

  private pendingAlarms(): DisclosureAlarm[] {
    const { state } = this;
    const raised = new Set(state.alarms.map((a) => a.key));
    const calendarMissing: DisclosureAlarm = {
      key: 'calendar-missing',
      kind: 'calendar-missing',
      level: 'yellow',
      dueAt: this.input.submittedAt,
      message: '工作日历缺少相应年份，答复期限无法计算，请录入日历',
    };
    if (state.status === 'awaiting_confirmation') {
      if (!this.alarmsWhileUnconfirmed) return [];
      const submittedOn = chinaDateOf(this.input.submittedAt);
      const { periods } = this.input;
      const candidates: DisclosureAlarm[] = [];
      for (const [level, days] of [
        ['yellow', periods.unconfirmedYellowDays ?? DEFAULT_UNCONFIRMED_YELLOW_DAYS],
        ['red', periods.unconfirmedRedDays ?? DEFAULT_UNCONFIRMED_RED_DAYS],
      ] as const) {
        const lastDay = unlessYearMissing(() => this.calendar.addWorkingDays(submittedOn, days), null);
        if (lastDay === null) {
          candidates.push(calendarMissing);
          break;
        }
        candidates.push({
          key: `unconfirmed:${level}`,
          kind: 'disclosure-unconfirmed',
          level,
          dueAt: this.endOfOfficeDay(lastDay)!,
          message: `网上提交的政府信息公开申请（${submittedOn}提交）${level === 'yellow' ? '已' : '超过'}${days}个工作日未确认收到，答复期限无法起算`,
        });
      }
      return candidates.filter((a) => !raised.has(a.key));
    }
    // The clock stands still during a correction (the period restarts) and a consultation (excluded).
    if (state.status !== 'processing') return [];
    const dueOn = this.dueOn();
    const candidates: DisclosureAlarm[] = [];
    if (dueOn === null) {
      candidates.push(calendarMissing);
    } else {
      const warnOn = unlessYearMissing(() => this.calendar.subtractWorkingDays(dueOn, this.input.periods.warnDaysBefore), null);
      const warnAt = this.startOfOfficeDay(warnOn);
      if (warnAt !== null) {
        candidates.push({
          key: `due-near:${dueOn}`,
          kind: 'disclosure-due-near',
          level: 'yellow',
          dueAt: warnAt,
          message: `依申请公开答复期限将于 ${dueOn} 届满`,
        });
      }
      candidates.push({
        key: `overdue:${dueOn}`,
        kind: 'disclosure-overdue',
        level: 'red',
        dueAt: this.endOfOfficeDay(dueOn)!,
        message: `依申请公开超过答复期限（${dueOn}）未答复`,
      });
    }
    return candidates.filter((a) => !raised.has(a.key));
  }

  private endConsultation(now: number, opinion: 'agree' | 'disagree' | 'none', note: string | null): void {
    const { state } = this;
    const current = state.consultations[state.consultations.length - 1]!;
    const endedOn = chinaDateOf(now);
    // Art. 32: the third party's time, at most its statutory days, is not counted in the period.
    const excluded = Math.min(
      unlessYearMissing(() => this.calendar.workingDaysBetween(current.startedOn, endedOn), 0),
      this.input.periods.thirdPartyDays,
    );
    current.endedAt = now;
    current.opinion = opinion;
    current.note = note?.trim() || null;
    current.excludedDays = excluded;
    state.excludedDays += excluded;
    state.status = 'processing';
  }

  private issue(kind: DisclosureDocumentKind, actor: DisclosureActor, now: number): void {
    const same = this.state.documents.filter((d) => d.kind === kind).length;
    this.state.documents.push({
      key: same === 0 ? kind : `${kind}:${same + 1}`,
      kind,
      title: DISCLOSURE_DOCUMENT_TITLES[kind],
      issuedAt: now,
      issuedBy: actor.name,
    });
  }

  /** The office's close (18:00) on the date: a period in working days ends then on its last day. */
  private endOfOfficeDay(date: string | null): number | null {
    return date === null ? null : officeClosesOn(date, this.calendar.officeHours);
  }

  /** The office's opening (08:30) on the date. */
  private startOfOfficeDay(date: string | null): number | null {
    return date === null ? null : officeOpensOn(date, this.calendar.officeHours);
  }

  private isOfficer(actor: DisclosureActor): boolean {
    // The disclosure office of the agency's region (or above) answers for it; departments' own staff do not.
    return actor.role === OFFICER_ROLE && this.input.agency.orgPath.startsWith(actor.regionPath);
  }

  private isOwnApplicant(actor: DisclosureActor): boolean {
    return actor.role === 'applicant' && this.input.applicant.userId !== null && actor.userId === this.input.applicant.userId;
  }

  private refuseActor(message: string): never {
    throw new DisclosureRefusal('DISCLOSURE_ACTOR_NOT_ALLOWED', message);
  }

  private wrongState(message: string): never {
    throw new DisclosureRefusal('DISCLOSURE_REQUEST_WRONG_STATE', message);
  }
}

/** Each reply type's required facts (Art. 36); throws DISCLOSURE_REPLY_INCOMPLETE listing every missing one. */
export function validateReply(reply: DisclosureReply): void {
  if (!reply || !(DISCLOSURE_REPLY_TYPES as readonly string[]).includes(reply.type)) {
    throw new DisclosureRefusal('VALIDATION_FAILED', '请求参数有误', [{ field: 'reply.type', rule: 'isIn' }]);
  }
  const missing: { field: string; rule: string }[] = [];
  const need = (field: keyof DisclosureReply) => {
    const value = reply[field];
    if (typeof value !== 'string' || value.trim() === '') missing.push({ field: `reply.${field}`, rule: 'required' });
  };
  const reason = (field: 'refusalReason' | 'notHeldReason', allowed: readonly string[], required: boolean) => {
    const value = reply[field];
    if (value === undefined ? required : !allowed.includes(value)) missing.push({ field: `reply.${field}`, rule: value === undefined ? 'required' : 'isIn' });
  };
  switch (reply.type) {
    case 'published':
      need('location');
      break;
    case 'granted':
      need('content');
      break;
    case 'partial':
      need('content');
      reason('refusalReason', REFUSAL_REASONS, true);
      break;
    case 'refused':
      reason('refusalReason', REFUSAL_REASONS, true);
      break;
    case 'not_exist':
      reason('notHeldReason', NOT_HELD_REASONS, false);
      break;
    case 'not_responsible':
      need('responsibleBody');
      break;
    case 'repeated':
      need('earlierNumber');
      break;
    case 'other_law':
      need('register');
      break;
  }
  if (missing.length > 0) {
    throw new DisclosureRefusal(
      'DISCLOSURE_REPLY_INCOMPLETE',
      `「${REPLY_TYPE_TEXT[reply.type]}」答复须写明：${missing.map((m) => m.field.replace('reply.', '')).join('、')}`,
      missing,
    );
  }
}
