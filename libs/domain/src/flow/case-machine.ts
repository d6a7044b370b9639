// The interpreter of a compiled flow, as a pure state machine: the case workflow keeps one, feeds
// it the commands people send (as Updates) and the clock (workflow time), and persists nothing else.
// Pure and deterministic: no I/O, no clock of its own; every instant comes in as an argument.
import { officeOpensOnDayOf } from '../calendar/china-time';
import { type CalendarYear, unlessYearMissing, WorkingCalendar } from '../calendar/working-calendar';
import { STEP_KIND_ACTIONS, type FlowOutcome, type OrgLevel, type StepAction, type TaskNode } from './dsl';
import { CASE_DOCUMENT_TITLES, DECISION_DOCUMENT_TITLES, ORG_LEVEL_NAMES } from '../labels/case';
import { type FlowPlan, limitHours } from './plan';
import { type AlarmRules, type FeeRule, feeViolation, LEGACY_ALARM_RULES } from '../supervision/alarm-rules';

/** Who sends a command, as the API resolved them from the signed-in user. */
export interface CaseActor {
  userId: string;
  name: string;
  role: string;
  orgId: string;
  orgPath: string;
  /** The level of the region the actor works at (a county department: county). */
  level: OrgLevel | null;
  /** The actor's department code (GS …); null outside a department. */
  department: string | null;
  /** 岗位 the actor holds. */
  posts: string[];
}

/** Everything a case needs to run, fixed when it starts. */
export interface CaseInput {
  caseId: string;
  /** Human-readable, e.g. 20261127-33030301BM-0001 */
  caseNumber: string;
  itemCode: string;
  itemName: string;
  applicant: { id: string | null; name: string };
  /** The centre that took the case in (基层受理); intakeCentre steps belong to it. */
  intake: { orgId: string; orgPath: string; name: string };
  /** Materialised paths of the regions above the intake centre, by level: a county step is done in this county. */
  regions: Partial<Record<OrgLevel, string>>;
  plan: FlowPlan;
  /** The working-day calendar years known when the case started. */
  calendar: CalendarYear[];
  /** Receipt instant, epoch ms. */
  receivedAt: number;
  /**
   * The supervision office's alarm rules when the case was filed (the case keeps them). Absent in
   * cases filed before rule sets existed: those run on LEGACY_ALARM_RULES.
   */
  alarmRules?: AlarmRules;
  /** The item's fee rule (收费标准) when the case was filed; absent: fees are not checked. */
  fee?: FeeRule;
}

export interface ActionRecord {
  action: StepAction;
  actorId: string;
  actorName: string;
  actorOrgId: string;
  at: number;
  opinion?: string;
  decision?: 'approved' | 'denied';
  documentTitle?: string;
  correctionItems?: string[];
  /** The fee charged with a decide or deliver action (yuan). */
  feeYuan?: number;
}

export interface StepRecord {
  /** Unique within the case: node id + '#' + sequence. */
  token: string;
  nodeId: string;
  name: string;
  /** Enclosing fork branches, outermost first. */
  branches: { fork: string; index: number }[];
  startedAt: number;
  /** null when the calendar lacks a year the limit runs into. */
  deadlineAt: number | null;
  limitHours: number;
  actions: ActionRecord[];
  completedAt?: number;
  /** accept/reject/opinion/decide/deliver that completed it, or 'cancelled' (a quorum join went on without it). */
  completion?: StepAction | 'cancelled';
}

export interface CaseDocument {
  /** e.g. 准予行政许可决定书 */
  title: string;
  stepToken: string;
  itemCode: string;
  itemName: string;
  caseNumber: string;
  applicantName: string;
  decision?: 'approved' | 'denied';
  /** The deciding (or the step's) opinion. */
  opinion: string;
  issuedBy: string;
  issuedAt: number;
  sealed: boolean;
}

export type AlarmLevel = 'none' | 'reminder' | 'yellow' | 'red';

export interface CaseAlarm {
  /** Unique per case: kind + ':' + token or 'case'. */
  key: string;
  kind:
    | 'step-reminder'
    | 'promised-reminder'
    | 'step-overdue'
    | 'promised-near'
    | 'promised-passed'
    | 'legal-passed'
    | 'calendar-missing'
    | 'violation-fee'
    | 'violation-no-reason'
    | 'violation-wrong-actor'
    | 'violation-out-of-order'
    | 'violation-action';
  level: Exclude<AlarmLevel, 'none'>;
  token: string | null;
  /** When it became due. */
  dueAt: number;
  message: string;
}

