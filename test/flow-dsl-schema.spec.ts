// Unit tests (no database, no Temporal) keeping docs/flow-dsl.schema.json and docs/flow-dsl.md in step
// with libs/domain's flow DSL: the schema's enums against the exported constants, the example flows'
// fields against the schema, the documented compiler rules against FLOW_RULES, and the documented
// example against the compiler. ajv is not a dependency: the schema is walked here for field names,
// required fields and enum/const values only (not a full JSON Schema validator).
import {
  compileFlow,
  FLOW_OUTCOMES,
  FLOW_RULES,
  ORG_LEVELS,
  STEP_ACTIONS,
  STEP_KIND_ACTIONS,
  type DecisionNode,
  type FlowContext,
  type FlowNode,
  type ForkNode,
  type JoinNode,
  type StepActor,
  type StepKind,
  type StepLimit,
} from '#domain';
import fs from 'node:fs';
import path from 'node:path';

const SCHEMA_PATH = path.resolve(__dirname, '../docs/flow-dsl.schema.json');
const DOC_PATH = path.resolve(__dirname, '../docs/flow-dsl.md');
const EXAMPLES_DIR = path.resolve(__dirname, '../flows/examples');

type Schema = Record<string, unknown>;

// Every member of the DSL's string unions that has no exported constant. A Record over the union: adding
// or removing a member in dsl.ts fails the type-check until this list follows.
const NODE_TYPES: Record<FlowNode['type'], true> = { start: true, task: true, fork: true, join: true, decision: true, end: true };
const ACTOR_KINDS: Record<StepActor['kind'], true> = { org: true, intakeCentre: true };
const LIMIT_UNITS: Record<StepLimit['unit'], true> = { workingDays: true, workingHours: true };
const BRANCH_ROLES: Record<ForkNode['branches'][number]['role'], true> = { lead: true, co: true };
const DECISION_WHENS: Record<DecisionNode['branches'][number]['when'], true> = { approved: true, denied: true };
const POLICY_KINDS: Record<JoinNode['policy']['kind'], true> = { all: true, leadPlusQuorum: true };

const STEP_KINDS = Object.keys(STEP_KIND_ACTIONS) as StepKind[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function loadSchema(): Schema {
  return JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as Schema;
}

function loadExamples(): { file: string; flow: Record<string, unknown> }[] {
  return fs
    .readdirSync(EXAMPLES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, flow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as Record<string, unknown> }));
}

/** Follows local `$ref`s (`#/$defs/…`) until a schema without one. */
function resolve(root: Schema, schema: unknown): Schema {
  let current = schema;
  for (let depth = 0; isRecord(current) && typeof current.$ref === 'string'; depth++) {
    if (depth > 20) throw new Error(`$ref loop at ${current.$ref}`);
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`non-local $ref ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (isRecord(node) ? node[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), root);
  }
  if (!isRecord(current)) throw new Error('a $ref resolves to nothing');
  return current;
}

/** Every `enum` in the schema, by JSON pointer. */
function collectEnums(value: unknown, pointer = ''): Map<string, unknown[]> {
  const found = new Map<string, unknown[]>();
  const visit = (node: unknown, at: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${at}/${i}`));
    } else if (isRecord(node)) {
      for (const [key, child] of Object.entries(node)) {
        if (key === 'enum' && Array.isArray(child)) found.set(`${at}/enum`, child);
        else visit(child, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      }
    }
  };
  visit(value, pointer);
  return found;
}

/** The `const` of each variant's discriminating property. */
function variantConsts(root: Schema, schema: Schema, property: string): unknown[] {
  const variants = schema.oneOf;
  if (!Array.isArray(variants)) throw new Error('no oneOf');
  return variants.map((variant) => {
    const properties = resolve(root, variant).properties;
    return isRecord(properties) && isRecord(properties[property]) ? properties[property].const : undefined;
  });
}

/** A variant matches when every `const` among its properties equals the value's field. */
function constsMatch(root: Schema, variant: Schema, value: Record<string, unknown>): boolean {
  const properties = isRecord(variant.properties) ? variant.properties : {};
  return Object.entries(properties).every(([key, child]) => {
    const property = resolve(root, child);
    return !('const' in property) || property.const === value[key];
  });
}

/**
 * Field-level check of a value against the schema: under `additionalProperties: false` every field must
 * be declared, every `required` field present, enums and consts respected; `oneOf` picks its one variant
 * by the consts (the discriminators). allOf/if/then, patterns and bounds are not looked at.
 */
