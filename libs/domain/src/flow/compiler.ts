// The flow compiler (DESIGN, "Flowcharts compiled into workflows"): checks a flowchart a department
// submits as JSON and turns it into the immutable, content-hashed plan the interpreter workflow runs.
// The input is untrusted (a request body, stored JSON), so compileFlow never throws and lists every
// problem it finds rather than the first. Flows may hold a few thousand nodes: every graph walk is
// iterative, so no input can overflow the stack (this also runs inside the workflow bundle).
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { canonicalJson } from '../json/canonical-json';
import {
  FLOW_OUTCOMES,
  ORG_LEVELS,
  STEP_ACTIONS,
  STEP_KIND_ACTIONS,
  type FlowContext,
  type FlowDefinition,
  type FlowNode,
  type FlowOutcome,
  type OrgLevel,
  type StepAction,
  type StepKind,
} from './dsl';
import { limitHours, WORKING_HOURS_PER_DAY, type CompileResult, type FlowPlan, type FlowProblem, type PlanJoin } from './plan';

/** Every `rule` a FlowProblem can carry. Clients rely on these strings: add rules, never rename one. */
export const FLOW_RULES = [
  'shape',
  'id-invalid',
  'type-unknown',
  'field-invalid',
  'id-duplicate',
  'start-missing',
  'start-multiple',
  'end-missing',
  'next-unknown',
  'unreachable',
  'dead-end',
  'cycle-no-exit',
  'actions-empty',
  'action-not-allowed',
  'reject-without-target',
  'reject-target-not-end',
  'limit-invalid',
  'level-unknown',
  'department-unknown',
  'post-unknown',
  'decide-missing',
  'completing-action-missing',
  'fork-branches',
  'fork-without-join',
  'join-without-fork',
  'join-multiple-forks',
  'quorum-invalid',
  'decision-on-invalid',
  'decision-branches',
  'period-invalid',
  'promised-above-legal',
  'critical-path-exceeds-promised',
] as const;
export type FlowRule = (typeof FLOW_RULES)[number];

const NODE_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const MAX_LIMIT_DAYS = 365;
const MAX_LIMIT_HOURS = MAX_LIMIT_DAYS * WORKING_HOURS_PER_DAY;

type NodeType = FlowNode['type'];
const NODE_TYPES: readonly NodeType[] = ['start', 'task', 'fork', 'join', 'decision', 'end'];
const STEP_KINDS = Object.keys(STEP_KIND_ACTIONS) as StepKind[];
const LIMIT_UNITS = ['workingDays', 'workingHours'] as const;
const ACTOR_KINDS = ['org', 'intakeCentre'] as const;
const BRANCH_ROLES = ['lead', 'co'] as const;
const DECISION_WHENS = ['approved', 'denied'] as const;
const POLICY_KINDS = ['all', 'leadPlusQuorum'] as const;

// The fields each object of the DSL may have. An unknown field is refused rather than dropped: a typo
// such as `onreject` would otherwise vanish silently from the compiled plan.
const FLOW_KEYS = ['dsl', 'name', 'nodes'];
const NODE_KEYS: Record<NodeType, readonly string[]> = {
  start: ['id', 'type', 'next'],
  task: ['id', 'type', 'name', 'kind', 'actor', 'actions', 'limit', 'issuesDocument', 'appliesSeal', 'next', 'onReject'],
  fork: ['id', 'type', 'branches', 'join'],
  join: ['id', 'type', 'policy', 'next'],
  decision: ['id', 'type', 'on', 'branches'],
  end: ['id', 'type', 'outcome', 'name'],
};

type Report = (nodeId: string | null, rule: FlowRule, message: string) => void;

// ---------------------------------------------------------------------------------------------------
// Parsed nodes: each field type-checked (undefined when missing or of the wrong type, which was
// reported as field-invalid); values are checked against the DSL's rules in the second pass.

interface ParsedBase {
  index: number;
  id: string;
  /** How messages name the node. */
  label: string;
  /** An edge field is missing, mistyped or names no node (already reported): the node may lead anywhere. */
  broken: boolean;
  /** Fields reported as field-invalid, so later checks do not report them again. */
  invalid: Set<string>;
}
type ParsedActor = { kind: 'org'; level?: string; department?: string; post?: string } | { kind: 'intakeCentre'; post?: string };
interface ParsedLimit {
  unit?: 'workingDays' | 'workingHours';
  amount: unknown;
}
interface ParsedStart extends ParsedBase {
  type: 'start';
  next?: string;
}
interface ParsedTask extends ParsedBase {
  type: 'task';
  name?: string;
  kind?: StepKind;
  actor?: ParsedActor;
  actions?: string[];
  limit?: ParsedLimit;
  issuesDocument?: boolean;
  appliesSeal?: boolean;
  next?: string;
  onReject?: string;
}
interface ParsedFork extends ParsedBase {
  type: 'fork';
  branches?: { role?: 'lead' | 'co'; next?: string }[];
  join?: string;
}
interface ParsedJoin extends ParsedBase {
  type: 'join';
  policy?: { kind: 'all' } | { kind: 'leadPlusQuorum'; quorum: unknown };
  next?: string;
}
interface ParsedDecision extends ParsedBase {
  type: 'decision';
  on?: string;
  branches?: { when?: 'approved' | 'denied'; next?: string }[];
}
interface ParsedEnd extends ParsedBase {
  type: 'end';
  outcome?: FlowOutcome;
  name?: string;
}
type Parsed = ParsedStart | ParsedTask | ParsedFork | ParsedJoin | ParsedDecision | ParsedEnd;