export interface CaseState {
  status: 'running' | 'correction' | 'finished';
  outcome: FlowOutcome | null;
  finishedAt: number | null;
  active: StepRecord[];
  done: StepRecord[];
  decisions: Record<string, 'approved' | 'denied'>;
  joins: Record<string, { arrived: number[]; passed: boolean }>;
  documents: CaseDocument[];
  correction: { requestedAt: number; token: string; items: string[]; requestedBy: string } | null;
  /** Working hours the clock stood still (补正), in all. */
  pausedHours: number;
  promisedDeadlineAt: number | null;
  legalDeadlineAt: number | null;
  alarms: CaseAlarm[];
  withdrawal: { by: string; reason: string; at: number } | null;
  sequence: number;
  /** Bumped by every change; projections keep the highest they have seen, so a replayed or late write changes nothing. */
  revision?: number;
}

export interface CaseView {
  caseId: string;
  /** Changes so far (see CaseState.revision). */
  revision: number;
  caseNumber: string;
  itemCode: string;
  itemName: string;
  planHash: string;
  intakeOrgId: string;
  status: CaseState['status'];
  outcome: FlowOutcome | null;
  receivedAt: number;
  finishedAt: number | null;
  promisedDeadlineAt: number | null;
  legalDeadlineAt: number | null;
  pausedHours: number;
  correction: CaseState['correction'];
  alarmLevel: AlarmLevel;
  alarms: CaseAlarm[];
  /** The steps waiting now, with who may act and what they may do. */
  current: {
    token: string;
    nodeId: string;
    name: string;
    kind: TaskNode['kind'];
    actions: StepAction[];
    actor: TaskNode['actor'];
    actorText: string;
    /** Where the actor must be: the region of the step's level, or the intake centre (its org path). */
    scopePath: string;
    startedAt: number;
    deadlineAt: number | null;
    done: StepAction[];
  }[];
  /** Finished (or cancelled) steps, in the order they ended. */
  steps: {
    token: string;
    nodeId: string;
    name: string;
    startedAt: number;
    deadlineAt: number | null;
    completedAt: number | null;
    completion: StepAction | 'cancelled' | null;
    onTime: boolean | null;
    actions: ActionRecord[];
  }[];
  decisions: Record<string, 'approved' | 'denied'>;
  documents: CaseDocument[];
  withdrawal: CaseState['withdrawal'];
}

export type CaseCommand =
  | {
      type: 'act';
      token: string;
      action: StepAction;
      actor: CaseActor;
      opinion?: string;
      decision?: 'approved' | 'denied';
      documentTitle?: string;
      correctionItems?: string[];
      /** The fee charged (yuan), stated with a decide or deliver action; checked against the item's fee rule. */
      feeYuan?: number;
    }
  | { type: 'resubmit'; actor: CaseActor; note?: string }
  | { type: 'withdraw'; actor: CaseActor; reason: string };

/** Why a command is refused; `code` is one of libs/domain's error codes. */
export class CaseRefusal extends Error {
  constructor(
    readonly code:
      | 'CASE_FINISHED'
      | 'CASE_STEP_NOT_ACTIVE'
      | 'CASE_ACTION_NOT_ALLOWED'
      | 'CASE_ACTOR_NOT_ALLOWED'
      | 'CASE_ACTION_OUT_OF_ORDER'
      | 'CASE_IN_CORRECTION'
      | 'CASE_NOT_IN_CORRECTION'
      | 'CASE_REASON_REQUIRED'
      | 'VALIDATION_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'CaseRefusal';
  }
}

/** The action that finishes a step of each kind (others are recorded on the way). */
const COMPLETING: Record<TaskNode['kind'], readonly StepAction[]> = {
  intake: ['accept', 'reject'],
  review: ['opinion'],
  decision: ['decide'],
  delivery: ['deliver'],
};

export class CaseMachine {
  private readonly calendar: WorkingCalendar;

  private constructor(
    readonly input: CaseInput,
    readonly state: CaseState,
  ) {
    this.calendar = new WorkingCalendar(input.calendar);
  }

