import fc from 'fast-check';
import { reverseKeys } from '#factories/json';
import { compileFlow, FLOW_RULES } from './compiler';
import {
  ORG_LEVELS,
  STEP_ACTIONS,
  STEP_KIND_ACTIONS,
  type DecisionNode,
  type EndNode,
  type FlowContext,
  type FlowDefinition,
  type FlowNode,
  type FlowOutcome,
  type ForkNode,
  type JoinNode,
  type StartNode,
  type StepAction,
  type StepActor,
  type StepKind,
  type StepLimit,
  type TaskNode,
} from './dsl';
import type { CompileResult, FlowPlan, FlowProblem } from './plan';

const DEPARTMENTS: FlowContext['departments'] = {
  community: [],
  township: ['BM'],
  county: ['ZX', 'GS', 'ZJ', 'HB', 'AJ', 'SG'],
  city: ['GS', 'SG', 'AJ'],
};
const POSTS = ['受理岗', '审核岗', '审批岗', '送达岗'];

function makeContext(overrides: Partial<FlowContext> = {}): FlowContext {
  return { promisedDays: 20, legalDays: 20, departments: DEPARTMENTS, posts: [], ...overrides };
}

// ---------------------------------------------------------------------------------------------------
// Factories

const countyCentre = (post: string): StepActor => ({ kind: 'org', level: 'county', department: 'ZX', post });
const county = (department: string, post: string): StepActor => ({ kind: 'org', level: 'county', department, post });
const days = (amount: number): StepLimit => ({ unit: 'workingDays', amount });

function makeStart(next: string, id = 'start'): StartNode {
  return { id, type: 'start', next };
}

function makeTask(id: string, kind: StepKind, next: string, overrides: Partial<TaskNode> = {}): TaskNode {
  const defaults: Record<StepKind, Pick<TaskNode, 'name' | 'actor' | 'actions'>> = {
    intake: { name: '窗口受理', actor: countyCentre('受理岗'), actions: ['accept', 'reject', 'requestCorrection', 'opinion'] },
    review: { name: '审查', actor: county('GS', '审核岗'), actions: ['opinion', 'document'] },
    decision: { name: '决定', actor: county('GS', '审批岗'), actions: ['decide', 'document', 'seal'] },
    delivery: { name: '送达', actor: countyCentre('送达岗'), actions: ['deliver', 'document', 'seal'] },
  };
  return { id, type: 'task', kind, ...defaults[kind], limit: days(1), next, ...overrides };
}

const makeReview = (id: string, next: string, overrides: Partial<TaskNode> = {}): TaskNode => makeTask(id, 'review', next, overrides);
const makeIntake = (id: string, next: string, overrides: Partial<TaskNode> = {}): TaskNode =>
  makeTask(id, 'intake', next, { onReject: 'notAccepted', ...overrides });
const makeDecide = (id: string, next: string, overrides: Partial<TaskNode> = {}): TaskNode => makeTask(id, 'decision', next, overrides);
const makeDeliver = (id: string, next: string, overrides: Partial<TaskNode> = {}): TaskNode => makeTask(id, 'delivery', next, overrides);

function makeEnd(id: string, outcome: FlowOutcome, name?: string): EndNode {
  return { id, type: 'end', outcome, ...(name !== undefined && { name }) };
}

function makeFork(id: string, join: string, ...branches: [role: 'lead' | 'co', next: string][]): ForkNode {
  return { id, type: 'fork', branches: branches.map(([role, next]) => ({ role, next })), join };
}

function makeJoin(id: string, next: string, policy: JoinNode['policy'] = { kind: 'all' }): JoinNode {
  return { id, type: 'join', policy, next };
}

function makeDecision(id: string, on: string, approved: string, denied: string): DecisionNode {
  return {
    id,
    type: 'decision',
    on,
    branches: [
      { when: 'approved', next: approved },
      { when: 'denied', next: denied },
    ],
  };
}

function makeFlow(nodes: unknown[], name = '测试流程'): FlowDefinition {
  return { dsl: 1, name, nodes: nodes as FlowNode[] };
}

/** start → review → done: the smallest valid flow, and the base most rule tests change one thing of. */
function minimalNodes(): FlowNode[] {
  return [makeStart('review'), makeReview('review', 'done'), makeEnd('done', 'approved')];
}

function withNode<T extends FlowNode>(nodes: FlowNode[], id: string, change: (node: T) => void): FlowNode[] {
  const copy = structuredClone(nodes);
  change(copy.find((node) => node.id === id) as T);
  return copy;
}

function planOf(input: unknown, context = makeContext()): FlowPlan {
  const result = compileFlow(input, context);
  if (!result.ok) throw new Error(`expected the flow to compile:\n${JSON.stringify(result.problems, null, 2)}`);
  return result.plan;
}

function problemsOf(input: unknown, context = makeContext()): FlowProblem[] {
  const result = compileFlow(input, context);
  if (result.ok) throw new Error('expected problems, but the flow compiled');
  return result.problems;
}

/** [rule, nodeId] of every problem, to compare whole lists. */
function found(input: unknown, context = makeContext()): [string, string | null][] {
  return problemsOf(input, context).map((problem) => [problem.rule, problem.nodeId]);
}

// ---------------------------------------------------------------------------------------------------