/** A reference from one node to another; `edge`: the case can move along it (fork.join and decision.on cannot). */
interface Ref {
  field: string;
  target: string;
  edge: boolean;
}

/**
 * Checks a flow definition against the item's periods and the known organisation, and compiles it.
 * Pure and total: any input (not only a FlowDefinition) gives a result, never an exception.
 */
export function compileFlow(input: unknown, context: FlowContext): CompileResult {
  const problems: FlowProblem[] = [];
  const report: Report = (nodeId, rule, message) => {
    problems.push({ nodeId, rule, message });
  };

  if (!isRecord(input)) {
    report(null, 'shape', `流程定义应为对象，收到${describe(input)}`);
    return { ok: false, problems };
  }
  const dsl = own(input, 'dsl');
  const name = own(input, 'name');
  const rawNodes = own(input, 'nodes');
  if (dsl !== 1) report(null, 'shape', `流程定义的 dsl 版本应为 1，收到${describe(dsl)}`);
  if (typeof name !== 'string') report(null, 'shape', `流程定义的 name 应为字符串，收到${describe(name)}`);
  if (!Array.isArray(rawNodes)) report(null, 'shape', `流程定义的 nodes 应为数组，收到${describe(rawNodes)}`);
  if (problems.length > 0 || typeof name !== 'string' || !Array.isArray(rawNodes)) return { ok: false, problems };

  if (name.trim() === '') report(null, 'field-invalid', '流程名称 name 不能为空');
  checkUnknownKeys(input, FLOW_KEYS, '流程定义', null, report);

  const nodes = parseNodes(rawNodes, report);
  if (!nodes) return { ok: false, problems };

  const ctx = readContext(context, report);
  const graph = checkGraph(nodes, report);
  checkTasks(nodes, graph, ctx, report);
  const joins = checkForksAndJoins(nodes, graph, report);
  checkDecisions(nodes, graph, report);

  let criticalPathHours = 0;
  if (graph.sound) {
    criticalPathHours = longestPathHours(nodes, graph);
    if (ctx.promisedDays !== undefined && criticalPathHours > ctx.promisedDays * WORKING_HOURS_PER_DAY) {
      const promisedHours = ctx.promisedDays * WORKING_HOURS_PER_DAY;
      report(
        null,
        'critical-path-exceeds-promised',
        `最长路径上各步骤时限合计 ${formatNumber(criticalPathHours)} 个工作小时，` +
          `超过承诺期限 ${formatNumber(ctx.promisedDays)} 个工作日（${formatNumber(promisedHours)} 个工作小时）`,
      );
    }
  }

  if (problems.length > 0 || ctx.promisedDays === undefined || ctx.legalDays === undefined) {
    return { ok: false, problems };
  }
  return { ok: true, plan: makePlan(name, nodes, joins, ctx.promisedDays, ctx.legalDays, criticalPathHours) };
}

// ---------------------------------------------------------------------------------------------------
// First pass: the shape of every node.

/** The parsed nodes, or undefined when a node is unusable (not an object, bad or repeated id, unknown type). */
function parseNodes(rawNodes: unknown[], report: Report): Parsed[] | undefined {
  const parsed: Parsed[] = [];
  const firstIndex = new Map<string, number>();
  let usable = true;
  for (let index = 0; index < rawNodes.length; index++) {
    const raw = rawNodes[index];
    const position = `第 ${index + 1} 个节点`;
    if (!isRecord(raw)) {
      report(null, 'shape', `${position}应为对象，收到${describe(raw)}`);
      usable = false;
      continue;
    }
    const id = own(raw, 'id');
    const validId = typeof id === 'string' && NODE_ID.test(id) ? id : undefined;
    if (validId === undefined) {
      report(null, 'id-invalid', `${position}的 id 应为以字母开头、由字母数字下划线或连字符组成的 1 至 64 个字符，收到${describe(id)}`);
      usable = false;
    }
    const nodeId = validId ?? null;
    const label = validId !== undefined ? `节点 ${validId} ` : position;
    if (validId !== undefined) {
      const first = firstIndex.get(validId);
      if (first !== undefined) {
        report(validId, 'id-duplicate', `${position}的 id ${validId} 与第 ${first + 1} 个节点重复`);
        usable = false;
      } else {
        firstIndex.set(validId, index);
      }
    }
    const type = own(raw, 'type');
    if (!isOneOf(type, NODE_TYPES)) {
      report(nodeId, 'type-unknown', `${label}的类型 type 应为 ${NODE_TYPES.join('、')} 之一，收到${describe(type)}`);
      usable = false;
      continue;
    }
    // Parsed even when unusable, so that its field problems are listed too.
    parsed.push(parseNode(raw, type, index, nodeId, label, report));
  }
  return usable ? parsed : undefined;
}

/** Reads and type-checks the fields of one object of the definition, reporting field-invalid. */
class FieldReader {
  constructor(
    private readonly record: Record<string, unknown>,
    /** The field path of this object inside the node, e.g. `actor.` or `branches[1].`. */
    private readonly prefix: string,
    private readonly owner: { nodeId: string | null; label: string; invalid: Set<string> },
    private readonly report: Report,
  ) {}

  value(key: string): unknown {
    return own(this.record, key);
  }

  invalid(key: string, message: string): void {
    this.owner.invalid.add(this.prefix + key);
    this.report(this.owner.nodeId, 'field-invalid', `${this.owner.label}的字段 ${this.prefix}${key} ${message}`);
  }

  missing(key: string): void {
    this.owner.invalid.add(this.prefix + key);
    this.report(this.owner.nodeId, 'field-invalid', `${this.owner.label}缺少字段 ${this.prefix}${key}`);
  }