  /** A new case: enters the start node at the receipt instant. */
  static start(input: CaseInput): CaseMachine {
    const machine = new CaseMachine(input, {
      status: 'running',
      outcome: null,
      finishedAt: null,
      active: [],
      done: [],
      decisions: {},
      joins: {},
      documents: [],
      correction: null,
      pausedHours: 0,
      promisedDeadlineAt: null,
      legalDeadlineAt: null,
      alarms: [],
      withdrawal: null,
      sequence: 0,
    });
    const { plan, receivedAt } = input;
    machine.state.promisedDeadlineAt = machine.deadline(receivedAt, { unit: 'workingDays', amount: plan.promisedDays });
    machine.state.legalDeadlineAt = machine.deadline(receivedAt, { unit: 'workingDays', amount: plan.legalDays });
    machine.enter(plan.start, [], receivedAt);
    return machine;
  }

  /** A case carried over continue-as-new. */
  static restore(input: CaseInput, state: CaseState): CaseMachine {
    return new CaseMachine(input, state);
  }

  /** Throws CaseRefusal when the command may not be applied now; changes nothing. */
  validate(command: CaseCommand): void {
    const { state } = this;
    if (state.status === 'finished') throw new CaseRefusal('CASE_FINISHED', '该件已办结');
    if (command.type === 'withdraw') {
      if (!command.reason?.trim()) throw new CaseRefusal('VALIDATION_FAILED', '撤回须说明理由');
      const isApplicant = command.actor.role === 'applicant' && command.actor.userId === this.input.applicant.id;
      const isIntakeClerk = command.actor.role === 'clerk' && command.actor.orgId === this.input.intake.orgId;
      if (!isApplicant && !isIntakeClerk) throw new CaseRefusal('CASE_ACTOR_NOT_ALLOWED', '只有申请人或受理窗口可以撤回申请');
      return;
    }
    if (command.type === 'resubmit') {
      if (state.status !== 'correction') throw new CaseRefusal('CASE_NOT_IN_CORRECTION', '该件未处于补正状态');
      const isApplicant = command.actor.role === 'applicant' && command.actor.userId === this.input.applicant.id;
      const isIntakeClerk = command.actor.role === 'clerk' && command.actor.orgId === this.input.intake.orgId;
      if (!isApplicant && !isIntakeClerk) throw new CaseRefusal('CASE_ACTOR_NOT_ALLOWED', '只有申请人或受理窗口可以提交补正材料');
      return;
    }
    if (state.status === 'correction') throw new CaseRefusal('CASE_IN_CORRECTION', '该件正在补正，补正材料提交后方可继续办理');
    const step = state.active.find((s) => s.token === command.token);
    if (!step) throw new CaseRefusal('CASE_STEP_NOT_ACTIVE', '该环节不是当前环节或已办理完毕');
    const node = this.task(step.nodeId);
    if (!node.actions.includes(command.action)) {
      throw new CaseRefusal('CASE_ACTION_NOT_ALLOWED', `「${node.name}」环节不能执行该操作`);
    }
    this.assertActor(node, command.actor);
    if (command.action === 'decide' && command.decision !== 'approved' && command.decision !== 'denied') {
      throw new CaseRefusal('VALIDATION_FAILED', '作出决定须选择准予或不予');
    }
    if (command.action === 'requestCorrection' && !(command.correctionItems && command.correctionItems.some((i) => i.trim()))) {
      throw new CaseRefusal('VALIDATION_FAILED', '一次性告知补正须列明需补正的材料');
    }
    // A refusal (不予受理, 不予许可) must state its reasons; an attempt without them is a violation.
    if (command.action === 'reject' && !command.opinion?.trim()) throw new CaseRefusal('CASE_REASON_REQUIRED', '不予受理须说明理由');
    if (command.action === 'decide' && command.decision === 'denied' && !command.opinion?.trim()) {
      throw new CaseRefusal('CASE_REASON_REQUIRED', '不予许可须说明理由');
    }
    if (command.action === 'opinion' && !command.opinion?.trim()) throw new CaseRefusal('VALIDATION_FAILED', '审核意见不能为空');
    if (command.feeYuan !== undefined) {
      if (command.action !== 'decide' && command.action !== 'deliver') throw new CaseRefusal('VALIDATION_FAILED', '收费只能随作出决定或送达登记');
      if (typeof command.feeYuan !== 'number' || !Number.isFinite(command.feeYuan) || command.feeYuan < 0 || command.feeYuan > 1e9) {
        throw new CaseRefusal('VALIDATION_FAILED', '收费金额须为非负数');
      }
    }
    if (command.action === 'seal' && !state.documents.some((d) => d.stepToken === step.token)) {
      throw new CaseRefusal('CASE_ACTION_OUT_OF_ORDER', '须先制作文书再加盖电子印章');
    }
  }