describe('compileFlow: one rule at a time', () => {
  it('compiles the minimal flow', () => {
    const plan = planOf(makeFlow(minimalNodes()));
    expect(plan.start).toBe('start');
    expect(plan.criticalPathHours).toBe(8);
  });

  describe('shape', () => {
    it.each([null, undefined, 42, 'flow', [], true])('refuses %p as a definition', (input) => {
      expect(found(input)).toEqual([['shape', null]]);
    });

    it('refuses a wrong dsl version, a name that is no string and nodes that are no array, each listed', () => {
      expect(found({ dsl: 2, name: 3, nodes: {} })).toEqual([
        ['shape', null],
        ['shape', null],
        ['shape', null],
      ]);
    });

    it('refuses a node that is not an object and stops before the graph checks', () => {
      expect(found(makeFlow(['start', ...minimalNodes().slice(1)]))).toEqual([['shape', null]]);
    });
  });

  it('id-invalid: an id must start with a letter', () => {
    const nodes = withNode(minimalNodes(), 'review', (node) => (node.id = '1review'));
    expect(found(makeFlow(nodes))).toEqual([['id-invalid', null]]);
  });

  it('id-invalid: an id longer than 64 characters or not a string', () => {
    expect(found(makeFlow([...minimalNodes(), makeReview(`r${'x'.repeat(64)}`, 'done')]))).toEqual([['id-invalid', null]]);
    expect(found(makeFlow([...minimalNodes(), { ...makeReview('x', 'done'), id: 7 }]))).toEqual([['id-invalid', null]]);
  });

  it('type-unknown: a node type the DSL does not have', () => {
    const nodes = [...minimalNodes(), { id: 'gateway', type: 'gateway', next: 'done' }];
    expect(found(makeFlow(nodes))).toEqual([['type-unknown', 'gateway']]);
  });

  describe('field-invalid', () => {
    it('names the field of the wrong type', () => {
      const nodes = withNode<TaskNode>(minimalNodes(), 'review', (node) => {
        (node as unknown as Record<string, unknown>).limit = '三个工作日';
      });
      const problems = problemsOf(makeFlow(nodes));
      expect(problems).toEqual([expect.objectContaining({ rule: 'field-invalid', nodeId: 'review' })]);
      expect(problems[0]!.message).toContain('limit');
    });

    it('refuses an unknown step kind, an empty post and an unknown field', () => {
      const nodes = withNode<TaskNode>(minimalNodes(), 'review', (node) => {
        (node as unknown as Record<string, unknown>).kind = 'approve';
        node.actor = county('GS', ' ');
        (node as unknown as Record<string, unknown>).onreject = 'done';
      });
      const problems = problemsOf(makeFlow(nodes));
      expect(problems.map((p) => [p.rule, p.nodeId])).toEqual([
        ['field-invalid', 'review'],
        ['field-invalid', 'review'],
        ['field-invalid', 'review'],
      ]);
      const messages = problems.map((p) => p.message).join('\n');
      for (const field of ['kind', 'actor.post', 'onreject']) expect(messages).toContain(field);
    });

    it('keeps checking the graph and the steps when only fields are wrong', () => {
      const nodes = withNode<TaskNode>(minimalNodes(), 'review', (node) => {
        node.issuesDocument = 'yes' as unknown as boolean;
        node.actor = county('XX', '审核岗');
      });
      expect(found(makeFlow(nodes))).toEqual([
        ['field-invalid', 'review'],
        ['department-unknown', 'review'],
      ]);
    });

    it('does not also call the steps before a missing next dead ends', () => {
      const nodes = withNode<TaskNode>(minimalNodes(), 'review', (node) => {
        delete (node as Partial<TaskNode>).next;
      });
      expect(found(makeFlow(nodes))).toEqual([
        ['field-invalid', 'review'],
        ['unreachable', 'done'],
      ]);
    });
  });

  it('id-duplicate: two nodes with one id, and nothing else is checked', () => {
    const nodes = [...minimalNodes(), makeReview('review', 'done')];
    expect(found(makeFlow(nodes))).toEqual([['id-duplicate', 'review']]);
  });

  it('start-missing', () => {
    expect(found(makeFlow(minimalNodes().slice(1)))).toEqual([['start-missing', null]]);
  });

  it('start-multiple: every start after the first', () => {
    const nodes = [...minimalNodes(), makeStart('review', 'start2'), makeStart('review', 'start3')];
    expect(found(makeFlow(nodes))).toEqual([
      ['start-multiple', 'start2'],
      ['start-multiple', 'start3'],
    ]);
  });

  it('end-missing, without also calling every node a dead end', () => {
    expect(found(makeFlow([makeStart('review'), makeReview('review', 'review')]))).toEqual([['end-missing', null]]);
  });

  it('next-unknown: a reference naming no node', () => {
    const nodes = withNode<TaskNode>(minimalNodes(), 'review', (node) => (node.next = 'nowhere'));
    const problems = problemsOf(makeFlow(nodes));
    expect(problems.map((p) => [p.rule, p.nodeId])).toEqual([
      ['next-unknown', 'review'],
      ['unreachable', 'done'],
    ]);
    expect(problems[0]!.message).toContain('nowhere');
  });

  it.each<[string, string, (nodes: FlowNode[]) => void]>([
    ['fork.join', 'F', (nodes) => ((nodes[1] as ForkNode).join = 'nowhere')],
    ['fork.branches[].next', 'F', (nodes) => ((nodes[1] as ForkNode).branches[1]!.next = 'nowhere')],
    ['join.next', 'J', (nodes) => ((nodes[4] as JoinNode).next = 'nowhere')],
  ])('next-unknown: %s', (_field, nodeId, change) => {
    const nodes = forkNodes();
    change(nodes);
    expect(found(makeFlow(nodes))).toContainEqual(['next-unknown', nodeId]);
  });

  it('next-unknown: decision.on and decision branches', () => {
    const nodes = decisionNodes();
    const decision = nodes.find((node) => node.id === 'D') as DecisionNode;
    decision.on = 'nobody';
    decision.branches[1]!.next = 'nowhere';
    expect(found(makeFlow(nodes)).filter(([rule]) => rule === 'next-unknown')).toEqual([
      ['next-unknown', 'D'],
      ['next-unknown', 'D'],
    ]);
  });

  it('unreachable: a node no path from the start leads to', () => {
    const nodes = [...minimalNodes(), makeReview('orphan', 'done')];
    expect(found(makeFlow(nodes))).toEqual([['unreachable', 'orphan']]);
  });

  it('dead-end and cycle-no-exit: steps that can only lead into a loop with no way out', () => {
    const nodes = [
      makeStart('intake'),
      makeIntake('intake', 'x'),
      makeReview('x', 'c'),
      makeReview('c', 'b'),
      makeReview('b', 'c'),
      makeEnd('notAccepted', 'notAccepted'),
    ];
    const problems = problemsOf(makeFlow(nodes));
    expect(problems.map((p) => [p.rule, p.nodeId])).toEqual([
      ['cycle-no-exit', 'b'],
      ['dead-end', 'x'],
    ]);
    expect(problems[0]!.message).toContain('b、c');
  });

  it('cycle-no-exit: a step that loops onto itself', () => {
    const nodes = [makeStart('intake'), makeIntake('intake', 'loop'), makeReview('loop', 'loop'), makeEnd('notAccepted', 'notAccepted')];
    expect(found(makeFlow(nodes))).toEqual([['cycle-no-exit', 'loop']]);
  });

  it('dead-end: a decision with no branches leads nowhere', () => {
    const nodes = decisionNodes();
    (nodes.find((node) => node.id === 'D') as DecisionNode).branches = [];
    expect(found(makeFlow(nodes))).toEqual(
      expect.arrayContaining([
        ['dead-end', 'D'],
        ['decision-branches', 'D'],
      ]),
    );
  });

  it('allows a cycle with an exit: a denied decision sends the case back to review', () => {
    const nodes = [
      makeStart('review'),
      makeReview('review', 'decide'),
      makeDecide('decide', 'D'),
      makeDecision('D', 'decide', 'done', 'review'),
      makeEnd('done', 'approved'),
    ];
    expect(planOf(makeFlow(nodes)).criticalPathHours).toBe(16);
  });

  it('actions-empty', () => {
    const nodes = withNode<TaskNode>(minimalNodes(), 'review', (node) => (node.actions = []));
    expect(found(makeFlow(nodes))).toEqual([['actions-empty', 'review']]);
  });

  it.each<[string, string]>([
    ['decide', 'an action of another kind'],
    ['approveEverything', 'an action the DSL does not know'],
  ])('action-not-allowed: %s (%s)', (action) => {
    const nodes = withNode<TaskNode>(minimalNodes(), 'review', (node) => node.actions.push(action as StepAction));
    expect(found(makeFlow(nodes))).toEqual([['action-not-allowed', 'review']]);
  });

  it('reject-without-target', () => {
    const nodes = [makeStart('intake'), makeIntake('intake', 'done', { onReject: undefined }), makeEnd('done', 'approved')];
    expect(found(makeFlow(nodes))).toEqual([['reject-without-target', 'intake']]);
  });

  it.each<[string, FlowNode]>([
    ['a task', makeReview('notAccepted', 'done')],
    ['an end with another outcome', makeEnd('notAccepted', 'denied')],
  ])('reject-target-not-end: onReject naming %s', (_what, target) => {
    const nodes = [makeStart('intake'), makeIntake('intake', 'done'), makeEnd('done', 'approved'), target];
    expect(found(makeFlow(nodes))).toEqual([['reject-target-not-end', 'intake']]);
  });

  it.each<[string, StepLimit]>([
    ['zero', days(0)],
    ['negative', days(-1)],
    ['NaN', days(Number.NaN)],
    ['infinite', days(Number.POSITIVE_INFINITY)],
    ['a string', { unit: 'workingDays', amount: '2' as unknown as number }],
    ['missing', { unit: 'workingDays' } as StepLimit],
    ['fractional hours', { unit: 'workingHours', amount: 1.5 }],
    ['fractional days', days(1.5)],
    ['more than 365 days', days(366)],
    ['more than 2920 hours', { unit: 'workingHours', amount: 2921 }],
  ])('limit-invalid: %s', (_what, limit) => {
    const nodes = withNode<TaskNode>(minimalNodes(), 'review', (node) => (node.limit = limit));
    expect(found(makeFlow(nodes), makeContext({ promisedDays: 400, legalDays: 400 }))).toEqual([['limit-invalid', 'review']]);
  });

  it('completing-action-missing: a review step that cannot give its opinion', () => {
    const nodes = withNode<TaskNode>(minimalNodes(), 'review', (node) => (node.actions = ['document']));
    expect(found(makeFlow(nodes))).toEqual([['completing-action-missing', 'review']]);
  });

  it.each<StepLimit>([days(365), { unit: 'workingHours', amount: 2920 }, days(1)])('accepts the limit %p', (limit) => {
    const nodes = withNode<TaskNode>(minimalNodes(), 'review', (node) => (node.limit = limit));
    expect(compileFlow(makeFlow(nodes), makeContext({ promisedDays: 365, legalDays: 365 })).ok).toBe(true);
  });

  it('level-unknown', () => {
    const nodes = withNode<TaskNode>(minimalNodes(), 'review', (node) => {
      node.actor = { kind: 'org', level: 'province' as never, department: 'GS', post: '审核岗' };
    });
    expect(found(makeFlow(nodes))).toEqual([['level-unknown', 'review']]);
  });

  it.each<[string, string]>([
    ['county', 'XX'],
    ['township', 'GS'],
    ['community', 'BM'],
  ])('department-unknown: %s %s', (level, department) => {
    const nodes = withNode<TaskNode>(minimalNodes(), 'review', (node) => {
      node.actor = { kind: 'org', level: level as never, department, post: '审核岗' };
    });
    expect(found(makeFlow(nodes))).toEqual([['department-unknown', 'review']]);
  });

  it('accepts an org actor without a department (the level’s own office)', () => {
    const nodes = withNode<TaskNode>(minimalNodes(), 'review', (node) => {
      node.actor = { kind: 'org', level: 'community', post: '审核岗' };
    });
    expect(compileFlow(makeFlow(nodes), makeContext()).ok).toBe(true);
  });

  it('post-unknown: only when the context lists the posts', () => {
    const nodes = withNode<TaskNode>(minimalNodes(), 'review', (node) => (node.actor = county('GS', '科员岗')));
    expect(found(makeFlow(nodes), makeContext({ posts: POSTS }))).toEqual([['post-unknown', 'review']]);
    expect(compileFlow(makeFlow(nodes), makeContext({ posts: [] })).ok).toBe(true);
  });

  it('decide-missing: a decision step must be able to decide', () => {
    const nodes = [makeStart('decide'), makeDecide('decide', 'done', { actions: ['opinion', 'document'] }), makeEnd('done', 'approved')];
    expect(found(makeFlow(nodes))).toEqual([['decide-missing', 'decide']]);
  });

  describe('forks and joins (并联审批)', () => {
    it('compiles the base fork', () => {
      expect(planOf(makeFlow(forkNodes())).joins).toEqual({ J: { fork: 'F', branches: 2, lead: 0 } });
    });

    it.each<[string, ForkNode['branches']]>([
      ['one branch', [{ role: 'lead', next: 'g' }]],
      [
        'two leads',
        [
          { role: 'lead', next: 'g' },
          { role: 'lead', next: 'z' },
        ],
      ],
      [
        'no lead',
        [
          { role: 'co', next: 'g' },
          { role: 'co', next: 'z' },
        ],
      ],
    ])('fork-branches: %s', (_what, branches) => {
      const nodes = withNode<ForkNode>(forkNodes(), 'F', (node) => (node.branches = branches));
      const problems = found(makeFlow(nodes));
      expect(problems).toContainEqual(['fork-branches', 'F']);
      expect(problems.filter(([rule]) => rule !== 'fork-branches' && rule !== 'unreachable')).toEqual([]);
    });

    it('fork-without-join: no join named (and the join then belongs to no fork)', () => {
      const nodes = withNode<ForkNode>(forkNodes(), 'F', (node) => delete (node as Partial<ForkNode>).join);
      expect(found(makeFlow(nodes))).toEqual([
        ['fork-without-join', 'F'],
        ['join-without-fork', 'J'],
      ]);
    });

    it('fork-without-join: the join named is not a join node', () => {
      const nodes = withNode<ForkNode>(forkNodes(), 'F', (node) => (node.join = 'g'));
      expect(found(makeFlow(nodes))).toEqual([
        ['fork-without-join', 'F'],
        ['join-without-fork', 'J'],
      ]);
    });

    it('fork-without-join: a branch ends the case before the join', () => {
      const nodes = withNode<TaskNode>(forkNodes(), 'z', (node) => (node.next = 'done'));
      const problems = problemsOf(makeFlow(nodes));
      expect(problems.map((p) => [p.rule, p.nodeId])).toEqual([['fork-without-join', 'F']]);
      expect(problems[0]!.message).toContain('done');
    });

    it('fork-without-join: the join can be entered from outside the fork', () => {
      const nodes = [makeStart('decide'), makeDecide('decide', 'D'), makeDecision('D', 'decide', 'F', 'J'), ...forkNodes().slice(1)];
      const problems = problemsOf(makeFlow(nodes));
      expect(problems.map((p) => [p.rule, p.nodeId])).toEqual([['fork-without-join', 'F']]);
      expect(problems[0]!.message).toContain('D');
    });

    it('fork-without-join: two branches merge before the join', () => {
      const nodes = [
        makeStart('F'),
        makeFork('F', 'J', ['lead', 'g'], ['co', 'z']),
        makeReview('g', 's'),
        makeReview('z', 's'),
        makeReview('s', 'J'),
        makeJoin('J', 'done'),
        makeEnd('done', 'approved'),
      ];
      expect(found(makeFlow(nodes))).toEqual([['fork-without-join', 'F']]);
    });

    it('fork-without-join: a branch enters another fork’s join', () => {
      const nodes = [
        makeStart('F'),
        makeFork('F', 'J', ['lead', 'F2'], ['co', 'z']),
        makeFork('F2', 'J2', ['lead', 'a'], ['co', 'b']),
        makeReview('a', 'J2'),
        makeReview('b', 'J2'),
        makeJoin('J2', 'J'),
        makeReview('z', 'J2'),
        makeJoin('J', 'done'),
        makeEnd('done', 'approved'),
      ];
      expect(found(makeFlow(nodes))).toContainEqual(['fork-without-join', 'F']);
    });

    it('allows a whole fork…join inside a branch', () => {
      const nodes = [
        makeStart('F'),
        makeFork('F', 'J', ['co', 'z'], ['lead', 'F2']),
        makeFork('F2', 'J2', ['lead', 'a'], ['co', 'b']),
        makeReview('a', 'J2'),
        makeReview('b', 'J2'),
        makeJoin('J2', 'after'),
        makeReview('after', 'J'),
        makeReview('z', 'J'),
        makeJoin('J', 'done', { kind: 'leadPlusQuorum', quorum: 1 }),
        makeEnd('done', 'approved'),
      ];
      const plan = planOf(makeFlow(nodes));
      expect(plan.joins).toEqual({ J2: { fork: 'F2', branches: 2, lead: 0 }, J: { fork: 'F', branches: 2, lead: 1 } });
      expect(plan.criticalPathHours).toBe(16);
    });

    it('join-without-fork', () => {
      const nodes = [makeStart('review'), makeReview('review', 'J'), makeJoin('J', 'done'), makeEnd('done', 'approved')];
      expect(found(makeFlow(nodes))).toEqual([['join-without-fork', 'J']]);
    });

    it('join-multiple-forks: two forks close with one join', () => {
      const nodes = [
        ...forkNodes().filter((node) => node.id !== 'done'),
        makeFork('F2', 'J', ['lead', 'c'], ['co', 'd']),
        makeReview('c', 'J2'),
        makeReview('d', 'J2'),
        makeJoin('J2', 'done'),
        makeEnd('done', 'approved'),
      ];
      (nodes.find((node) => node.id === 'J') as JoinNode).next = 'F2';
      expect(found(makeFlow(nodes))).toContainEqual(['join-multiple-forks', 'J']);
    });

    it.each<unknown>([0, 3, 1.5, '1', undefined])('quorum-invalid: %p of 2 co-handlers', (quorum) => {
      const nodes = threeDepartmentFork({ kind: 'leadPlusQuorum', quorum } as JoinNode['policy']);
      expect(found(makeFlow(nodes))).toEqual([['quorum-invalid', 'J']]);
    });

    it.each([1, 2])('accepts a quorum of %p of 2 co-handlers', (quorum) => {
      expect(compileFlow(makeFlow(threeDepartmentFork({ kind: 'leadPlusQuorum', quorum })), makeContext()).ok).toBe(true);
    });
  });

  describe('decisions', () => {
    it('compiles the base decision', () => {
      expect(compileFlow(makeFlow(decisionNodes()), makeContext()).ok).toBe(true);
    });

    it('decision-on-invalid: `on` names a step that is not a decision step', () => {
      const nodes = withNode<DecisionNode>(decisionNodes(), 'D', (node) => (node.on = 'review'));
      expect(found(makeFlow(nodes))).toEqual([['decision-on-invalid', 'D']]);
    });

    it('decision-on-invalid: `on` names a decision step that comes after', () => {
      const nodes = [
        makeStart('review'),
        makeReview('review', 'D'),
        makeDecision('D', 'late', 'late', 'refused'),
        makeDecide('late', 'done'),
        makeEnd('done', 'approved'),
        makeEnd('refused', 'denied'),
      ];
      expect(found(makeFlow(nodes))).toEqual([['decision-on-invalid', 'D']]);
    });

    it.each<[string, DecisionNode['branches']]>([
      [
        'two approved',
        [
          { when: 'approved', next: 'done' },
          { when: 'approved', next: 'refused' },
        ],
      ],
      [
        'three branches',
        [
          { when: 'approved', next: 'done' },
          { when: 'denied', next: 'refused' },
          { when: 'denied', next: 'refused' },
        ],
      ],
      ['one branch', [{ when: 'approved', next: 'done' }]],
    ])('decision-branches: %s', (_what, branches) => {
      const nodes = withNode<DecisionNode>(decisionNodes(), 'D', (node) => (node.branches = branches));
      expect(found(makeFlow(nodes)).filter(([rule]) => rule !== 'unreachable')).toEqual([['decision-branches', 'D']]);
    });
  });

  describe('periods', () => {
    it.each<Partial<FlowContext>>([{ promisedDays: 0 }, { legalDays: Number.NaN }])('period-invalid: %p', (periods) => {
      expect(found(makeFlow(minimalNodes()), makeContext(periods))).toEqual([['period-invalid', null]]);
    });

    it('promised-above-legal', () => {
      expect(found(makeFlow(minimalNodes()), makeContext({ promisedDays: 25, legalDays: 20 }))).toEqual([['promised-above-legal', null]]);
    });

    it('critical-path-exceeds-promised, giving both numbers', () => {
      const nodes = withNode<TaskNode>(minimalNodes(), 'review', (node) => (node.limit = days(3)));
      const problems = problemsOf(makeFlow(nodes), makeContext({ promisedDays: 2 }));
      expect(problems.map((p) => [p.rule, p.nodeId])).toEqual([['critical-path-exceeds-promised', null]]);
      expect(problems[0]!.message).toContain('24');
      expect(problems[0]!.message).toContain('16');
    });

    it('counts the slowest branch of a fork and each step of a loop once', () => {
      const nodes = [
        makeStart('F'),
        makeFork('F', 'J', ['lead', 'g'], ['co', 'z']),
        makeReview('g', 'J', { limit: days(2) }),
        makeReview('z', 'J', { limit: days(5) }),
        makeJoin('J', 'decide'),
        makeDecide('decide', 'D', { limit: { unit: 'workingHours', amount: 4 } }),
        makeDecision('D', 'decide', 'done', 'F'),
        makeEnd('done', 'approved'),
      ];
      expect(planOf(makeFlow(nodes)).criticalPathHours).toBe(44);
      expect(found(makeFlow(nodes), makeContext({ promisedDays: 5 }))).toEqual([['critical-path-exceeds-promised', null]]);
    });
  });
});