  string(key: string, required: boolean, nonEmpty = false): string | undefined {
    const value = this.value(key);
    if (value === undefined) {
      if (required) this.missing(key);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.invalid(key, `应为字符串，收到${describe(value)}`);
      return undefined;
    }
    if (nonEmpty && value.trim() === '') {
      this.invalid(key, '不能为空');
      return undefined;
    }
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.value(key);
    if (value === undefined || typeof value === 'boolean') return value;
    this.invalid(key, `应为 true 或 false，收到${describe(value)}`);
    return undefined;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], required = true): T | undefined {
    const value = this.value(key);
    if (value === undefined) {
      if (required) this.missing(key);
      return undefined;
    }
    if (isOneOf(value, allowed)) return value;
    this.invalid(key, `应为 ${allowed.join('、')} 之一，收到${describe(value)}`);
    return undefined;
  }

  object(key: string, required = true): FieldReader | undefined {
    const value = this.value(key);
    if (value === undefined) {
      if (required) this.missing(key);
      return undefined;
    }
    if (!isRecord(value)) {
      this.invalid(key, `应为对象，收到${describe(value)}`);
      return undefined;
    }
    return new FieldReader(value, `${this.prefix}${key}.`, this.owner, this.report);
  }

  array(key: string): unknown[] | undefined {
    const value = this.value(key);
    if (value === undefined) {
      this.missing(key);
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.invalid(key, `应为数组，收到${describe(value)}`);
      return undefined;
    }
    return value;
  }

  element(key: string, index: number, value: unknown): FieldReader | undefined {
    if (isRecord(value)) return new FieldReader(value, `${this.prefix}${key}[${index}].`, this.owner, this.report);
    this.invalid(`${key}[${index}]`, `应为对象，收到${describe(value)}`);
    return undefined;
  }

  keys(allowed: readonly string[]): void {
    const where = this.prefix === '' ? this.owner.label : `${this.owner.label}的 ${this.prefix.slice(0, -1)}`;
    checkUnknownKeys(this.record, allowed, where, this.owner.nodeId, this.report);
  }
}

/**
 * The `branches` of a fork or decision, each read by `read`; a missing list or an element that is not
 * an object leaves the node's exits unknown (broken).
 */
function parseBranches<T>(fields: FieldReader, base: ParsedBase, read: (branch: FieldReader) => T): (T | Record<string, never>)[] | undefined {
  const rawBranches = fields.array('branches');
  if (rawBranches === undefined) base.broken = true;
  return rawBranches?.map((rawBranch, i) => {
    const branch = fields.element('branches', i, rawBranch);
    if (branch === undefined) {
      base.broken = true;
      return {};
    }
    return read(branch);
  });
}

function parseNode(raw: Record<string, unknown>, type: NodeType, index: number, nodeId: string | null, label: string, report: Report): Parsed {
  const base: ParsedBase = { index, id: nodeId ?? '', label, broken: false, invalid: new Set() };
  const fields = new FieldReader(raw, '', { nodeId, label, invalid: base.invalid }, report);
  fields.keys(NODE_KEYS[type]);
  /** A reference the case moves along; when missing or mistyped the node's exits are unknown. */
  const edge = (reader: FieldReader, key: string, required: boolean): string | undefined => {
    const target = reader.string(key, required);
    if (target === undefined && (required || reader.value(key) !== undefined)) base.broken = true;
    return target;
  };

  const node = parseFields(type, base, fields, edge);
  node.broken = base.broken; // edge() may have set it after the fields were spread
  return node;
}

function parseFields(
  type: NodeType,
  base: ParsedBase,
  fields: FieldReader,
  edge: (reader: FieldReader, key: string, required: boolean) => string | undefined,
): Parsed {
  switch (type) {
    case 'start':
      return { ...base, type, next: edge(fields, 'next', true) };
    case 'task':
      return {
        ...base,
        type,
        name: fields.string('name', true, true),
        kind: fields.oneOf('kind', STEP_KINDS),
        actor: parseActor(fields),
        actions: parseActions(fields),
        limit: parseLimit(fields),
        issuesDocument: fields.boolean('issuesDocument'),
        appliesSeal: fields.boolean('appliesSeal'),
        next: edge(fields, 'next', true),
        onReject: edge(fields, 'onReject', false),
      };
    case 'fork': {
      const branches = parseBranches(fields, base, (branch) => {
        branch.keys(['role', 'next']);
        return { role: branch.oneOf('role', BRANCH_ROLES), next: edge(branch, 'next', true) };
      });
      // A missing join is reported as fork-without-join; only a mistyped one is a field problem.
      return { ...base, type, branches, join: fields.string('join', false) };
    }
    case 'join': {
      const policyReader = fields.object('policy');
      let policy: ParsedJoin['policy'];
      const kind = policyReader?.oneOf('kind', POLICY_KINDS);
      if (policyReader && kind === 'all') {
        policyReader.keys(['kind']);
        policy = { kind };
      } else if (policyReader && kind === 'leadPlusQuorum') {
        policyReader.keys(['kind', 'quorum']);
        policy = { kind, quorum: policyReader.value('quorum') };
      }
      return { ...base, type, policy, next: edge(fields, 'next', true) };
    }
    case 'decision': {
      const branches = parseBranches(fields, base, (branch) => {
        branch.keys(['when', 'next']);
        return { when: branch.oneOf('when', DECISION_WHENS), next: edge(branch, 'next', true) };
      });
      return { ...base, type, on: fields.string('on', true), branches };
    }
    case 'end':
      return { ...base, type, outcome: fields.oneOf('outcome', FLOW_OUTCOMES), name: fields.string('name', false) };
  }
}