function fieldProblems(root: Schema, schema: unknown, value: unknown, where: string, problems: string[]): void {
  const s = resolve(root, schema);
  if (Array.isArray(s.enum) && !s.enum.includes(value)) problems.push(`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  if ('const' in s && s.const !== value) problems.push(`${where}: ${JSON.stringify(value)} is not ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.oneOf) && isRecord(value)) {
    const matches = s.oneOf.map((variant) => resolve(root, variant)).filter((variant) => constsMatch(root, variant, value));
    if (matches.length !== 1) problems.push(`${where}: matches ${matches.length} of the oneOf variants, not 1`);
    else fieldProblems(root, matches[0], value, where, problems);
  }
  if (isRecord(value)) {
    const properties = isRecord(s.properties) ? s.properties : {};
    for (const required of Array.isArray(s.required) ? (s.required as string[]) : []) {
      if (!(required in value)) problems.push(`${where}: required field "${required}" is missing`);
    }
    for (const [key, child] of Object.entries(value)) {
      if (key in properties) fieldProblems(root, properties[key], child, `${where}.${key}`, problems);
      else if (s.additionalProperties === false) problems.push(`${where}: field "${key}" is not declared in the schema`);
    }
  }
  if (Array.isArray(value) && s.items !== undefined) {
    value.forEach((item, i) => fieldProblems(root, s.items, item, `${where}[${i}]`, problems));
  }
}

function problemsOf(schema: Schema, flow: unknown): string[] {
  const problems: string[] = [];
  fieldProblems(schema, schema, flow, '$', problems);
  return problems;
}

/** The node schema for a node type, through the discriminated oneOf. */
function nodeSchema(schema: Schema, type: string): Schema {
  const node = resolve(schema, { $ref: '#/$defs/node' });
  const variant = (node.oneOf as unknown[])
    .map((v) => resolve(schema, v))
    .find((v) => isRecord(v.properties) && isRecord(v.properties.type) && v.properties.type.const === type);
  if (!variant) throw new Error(`no node schema for type ${type}`);
  return variant;
}

/** The ```json blocks of the doc that are whole flow definitions. */
function documentedFlows(): unknown[] {
  const doc = fs.readFileSync(DOC_PATH, 'utf8');
  const flows: unknown[] = [];
  for (const match of doc.matchAll(/```json\n([\s\S]*?)```/g)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(match[1]!);
    } catch {
      continue; // a fragment (nodes, an API answer …)
    }
    if (isRecord(parsed) && 'dsl' in parsed) flows.push(parsed);
  }
  return flows;
}

const sorted = (values: readonly unknown[]): unknown[] => [...values].map(String).sort();