/** start → F (lead g, co z) → J → done */
function forkNodes(): FlowNode[] {
  return [
    makeStart('F'),
    makeFork('F', 'J', ['lead', 'g'], ['co', 'z']),
    makeReview('g', 'J'),
    makeReview('z', 'J', { actor: county('ZJ', '审核岗') }),
    makeJoin('J', 'done'),
    makeEnd('done', 'approved'),
  ];
}

function threeDepartmentFork(policy: JoinNode['policy']): FlowNode[] {
  return [
    makeStart('F'),
    makeFork('F', 'J', ['lead', 'gs'], ['co', 'zj'], ['co', 'hb']),
    makeReview('gs', 'J'),
    makeReview('zj', 'J', { actor: county('ZJ', '审核岗') }),
    makeReview('hb', 'J', { actor: county('HB', '审核岗') }),
    makeJoin('J', 'done', policy),
    makeEnd('done', 'approved'),
  ];
}

/** start → review → decide → D (approved → done, denied → refused) */
function decisionNodes(): FlowNode[] {
  return [
    makeStart('review'),
    makeReview('review', 'decide'),
    makeDecide('decide', 'D'),
    makeDecision('D', 'decide', 'done', 'refused'),
    makeEnd('done', 'approved'),
    makeEnd('refused', 'denied'),
  ];
}

