// What the disclosure request machine takes and answers: the workflow's input, the commands people send
// (as Updates), its state and view, and the refusal a command can meet. Stored in workflow histories:
// evolve by adding optional fields.
import type { CalendarYear } from '../calendar/working-calendar';
import type { DisclosurePeriods } from './request-periods';
import type { DisclosureChannel, DisclosureDelivery, DisclosureReplyType, NotHeldReason, OrganizationType, RefusalReason } from './request-vocabulary';

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