describe('docs/flow-dsl.schema.json', () => {
  it('(a) parses as JSON and is a draft 2020-12 schema of an object with dsl, name and nodes', () => {
    const text = fs.readFileSync(SCHEMA_PATH, 'utf8');
    expect(() => JSON.parse(text)).not.toThrow();
    const schema = loadSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(['dsl', 'name', 'nodes']);
    expect(schema.additionalProperties).toBe(false);
    expect((schema.properties as Schema).dsl).toMatchObject({ const: 1 });
    expect(String(schema.description)).toMatch(/compiler/);
  });

  it('every $ref resolves', () => {
    const schema = loadSchema();
    const refs: string[] = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (isRecord(node))
        for (const [key, child] of Object.entries(node)) {
          if (key === '$ref') refs.push(String(child));
          else visit(child);
        }
    };
    visit(schema);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(() => resolve(schema, { $ref: ref })).not.toThrow();
  });

  describe('(b) its enums equal the DSL constants of #domain', () => {
    it('has exactly the expected enums', () => {
      const expected = [
        '/$defs/node/properties/type/enum',
        '/$defs/stepKind/enum',
        '/$defs/stepAction/enum',
        ...STEP_KINDS.map((kind) => `/$defs/${kind}Actions/enum`),
        '/$defs/orgLevel/enum',
        '/$defs/limitUnit/enum',
        '/$defs/branchRole/enum',
        '/$defs/decisionWhen/enum',
        '/$defs/flowOutcome/enum',
      ];
      expect([...collectEnums(loadSchema()).keys()].sort()).toEqual(expected.sort());
    });

    it('step actions = STEP_ACTIONS, org levels = ORG_LEVELS, outcomes = FLOW_OUTCOMES, step kinds = keys of STEP_KIND_ACTIONS', () => {
      const enums = collectEnums(loadSchema());
      expect(enums.get('/$defs/stepAction/enum')).toEqual([...STEP_ACTIONS]);
      expect(enums.get('/$defs/orgLevel/enum')).toEqual([...ORG_LEVELS]);
      expect(enums.get('/$defs/flowOutcome/enum')).toEqual([...FLOW_OUTCOMES]);
      expect(enums.get('/$defs/stepKind/enum')).toEqual(STEP_KINDS);
    });

    it.each(STEP_KINDS)('the actions of a %s step = STEP_KIND_ACTIONS[kind], applied by an if/then on kind', (kind) => {
      const schema = loadSchema();
      expect(collectEnums(schema).get(`/$defs/${kind}Actions/enum`)).toEqual([...STEP_KIND_ACTIONS[kind]]);
      const rules = nodeSchema(schema, 'task').allOf as Schema[];
      const rule = rules.find((r) => isRecord(r.if) && JSON.stringify(r.if).includes(`"kind":{"const":"${kind}"}`));
      expect(rule).toBeDefined();
      expect(JSON.stringify(rule!.then)).toContain(`"$ref":"#/$defs/${kind}Actions"`);
    });

    it('a decision step must list decide', () => {
      const rules = nodeSchema(loadSchema(), 'task').allOf as Schema[];
      const rule = rules.find((r) => JSON.stringify(r.if).includes('"kind":{"const":"decision"}'));
      expect(JSON.stringify(rule!.then)).toContain('"contains":{"const":"decide"}');
    });

    it('node types, actor kinds, limit units, branch roles, decision whens and join policy kinds equal the DSL unions', () => {
      const schema = loadSchema();
      const enums = collectEnums(schema);
      expect(sorted(enums.get('/$defs/node/properties/type/enum')!)).toEqual(sorted(Object.keys(NODE_TYPES)));
      expect(sorted(variantConsts(schema, resolve(schema, { $ref: '#/$defs/node' }), 'type'))).toEqual(sorted(Object.keys(NODE_TYPES)));
      expect(sorted(variantConsts(schema, resolve(schema, { $ref: '#/$defs/actor' }), 'kind'))).toEqual(sorted(Object.keys(ACTOR_KINDS)));
      expect(sorted(variantConsts(schema, resolve(schema, { $ref: '#/$defs/joinPolicy' }), 'kind'))).toEqual(sorted(Object.keys(POLICY_KINDS)));
      expect(sorted(enums.get('/$defs/limitUnit/enum')!)).toEqual(sorted(Object.keys(LIMIT_UNITS)));
      expect(sorted(enums.get('/$defs/branchRole/enum')!)).toEqual(sorted(Object.keys(BRANCH_ROLES)));
      expect(sorted(enums.get('/$defs/decisionWhen/enum')!)).toEqual(sorted(Object.keys(DECISION_WHENS)));
    });
  });

  describe('(c) the example flows use only fields the schema declares, and every required one', () => {
    const examples = loadExamples();

    it('there are four examples, covering all six node types', () => {
      expect(examples.map((e) => e.file)).toEqual([
        'county-permit.json',
        'county-review-city-approval.json',
        'enterprise-establishment.json',
        'township-intake.json',
      ]);
      const types = new Set(examples.flatMap((e) => (e.flow.nodes as { type: string }[]).map((n) => n.type)));
      expect(sorted([...types])).toEqual(sorted(Object.keys(NODE_TYPES)));
    });

    it.each(examples.map((e) => [e.file, e.flow] as const))('%s', (_file, flow) => {
      const schema = loadSchema();
      expect(problemsOf(schema, flow)).toEqual([]);
      for (const node of flow.nodes as Record<string, unknown>[]) {
        const declared = nodeSchema(schema, String(node.type));
        const properties = Object.keys(declared.properties as Schema);
        for (const field of Object.keys(node))
          expect({ node: node.id, field, declared: properties.includes(field) }).toEqual({ node: node.id, field, declared: true });
        for (const field of declared.required as string[])
          expect({ node: node.id, field, present: field in node }).toEqual({ node: node.id, field, present: true });
      }
    });

    it('the check itself catches an undeclared field, a missing required field and an unknown value', () => {
      const schema = loadSchema();
      const flow = JSON.parse(JSON.stringify(examples.find((e) => e.file === 'enterprise-establishment.json')!.flow)) as { nodes: Record<string, unknown>[] };
      const byId = (id: string) => flow.nodes.find((n) => n.id === id)!;
      byId('intake').onreject = 'notAccepted';
      delete byId('gsReview').limit;
      (byId('merge').policy as Record<string, unknown>).kind = 'majority';
      (byId('decide').actor as Record<string, unknown>).level = 'province';
      const problems = problemsOf(schema, flow);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringContaining('field "onreject" is not declared'),
          expect.stringContaining('required field "limit" is missing'),
          expect.stringMatching(/nodes\[\d+\]\.policy: matches 0 of the oneOf variants/),
          expect.stringMatching(/actor\.level: "province" is not one of/),
        ]),
      );
    });
  });
});

describe('docs/flow-dsl.md', () => {
  it('tabulates exactly the rules of FLOW_RULES', () => {
    const doc = fs.readFileSync(DOC_PATH, 'utf8');
    const section = doc.slice(doc.indexOf("## The compiler's checks"), doc.indexOf('## ', doc.indexOf("## The compiler's checks") + 3));
    const rules = [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    expect(rules).toEqual([...FLOW_RULES]);
  });

  it('its complete example compiles, with the critical path it states', () => {
    const flows = documentedFlows();
    expect(flows).toHaveLength(1);
    const context: FlowContext = {
      promisedDays: 5,
      legalDays: 20,
      departments: { community: [], township: [], county: ['GS'], city: [] },
      posts: [],
    };
    const result = compileFlow(flows[0], context);
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(result.ok && result.plan.criticalPathHours).toBe(36);
    const tooShort = compileFlow(flows[0], { ...context, promisedDays: 4 });
    expect(tooShort.ok ? [] : tooShort.problems.map((p) => p.rule)).toEqual(['critical-path-exceeds-promised']);
    expect(problemsOf(loadSchema(), flows[0])).toEqual([]);
  });
});