  /** Applies a validated command at `now`. */
  apply(command: CaseCommand, now: number): void {
    const { state } = this;
    state.revision = (state.revision ?? 0) + 1;
    if (command.type === 'withdraw') {
      state.withdrawal = { by: command.actor.userId, reason: command.reason, at: now };
      for (const step of state.active) this.close(step, 'cancelled', now);
      state.active = [];
      this.finish('withdrawn', now);
      return;
    }
    if (command.type === 'resubmit') {
      const correction = state.correction!;
      const paused = unlessYearMissing(() => this.calendar.workingHoursBetween(correction.requestedAt, now), 0);
      state.pausedHours += paused;
      // The clock stood still while the applicant corrected (补正): every running deadline moves on by it.
      const extend = (at: number | null) => (at === null || paused === 0 ? at : unlessYearMissing(() => this.calendar.addWorkingHours(at, paused), null));
      for (const step of state.active) step.deadlineAt = extend(step.deadlineAt);
      state.promisedDeadlineAt = extend(state.promisedDeadlineAt);
      state.legalDeadlineAt = extend(state.legalDeadlineAt);
      state.correction = null;
      state.status = 'running';
      return;
    }
    const step = state.active.find((s) => s.token === command.token)!;
    const node = this.task(step.nodeId);
    const record: ActionRecord = {
      action: command.action,
      actorId: command.actor.userId,
      actorName: command.actor.name,
      actorOrgId: command.actor.orgId,
      at: now,
      ...(command.opinion !== undefined ? { opinion: command.opinion } : {}),
      ...(command.decision ? { decision: command.decision } : {}),
      ...(command.documentTitle ? { documentTitle: command.documentTitle } : {}),
      ...(command.correctionItems ? { correctionItems: command.correctionItems.filter((i) => i.trim()) } : {}),
      ...(command.feeYuan !== undefined ? { feeYuan: command.feeYuan } : {}),
    };
    step.actions.push(record);

    switch (command.action) {
      case 'requestCorrection':
        state.status = 'correction';
        state.correction = { requestedAt: now, token: step.token, items: record.correctionItems ?? [], requestedBy: command.actor.userId };
        return;
      case 'document':
        this.issueDocument(step, command.documentTitle ?? `${node.name}文书`, command.actor, now, undefined, command.opinion);
        return;
      case 'seal':
        for (const doc of state.documents) if (doc.stepToken === step.token) doc.sealed = true;
        return;
      case 'decide':
        state.decisions[node.id] = command.decision!;
        if (node.issuesDocument) {
          const title = command.documentTitle ?? DECISION_DOCUMENT_TITLES[command.decision === 'approved' ? 'approved' : 'denied'];
          this.issueDocument(step, title, command.actor, now, command.decision, command.opinion);
        }
        break;
      default:
        break;
    }
    if (!COMPLETING[node.kind].includes(command.action)) return;
    // The step's document (受理通知书, 决定书, 送达回证 …) is issued with the action that finishes
    // the step if none was made on the way, and sealed when the step applies the seal.
    if (node.issuesDocument && !state.documents.some((d) => d.stepToken === step.token)) {
      this.issueDocument(
        step,
        command.documentTitle ?? CASE_DOCUMENT_TITLES[command.action] ?? `${node.name}文书`,
        command.actor,
        now,
        command.decision,
        command.opinion,
      );
    }
    if (node.appliesSeal) for (const doc of state.documents) if (doc.stepToken === step.token) doc.sealed = true;
    this.close(step, command.action, now);
    state.active = state.active.filter((s) => s !== step);
    if (command.action === 'reject') this.enter(node.onReject!, step.branches, now);
    else this.enter(node.next, step.branches, now);
  }