describe('compileFlow: several problems', () => {
  it('lists every problem, not only the first', () => {
    const nodes = [
      makeStart('intake'),
      makeIntake('intake', 'review', { onReject: 'done' }),
      makeReview('review', 'decide', { actor: county('XX', '审核岗'), actions: ['opinion', 'seal'] }),
      makeDecide('decide', 'D', { limit: days(-1) }),
      makeDecision('D', 'review', 'done', 'done'),
      makeReview('orphan', 'done'),
      makeJoin('J', 'done'),
      makeEnd('done', 'approved'),
    ];
    expect(found(makeFlow(nodes), makeContext({ promisedDays: 30, legalDays: 20 }))).toEqual([
      ['promised-above-legal', null],
      ['unreachable', 'orphan'],
      ['unreachable', 'J'],
      ['reject-target-not-end', 'intake'],
      ['action-not-allowed', 'review'],
      ['department-unknown', 'review'],
      ['limit-invalid', 'decide'],
      ['join-without-fork', 'J'],
      ['decision-on-invalid', 'D'],
    ]);
  });

  it('lists the shape problems of every node, then stops', () => {
    const nodes = [
      makeStart('review'),
      { ...makeReview('review', 'done'), actions: 'opinion' },
      { id: 'x', type: 'task' },
      { id: '_bad', type: 'end', outcome: 'approved' },
      makeEnd('done', 'approved'),
      makeEnd('done', 'denied'),
    ];
    expect(found(makeFlow(nodes))).toEqual([
      ['field-invalid', 'review'],
      ...['name', 'kind', 'actor', 'actions', 'limit', 'next'].map((): [string, string] => ['field-invalid', 'x']),
      ['id-invalid', null],
      ['id-duplicate', 'done'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Realistic flows

/** 县级许可，一个部门办理：县政务服务中心受理 → 审查 → 决定 → 准予送达证照 / 不予送达决定书. */
function countyPermit(): FlowDefinition {
  return makeFlow(
    [
      makeStart('intake'),
      makeIntake('intake', 'review', { issuesDocument: true }),
      makeReview('review', 'decide', { name: '审查', actor: county('AJ', '审核岗'), limit: days(5) }),
      makeDecide('decide', 'D', { name: '审批', actor: county('AJ', '审批岗'), limit: days(2), issuesDocument: true, appliesSeal: true }),
      makeDecision('D', 'decide', 'deliver', 'deliverRefusal'),
      makeDeliver('deliver', 'approved', { name: '送达许可证' }),
      makeDeliver('deliverRefusal', 'denied', { name: '送达不予许可决定书' }),
      makeEnd('approved', 'approved', '办结（准予许可）'),
      makeEnd('denied', 'denied', '办结（不予许可）'),
      makeEnd('notAccepted', 'notAccepted', '不予受理'),
    ],
    '危险化学品经营许可办理流程',
  );
}

/** 企业设立：受理后工商（主办）、质监、环保（协办）并联审查，全部完成后决定. */
function enterpriseSetup(): FlowDefinition {
  return makeFlow(
    [
      makeStart('intake'),
      makeIntake('intake', 'parallel'),
      makeFork('parallel', 'merge', ['lead', 'gsReview'], ['co', 'zjReview'], ['co', 'hbReview']),
      makeReview('gsReview', 'merge', { name: '工商审查', actor: county('GS', '审核岗'), limit: days(3) }),
      makeReview('zjReview', 'merge', { name: '质监会签', actor: county('ZJ', '审核岗'), limit: days(2) }),
      makeReview('hbReview', 'merge', { name: '环保会签', actor: county('HB', '审核岗'), limit: days(4) }),
      makeJoin('merge', 'decide'),
      makeDecide('decide', 'D', { actor: county('GS', '审批岗') }),
      makeDecision('D', 'decide', 'deliver', 'deliverRefusal'),
      makeDeliver('deliver', 'approved', { name: '发放营业执照' }),
      makeDeliver('deliverRefusal', 'denied'),
      makeEnd('approved', 'approved'),
      makeEnd('denied', 'denied'),
      makeEnd('notAccepted', 'notAccepted'),
    ],
    '企业设立登记办理流程',
  );
}

/** 基层受理、县级办理、基层反馈: the intake and the feedback are bound to the case's own centre. */
function townshipIntakeCountyHandling(): FlowDefinition {
  const centre = (post: string): StepActor => ({ kind: 'intakeCentre', post });
  return makeFlow(
    [
      makeStart('intake'),
      makeIntake('intake', 'review', { name: '基层受理', actor: centre('受理岗') }),
      makeReview('review', 'decide', { name: '县级审查', actor: county('SG', '审核岗'), limit: days(3) }),
      makeDecide('decide', 'D', { name: '县级审批', actor: county('SG', '审批岗') }),
      makeDecision('D', 'decide', 'feedback', 'feedbackRefusal'),
      makeDeliver('feedback', 'approved', { name: '基层反馈', actor: centre('送达岗') }),
      makeDeliver('feedbackRefusal', 'denied', { name: '基层反馈（不予）', actor: centre('送达岗') }),
      makeEnd('approved', 'approved'),
      makeEnd('denied', 'denied'),
      makeEnd('notAccepted', 'notAccepted'),
    ],
    '农村宅基地审批办理流程',
  );
}

/** 多级联动: county preliminary review, then the city decides. */
function countyReviewCityApproval(): FlowDefinition {
  return makeFlow(
    [
      makeStart('intake'),
      makeIntake('intake', 'countyReview'),
      makeReview('countyReview', 'cityDecide', { name: '县级初审', actor: county('AJ', '审核岗'), limit: days(5) }),
      makeDecide('cityDecide', 'D', {
        name: '市级审批',
        actor: { kind: 'org', level: 'city', department: 'AJ', post: '审批岗' },
        limit: days(5),
      }),
      makeDecision('D', 'cityDecide', 'deliver', 'deliverRefusal'),
      makeDeliver('deliver', 'approved'),
      makeDeliver('deliverRefusal', 'denied'),
      makeEnd('approved', 'approved'),
      makeEnd('denied', 'denied'),
      makeEnd('notAccepted', 'notAccepted'),
    ],
    '烟花爆竹批发许可办理流程',
  );
}

describe('compileFlow: realistic flows', () => {
  const flows: [string, () => FlowDefinition, number][] = [
    ['a county permit handled by one department', countyPermit, (1 + 5 + 2 + 1) * 8],
    ['企业设立 with GS leading ZJ and HB in parallel', enterpriseSetup, (1 + 4 + 1 + 1) * 8],
    ['township intake, county handling, township feedback', townshipIntakeCountyHandling, (1 + 3 + 1 + 1) * 8],
    ['county review then city approval', countyReviewCityApproval, (1 + 5 + 5 + 1) * 8],
  ];

  it.each(flows)('compiles %s, with any post and with the known posts', (_name, make, hours) => {
    for (const posts of [[], POSTS]) {
      const plan = planOf(make(), makeContext({ posts }));
      expect(plan.criticalPathHours).toBe(hours);
      expect(plan.start).toBe('start');
      expect(plan.definition).toEqual(make());
      expect(Object.keys(plan.nodes)).toEqual(make().nodes.map((node) => node.id));
    }
  });

  it('records which fork each join closes and the lead branch', () => {
    const plan = planOf(enterpriseSetup());
    expect(plan.joins).toEqual({ merge: { fork: 'parallel', branches: 3, lead: 0 } });
  });
});

// ---------------------------------------------------------------------------------------------------

describe('the plan', () => {
  it('has a hash that does not depend on key order', () => {
    const plan = planOf(enterpriseSetup());
    expect(plan.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(planOf(reverseKeys(enterpriseSetup())).hash).toBe(plan.hash);
  });

  it('has another hash after a limit, a node, or the periods change', () => {
    const base = planOf(countyPermit()).hash;
    const changed = countyPermit();
    (changed.nodes.find((node) => node.id === 'review') as TaskNode).limit = days(4);
    expect(planOf(changed).hash).not.toBe(base);
    const renamed = countyPermit();
    (renamed.nodes.find((node) => node.id === 'review') as TaskNode).name = '实质审查';
    expect(planOf(renamed).hash).not.toBe(base);
    expect(planOf(countyPermit(), makeContext({ promisedDays: 15 })).hash).not.toBe(base);
    expect(planOf(countyPermit(), makeContext({ legalDays: 30 })).hash).not.toBe(base);
  });

  it('is deeply frozen and does not share objects with the input', () => {
    const input = enterpriseSetup();
    const plan = planOf(input);
    expect(Object.isFrozen(plan)).toBe(true);
    expect(Object.isFrozen(plan.definition)).toBe(true);
    expect(Object.isFrozen(plan.definition.nodes)).toBe(true);
    expect(Object.isFrozen(plan.nodes)).toBe(true);
    expect(Object.isFrozen(plan.joins)).toBe(true);
    const fork = plan.nodes['parallel'] as ForkNode;
    expect(Object.isFrozen(fork.branches[0])).toBe(true);
    expect(Object.isFrozen((plan.nodes['intake'] as TaskNode).actor)).toBe(true);
    expect(() => {
      (plan.nodes['intake'] as TaskNode).actions.push('decide');
    }).toThrow(TypeError);

    (input.nodes[1] as TaskNode).limit.amount = 9;
    expect((plan.nodes['intake'] as TaskNode).limit.amount).toBe(1);
    expect(plan.nodes['intake']).toBe(plan.definition.nodes[1]);
  });

  it('does not change its input', () => {
    const input = enterpriseSetup();
    const before = structuredClone(input);
    compileFlow(input, makeContext());
    expect(input).toEqual(before);
    expect(Object.isFrozen(input)).toBe(false);
  });
});

describe('compileFlow: large flows', () => {
  it('compiles a chain of 3000 steps', () => {
    const nodes: FlowNode[] = [makeStart('t0')];
    for (let i = 0; i < 3000; i++) {
      nodes.push(makeReview(`t${i}`, i === 2999 ? 'done' : `t${i + 1}`, { limit: { unit: 'workingHours', amount: 1 } }));
    }
    nodes.push(makeEnd('done', 'approved'));
    expect(planOf(makeFlow(nodes), makeContext({ promisedDays: 400, legalDays: 400 })).criticalPathHours).toBe(3000);
  });

  it('reports a 3000-step loop without exit once', () => {
    const nodes: FlowNode[] = [makeStart('intake'), makeIntake('intake', 't0'), makeEnd('notAccepted', 'notAccepted')];
    for (let i = 0; i < 3000; i++) nodes.push(makeReview(`t${i}`, `t${(i + 1) % 3000}`));
    expect(found(makeFlow(nodes))).toEqual([['cycle-no-exit', 't0']]);
  });

  it('compiles 500 forks nested in one another', () => {
    const nodes: FlowNode[] = [makeStart('F0')];
    const depth = 500;
    for (let i = 0; i < depth; i++) {
      const inner = i === depth - 1 ? 'core' : `F${i + 1}`;
      nodes.push(makeFork(`F${i}`, `J${i}`, ['lead', inner], ['co', `c${i}`]));
      nodes.push(makeReview(`c${i}`, `J${i}`, { limit: { unit: 'workingHours', amount: 1 } }));
      nodes.push(makeJoin(`J${i}`, i === 0 ? 'done' : `J${i - 1}`));
    }
    nodes.push(makeReview('core', `J${depth - 1}`, { limit: { unit: 'workingHours', amount: 1 } }));
    nodes.push(makeEnd('done', 'approved'));
    const plan = planOf(makeFlow(nodes));
    expect(Object.keys(plan.joins)).toHaveLength(depth);
    expect(plan.criticalPathHours).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------------
// Property-based tests

const PROPERTY_CONTEXT = makeContext({ promisedDays: 200, legalDays: 200 });
const ACTORS: StepActor[] = [
  ...ORG_LEVELS.flatMap((level) => [
    { kind: 'org' as const, level },
    ...DEPARTMENTS[level].map((department) => ({ kind: 'org' as const, level, department })),
  ]).flatMap((org) => POSTS.map((post) => ({ ...org, post }))),
  ...POSTS.map((post) => ({ kind: 'intakeCentre' as const, post })),
];

interface StepSpec {
  actor: StepActor;
  limit: StepLimit;
  extra: StepAction[];
}
/** The structure of a random valid flow, built into nodes by buildFlow. */
type Shape =
  | { t: 'task'; step: StepSpec }
  | { t: 'fork'; branches: Shape[][]; lead: number; quorum: number | null }
  /** A decision whose approved and denied sides both continue. */
  | { t: 'diamond'; step: StepSpec; approved: Shape[]; denied: Shape[] }
  /** Review, body, decision; denied goes back to the review (a cycle with an exit). */
  | { t: 'loop'; step: StepSpec; body: Shape[] }
  /** A decision whose denied side delivers a refusal and ends the case (never inside a fork). */
  | { t: 'refusal'; step: StepSpec };

const stepArb: fc.Arbitrary<StepSpec> = fc.record({
  actor: fc.constantFrom(...ACTORS),
  limit: fc.oneof(
    fc.integer({ min: 1, max: 8 }).map((amount): StepLimit => ({ unit: 'workingHours', amount })),
    fc.constantFrom(1, 2).map(days),
  ),
  extra: fc.subarray<StepAction>(['document', 'requestCorrection']),
});

const shapeCache = new Map<string, fc.Arbitrary<Shape>>();
function shapeArb(depth: number, inFork: boolean): fc.Arbitrary<Shape> {
  const key = `${depth}:${inFork}`;
  const cached = shapeCache.get(key);
  if (cached) return cached;
  const task = stepArb.map((step): Shape => ({ t: 'task', step }));
  let arb: fc.Arbitrary<Shape> = task;
  if (depth > 0) {
    const inner = (fork: boolean, minLength: number) => fc.array(shapeArb(depth - 1, fork), { minLength, maxLength: 3 });
    arb = fc.oneof(
      { weight: 4, arbitrary: task },
      {
        weight: 1,
        arbitrary: fc.record({
          t: fc.constant('fork' as const),
          branches: fc.array(inner(true, 1), { minLength: 2, maxLength: 4 }),
          lead: fc.nat(),
          quorum: fc.option(fc.nat()),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ t: fc.constant('diamond' as const), step: stepArb, approved: inner(inFork, 0), denied: inner(inFork, 0) }),
      },
      { weight: 1, arbitrary: fc.record({ t: fc.constant('loop' as const), step: stepArb, body: inner(inFork, 0) }) },
      ...(inFork ? [] : [{ weight: 1, arbitrary: fc.record({ t: fc.constant('refusal' as const), step: stepArb }) }]),
    );
  }
  shapeCache.set(key, arb);
  return arb;
}

type Link = (target: string) => void;

/** start → intake (reject → notAccepted) → shapes → delivery → approved */
function buildFlow(shapes: Shape[]): FlowDefinition {
  const nodes: FlowNode[] = [];
  let counter = 0;
  const newId = (prefix: string): string => `${prefix}${++counter}`;
  const connect = (links: Link[], target: string): void => links.forEach((link) => link(target));
  const task = (kind: StepKind, step: StepSpec, actions: StepAction[], next = ''): TaskNode => {
    const node: TaskNode = { id: newId(kind), type: 'task', name: `${kind} 步骤`, kind, actor: step.actor, actions, limit: step.limit, next };
    nodes.push(node);
    return node;
  };
  const decision = (step: StepSpec): { decision: DecisionNode; approved: Link; denied: Link; entry: string } => {
    const decide = task('decision', step, ['decide', ...step.extra.filter((a) => a === 'document')]);
    const node = makeDecision(newId('D'), decide.id, '', '');
    decide.next = node.id;
    nodes.push(node);
    return {
      decision: node,
      entry: decide.id,
      approved: (target) => (node.branches[0]!.next = target),
      denied: (target) => (node.branches[1]!.next = target),
    };
  };
  const buildSeq = (items: Shape[], incoming: Link[]): Link[] => items.reduce((links, item) => buildItem(item, links), incoming);
  const buildItem = (item: Shape, incoming: Link[]): Link[] => {
    switch (item.t) {
      case 'task': {
        const node = task('review', item.step, ['opinion', ...item.step.extra]);
        connect(incoming, node.id);
        return [(target) => (node.next = target)];
      }
      case 'fork': {
        const lead = item.lead % item.branches.length;
        const fork = makeFork(newId('F'), '', ...item.branches.map((_, i): ['lead' | 'co', string] => [i === lead ? 'lead' : 'co', '']));
        const join = makeJoin(
          newId('J'),
          '',
          item.quorum === null ? { kind: 'all' } : { kind: 'leadPlusQuorum', quorum: 1 + (item.quorum % (item.branches.length - 1)) },
        );
        fork.join = join.id;
        nodes.push(fork);
        connect(incoming, fork.id);
        item.branches.forEach((branch, i) => {
          connect(buildSeq(branch, [(target) => (fork.branches[i]!.next = target)]), join.id);
        });
        nodes.push(join);
        return [(target) => (join.next = target)];
      }
      case 'diamond': {
        const d = decision(item.step);
        connect(incoming, d.entry);
        return [...buildSeq(item.approved, [d.approved]), ...buildSeq(item.denied, [d.denied])];
      }
      case 'loop': {
        const review = task('review', item.step, ['opinion']);
        connect(incoming, review.id);
        const d = decision(item.step);
        connect(buildSeq(item.body, [(target) => (review.next = target)]), d.entry);
        d.denied(review.id);
        return [d.approved];
      }
      case 'refusal': {
        const d = decision(item.step);
        connect(incoming, d.entry);
        const end = makeEnd(newId('refused'), 'denied');
        const refusal = task('delivery', item.step, ['deliver'], end.id);
        nodes.push(end);
        d.denied(refusal.id);
        return [d.approved];
      }
    }
  };

  const first: StepSpec = { actor: { kind: 'intakeCentre', post: '受理岗' }, limit: days(1), extra: [] };
  const start = makeStart('');
  nodes.push(start, makeEnd('notAccepted', 'notAccepted'));
  const intake = task('intake', first, ['accept', 'reject', 'opinion']);
  intake.onReject = 'notAccepted';
  start.next = intake.id;
  const tails = buildSeq(shapes, [(target) => (intake.next = target)]);
  const deliver = task('delivery', first, ['deliver', 'seal'], 'approved');
  connect(tails, deliver.id);
  nodes.push(makeEnd('approved', 'approved'));
  return makeFlow(structuredClone(nodes), '随机流程');
}

const validFlowArb: fc.Arbitrary<FlowDefinition> = fc.array(shapeArb(3, false), { minLength: 1, maxLength: 4 }).map(buildFlow);

/** A path to a reference inside a node (next, onReject, join, on, branches[i].next). */
type RefPath = [node: number, ...path: (string | number)[]];

function refsIn(flow: FlowDefinition): RefPath[] {
  const refs: RefPath[] = [];
  flow.nodes.forEach((node, i) => {
    for (const key of ['next', 'onReject', 'join', 'on'] as const) {
      if (typeof (node as unknown as Record<string, unknown>)[key] === 'string') refs.push([i, key]);
    }
    if (node.type === 'fork' || node.type === 'decision') node.branches.forEach((_, b) => refs.push([i, 'branches', b, 'next']));
  });
  return refs;
}

function setPath(flow: FlowDefinition, [node, ...path]: RefPath, value: unknown): void {
  let target = flow.nodes[node] as unknown as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path[path.length - 1]!] = value;
}

function jsonKind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

interface Mutation {
  /** For the report of a failing run. */
  describe: string;
  /** The rules one of which the mutation must cause; undefined: it may leave the flow valid. */
  expect: readonly string[] | 'invalid' | undefined;
  apply: (flow: FlowDefinition) => unknown;
}

function indexesOf(flow: FlowDefinition, type: FlowNode['type']): number[] {
  return flow.nodes.flatMap((node, i) => (node.type === type ? [i] : []));
}

function mutationArb(flow: FlowDefinition): fc.Arbitrary<Mutation> {
  const n = flow.nodes.length;
  const refs = refsIn(flow);
  const tasks = indexesOf(flow, 'task');
  const forks = indexesOf(flow, 'fork');
  const options: fc.Arbitrary<Mutation>[] = [
    fc.nat(n - 1).map((index) => ({
      describe: `delete node ${index}`,
      expect: ['next-unknown', 'start-missing'],
      apply: (f) => void f.nodes.splice(index, 1),
    })),
    fc.tuple(fc.constantFrom(...refs), fc.constantFrom('nowhere', 'Missing_1', '')).map(([ref, target]) => ({
      describe: `retarget ${ref.join('.')} to unknown ${JSON.stringify(target)}`,
      expect: ['next-unknown'],
      apply: (f) => setPath(f, ref, target),
    })),
    fc.tuple(fc.constantFrom(...refs), fc.nat(n - 1)).map(([ref, target]) => ({
      describe: `retarget ${ref.join('.')} to node ${target}`,
      expect: undefined,
      apply: (f) => setPath(f, ref, f.nodes[target]!.id),
    })),
    fc.uniqueArray(fc.nat(n - 1), { minLength: 2, maxLength: 2 }).map(([from, to]) => ({
      describe: `give node ${to!} the id of node ${from!}`,
      expect: ['id-duplicate'],
      apply: (f) => void (f.nodes[to!]!.id = f.nodes[from!]!.id),
    })),
    fc.nat(n - 1).map((target) => ({
      describe: `add a second start to node ${target}`,
      expect: ['start-multiple'],
      apply: (f) => void f.nodes.push(makeStart(f.nodes[target]!.id, 'secondStart')),
    })),
    fc.tuple(fc.constantFrom(...tasks), fc.nat(), fc.nat()).map(([index, position, choice]) => ({
      describe: `forbidden action in task ${index}`,
      expect: ['action-not-allowed'],
      apply: (f) => {
        const task = f.nodes[index] as TaskNode;
        const forbidden = STEP_ACTIONS.filter((action) => !STEP_KIND_ACTIONS[task.kind].includes(action));
        task.actions[position % task.actions.length] = forbidden[choice % forbidden.length]!;
      },
    })),
    fc.tuple(fc.constantFrom(...tasks), fc.constantFrom(0, -1, Number.NaN)).map(([index, amount]) => ({
      describe: `limit ${amount} in task ${index}`,
      expect: ['limit-invalid'],
      apply: (f) => void ((f.nodes[index] as TaskNode).limit.amount = amount),
    })),
    fc
      .integer({ min: -1, max: n - 1 })
      .chain((index) => {
        const owner = (index < 0 ? flow : flow.nodes[index]!) as unknown as Record<string, unknown>;
        return fc
          .tuple(fc.constant(index), fc.constantFrom(...Object.keys(owner)), fc.jsonValue())
          .filter(([, key, value]) => jsonKind(value) !== jsonKind(owner[key]));
      })
      .map(([index, key, value]) => ({
        describe: `replace ${index < 0 ? 'flow' : `node ${index}`}.${key} with ${JSON.stringify(value)}`,
        expect: 'invalid' as const,
        apply: (f) => {
          const owner = (index < 0 ? f : f.nodes[index]!) as unknown as Record<string, unknown>;
          owner[key] = value;
        },
      })),
    fc.constant<Mutation>({
      describe: 'drop the end nodes',
      expect: ['end-missing'],
      apply: (f) => void (f.nodes = f.nodes.filter((node) => node.type !== 'end')),
    }),
  ];
  if (forks.length > 0) {
    options.push(
      fc.constantFrom(...forks).map((index) => ({
        describe: `remove the lead of fork ${index}`,
        expect: ['fork-branches'],
        apply: (f) => (f.nodes[index] as ForkNode).branches.forEach((branch) => (branch.role = 'co')),
      })),
    );
  }
  return fc.oneof(...options);
}

/** The ids a problem may point at: the string ids of the input's nodes. */
function idsIn(input: unknown): Set<string> {
  const nodes = typeof input === 'object' && input !== null ? (input as { nodes?: unknown }).nodes : undefined;
  if (!Array.isArray(nodes)) return new Set();
  return new Set(
    nodes.flatMap((node: unknown) => {
      const id = typeof node === 'object' && node !== null ? (node as { id?: unknown }).id : undefined;
      return typeof id === 'string' ? [id] : [];
    }),
  );
}

function expectWellFormed(result: CompileResult, input: unknown): void {
  if (result.ok) {
    expect(result.plan.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    return;
  }
  expect(result.problems.length).toBeGreaterThan(0);
  const ids = idsIn(input);
  for (const problem of result.problems) {
    expect(FLOW_RULES).toContain(problem.rule);
    expect(typeof problem.message).toBe('string');
    expect(problem.message.length).toBeGreaterThan(0);
    if (problem.nodeId !== null) expect(ids.has(problem.nodeId)).toBe(true);
  }
}

describe('compileFlow: properties', () => {
  it('compiles every random valid flow, to a plan independent of key order', () => {
    fc.assert(
      fc.property(validFlowArb, (flow) => {
        const plan = planOf(flow, PROPERTY_CONTEXT);
        expect(plan.definition).toEqual(flow);
        expect(Object.keys(plan.joins)).toHaveLength(indexesOf(flow, 'fork').length);
        expect(plan.criticalPathHours).toBeLessThanOrEqual(PROPERTY_CONTEXT.promisedDays * 8);
        expect(planOf(reverseKeys(flow), PROPERTY_CONTEXT).hash).toBe(plan.hash);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on a mutated flow, and refuses every mutation that breaks it', () => {
    fc.assert(
      fc.property(
        validFlowArb.chain((flow) => fc.tuple(fc.constant(flow), mutationArb(flow))),
        ([flow, mutation]) => {
          const input = structuredClone(flow);
          mutation.apply(input);
          const result = compileFlow(input, PROPERTY_CONTEXT);
          expectWellFormed(result, input);
          if (mutation.expect === undefined) return;
          expect({ mutation: mutation.describe, ok: result.ok }).toEqual({ mutation: mutation.describe, ok: false });
          if (!result.ok && Array.isArray(mutation.expect)) {
            const rules = result.problems.map((problem) => problem.rule);
            expect({ mutation: mutation.describe, rules }).toEqual({
              mutation: mutation.describe,
              rules: expect.arrayContaining([expect.stringMatching(new RegExp(`^(${mutation.expect.join('|')})$`))]),
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on anything at all', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withBoxedValues: true,
          withDate: true,
          withMap: true,
          withNullPrototype: true,
          withObjectString: true,
          withSet: true,
          withSparseArray: true,
          withTypedArray: true,
        }),
        (input) => {
          const result = compileFlow(input, PROPERTY_CONTEXT);
          expect(result.ok).toBe(false);
          expectWellFormed(result, input);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on random graphs of plausible nodes', () => {
    const ids = ['start', 'a', 'b', 'c', 'd', 'e', 'F', 'J', 'D', 'end', 'toString', 'constructor'];
    const id = fc.constantFrom(...ids);
    const weird = fc.oneof(fc.jsonValue(), fc.anything());
    const field = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: arb }, { weight: 1, arbitrary: weird });
    const node = fc.record(
      {
        id,
        type: field(fc.constantFrom('start', 'task', 'fork', 'join', 'decision', 'end')),
        next: field(id),
        onReject: field(id),
        name: field(fc.constant('步骤')),
        kind: field(fc.constantFrom('intake', 'review', 'decision', 'delivery')),
        actor: field(fc.constantFrom(...ACTORS)),
        actions: field(fc.subarray([...STEP_ACTIONS])),
        limit: field(stepArb.map((step) => step.limit)),
        branches: field(fc.array(fc.record({ role: fc.constantFrom('lead', 'co'), when: fc.constantFrom('approved', 'denied'), next: id }))),
        join: field(id),
        on: field(id),
        policy: field(fc.oneof(fc.constant({ kind: 'all' }), fc.record({ kind: fc.constant('leadPlusQuorum'), quorum: fc.integer({ min: -1, max: 4 }) }))),
        outcome: field(fc.constantFrom('approved', 'denied', 'notAccepted', 'withdrawn')),
      },
      { requiredKeys: ['id', 'type'] },
    );
    fc.assert(
      fc.property(fc.uniqueArray(node, { selector: (n) => n.id, maxLength: ids.length }), (nodes) => {
        const input = makeFlow(nodes);
        expectWellFormed(compileFlow(input, PROPERTY_CONTEXT), input);
      }),
      { numRuns: 300 },
    );
  });
});
