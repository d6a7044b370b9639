// Bad input, generated: every route the API has (from the route metadata, so a new route is fuzzed
// without anyone listing it), called by the roles it admits with path parameters, queries and bodies of
// wrong shapes derived from its OpenAPI description (the DTOs' properties with values of other types,
// unknown keys, arbitrary JSON, junk multipart fields and files). Each answer must be a 4xx with a
// `code` (or a success for a request that happens to be valid) — never a 500 — and a refused request
// must change no row of any table. Also: oversized JSON bodies and uploads get 413 on every route that
// takes them, and published flows refuse arbitrary and mutated definitions with 400/422.
//
// Runs on a database and task queue of its own, so that row counts are this file's alone.
// FUZZ_RUNS (12): generated requests per route; FUZZ_SEED to vary them.
import type { Role } from '#domain';
import { createDataSource, seedDemo } from '#persistence';
import { DiscoveryService } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { RouteAccessVerifier, type RouteAccess } from '../src/common/auth/route-access';
import { DEMO_USER_OF_ROLE } from '../../../test/demo-users';
import { createScratchDatabase, dropScratchDatabase } from '../../../test/test-database';
import { type RunningWorker, startTestApp, startTestWorker, type TestApp } from '../../../test/test-app';

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
/**
 * Records a refused request is meant to leave: refused case actions, violations, supervisors' reads (append-only),
 * and the rate-limit counters, which count refused attempts too.
 */
const WRITTEN_ON_REFUSAL = new Set(['case_refusals', 'case_alarms', 'supervision_audit', 'rate_limit_counters']);
/** Upload routes that refuse an unknown id before reading the upload (a guard ahead of multer), and how. */
const REFUSED_BEFORE_BODY: Record<string, string> = { 'POST /api/documents/:id/verify': 'DOCUMENT_NOT_FOUND' };
const UPLOAD_TOO_LARGE = 21 * 1024 * 1024; // above every upload limit (20 MiB materials, 10 MiB workbooks)
const JSON_TOO_LARGE = 1024 * 1024 + 1024; // above BODY_LIMIT_BYTES

interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema?: SchemaRef }> };
}
interface SchemaRef {
  $ref?: string;
  properties?: Record<string, unknown>;
}
type Method = 'get' | 'post' | 'put' | 'delete' | 'patch';

interface GeneratedRequest {
  role: Role | undefined;
  params: string[];
  query: Record<string, unknown>;
  body: unknown;
  multipart?: { fields: Record<string, string>; file?: { bytes: Uint8Array; name: string } };
}

/** Text PostgreSQL cannot store, and days that do not exist (issue 13: each once answered 500). */
const unstorableText = fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '2026-02-30', '2026-13-45', '0000-00-00');
const junkText = fc.oneof(
  unstorableText,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../../etc/passwd',
    '%00',
    '0',
    '-1',
    '1e309',
    'NaN',
    'null',
    'true',
    '{}',
    '[]',
    "' OR 1=1 --",
    '<script>',
    '33030300GS-XK-0001',
    '00000000-0000-4000-8000-000000000000',
  ),
  fc.uuid(),
  fc.string({ minLength: 300, maxLength: 2000 }),
);
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  junkText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.array(junkText, { minLength: 101, maxLength: 120 }),
);
/** Query values stay under Node's 16 KiB header limit (past it Node answers 431 before the API sees the request). */
const wrongQueryValue: fc.Arbitrary<unknown> = fc.oneof(
  // Not a lone surrogate here: the query string encoder cannot write one.
  fc.constantFrom('\u0000', 'a\u0000b', '2026-02-30', '2026-13-45'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', '-1', '1e309', 'NaN', 'null', 'true', '[]', "' OR 1=1 --", '0', '99999999999999999999'),
  fc.integer().map(String),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 }),
  fc.string({ minLength: 300, maxLength: 1000 }),
);