  /** Alarms due at `now` that were not raised yet; records them as raised. */
  raiseDueAlarms(now: number): CaseAlarm[] {
    const due = this.pendingAlarms().filter((a) => a.dueAt <= now);
    this.state.alarms.push(...due);
    if (due.length > 0) this.state.revision = (this.state.revision ?? 0) + 1;
    return due;
  }

  /** The earliest instant an alarm not yet raised becomes due, or null. */
  nextAlarmAt(): number | null {
    const times = this.pendingAlarms().map((a) => a.dueAt);
    return times.length > 0 ? Math.min(...times) : null;
  }

  alarmLevel(): AlarmLevel {
    const rank: AlarmLevel[] = ['none', 'reminder', 'yellow', 'red'];
    return this.state.alarms.reduce<AlarmLevel>((max, a) => (rank.indexOf(a.level) > rank.indexOf(max) ? a.level : max), 'none');
  }

  /** What the case looks like now: what the API answers and the workflow's query returns. */
  view(): CaseView {
    const { input, state } = this;
    return {
      caseId: input.caseId,
      revision: state.revision ?? 0,
      caseNumber: input.caseNumber,
      itemCode: input.itemCode,
      itemName: input.itemName,
      planHash: input.plan.hash,
      intakeOrgId: input.intake.orgId,
      status: state.status,
      outcome: state.outcome,
      receivedAt: input.receivedAt,
      finishedAt: state.finishedAt,
      promisedDeadlineAt: state.promisedDeadlineAt,
      legalDeadlineAt: state.legalDeadlineAt,
      pausedHours: state.pausedHours,
      correction: state.correction,
      alarmLevel: this.alarmLevel(),
      alarms: state.alarms,
      current: state.active.map((step) => {
        const node = this.task(step.nodeId);
        return {
          token: step.token,
          nodeId: step.nodeId,
          name: step.name,
          kind: node.kind,
          actions: node.actions,
          actor: node.actor,
          actorText: this.describeActor(step.nodeId),
          scopePath: node.actor.kind === 'intakeCentre' ? input.intake.orgPath : (input.regions[node.actor.level] ?? ''),
          startedAt: step.startedAt,
          deadlineAt: step.deadlineAt,
          done: step.actions.map((a) => a.action),
        };
      }),
      steps: state.done.map(({ token, nodeId, name, startedAt, deadlineAt, completedAt, completion, actions }) => ({
        token,
        nodeId,
        name,
        startedAt,
        deadlineAt,
        completedAt: completedAt ?? null,
        completion: completion ?? null,
        onTime: deadlineAt === null || completedAt === undefined ? null : completedAt <= deadlineAt,
        actions,
      })),
      decisions: state.decisions,
      documents: state.documents,
      withdrawal: state.withdrawal,
    };
  }

  /** Who may act on a step, in words (for the work queue and refusals). */
  describeActor(nodeId: string): string {
    const { actor } = this.task(nodeId);
    return actor.kind === 'intakeCentre'
      ? `${this.input.intake.name} · ${actor.post}`
      : `${ORG_LEVEL_NAMES[actor.level]}${actor.department ? ` · ${actor.department}` : ''} · ${actor.post}`;
  }

  // ------------------------------------------------------------------ internals

  /** The rule set the case runs on (see CaseInput.alarmRules). */
  get alarmRules(): AlarmRules {
    return this.input.alarmRules ?? LEGACY_ALARM_RULES;
  }

