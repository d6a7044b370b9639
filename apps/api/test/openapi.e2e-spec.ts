// The OpenAPI document (/api/docs-json) is the contract integrators and fuzzers (Schemathesis) read:
// built from the real AppModule, it must be valid OpenAPI 3, and every operation must declare its path
// parameters, its request body (JSON or multipart, with the DTO's rules and additionalProperties: false),
// a success response with a schema, and its error responses with the error schema. Which operations take
// a body or a file is read here from the route metadata, not from the document, so an operation the
// builder misses fails.
import { ErrorCode, ITEM_CODE_PATTERN, type Role } from '#domain';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { DiscoveryService } from '@nestjs/core';
import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, RequestBodyObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RouteAccessVerifier } from '../src/common/auth/route-access';
import { describeApi, ERROR_SCHEMA, FLOW_DEFINITION_SCHEMA } from '../src/common/openapi/openapi-document';
import { DEMO_USER_OF_ROLE } from '../../../test/demo-users';
import { startTestApp, type TestApp } from '../../../test/test-app';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

describe('the OpenAPI document', () => {
  let t: TestApp;
  let document: OpenAPIObject;
  let built: ReturnType<typeof describeApi>;
  let operations: { key: string; method: Method; path: string; operation: OperationObject; handler: string }[];
  /** Controller.method → what its arguments take, from Nest's route metadata. */
  let takes: Map<string, { body: boolean; file: boolean }>;

  const resolve = (schema: SchemaObject | ReferenceObject | undefined): SchemaObject | undefined => {
    if (!schema) return undefined;
    if ('$ref' in schema) return resolve(document.components!.schemas![schema.$ref.split('/').pop()!]);
    return schema;
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
    document = (await t.http.get('/api/docs-json').expect(200)).body as OpenAPIObject;
    built = describeApi(t.app);
    takes = new Map();
    for (const { metatype } of t.app.get(DiscoveryService).getControllers()) {
      if (!metatype) continue;
      for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
        const args = Object.keys((Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {}) as object).map((k) => Number(k.split(':')[0]));
        takes.set(`${metatype.name}.${name}`, { body: args.includes(RouteParamtypes.BODY), file: args.includes(RouteParamtypes.FILE) });
      }
    }
    const byPath = new Map(
      t.app
        .get(RouteAccessVerifier)
        .routes()
        .map((r) => [`${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`, r.handler]),
    );
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'patch', 'delete'] as const)
        .filter((m) => item[m])
        .map((method) => ({ key: `${method.toUpperCase()} ${path}`, method, path, operation: item[method]!, handler: byPath.get(`${method} ${path}`) ?? '' })),
    );
  }, 120_000);
  afterAll(() => t?.close());

  it('is what the builder makes, and it found nothing it could not say', () => {
    expect(document).toEqual(JSON.parse(JSON.stringify(built.document)));
    expect(built.problems).toEqual([]);
    expect(built.unexpressed).toEqual([]);
  });

  it('is valid OpenAPI 3 (checked against the OpenAPI JSON Schema by @seriousme/openapi-schema-validator)', () => {
    // The validator is an ES module; jest's CommonJS runtime cannot load it, so it runs as its CLI.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zwt-openapi-')), 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(document));
    const cli = require.resolve('@seriousme/openapi-schema-validator/bin/validate-api-cli.js');
    const run = spawnSync(process.execPath, [cli, file], { encoding: 'utf8' });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    const result = JSON.parse(run.stdout) as { valid: boolean; errors?: unknown };
    expect(result.errors ?? []).toEqual([]);
    expect([result.valid, run.status]).toEqual([true, 0]);
  });

  it('answers each route with what its sources say (route-contracts.json is regenerated: npm run openapi:contracts)', () => {
    const run = spawnSync(process.execPath, [path.resolve(__dirname, '../../../scripts/openapi-contracts.mjs'), '--check'], { encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([0, '']);
  }, 120_000);

  it('has an operation for every route', () => {
    const routes = t.app.get(RouteAccessVerifier).routes();
    expect(operations.length).toBe(routes.length);
    expect(operations.filter((o) => !o.handler).map((o) => o.key)).toEqual([]);
  });

  it('declares every path parameter of every operation, with a schema', () => {
    const missing = operations.flatMap(({ key, path, operation }) => {
      const declared = ((operation.parameters ?? []) as ParameterObject[]).filter((p) => p.in === 'path' && p.required && p.schema);
      return [...path.matchAll(/\{([^}]+)\}/g)]
        .map((m) => m[1]!)
        .filter((name) => !declared.some((p) => p.name === name))
        .map((name) => `${key} {${name}}`);
    });
    expect(missing).toEqual([]);
  });

  it('declares a request body, closed to unknown fields and optional only where every field is, where an operation takes one; a file where it takes an upload', () => {
    const wrong = operations.flatMap(({ key, operation, handler }) => {
      const route = takes.get(handler)!;
      const body = operation.requestBody as RequestBodyObject | undefined;
      if (!route.body && !route.file) return body ? [`${key}: a body it does not take`] : [];
      if (!body) return [`${key}: no request body`];
      const type = route.file ? 'multipart/form-data' : 'application/json';
      const schema = resolve(body.content[type]?.schema);
      if (!schema) return [`${key}: no ${type} schema`];
      const problems: string[] = [];
      if (schema.additionalProperties !== false) problems.push(`${key}: additionalProperties is not false`);
      // A body may be left out exactly where it has no required field (body-parser reads it as {}).
      if (!route.file && body.required !== (schema.required ?? []).length > 0)
        problems.push(`${key}: required is ${body.required} for a body with required fields ${JSON.stringify(schema.required ?? [])}`);
      if (route.file && (schema.properties?.file as SchemaObject | undefined)?.format !== 'binary') problems.push(`${key}: no binary file field`);
      return problems;
    });
    expect(wrong).toEqual([]);
  });

  it('closes every DTO a request body nests to unknown fields', () => {
    const open: string[] = [];
    const seen = new Set<string>();
    const visit = (schema: SchemaObject | ReferenceObject | undefined, where: string): void => {
      if (!schema) return;
      if ('$ref' in schema) {
        if (seen.has(schema.$ref) || schema.$ref.includes('FlowDsl') || schema.$ref.endsWith(FLOW_DEFINITION_SCHEMA)) return;
        seen.add(schema.$ref);
        const target = resolve(schema)!;
        if (target.type === 'object' && target.additionalProperties !== false) open.push(`${where} → ${schema.$ref}`);
        visit(target, schema.$ref);
        return;
      }
      for (const sub of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) visit(sub, where);
      if (schema.items) visit(schema.items, where);
      for (const property of Object.values(schema.properties ?? {})) visit(property, where);
    };
    for (const { key, operation } of operations) {
      for (const media of Object.values((operation.requestBody as RequestBodyObject | undefined)?.content ?? {})) visit(media.schema, key);
    }
    expect(seen.size).toBeGreaterThan(20);
    expect(open).toEqual([]);
  });

  it('documents a success response with a schema for every operation', () => {
    const missing = operations.filter(
      ({ operation }) =>
        !Object.entries(operation.responses).some(([status, response]) => {
          const content = (response as ResponseObject).content;
          return status.startsWith('2') && content && Object.values(content).length > 0 && Object.values(content).every((m) => m.schema);
        }),
    );
    expect(missing.map((o) => o.key)).toEqual([]);
  });

  it('documents every error response with the error schema and the codes it can carry', () => {
    const wrong = operations.flatMap(({ key, operation }) => {
      const errors = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
      if (errors.length === 0) return [`${key}: no error response`];
      // The health check answers 503 with its report (which part is down), not an error body.
      return errors
        .filter(([status]) => !(key === 'GET /api/health' && status === '503'))
        .flatMap(([status, response]) => {
          const schema = (response as ResponseObject).content?.['application/json']?.schema as SchemaObject | undefined;
          const [ref, own] = schema?.allOf ?? [];
          const codes = ((own as SchemaObject | undefined)?.properties?.code as SchemaObject | undefined)?.enum ?? [];
          const ok =
            (ref as ReferenceObject | undefined)?.$ref === `#/components/schemas/${ERROR_SCHEMA}` &&
            codes.length > 0 &&
            Object.keys((response as ResponseObject).content!).length === 1;
          return ok ? [] : [`${key} ${status}`];
        });
    });
    expect(wrong).toEqual([]);
  });

  it('says who may call: a non-public operation needs the bearer token and answers 401 and 403', () => {
    const routes = new Map(
      t.app
        .get(RouteAccessVerifier)
        .routes()
        .map((r) => [r.handler, r]),
    );
    const wrong = operations.filter(({ operation, handler }) => {
      const isPublic = routes.get(handler)!.access === 'public';
      const codes = (status: string) =>
        (
          (
            ((operation.responses[status] as ResponseObject | undefined)?.content?.['application/json']?.schema as SchemaObject | undefined)?.allOf?.[1] as
              SchemaObject | undefined
          )?.properties?.code as SchemaObject | undefined
        )?.enum ?? [];
      if (isPublic) return operation.security !== undefined || codes('401').includes(ErrorCode.AUTH_REQUIRED);
      return !operation.security || !codes('401').includes(ErrorCode.AUTH_REQUIRED) || !codes('403').includes(ErrorCode.FORBIDDEN_ROLE);
    });
    expect(wrong.map((o) => o.key)).toEqual([]);
  });

  it('answers as it says: every GET it can call with the seeded data, as each role it admits, matches its documented response', async () => {
    // Path values the demo seed has (an item with a published flow, a calendar year); others from examples.
    const SEEDED: Record<string, string> = { code: '33030300AJ-XK-0001', year: '2026' };
    // OpenAPI 3.0 schemas as JSON Schema, the way Schemathesis reads them: `nullable: true` is "or null",
    // a boolean exclusiveMinimum makes the minimum exclusive.
    const toJsonSchema = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(toJsonSchema);
      if (!node || typeof node !== 'object') return node;
      const { nullable, ...rest } = node as Record<string, unknown>;
      if (rest.exclusiveMinimum === true) {
        rest.exclusiveMinimum = rest.minimum;
        delete rest.minimum;
      }
      const converted = Object.fromEntries(
        Object.entries(rest).map(([k, v]) => [
          k,
          k === '$ref' ? String(v).replace('#/components/', 'openapi#/components/') : k === 'enum' || k === 'example' ? v : toJsonSchema(v),
        ]),
      );
      return nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
    };
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'openapi', components: toJsonSchema(document.components) as object }, 'openapi');
    const rewrite = toJsonSchema;
    const routes = new Map(
      t.app
        .get(RouteAccessVerifier)
        .routes()
        .map((r) => [r.handler, r]),
    );
    const mismatches: string[] = [];
    let checked = 0;
    for (const { key, path, method, operation, handler } of operations) {
      if (method !== 'get') continue;
      const query: Record<string, string> = {};
      let url = path;
      let callable = true;
      for (const p of (operation.parameters ?? []) as ParameterObject[]) {
        const example = (p.in === 'path' ? SEEDED[p.name] : undefined) ?? p.example ?? (p.schema as SchemaObject | undefined)?.example;
        if (p.required && example === undefined) callable = false;
        else if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(String(example)));
        else if (p.required) query[p.name] = String(example);
      }
      if (!callable) continue;
      const access = routes.get(handler)!.access;
      for (const role of access === 'public' ? [undefined] : (access as Role[])) {
        const call = t.http.get(url).query(query);
        if (role) call.set('authorization', `Bearer ${await t.tokenFor(DEMO_USER_OF_ROLE[role]!)}`);
        const res = await call;
        const as = `${key} as ${role ?? 'anyone'}: ${res.status}`;
        const documented = operation.responses[String(res.status)] as ResponseObject | undefined;
        if (!documented) {
          mismatches.push(`${as} is not documented (${JSON.stringify(res.body).slice(0, 120)})`);
          continue;
        }
        const schema = documented.content?.['application/json']?.schema;
        if (!schema || !String(res.headers['content-type']).startsWith('application/json')) continue;
        const validate = ajv.compile(rewrite(schema) as object);
        checked++;
        if (!validate(res.body)) mismatches.push(`${as} ${ajv.errorsText(validate.errors?.slice(0, 3))}`);
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('carries the DTOs’ validation rules: types, patterns, lengths, ranges, enums, required', () => {
    const schema = (name: string) => document.components!.schemas![name] as SchemaObject;
    const param = (key: string, name: string) =>
      ((operations.find((o) => o.key === key)!.operation.parameters ?? []) as ParameterObject[]).find((p) => p.name === name);
    expect(param('GET /api/announcements', 'page')).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 10000, default: 1 },
    });
    expect(param('GET /api/announcements', 'pageSize')).toMatchObject({ schema: { type: 'integer', minimum: 1, maximum: 100 } });
    expect(param('GET /api/cases/{id}', 'id')).toMatchObject({ in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
    const fileCase = schema('FileCaseDto');
    expect(fileCase).toMatchObject({ additionalProperties: false, required: expect.arrayContaining(['itemCode', 'requestId', 'materials']) });
    expect(fileCase.required).not.toContain('intakeOrgCode');
    expect(fileCase.properties!.intakeOrgCode).toMatchObject({ type: 'string', pattern: '^\\d{8}[A-Z]{2}$' });
    expect(fileCase.properties!.itemCode).toMatchObject({ type: 'string', pattern: ITEM_CODE_PATTERN.source });
    expect(fileCase.properties!.materials).toMatchObject({ type: 'array', maxItems: 100, items: { type: 'string', maxLength: 200 } });
    expect(fileCase.properties!.applicant).toMatchObject({ allOf: [{ $ref: '#/components/schemas/CaseApplicantDto' }] });
    expect(schema('CaseApplicantDto')).toMatchObject({ additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 200 } } });
    expect(schema('CaseActionDto').properties!.type).toMatchObject({ type: 'string', enum: ['act', 'resubmit', 'withdraw'] });
    expect(schema('CaseActionDto').properties!.feeYuan).toMatchObject({ type: 'number', minimum: 0, maximum: 1_000_000_000 });
  });

  it('types the flow definition body by the flow DSL schema, and an upload by its form', () => {
    const publish = operations.find((o) => o.key === 'PUT /api/items/{code}/flow')!.operation;
    expect((publish.requestBody as RequestBodyObject).content['application/json']!.schema).toEqual({ $ref: `#/components/schemas/${FLOW_DEFINITION_SCHEMA}` });
    expect(document.components!.schemas![FLOW_DEFINITION_SCHEMA]).toMatchObject({
      type: 'object',
      required: ['dsl', 'name', 'nodes'],
      additionalProperties: false,
    });
    const upload = operations.find((o) => o.key === 'POST /api/applicants/materials')!.operation;
    const form = (upload.requestBody as RequestBodyObject).content['multipart/form-data']!.schema as SchemaObject;
    expect(form.required).toContain('file');
    expect(Object.keys(form.properties!).length).toBeGreaterThan(1);
  });
});
