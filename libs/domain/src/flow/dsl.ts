// The flow DSL: how a department draws an item's operation flowchart (权力运行流程图) as data.
// A flow is a graph of nodes joined by `next` references; the compiler (compiler.ts) checks it
// and turns it into an immutable plan (plan.ts) that the interpreter workflow runs. These types are
// stored in workflow histories: evolve them only by adding optional fields.

/** Organisation levels a step can sit at (多级联动). */
export type OrgLevel = 'community' | 'township' | 'county' | 'city';
export const ORG_LEVELS: readonly OrgLevel[] = ['community', 'township', 'county', 'city'];

/**
 * What a person may do at a step:
 * accept 受理, reject 不予受理, requestCorrection 一次性告知补正, opinion 审核意见, document 制作文书,
 * decide 作出决定 (approved/denied), seal 电子印章, deliver 送达.
 */
export type StepAction = 'accept' | 'reject' | 'requestCorrection' | 'opinion' | 'document' | 'decide' | 'seal' | 'deliver';
export const STEP_ACTIONS: readonly StepAction[] = ['accept', 'reject', 'requestCorrection', 'opinion', 'document', 'decide', 'seal', 'deliver'];

/**
 * The kind of a task step; each kind allows some actions only (an intake step cannot decide, a
 * delivery step cannot accept …). See STEP_KIND_ACTIONS.
 */
export type StepKind = 'intake' | 'review' | 'decision' | 'delivery';

export const STEP_KIND_ACTIONS: Readonly<Record<StepKind, readonly StepAction[]>> = {
  /** 受理: accept, refuse or ask for corrections, with an opinion. */
  intake: ['accept', 'reject', 'requestCorrection', 'opinion'],
  /** 审查/审核/会签: opinions and documents; may ask for corrections. */
  review: ['opinion', 'document', 'requestCorrection'],
  /** 决定: decide, with the decision document and the seal. */
  decision: ['decide', 'opinion', 'document', 'seal'],
  /** 送达: deliver the result (documents, certificate) to the applicant. */
  delivery: ['deliver', 'document', 'seal'],
};

/** Who acts at a step: a post (岗位) at a department of an org level, or at the case's intake centre. */
export type StepActor =
  | {
      kind: 'org';
      /** community | township | county | city */
      level: OrgLevel;
      /** Department code (two letters, e.g. GS 工商); omitted: the level's own office (e.g. a centre). */
      department?: string;
      /** 岗位, e.g. 受理岗, 审核岗, 审批岗 */
      post: string;
    }
  | {
      /** 基层受理、基层反馈: the centre where this case was filed, whichever it is. */
      kind: 'intakeCentre';
      post: string;
    };

/** A step's time limit, in working days or working hours (8 working hours = 1 working day). */
export interface StepLimit {
  unit: 'workingDays' | 'workingHours';
  amount: number;
}

export interface StartNode {
  id: string;
  type: 'start';
  next: string;
}

export interface TaskNode {
  id: string;
  type: 'task';
  /** Label on the flowchart, e.g. 窗口受理 */
  name: string;
  kind: StepKind;
  actor: StepActor;
  /** Allowed actions; a subset of STEP_KIND_ACTIONS[kind]. */
  actions: StepAction[];
  limit: StepLimit;
  /** The step issues a document (文书), e.g. 受理通知书, 准予许可决定书. */
  issuesDocument?: boolean;
  /** The step applies the electronic seal (电子印章). */
  appliesSeal?: boolean;
  /** Where the case goes when the step is done. */
  next: string;
  /** Where a 不予受理 (reject) goes; required when `actions` has reject; must be an end node. */
  onReject?: string;
}

/** 并联审批: the lead department (主办) and co-handling departments (协办) work at once. */
export interface ForkNode {
  id: string;
  type: 'fork';
  branches: { role: 'lead' | 'co'; next: string }[];
  /** The join that closes this fork. */
  join: string;
}

export interface JoinNode {
  id: string;
  type: 'join';
  /** all: wait for every branch; leadPlusQuorum: the lead branch plus `quorum` co-handling ones. */
  policy: { kind: 'all' } | { kind: 'leadPlusQuorum'; quorum: number };
  next: string;
}

/** Exclusive branches on the decision made at a decision step. */
export interface DecisionNode {
  id: string;
  type: 'decision';
  /** The task (kind decision) whose decision this branches on. */
  on: string;
  branches: { when: 'approved' | 'denied'; next: string }[];
}

/** approved 准予, denied 不予, notAccepted 不予受理, withdrawn 撤回. */
export type FlowOutcome = 'approved' | 'denied' | 'notAccepted' | 'withdrawn';
export const FLOW_OUTCOMES: readonly FlowOutcome[] = ['approved', 'denied', 'notAccepted', 'withdrawn'];

export interface EndNode {
  id: string;
  type: 'end';
  outcome: FlowOutcome;
  /** Label, e.g. 办结（准予许可） */
  name?: string;
}

export type FlowNode = StartNode | TaskNode | ForkNode | JoinNode | DecisionNode | EndNode;

/** A flowchart as a department submits it (PUT /api/items/:code/flow). */
export interface FlowDefinition {
  /** DSL version. */
  dsl: 1;
  /** e.g. 企业设立登记办理流程 */
  name: string;
  nodes: FlowNode[];
}

/** What the compiler needs to know of the world: the item's periods and the known orgs and posts. */
export interface FlowContext {
  /** 承诺期限, working days */
  promisedDays: number;
  /** 法定期限, working days */
  legalDays: number;
  /** Department codes existing at each level (e.g. county: ['GS', 'AJ', …]). */
  departments: Readonly<Record<OrgLevel, readonly string[]>>;
  /** Known posts (岗位); empty means any post name is accepted. */
  posts: readonly string[];
}