  /**
   * Every alarm the rules give the case now that was not raised yet, with the instant it is due.
   * Keys are unique per breach (kind + step token, or 'case'), so one breach raises one alarm.
   */
  private pendingAlarms(): CaseAlarm[] {
    const { state } = this;
    const rules = this.alarmRules;
    const raised = new Set(state.alarms.map((a) => a.key));
    // Violations stand whatever the case's status: a fee charged with the delivery that ends it still counts.
    const candidates: CaseAlarm[] = this.feeViolations();
    if (state.status === 'finished') return candidates.filter((a) => !raised.has(a.key));
    const paused = state.status === 'correction';
    if (!paused) {
      for (const step of state.active) {
        if (step.deadlineAt !== null) {
          const remindAt = rules.reminderDays > 0 ? this.officeDayStartBefore(step.deadlineAt, rules.reminderDays, step.startedAt) : null;
          if (remindAt !== null && remindAt > step.startedAt) {
            candidates.push({
              key: `step-reminder:${step.token}`,
              kind: 'step-reminder',
              level: 'reminder',
              token: step.token,
              dueAt: remindAt,
              message: `「${step.name}」环节将于${rules.reminderDays}个工作日后到期`,
            });
          }
          candidates.push({
            key: `step-overdue:${step.token}`,
            kind: 'step-overdue',
            level: 'yellow',
            token: step.token,
            dueAt: step.deadlineAt,
            message: `「${step.name}」环节超时`,
          });
        }
      }
      const promised = state.promisedDeadlineAt;
      if (promised !== null) {
        const remindAt = rules.reminderDays > 0 ? this.officeDayStartBefore(promised, rules.reminderDays, this.input.receivedAt) : null;
        if (remindAt !== null && remindAt > this.input.receivedAt) {
          candidates.push({
            key: 'promised-reminder:case',
            kind: 'promised-reminder',
            level: 'reminder',
            token: null,
            dueAt: remindAt,
            message: `距承诺办结期限还有${rules.reminderDays}个工作日`,
          });
        }
        const nearAt = this.officeDayStartBefore(promised, rules.nearPromisedDays, this.input.receivedAt);
        if (nearAt !== null && nearAt < promised) {
          candidates.push({ key: 'promised-near:case', kind: 'promised-near', level: 'yellow', token: null, dueAt: nearAt, message: '临近承诺办结期限' });
        }
        candidates.push({ key: 'promised-passed:case', kind: 'promised-passed', level: 'red', token: null, dueAt: promised, message: '超过承诺办结期限' });
      }
      if (state.legalDeadlineAt !== null) {
        candidates.push({
          key: 'legal-passed:case',
          kind: 'legal-passed',
          level: 'red',
          token: null,
          dueAt: state.legalDeadlineAt,
          message: '超过法定办结期限',
        });
      }
    }
    if (state.promisedDeadlineAt === null || state.active.some((s) => s.deadlineAt === null)) {
      candidates.push({
        key: 'calendar-missing:case',
        kind: 'calendar-missing',
        level: 'yellow',
        token: null,
        dueAt: this.input.receivedAt,
        message: '工作日历缺少相应年份，期限无法计算，请录入日历',
      });
    }
    return candidates.filter((a) => !raised.has(a.key));
  }

  /** 违规收费: each fee stated with an action that breaks the item's fee rule, due when it was charged. */
  private feeViolations(): CaseAlarm[] {
    const rule = this.input.fee;
    if (!rule) return [];
    const alarms: CaseAlarm[] = [];
    for (const step of [...this.state.done, ...this.state.active]) {
      step.actions.forEach((action, index) => {
        const reason = action.feeYuan === undefined ? null : feeViolation(rule, action.feeYuan);
        if (reason === null) return;
        alarms.push({
          key: `violation-fee:${step.token}:${index}`,
          kind: 'violation-fee',
          level: 'red',
          token: step.token,
          dueAt: action.at,
          message: `违规收费：${reason}`,
        });
      });
    }
    return alarms;
  }

  /**
   * The first office hour of the working day `days` working days before `at`'s day (0: that day
   * itself): a rule's "N working days before a deadline", a working day being a day's office hours;
   * null when that is before `notBefore`, or the calendar lacks a year.
   */
  private officeDayStartBefore(at: number, days: number, notBefore: number): number | null {
    const dayStart = officeOpensOnDayOf(at, this.calendar.officeHours);
    if (days === 0) return dayStart;
    return unlessYearMissing(() => this.calendar.subtractWorkingHours(dayStart, days * this.calendar.hoursPerDay, notBefore), null);
  }

