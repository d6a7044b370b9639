// The compiled, immutable form of a flow: what the interpreter workflow runs and what a case keeps
// for its whole life (a new version of the flow never changes a running case). Stored in workflow
// histories: evolve only by adding optional fields.
import type { FlowDefinition, FlowNode } from './dsl';

export interface PlanJoin {
  /** The fork this join closes. */
  fork: string;
  /** How many branches the fork opens. */
  branches: number;
  /** Index (in the fork's `branches`) of the lead (主办) branch. */
  lead: number;
}

export interface FlowPlan {
  /** `sha256:` + hex digest of the canonical JSON of the definition and the periods. */
  hash: string;
  name: string;
  /** The definition, as compiled (frozen). */
  definition: FlowDefinition;
  /** Nodes by id. */
  nodes: Readonly<Record<string, FlowNode>>;
  /** Id of the start node. */
  start: string;
  /** Every join with the fork it closes. */
  joins: Readonly<Record<string, PlanJoin>>;
  /** 承诺期限 and 法定期限 of the item when compiled, working days. */
  promisedDays: number;
  legalDays: number;
  /** The longest path's step limits, in working hours (8 per working day). */
  criticalPathHours: number;
}

/** One problem of a flow definition, pointing at its node (null: the flow as a whole). */
export interface FlowProblem {
  nodeId: string | null;
  rule: string;
  message: string;
}

export type CompileResult = { ok: true; plan: FlowPlan } | { ok: false; problems: FlowProblem[] };

export const WORKING_HOURS_PER_DAY = 8;

/** A step limit in working hours. */
export function limitHours(limit: { unit: 'workingDays' | 'workingHours'; amount: number }): number {
  return limit.unit === 'workingDays' ? limit.amount * WORKING_HOURS_PER_DAY : limit.amount;
}
