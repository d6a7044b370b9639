// Disclosure on application (依申请公开) under the 2019 regulation (政府信息公开条例, 国务院令第711号),
// as a pure state machine: the disclosure request workflow keeps one, feeds it the commands people send
// (as Updates) and the clock (workflow time), and persists nothing else. No I/O, no clock of its own.
// Its vocabulary, periods, messages and reply rules live beside it, re-exported here.
import { chinaDateOf, officeClosesOn, officeOpensOn } from '../calendar/china-time';
import { unlessYearMissing, WorkingCalendar } from '../calendar/working-calendar';
import { DISCLOSURE_DOCUMENT_TITLES, REPLY_TYPE_TEXT } from '../labels/disclosure';
import { DEFAULT_UNCONFIRMED_RED_DAYS, DEFAULT_UNCONFIRMED_YELLOW_DAYS } from './request-periods';
import {
  type DisclosureActor,
  type DisclosureAlarm,
  type DisclosureCommand,
  type DisclosureDocumentKind,
  type DisclosureEvent,
  DisclosureRefusal,
  type DisclosureRequestInput,
  type DisclosureRequestState,
  type DisclosureRequestView,
  type DisclosureStatus,
} from './request-model';
import { validateReply } from './request-reply';

export * from './request-periods';
export * from './request-vocabulary';
export * from './request-model';
export * from './request-reply';

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