  private enter(nodeId: string, branches: { fork: string; index: number }[], now: number): void {
    const { state } = this;
    if (state.status === 'finished') return;
    const node = this.input.plan.nodes[nodeId];
    if (!node) throw new Error(`plan has no node ${nodeId}`);
    switch (node.type) {
      case 'start':
        return this.enter(node.next, branches, now);
      case 'task': {
        const token = `${node.id}#${++state.sequence}`;
        state.active.push({
          token,
          nodeId: node.id,
          name: node.name,
          branches,
          startedAt: now,
          deadlineAt: this.deadline(now, node.limit),
          limitHours: limitHours(node.limit),
          actions: [],
        });
        return;
      }
      case 'fork':
        // Entering a fork again (a loop back) starts its join afresh.
        state.joins[node.join] = { arrived: [], passed: false };
        node.branches.forEach((branch, index) => this.enter(branch.next, [...branches, { fork: node.id, index }], now));
        return;
      case 'join': {
        const frame = branches[branches.length - 1];
        const join = this.input.plan.joins[node.id]!;
        const progress = (state.joins[node.id] ??= { arrived: [], passed: false });
        if (progress.passed || !frame || frame.fork !== join.fork) return;
        progress.arrived.push(frame.index);
        const hasLead = progress.arrived.includes(join.lead);
        const ready = node.policy.kind === 'all' ? progress.arrived.length === join.branches : hasLead && progress.arrived.length - 1 >= node.policy.quorum;
        if (!ready) return;
        progress.passed = true;
        // Branches still running when the policy is met are no longer needed.
        for (const step of state.active.filter((s) => s.branches.some((b) => b.fork === join.fork))) this.close(step, 'cancelled', now);
        state.active = state.active.filter((s) => !s.branches.some((b) => b.fork === join.fork));
        return this.enter(node.next, branches.slice(0, -1), now);
      }
      case 'decision': {
        const decision = state.decisions[node.on];
        const branch = node.branches.find((b) => b.when === decision);
        if (!branch) throw new Error(`decision ${node.id}: no decision recorded at ${node.on}`);
        return this.enter(branch.next, branches, now);
      }
      case 'end':
        for (const step of state.active) this.close(step, 'cancelled', now);
        state.active = [];
        return this.finish(node.outcome, now);
    }
  }

  private finish(outcome: FlowOutcome, now: number): void {
    this.state.status = 'finished';
    this.state.outcome = outcome;
    this.state.finishedAt = now;
    this.state.correction = null;
  }

  private close(step: StepRecord, completion: StepAction | 'cancelled', now: number): void {
    step.completedAt = now;
    step.completion = completion;
    this.state.done.push(step);
  }

  private issueDocument(
    step: StepRecord,
    title: string,
    actor: CaseActor,
    now: number,
    decision: 'approved' | 'denied' | undefined,
    opinion: string | undefined,
  ): void {
    this.state.documents.push({
      title,
      stepToken: step.token,
      itemCode: this.input.itemCode,
      itemName: this.input.itemName,
      caseNumber: this.input.caseNumber,
      applicantName: this.input.applicant.name,
      ...(decision ? { decision } : {}),
      opinion:
        opinion ??
        step.actions
          .filter((a) => a.opinion)
          .map((a) => a.opinion)
          .pop() ??
        '',
      issuedBy: actor.name,
      issuedAt: now,
      sealed: false,
    });
  }

  private assertActor(node: TaskNode, actor: CaseActor): void {
    const spec = node.actor;
    const refuse = () => {
      throw new CaseRefusal('CASE_ACTOR_NOT_ALLOWED', `「${node.name}」应由${this.describeActor(node.id)}办理`);
    };
    if (!actor.posts.includes(spec.post)) refuse();
    if (spec.kind === 'intakeCentre') {
      if (actor.orgId !== this.input.intake.orgId) refuse();
      return;
    }
    const region = this.input.regions[spec.level];
    if (actor.level !== spec.level || !region || !actor.orgPath.startsWith(region)) refuse();
    if (spec.department && actor.department !== spec.department) refuse();
  }

  private task(nodeId: string): TaskNode {
    const node = this.input.plan.nodes[nodeId];
    if (node?.type !== 'task') throw new Error(`${nodeId} is not a task`);
    return node;
  }

  private deadline(start: number, limit: TaskNode['limit']): number | null {
    return unlessYearMissing(() => this.calendar.deadline(start, limit), null);
  }
}

/** The actions of a step kind that complete it. */
export function completingActions(kind: TaskNode['kind']): readonly StepAction[] {
  return COMPLETING[kind];
}

/** Every action a step kind may have (re-exported for the API's forms). */
export const ACTIONS_OF_KIND = STEP_KIND_ACTIONS;