function parseActor(fields: FieldReader): ParsedActor | undefined {
  const actor = fields.object('actor');
  if (!actor) return undefined;
  const kind = actor.oneOf('kind', ACTOR_KINDS);
  if (kind === 'org') {
    actor.keys(['kind', 'level', 'department', 'post']);
    return {
      kind,
      level: actor.string('level', true),
      department: actor.string('department', false),
      post: actor.string('post', true, true),
    };
  }
  if (kind === 'intakeCentre') {
    actor.keys(['kind', 'post']);
    return { kind, post: actor.string('post', true, true) };
  }
  return undefined;
}

function parseActions(fields: FieldReader): string[] | undefined {
  const raw = fields.array('actions');
  if (!raw) return undefined;
  const actions: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const action = raw[i];
    if (typeof action !== 'string') fields.invalid(`actions[${i}]`, `应为字符串，收到${describe(action)}`);
    else if (actions.includes(action)) fields.invalid(`actions[${i}]`, `重复列出了 ${quote(action)}`);
    else actions.push(action);
  }
  return actions;
}

function parseLimit(fields: FieldReader): ParsedLimit | undefined {
  const limit = fields.object('limit');
  if (!limit) return undefined;
  limit.keys(['unit', 'amount']);
  return { unit: limit.oneOf('unit', LIMIT_UNITS), amount: limit.value('amount') };
}

// ---------------------------------------------------------------------------------------------------
// Context

interface Context {
  /** undefined when the context's period is unusable (reported as period-invalid). */
  promisedDays?: number;
  legalDays?: number;
  departments: (level: OrgLevel) => readonly unknown[];
  posts: readonly unknown[];
}

function readContext(context: FlowContext, report: Report): Context {
  // Typed, but it comes from stored item data: read it as defensively as the flow itself.
  const record: Record<string, unknown> = isRecord(context) ? context : {};
  const period = (key: string, label: string): number | undefined => {
    const value = own(record, key);
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
    report(null, 'period-invalid', `事项的${label}应为正数（工作日），收到${describe(value)}`);
    return undefined;
  };
  const promisedDays = period('promisedDays', '承诺期限');
  const legalDays = period('legalDays', '法定期限');
  if (promisedDays !== undefined && legalDays !== undefined && promisedDays > legalDays) {
    report(null, 'promised-above-legal', `承诺期限 ${formatNumber(promisedDays)} 个工作日长于法定期限 ${formatNumber(legalDays)} 个工作日`);
  }
  const departments = own(record, 'departments');
  const posts = own(record, 'posts');
  return {
    promisedDays,
    legalDays,
    departments: (level) => {
      const list = isRecord(departments) ? own(departments, level) : undefined;
      return Array.isArray(list) ? list : [];
    },
    posts: Array.isArray(posts) ? posts : [],
  };
}

// ---------------------------------------------------------------------------------------------------
// Second pass: the graph.

interface Graph {
  byId: Map<string, number>;
  /** Successors along edges, by node index (targets that name no node are left out). */
  out: number[][];
  /** Predecessors along edges. */
  into: number[][];
  start: number | undefined;
  /** Nodes reachable from a start (all, when there is no start: that is reported once as start-missing). */
  reached: boolean[];
  /** No start, end, reference, reachability or exit problem: the paths through the flow are known. */
  sound: boolean;
}

function refsOf(node: Parsed): Ref[] {
  const refs: Ref[] = [];
  const add = (field: string, target: string | undefined, edge = true): void => {
    if (target !== undefined) refs.push({ field, target, edge });
  };
  switch (node.type) {
    case 'start':
    case 'join':
      add('next', node.next);
      break;
    case 'task':
      add('next', node.next);
      add('onReject', node.onReject);
      break;
    case 'fork':
      node.branches?.forEach((branch, i) => add(`branches[${i}].next`, branch.next));
      add('join', node.join, false);
      break;
    case 'decision':
      node.branches?.forEach((branch, i) => add(`branches[${i}].next`, branch.next));
      add('on', node.on, false);
      break;
    case 'end':
      break;
  }
  return refs;
}