/** A path segment; a lone surrogate (no UTF-8 form) goes as the bytes a broken client would send. */
function segment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value
      .split('')
      .map((c) => (/[\ud800-\udfff]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c)))
      .join('');
  }
}

function concretePath(route: RouteAccess, params: string[]): string {
  let i = 0;
  return route.path.replace(/:[A-Za-z]+/g, () => segment(params[i++] ?? 'x'));
}

/** Routes with a file upload: their handler declares @ApiConsumes('multipart/form-data') (with FileInterceptor). */
let uploadHandlers = new Set<string>();
function takesFile(route: RouteAccess): boolean {
  return uploadHandlers.has(route.handler);
}

function requestArbitrary(route: RouteAccess, operation: Operation | undefined, schemas: Record<string, SchemaRef>): fc.Arbitrary<GeneratedRequest> {
  const paramCount = (route.path.match(/:[A-Za-z]+/g) ?? []).length;
  const queryNames = (operation?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const content = operation?.requestBody?.content ?? {};
  const resolve = (schema?: SchemaRef) => (schema?.$ref ? schemas[schema.$ref.split('/').pop()!] : schema);
  const jsonProps = Object.keys(resolve(content['application/json']?.schema)?.properties ?? {});
  const multipart = takesFile(route);
  const formProps = Object.keys(resolve(content['multipart/form-data']?.schema)?.properties ?? {}).filter((p) => p !== 'file');
  const known = (names: string[], values = wrongValue) =>
    fc
      .tuple(
        fc.record(Object.fromEntries(names.map((n) => [n, values])), { requiredKeys: [] }),
        fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), values)),
      )
      .map(([o, extra]) => (extra ? { ...o, [extra[0]]: extra[1] } : o));
  const roles: (Role | undefined)[] = route.access === 'public' ? [undefined, 'admin'] : route.access;
  return fc.record({
    role: fc.constantFrom(...roles),
    params: fc.array(junkText, { minLength: paramCount, maxLength: paramCount }),
    query: fc.oneof(known(queryNames, wrongQueryValue), fc.constant({})),
    body: fc.oneof(known(jsonProps), fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined)),
    multipart: multipart
      ? fc.record(
          {
            fields: fc.dictionary(
              fc.oneof(fc.constantFrom(...(formProps.length ? formProps : ['kind'])), fc.string({ minLength: 1, maxLength: 8 })),
              junkText.map(String),
              { maxKeys: 5 },
            ),
            file: fc.record({
              bytes: fc.uint8Array({ maxLength: 2048 }),
              name: fc.oneof(fc.constantFrom('a.pdf', 'b.xlsx', 'c.png', '../x', ''), fc.string({ maxLength: 20 })),
            }),
          },
          { requiredKeys: ['fields'] },
        )
      : fc.constant(undefined),
  });
}