function checkGraph(nodes: Parsed[], report: Report): Graph {
  const before = { count: 0 };
  const counted: Report = (nodeId, rule, message) => {
    before.count++;
    report(nodeId, rule, message);
  };
  const byId = new Map(nodes.map((node, i) => [node.id, i] as const));
  const out: number[][] = nodes.map(() => []);
  const into: number[][] = nodes.map(() => []);

  const starts = nodes.filter((node) => node.type === 'start');
  const ends = nodes.filter((node) => node.type === 'end');
  if (starts.length === 0) counted(null, 'start-missing', '流程没有开始节点（type: start）');
  for (const extra of starts.slice(1)) {
    counted(extra.id, 'start-multiple', `${extra.label}是第二个开始节点，流程只能有一个开始节点（${starts[0]!.id}）`);
  }
  if (ends.length === 0) counted(null, 'end-missing', '流程没有结束节点（type: end）');

  nodes.forEach((node, i) => {
    for (const ref of refsOf(node)) {
      const target = byId.get(ref.target);
      if (target === undefined) {
        counted(node.id, 'next-unknown', `${node.label}的 ${ref.field} 指向不存在的节点 ${quote(ref.target)}`);
        if (ref.edge) node.broken = true;
      } else if (ref.edge) {
        out[i]!.push(target);
        into[target]!.push(i);
      }
    }
  });

  // From every start, so that an extra start is reported once (start-multiple), not also as unreachable.
  const reached =
    starts.length > 0
      ? walk(
          starts.map((start) => byId.get(start.id)!),
          out,
        )
      : nodes.map(() => true);
  nodes.forEach((node, i) => {
    if (!reached[i]) counted(node.id, 'unreachable', `${node.label}无法从开始节点到达`);
  });

  // Without any end every node is a dead end: end-missing says it once. A node whose exit is already
  // reported broken counts as having one, so that one typo does not also flag every step before it.
  if (ends.length > 0) {
    const exits: number[] = [];
    nodes.forEach((node, i) => {
      if (node.type === 'end' || node.broken) exits.push(i);
    });
    const finishes = walk(exits, into);
    const component = stronglyConnectedComponents(out);
    const members = new Map<number, number[]>();
    nodes.forEach((_, i) => {
      if (finishes[i]) return;
      const list = members.get(component[i]!);
      if (list) list.push(i);
      else members.set(component[i]!, [i]);
    });
    const trapped = new Set<number>();
    for (const [c, indexes] of members) {
      const cyclic = indexes.length > 1 || out[indexes[0]!]!.includes(indexes[0]!);
      if (!cyclic) continue;
      trapped.add(c);
      const ids = indexes.map((i) => nodes[i]!.id).sort();
      counted(ids[0]!, 'cycle-no-exit', `节点 ${ids.join('、')} 构成循环，且从循环中无法到达任何结束节点`);
    }
    nodes.forEach((node, i) => {
      if (!finishes[i] && !trapped.has(component[i]!)) {
        counted(node.id, 'dead-end', `从${node.label}出发无法到达任何结束节点`);
      }
    });
  }

  const anyBroken = nodes.some((node) => node.broken);
  const start = starts.length > 0 ? byId.get(starts[0]!.id) : undefined;
  return { byId, out, into, start, reached, sound: before.count === 0 && !anyBroken };
}

/** Marks the nodes reachable from `from` along `edges` (breadth first). */
function walk(from: number[], edges: number[][]): boolean[] {
  const seen: boolean[] = edges.map(() => false);
  const queue: number[] = [];
  for (const i of from) {
    if (!seen[i]) {
      seen[i] = true;
      queue.push(i);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    for (const next of edges[queue[head]!]!) {
      if (!seen[next]) {
        seen[next] = true;
        queue.push(next);
      }
    }
  }
  return seen;
}

/** Tarjan's algorithm with an explicit stack: the component number of every node. */
function stronglyConnectedComponents(out: number[][]): number[] {
  const n = out.length;
  const order = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const component = new Array<number>(n).fill(-1);
  const nextEdge = new Array<number>(n).fill(0);
  const stack: number[] = [];
  const calls: number[] = [];
  let counter = 0;
  let components = 0;
  const visit = (v: number): void => {
    order[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = true;
    calls.push(v);
  };
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    visit(root);
    while (calls.length > 0) {
      const v = calls[calls.length - 1]!;
      const edges = out[v]!;
      if (nextEdge[v]! < edges.length) {
        const w = edges[nextEdge[v]!++]!;
        if (order[w] === -1) visit(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      calls.pop();
      if (low[v] === order[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          component[w] = components;
        } while (w !== v);
        components++;
      }
      const parent = calls[calls.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent]!, low[v]!);
    }
  }
  return component;
}

// ---------------------------------------------------------------------------------------------------
// Tasks

function checkTasks(nodes: Parsed[], graph: Graph, ctx: Context, report: Report): void {
  for (const node of nodes) {
    if (node.type !== 'task') continue;
    const { id, label } = node;

    if (node.actions !== undefined) {
      if (node.actions.length === 0 && !hasInvalidPrefix(node, 'actions[')) {
        report(id, 'actions-empty', `${label}没有列出任何可执行的操作（actions）`);
      }
      const allowed: readonly string[] | undefined = node.kind ? STEP_KIND_ACTIONS[node.kind] : undefined;
      for (const action of node.actions) {
        if (!isOneOf(action, STEP_ACTIONS)) {
          report(id, 'action-not-allowed', `${label}的操作 ${quote(action)} 不是已知操作（${STEP_ACTIONS.join('、')}）`);
        } else if (allowed && !allowed.includes(action)) {
          report(id, 'action-not-allowed', `${label}是 ${node.kind} 类步骤，不能执行 ${action}（只能 ${allowed.join('、')}）`);
        }
      }
      if (node.kind === 'decision' && node.actions.length > 0 && !node.actions.includes('decide')) {
        report(id, 'decide-missing', `${label}是决定步骤，操作中须有 decide（作出决定）`);
      }
      // Without the action that finishes its kind, a case reaching the step could never move on.
      const finishing = FINISHING_ACTIONS[node.kind as keyof typeof FINISHING_ACTIONS];
      const actions = node.actions;
      if (finishing && actions.length > 0 && !finishing.some((a) => actions.includes(a))) {
        report(id, 'completing-action-missing', `${label}的操作中须有办结本步骤的 ${finishing.join(' 或 ')}`);
      }
      if (node.actions.includes('reject') && node.onReject === undefined && !node.invalid.has('onReject')) {
        report(id, 'reject-without-target', `${label}可以不予受理（reject），须用 onReject 指明不予受理后到达的结束节点`);
      }
    }

    if (node.onReject !== undefined) {
      const target = graph.byId.get(node.onReject);
      const targetNode = target === undefined ? undefined : nodes[target]!;
      if (targetNode && (targetNode.type !== 'end' || targetNode.outcome !== 'notAccepted')) {
        report(
          id,
          'reject-target-not-end',
          `${label}的 onReject 须指向结果为 notAccepted（不予受理）的结束节点，而 ${targetNode.id} ` +
            (targetNode.type === 'end' ? `的结果是 ${targetNode.outcome ?? '未指明'}` : `是 ${targetNode.type} 节点`),
        );
      }
    }

    if (node.limit) checkLimit(node, node.limit, report);
    if (node.actor) checkActor(node, node.actor, ctx, report);
  }
}

/** The action that completes a step of each kind (besides decision, whose decide has its own rule). */
const FINISHING_ACTIONS = { intake: ['accept', 'reject'], review: ['opinion'], delivery: ['deliver'] } as const;

function checkLimit(node: ParsedTask, limit: ParsedLimit, report: Report): void {
  const { amount, unit } = limit;
  const refuse = (why: string): void => report(node.id, 'limit-invalid', `${node.label}的时限 limit.amount ${why}`);
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
    refuse(`应为正数，收到${describe(amount)}`);
  } else if (!Number.isInteger(amount)) {
    // The calendar counts whole working days and whole hours; half a day is 4 working hours.
    refuse(`应为整数（半天请写作 4 个工作小时），收到 ${formatNumber(amount)}`);
  } else if (unit === 'workingHours' && amount > MAX_LIMIT_HOURS) {
    refuse(`不能超过 ${MAX_LIMIT_HOURS} 个工作小时（${MAX_LIMIT_DAYS} 个工作日），收到 ${formatNumber(amount)}`);
  } else if (unit === 'workingDays' && amount > MAX_LIMIT_DAYS) {
    refuse(`不能超过 ${MAX_LIMIT_DAYS} 个工作日，收到 ${formatNumber(amount)}`);
  }
}

function checkActor(node: ParsedTask, actor: ParsedActor, ctx: Context, report: Report): void {
  const { id, label } = node;
  if (actor.kind === 'org' && actor.level !== undefined) {
    if (!isOneOf(actor.level, ORG_LEVELS)) {
      report(id, 'level-unknown', `${label}的层级 ${quote(actor.level)} 不是 ${ORG_LEVELS.join('、')} 之一`);
    } else if (actor.department !== undefined && !ctx.departments(actor.level).includes(actor.department)) {
      report(id, 'department-unknown', `${label}的部门 ${quote(actor.department)} 在 ${actor.level} 层级不存在`);
    }
  }
  if (actor.post !== undefined && ctx.posts.length > 0 && !ctx.posts.includes(actor.post)) {
    report(id, 'post-unknown', `${label}的岗位 ${quote(actor.post)} 不是已设立的岗位`);
  }
}

function hasInvalidPrefix(node: Parsed, prefix: string): boolean {
  for (const field of node.invalid) if (field.startsWith(prefix)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------
// 并联审批: forks and joins

function checkForksAndJoins(nodes: Parsed[], graph: Graph, report: Report): Record<string, PlanJoin> {
  const forks = nodes.filter((node): node is ParsedFork => node.type === 'fork');
  /** Fork ids naming each join, in order. */
  const forksOfJoin = new Map<string, string[]>();
  for (const fork of forks) {
    const target = fork.join === undefined ? undefined : graph.byId.get(fork.join);
    if (target !== undefined && nodes[target]!.type === 'join') {
      const owners = forksOfJoin.get(fork.join!);
      if (owners) owners.push(fork.id);
      else forksOfJoin.set(fork.join!, [fork.id]);
    }
  }

  for (const fork of forks) {
    const branches = fork.branches;
    if (branches !== undefined) {
      const leads = branches.filter((branch) => branch.role === 'lead').length;
      const invalidRoles = hasInvalidPrefix(fork, 'branches[');
      if (branches.length < 2) {
        report(fork.id, 'fork-branches', `${fork.label}只有 ${branches.length} 个分支，并联审批至少须有 2 个分支`);
      } else if (leads !== 1 && !(leads === 0 && invalidRoles)) {
        report(fork.id, 'fork-branches', `${fork.label}有 ${leads} 个主办（lead）分支，须恰好 1 个`);
      }
    }
    checkForkJoin(fork, nodes, graph, forksOfJoin, report);
  }

  const joins: Record<string, PlanJoin> = {};
  for (const node of nodes) {
    if (node.type !== 'join') continue;
    const owners = forksOfJoin.get(node.id) ?? [];
    if (owners.length === 0) {
      report(node.id, 'join-without-fork', `${node.label}不是任何并联节点（fork）的汇合节点`);
    } else if (owners.length > 1) {
      report(node.id, 'join-multiple-forks', `${node.label}同时被并联节点 ${owners.join('、')} 用作汇合节点`);
    }
    const fork = owners.length > 0 ? (nodes[graph.byId.get(owners[0]!)!] as ParsedFork) : undefined;
    const branchCount = fork?.branches?.length;
    if (node.policy?.kind === 'leadPlusQuorum') {
      const quorum = node.policy.quorum;
      const max = branchCount === undefined ? undefined : branchCount - 1;
      const fits = typeof quorum === 'number' && Number.isInteger(quorum) && quorum >= 1 && (max === undefined || quorum <= max);
      if (!fits) {
        const range = max === undefined ? '不小于 1 的整数' : ` 1 至 ${max} 之间的整数（不多于协办分支数）`;
        report(node.id, 'quorum-invalid', `${node.label}的 policy.quorum 应为${range}，收到${describe(quorum)}`);
      }
    }
    if (fork?.branches) {
      joins[node.id] = {
        fork: fork.id,
        branches: fork.branches.length,
        lead: fork.branches.findIndex((branch) => branch.role === 'lead'),
      };
    }
  }
  return joins;
}

/**
 * A fork's branches must all run into its join, and nothing else may: a branch may not end the case,
 * enter another fork's join, come back to the fork, or share a step with another branch, and the join is
 * entered only from the branches. A nested fork inside a branch is stepped over (its join is checked
 * when that fork is), so a branch may hold whole fork…join stretches.
 */
function checkForkJoin(fork: ParsedFork, nodes: Parsed[], graph: Graph, forksOfJoin: Map<string, string[]>, report: Report): void {
  const refuse = (why: string): void => report(fork.id, 'fork-without-join', `${fork.label}${why}`);
  if (fork.join === undefined) {
    if (!fork.invalid.has('join')) refuse('没有指明汇合节点（join）');
    return;
  }
  const joinIndex = graph.byId.get(fork.join);
  if (joinIndex === undefined) return; // next-unknown
  const joinNode = nodes[joinIndex]!;
  if (joinNode.type !== 'join') {
    refuse(`的 join 指向 ${joinNode.id}，它是 ${joinNode.type} 节点而不是汇合节点`);
    return;
  }
  if (forksOfJoin.get(fork.join)![0] !== fork.id) return; // join-multiple-forks, reported on the join

  const forkIndex = graph.byId.get(fork.id)!;
  /** Which branch reached each node first. */
  const branchOf = new Map<number, number>();
  const reasons: string[] = [];
  (fork.branches ?? []).forEach((branch, b) => {
    const entry = branch.next === undefined ? undefined : graph.byId.get(branch.next);
    if (entry === undefined) return; // reported as field-invalid or next-unknown
    let reachesJoin = false;
    const seen = new Set<number>();
    const stack = [entry];
    seen.add(entry);
    const visitNext = (i: number): void => {
      if (!seen.has(i)) {
        seen.add(i);
        stack.push(i);
      }
    };
    const wrong = new Set<string>();
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (i === joinIndex) {
        reachesJoin = true;
        continue;
      }
      const node: Parsed = nodes[i]!;
      if (i === forkIndex) {
        wrong.add(`分支 ${b + 1} 在汇合之前回到了并联节点本身`);
        continue;
      }
      if (node.type === 'end') {
        wrong.add(`分支 ${b + 1} 在汇合之前到达了结束节点 ${node.id}`);
        continue;
      }
      if (node.type === 'join') {
        wrong.add(`分支 ${b + 1} 在汇合之前进入了另一汇合节点 ${node.id}`);
        continue;
      }
      const other = branchOf.get(i);
      if (other !== undefined && other !== b) {
        wrong.add(`分支 ${b + 1} 与分支 ${other + 1} 在汇合之前共用节点 ${node.id}`);
        continue;
      }
      branchOf.set(i, b);
      if (node.type === 'fork') {
        // Step over the nested fork to its own join; a nested fork without a usable join is reported on itself.
        const nested: number | undefined = node.join === undefined ? undefined : graph.byId.get(node.join);
        if (nested === undefined || nodes[nested]!.type !== 'join') continue;
        if (nested === joinIndex) {
          reachesJoin = true;
          continue;
        }
        if (!seen.has(nested)) {
          seen.add(nested);
          branchOf.set(nested, b);
          for (const next of graph.out[nested]!) visitNext(next);
        }
        continue;
      }
      for (const next of graph.out[i]!) visitNext(next);
    }
    reasons.push(...wrong);
    if (!reachesJoin) reasons.push(`分支 ${b + 1} 到达不了汇合节点 ${fork.join}`);
  });

  for (const from of graph.into[joinIndex]!) {
    // An unreachable predecessor is reported as unreachable already.
    if (from !== forkIndex && !branchOf.has(from) && graph.reached[from]) {
      reasons.push(`的汇合节点 ${fork.join} 还可以从并联之外的节点 ${nodes[from]!.id} 进入`);
    }
  }
  if (reasons.length > 0) refuse(`与其汇合节点 ${fork.join} 不配套：${[...new Set(reasons)].join('；')}`);
}

// ---------------------------------------------------------------------------------------------------
// Decisions

function checkDecisions(nodes: Parsed[], graph: Graph, report: Report): void {
  for (const node of nodes) {
    if (node.type !== 'decision') continue;
    if (node.on !== undefined) {
      const on = graph.byId.get(node.on);
      const task = on === undefined ? undefined : nodes[on]!;
      if (task && (task.type !== 'task' || task.kind !== 'decision')) {
        report(node.id, 'decision-on-invalid', `${node.label}的 on 须指向决定步骤（kind: decision），而 ${task.id} 不是`);
      } else if (task && on !== undefined && !walk([on], graph.out)[graph.byId.get(node.id)!]) {
        report(node.id, 'decision-on-invalid', `${node.label}依据的决定步骤 ${task.id} 不在它之前，无法到达本节点`);
      }
    }
    if (node.branches !== undefined) {
      const approved = node.branches.filter((branch) => branch.when === 'approved').length;
      const denied = node.branches.filter((branch) => branch.when === 'denied').length;
      if (node.branches.length !== 2 || approved !== 1 || denied !== 1) {
        report(
          node.id,
          'decision-branches',
          `${node.label}须恰好有一个 approved（准予）分支和一个 denied（不予）分支，` +
            `现有 ${node.branches.length} 个分支（approved ${approved} 个，denied ${denied} 个）`,
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Periods

/**
 * The longest start-to-end path, summing the limits of its tasks. Back edges (a denied decision going
 * back to an earlier review) are dropped, so a step counts once; a fork's branches lie on different
 * paths, so the slowest branch is what counts.
 */
function longestPathHours(nodes: Parsed[], graph: Graph): number {
  if (graph.start === undefined) return 0;
  const weight = (i: number): number => {
    const node = nodes[i]!;
    if (node.type !== 'task' || !node.limit?.unit || typeof node.limit.amount !== 'number') return 0;
    const hours = limitHours({ unit: node.limit.unit, amount: node.limit.amount });
    return Number.isFinite(hours) && hours > 0 ? hours : 0;
  };
  // Iterative depth-first search: edges into a node still on the path are back edges; the reverse
  // post-order of the rest is a topological order.
  const state = new Array<0 | 1 | 2>(nodes.length).fill(0);
  const nextEdge = new Array<number>(nodes.length).fill(0);
  const forward: number[][] = nodes.map(() => []);
  const postOrder: number[] = [];
  const path = [graph.start];
  state[graph.start] = 1;
  while (path.length > 0) {
    const v = path[path.length - 1]!;
    const edges = graph.out[v]!;
    if (nextEdge[v]! < edges.length) {
      const w = edges[nextEdge[v]!++]!;
      if (state[w] === 1) continue; // back edge
      forward[v]!.push(w);
      if (state[w] === 0) {
        state[w] = 1;
        path.push(w);
      }
      continue;
    }
    state[v] = 2;
    postOrder.push(v);
    path.pop();
  }
  const hours = new Array<number>(nodes.length).fill(-Infinity);
  hours[graph.start] = weight(graph.start);
  let longest = 0;
  for (let k = postOrder.length - 1; k >= 0; k--) {
    const v = postOrder[k]!;
    if (nodes[v]!.type === 'end') longest = Math.max(longest, hours[v]!);
    for (const w of forward[v]!) hours[w] = Math.max(hours[w]!, hours[v]! + weight(w));
  }
  return longest;
}

// ---------------------------------------------------------------------------------------------------
// The plan

function makePlan(
  name: string,
  parsed: Parsed[],
  joins: Record<string, PlanJoin>,
  promisedDays: number,
  legalDays: number,
  criticalPathHours: number,
): FlowPlan {
  // Rebuilt from the checked fields, so the plan holds nothing the checks did not see.
  const definition: FlowDefinition = deepFreeze({ dsl: 1, name, nodes: parsed.map(toFlowNode) });
  const nodes: Record<string, FlowNode> = {};
  for (const node of definition.nodes) nodes[node.id] = node;
  const hash = `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson({ definition, promisedDays, legalDays }))))}`;
  return deepFreeze({
    hash,
    name,
    definition,
    nodes,
    start: definition.nodes.find((node) => node.type === 'start')!.id,
    joins,
    promisedDays,
    legalDays,
    criticalPathHours,
  });
}

/** Only called once every check passed, so every required field is there. */
function toFlowNode(node: Parsed): FlowNode {
  const { id } = node;
  switch (node.type) {
    case 'start':
      return { id, type: 'start', next: node.next! };
    case 'task': {
      const actor = node.actor!;
      return {
        id,
        type: 'task',
        name: node.name!,
        kind: node.kind!,
        actor:
          actor.kind === 'org'
            ? {
                kind: 'org',
                level: actor.level as OrgLevel,
                ...(actor.department !== undefined && { department: actor.department }),
                post: actor.post!,
              }
            : { kind: 'intakeCentre', post: actor.post! },
        actions: node.actions as StepAction[],
        limit: { unit: node.limit!.unit!, amount: node.limit!.amount as number },
        ...(node.issuesDocument !== undefined && { issuesDocument: node.issuesDocument }),
        ...(node.appliesSeal !== undefined && { appliesSeal: node.appliesSeal }),
        next: node.next!,
        ...(node.onReject !== undefined && { onReject: node.onReject }),
      };
    }
    case 'fork':
      return {
        id,
        type: 'fork',
        branches: node.branches!.map((branch) => ({ role: branch.role!, next: branch.next! })),
        join: node.join!,
      };
    case 'join': {
      const policy = node.policy!;
      return {
        id,
        type: 'join',
        policy: policy.kind === 'all' ? { kind: 'all' } : { kind: 'leadPlusQuorum', quorum: policy.quorum as number },
        next: node.next!,
      };
    }
    case 'decision':
      return {
        id,
        type: 'decision',
        on: node.on!,
        branches: node.branches!.map((branch) => ({ when: branch.when!, next: branch.next! })),
      };
    case 'end':
      return { id, type: 'end', outcome: node.outcome!, ...(node.name !== undefined && { name: node.name }) };
  }
}

/** The plan is a few levels deep and built here, so plain recursion is safe. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------
// Helpers

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

/** An own field only: `constructor` or `toString` on the prototype is not a field of the definition. */
function own(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function checkUnknownKeys(record: Record<string, unknown>, allowed: readonly string[], where: string, nodeId: string | null, report: Report): void {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key) && record[key] !== undefined) {
      report(nodeId, 'field-invalid', `${where}有未知字段 ${quote(key)}（可用字段：${allowed.join('、')}）`);
    }
  }
}

/** A short, safe description of any value for a message: input is never converted with String(). */
function describe(value: unknown): string {
  if (value === undefined) return '空值（缺少）';
  if (value === null) return ' null';
  if (typeof value === 'string') return ` ${quote(value)}`;
  if (typeof value === 'number') return ` ${formatNumber(value)}`;
  if (typeof value === 'boolean') return ` ${value}`;
  if (Array.isArray(value)) return '一个数组';
  if (typeof value === 'object') return '一个对象';
  return `一个 ${typeof value} 值`;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Math.round(value * 100) / 100);
}