describe('bad input, generated from the route metadata', () => {
  let t: TestApp;
  let worker: RunningWorker;
  let dataSource: DataSource;
  let databaseUrl: string;
  let countAll: () => Promise<Record<string, number>>;
  let routes: RouteAccess[];
  let operations: Record<string, Record<string, Operation>>;
  let schemas: Record<string, SchemaRef>;

  beforeAll(async () => {
    databaseUrl = await createScratchDatabase(process.env.ZWT_BASE_DATABASE_URL ?? process.env.DATABASE_URL!, 'zwt_fuzz');
    dataSource = await createDataSource({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 2 }).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await seedDemo(dataSource);
    const overrides = { DATABASE_URL: databaseUrl, TEMPORAL_TASK_QUEUE: `${process.env.TEMPORAL_TASK_QUEUE}-fuzz` };
    t = await startTestApp({ overrides, worker: false });
    worker = await startTestWorker(overrides);
    const tables: string[] = (
      await dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`)
    ).map((r: { tablename: string }) => r.tablename);
    const sql = `SELECT ${tables.map((name) => `(SELECT count(*) FROM "${name}")::int AS "${name}"`).join(', ')}`;
    countAll = async () => (await dataSource.query(sql))[0];
    routes = t.app.get(RouteAccessVerifier).routes();
    uploadHandlers = new Set(
      t.app
        .get(DiscoveryService)
        .getControllers()
        .flatMap(({ metatype }) => {
          if (!metatype) return [];
          const prototype = metatype.prototype as Record<string, unknown>;
          return Object.getOwnPropertyNames(prototype)
            .filter((name) =>
              ((Reflect.getMetadata(DECORATORS.API_CONSUMES, prototype[name] as object) as string[] | undefined) ?? []).includes('multipart/form-data'),
            )
            .map((name) => `${metatype.name}.${name}`);
        }),
    );
    const document = (await t.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, SchemaRef> };
    };
    operations = Object.fromEntries(Object.entries(document.paths).map(([p, ops]) => [p.replace(/\{([A-Za-z]+)\}/g, ':$1'), ops]));
    schemas = document.components?.schemas ?? {};
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    await dataSource?.destroy();
    if (databaseUrl) await dropScratchDatabase(databaseUrl);
  });

  async function send(route: RouteAccess, req: GeneratedRequest) {
    const method = route.method.toLowerCase() as Method;
    let call = t.http[method](concretePath(route, req.params)).query(req.query as Record<string, string>);
    if (req.role) call = call.set('authorization', `Bearer ${await t.tokenFor(DEMO_USER_OF_ROLE[req.role])}`);
    if (req.multipart) {
      for (const [name, value] of Object.entries(req.multipart.fields)) call = call.field(name, value);
      if (req.multipart.file) call = call.attach('file', Buffer.from(req.multipart.file.bytes), req.multipart.file.name || 'file');
      return call;
    }
    return req.body === undefined ? call : call.set('content-type', 'application/json').send(JSON.stringify(req.body));
  }

  it('fuzzes every route the API declares, uploads included', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter(takesFile).length).toBeGreaterThanOrEqual(5);
  });

  it(
    'answers every generated request with a 4xx and a code, or a success, never a 500, and a refusal writes nothing',
    async () => {
      // Failures are collected (one per route, the first found) rather than shrunk: the list is the report.
      const failures = new Map<string, string>();
      let sent = 0;
      for (const route of routes) {
        const key = `${route.method} ${route.path}`;
        const operation = operations[route.path]?.[route.method.toLowerCase()];
        await fc.assert(
          fc.asyncProperty(requestArbitrary(route, operation, schemas), async (req) => {
            if (failures.has(key)) return;
            const before = await countAll();
            const res = await send(route, req);
            sent++;
            const sample = JSON.stringify(req).slice(0, 300);
            const as = `as ${req.role ?? 'anyone'}: ${res.status} ${res.body?.code ?? ''}`;
            if (res.status >= 500) failures.set(key, `${as} for ${sample}`);
            else if (res.status >= 400) {
              if (typeof res.body?.code !== 'string') failures.set(key, `${as}: no code in ${JSON.stringify(res.body).slice(0, 200)}`);
              const after = await countAll();
              const changed = Object.keys(after).filter((k) => after[k] !== before[k] && !WRITTEN_ON_REFUSAL.has(k));
              if (changed.length > 0) failures.set(key, `${as} changed ${changed.join(', ')} for ${sample}`);
            }
          }),
          { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20131106) },
        );
      }
      expect(Object.fromEntries(failures)).toEqual({});
      expect(sent).toBe(routes.length * RUNS);
    },
    30 * 60_000,
  );

  it(
    'refuses an oversized JSON body with 413 on every route that takes one',
    async () => {
      const huge = JSON.stringify({ padding: 'x'.repeat(JSON_TOO_LARGE) });
      const takingJson = routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && !takesFile(r));
      expect(takingJson.length).toBeGreaterThan(10);
      const answers = [];
      for (const route of takingJson) {
        const role = route.access === 'public' ? undefined : route.access[0];
        let call = t.http[route.method.toLowerCase() as Method](
          concretePath(
            route,
            (route.path.match(/:[A-Za-z]+/g) ?? []).map(() => '00000000-0000-4000-8000-000000000000'),
          ),
        );
        if (role) call = call.set('authorization', `Bearer ${await t.tokenFor(DEMO_USER_OF_ROLE[role])}`);
        const big = await call.set('content-type', 'application/json').send(huge);
        answers.push([route.method, route.path, big.status, big.body.code]);
      }
      expect(answers.filter(([, , status, code]) => status !== 413 || code !== 'PAYLOAD_TOO_LARGE')).toEqual([]);
    },
    5 * 60_000,
  );

  it(
    'refuses an upload above its limit with 413 on every route that takes a file',
    async () => {
      const uploads = routes.filter(takesFile);
      expect(uploads.length).toBeGreaterThanOrEqual(5);
      const bytes = Buffer.alloc(UPLOAD_TOO_LARGE, 0x25);
      bytes.write('%PDF-1.7\n');
      const before = await countAll();
      const answers = [];
      for (const route of uploads) {
        const role = route.access === 'public' ? undefined : route.access[0];
        let call = t.http[route.method.toLowerCase() as Method](
          concretePath(
            route,
            (route.path.match(/:[A-Za-z]+/g) ?? []).map(() => '00000000-0000-4000-8000-000000000000'),
          ),
        );
        if (role) call = call.set('authorization', `Bearer ${await t.tokenFor(DEMO_USER_OF_ROLE[role])}`);
        const res = await call.attach('file', bytes, 'big.pdf');
        answers.push([route.method, route.path, res.status, res.body.code]);
      }
      const refused = (method: string, path: string, code: string) => code === (REFUSED_BEFORE_BODY[`${method} ${path}`] ?? 'PAYLOAD_TOO_LARGE');
      expect(answers.filter(([method, path, status, code]) => status >= 500 || !refused(method, path, code))).toEqual([]);
      const { rate_limit_counters: _counters, ...after } = await countAll();
      const { rate_limit_counters: _countersBefore, ...unchanged } = before;
      expect(after).toEqual(unchanged);
    },
    5 * 60_000,
  );

  it(
    'refuses arbitrary and mutated flowcharts with 400 or 422 and publishes nothing',
    async () => {
      const example = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../flows/examples/enterprise-establishment.json'), 'utf8')) as {
        nodes: Record<string, unknown>[];
      };
      const authorization = `Bearer ${await t.tokenFor('gs_admin')}`;
      const mutated = fc
        .tuple(
          fc.nat(example.nodes.length - 1),
          fc.constantFrom('id', 'type', 'next', 'actor', 'actions', 'limit', 'branches', 'join', 'policy', 'onReject', 'on', 'kind'),
          wrongValue,
          fc.boolean(),
        )
        .map(([index, key, value, remove]) => {
          const flow = structuredClone(example);
          if (remove) delete flow.nodes[index]![key];
          else flow.nodes[index]![key] = value;
          return flow;
        });
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            mutated,
            fc.jsonValue({ maxDepth: 4 }),
            fc.anything({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v ?? null))),
          ),
          async (definition) => {
            const before = await countAll();
            const res = await t.http
              .put('/api/items/33030300GS-XK-0001/flow')
              .set({ authorization, 'content-type': 'application/json' })
              .send(JSON.stringify(definition));
            if (res.status === 200 || res.status === 201) return; // a mutation that leaves a valid flow
            expect([res.status === 400 || res.status === 422, typeof res.body.code]).toEqual([true, 'string']);
            expect(await countAll()).toEqual(before);
          },
        ),
        { numRuns: RUNS * 5, seed: Number(process.env.FUZZ_SEED ?? 20131106) },
      );
    },
    10 * 60_000,
  );
});
