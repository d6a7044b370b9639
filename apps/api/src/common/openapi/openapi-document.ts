import { ErrorCode } from '#domain';
import { type INestApplication, ParseIntPipe, ParseUUIDPipe, RequestMethod } from '@nestjs/common';
import { GUARDS_METADATA, HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { DECORATORS, DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ReferenceObject, RequestBodyObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import flowDslSchema from '../../../../../docs/flow-dsl.schema.json';
import { PUBLIC_KEY } from '../auth/access.decorators';
import { ERROR_STATUS } from '../errors/error-status';
import { API_ERRORS_KEY, API_FILE_OPTIONAL_KEY } from './openapi.decorators';
import { jsonSchemaToComponents } from './json-schema-to-openapi';
import contracts from './route-contracts.json';
import { type UnexpressedRule, ValidationSchemas } from './validation-schema';

/** The component a flow definition body refers to (docs/flow-dsl.schema.json). */
export const FLOW_DEFINITION_SCHEMA = 'FlowDefinition';
export const ERROR_SCHEMA = 'ErrorResponse';

/** One problem that makes the document incomplete or untrue, found while building it. */
export interface DocumentProblem {
  operation: string;
  problem: string;
}

/** The OpenAPI document at /api/docs-json, completed from the route and validation metadata. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return describeApi(app).document;
}

/**
 * The document and what could not be said in it (rules with no OpenAPI form, routes the explorer
 * missed); the document test requires there be none.
 */
export function describeApi(app: INestApplication): { document: OpenAPIObject; problems: DocumentProblem[]; unexpressed: UnexpressedRule[] } {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('政务通 API')
      .setDescription('县级政府政务公开和政务服务平台：权力事项目录、办理流程、网上办事大厅、电子监察、政务公开')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  const components = (document.components ??= {});
  const schemas = (components.schemas ??= {}) as Record<string, SchemaObject | ReferenceObject>;
  Object.assign(schemas, errorSchemas(), jsonSchemaToComponents(flowDslSchema as Record<string, unknown>, FLOW_DEFINITION_SCHEMA, 'FlowDsl'));
  // The answers' schemas from the sources' types; a class the explorer described (@ApiProperty) keeps its description.
  for (const [name, schema] of Object.entries(contracts.components as unknown as Record<string, SchemaObject>)) schemas[name] ??= schema;
  const validation = new ValidationSchemas(schemas);
  const problems: DocumentProblem[] = [];
  for (const route of routesOf(app)) {
    const operation = document.paths[route.path]?.[route.method];
    if (!operation) {
      problems.push({ operation: `${route.method.toUpperCase()} ${route.path}`, problem: 'missing from the document' });
      continue;
    }
    completeOperation(route, operation, validation, problems);
  }
  delete schemas.Object;
  dropUnreferenced(document);
  return { document, problems, unexpressed: validation.unexpressed };
}

interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** As the document writes it: `/api/cases/{id}`. */
  path: string;
  controller: new (...args: never[]) => unknown;
  handlerName: string;
  handler: object;
}

function routesOf(app: INestApplication): Route[] {
  const scanner = new MetadataScanner();
  const routes: Route[] = [];
  for (const { metatype, instance } of app.get(DiscoveryService).getControllers()) {
    if (!metatype || !instance) continue;
    const controller = metatype as Route['controller'];
    const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const prototype = Object.getPrototypeOf(instance) as Record<string, object>;
    for (const handlerName of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[handlerName]!;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      if (Reflect.getMetadata(DECORATORS.API_EXCLUDE_ENDPOINT, handler)) continue;
      const own = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
      const joined = `/api/${[prefix, own].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '');
      routes.push({
        method: RequestMethod[method].toLowerCase() as Route['method'],
        path: joined.replace(/:([A-Za-z0-9_]+)/g, '{$1}'),
        controller,
        handlerName,
        handler,
      });
    }
  }
  return routes;
}

interface RouteArg {
  type: RouteParamtypes;
  data: string | undefined;
  pipes: unknown[];
  designType: unknown;
}

function argsOf(route: Route): RouteArg[] {
  const metadata = (Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controller, route.handlerName) ?? {}) as Record<
    string,
    { index: number; data?: unknown; pipes?: unknown[] }
  >;
  const designTypes = (Reflect.getMetadata('design:paramtypes', route.controller.prototype as object, route.handlerName) ?? []) as unknown[];
  return Object.entries(metadata)
    .filter(([key]) => /^\d+:\d+$/.test(key))
    .map(([key, arg]) => ({
      type: Number(key.split(':')[0]) as RouteParamtypes,
      data: typeof arg.data === 'string' ? arg.data : undefined,
      pipes: arg.pipes ?? [],
      designType: designTypes[arg.index],
    }));
}

function completeOperation(route: Route, operation: OperationObject, validation: ValidationSchemas, problems: DocumentProblem[]): void {
  const name = `${route.method.toUpperCase()} ${route.path}`;
  const args = argsOf(route);
  const isPublic = Boolean(Reflect.getMetadata(PUBLIC_KEY, route.handler) ?? Reflect.getMetadata(PUBLIC_KEY, route.controller));
  const swaggerParams = (operation.parameters ?? []) as ParameterObject[];
  const described = (where: string, param: string) => swaggerParams.find((p) => p.in === where && p.name === param);
  const parameters: ParameterObject[] = swaggerParams.filter((p) => p.in !== 'path' && p.in !== 'query');

  // Path parameters: every {name} of the path, from the param DTO's rules or the named @Param's pipe.
  const pathNames = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const paramDtos = args.filter((a) => a.type === RouteParamtypes.PARAM && !a.data && ValidationSchemas.isDto(a.designType));
  for (const dto of paramDtos) {
    for (const property of ValidationSchemas.propertiesOf(dto.designType as never)) {
      if (!pathNames.includes(property)) problems.push({ operation: name, problem: `param DTO property ${property} is not in the path` });
    }
  }
  for (const param of pathNames) {
    const base = described('path', param);
    const declared = (base?.schema ?? {}) as SchemaObject;
    const dto = paramDtos.find((a) => ValidationSchemas.propertiesOf(a.designType as never).includes(param));
    let schema: SchemaObject | ReferenceObject;
    if (dto) schema = validation.propertySchema(dto.designType as never, param, declared).schema;
    else {
      // A named @Param: what its pipe checks, over what @ApiParam says the service checks.
      const named = args.find((a) => a.type === RouteParamtypes.PARAM && a.data === param);
      schema = { ...declared, ...(named ? pipeSchema(named.pipes) : { type: 'string' }) };
    }
    delete (schema as SchemaObject).nullable;
    parameters.push(withDescription({ name: param, in: 'path', required: true, schema }, base));
  }

  // Query parameters: the query DTO's properties, each with its rules.
  for (const arg of args.filter((a) => a.type === RouteParamtypes.QUERY)) {
    if (arg.data) {
      parameters.push(withDescription({ name: arg.data, in: 'query', required: false, schema: pipeSchema(arg.pipes) }, described('query', arg.data)));
      continue;
    }
    if (!ValidationSchemas.isDto(arg.designType)) continue;
    for (const property of ValidationSchemas.propertiesOf(arg.designType)) {
      const base = described('query', property);
      const { schema, optional } = validation.propertySchema(arg.designType, property, (base?.schema ?? {}) as SchemaObject);
      delete (schema as SchemaObject).nullable;
      const parameter: ParameterObject = { name: property, in: 'query', required: !optional, schema };
      // Arrays as repeated keys (?status=a&status=b), as Express's query parser reads them.
      if ((schema as SchemaObject).type === 'array') Object.assign(parameter, { style: 'form', explode: true });
      parameters.push(withDescription(parameter, base));
    }
  }
  if (parameters.length > 0) operation.parameters = parameters;
  else delete operation.parameters;

  // The request body: a JSON DTO, a multipart form (the DTO's fields and the file), or a flow definition.
  const bodyArg = args.find((a) => a.type === RouteParamtypes.BODY);
  const fileArg = args.find((a) => a.type === RouteParamtypes.FILE);
  const consumes = (Reflect.getMetadata(DECORATORS.API_CONSUMES, route.handler) ?? []) as string[];
  const multipart = Boolean(fileArg) || consumes.includes('multipart/form-data');
  const swaggerBody = operation.requestBody as RequestBodyObject | undefined;
  let takesBody = false;
  if (multipart) {
    const dto = bodyArg && ValidationSchemas.isDto(bodyArg.designType) ? bodyArg.designType : undefined;
    const form: SchemaObject = dto
      ? validation.objectSchema(dto, validation.component(dto.name))
      : { type: 'object', properties: {}, additionalProperties: false };
    // A form field is text or absent, never null.
    for (const field of Object.values(form.properties ?? {})) delete (field as SchemaObject).nullable;
    form.properties = { ...form.properties, file: { type: 'string', format: 'binary', description: '上传的文件' } };
    if (!Reflect.getMetadata(API_FILE_OPTIONAL_KEY, route.handler)) form.required = [...(form.required ?? []), 'file'];
    operation.requestBody = { required: true, content: { 'multipart/form-data': { schema: form } } };
    takesBody = true;
  } else if (bodyArg && ValidationSchemas.isDto(bodyArg.designType)) {
    const schema = validation.refTo(bodyArg.designType);
    // body-parser reads a missing body as {}: where every field is optional (a PATCH), leaving the body
    // out is a valid request that changes nothing, and the document says so.
    const required = (validation.component(bodyArg.designType.name)?.required ?? []).length > 0;
    operation.requestBody = { ...swaggerBody, required, content: { 'application/json': { schema } } };
    takesBody = true;
  } else if (bodyArg) {
    const declared = swaggerBody?.content?.['application/json']?.schema as ReferenceObject | undefined;
    if (declared?.$ref) {
      operation.requestBody = { ...swaggerBody, required: true, content: { 'application/json': { schema: declared } } };
      takesBody = true;
    } else problems.push({ operation: name, problem: 'a body with neither a DTO nor an @ApiBody schema' });
  } else delete operation.requestBody;

  // Error responses: what every route of its kind can answer, and the codes its service names.
  const contract = (contracts.routes as unknown as Record<string, RouteContract | undefined>)[`${route.controller.name}.${route.handlerName}`];
  if (!contract) problems.push({ operation: name, problem: 'not in route-contracts.json: run npm run openapi:contracts' });
  if (contract?.description && !operation.description) operation.description = contract.description;
  const codes = new Set<ErrorCode>([
    ...((contract?.errors ?? []) as ErrorCode[]),
    ...((Reflect.getMetadata(API_ERRORS_KEY, route.handler) ?? []) as ErrorCode[]),
  ]);
  // The ValidationPipe checks DTOs, a ParseUUIDPipe its parameter; an upload route refuses a missing file.
  if (takesBody || paramDtos.length > 0 || args.some((a) => a.type === RouteParamtypes.QUERY || a.pipes.length > 0)) codes.add(ErrorCode.VALIDATION_FAILED);
  // An empty or odd path segment matches no route; a URL past Node's 16 KiB header limit is refused before routing.
  if (pathNames.length > 0) codes.add(ErrorCode.ROUTE_NOT_FOUND);
  if (parameters.length > 0) codes.add(ErrorCode.REQUEST_HEADERS_TOO_LARGE);
  if (takesBody) codes.add(ErrorCode.PAYLOAD_TOO_LARGE);
  if (takesBody && !multipart) codes.add(ErrorCode.MALFORMED_JSON);
  if (!isPublic) {
    codes.add(ErrorCode.AUTH_REQUIRED);
    codes.add(ErrorCode.AUTH_TOKEN_INVALID);
    codes.add(ErrorCode.FORBIDDEN_ROLE);
  }
  if (isThrottled(route)) codes.add(ErrorCode.RATE_LIMITED);
  codes.add(ErrorCode.SERVICE_UNAVAILABLE);

  const responses = (operation.responses ??= {});
  // A refusal the route declares with a schema of its own (the health report's 503) stays as declared.
  const ownErrors = new Set(
    Object.entries(responses)
      .filter(([status, r]) => Number(status) >= 400 && Object.values((r as ResponseObject).content ?? {}).some((m) => m.schema))
      .map(([status]) => status),
  );
  for (const status of Object.keys(responses)) if (Number(status) >= 400 && !ownErrors.has(status)) delete responses[status];
  const answer = contract?.response as SchemaObject | ReferenceObject | undefined;
  // The explorer leaves out the success answer of a route that declares only refusals (@Roles does).
  if (!Object.keys(responses).some((status) => Number(status) < 400)) {
    const status = (Reflect.getMetadata(HTTP_CODE_METADATA, route.handler) as number | undefined) ?? (route.method === 'post' ? 201 : 200);
    responses[String(status)] = { description: '' };
  }
  // A route that sets its status itself (201 for a new record, 200 for a repeated requestId) answers either.
  const setsStatus = args.some((a) => a.type === RouteParamtypes.RESPONSE) && answer && 'properties' in answer && answer.properties?.created;
  if (setsStatus) {
    const declared = (responses['201'] ?? responses['200'] ?? {}) as ResponseObject;
    responses['201'] = { ...declared, description: declared.description || '新建' };
    responses['200'] = { ...declared, description: '同一 requestId 再次提交：原样答复，不重复办理' };
  }
  for (const [status, response] of Object.entries(responses)) if (Number(status) < 400) completeSuccess(route, response as ResponseObject, answer);
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b))
    if (!ownErrors.has(String(status))) responses[String(status)] = errorResponse(status, list);
  if (!isPublic) operation.security = [{ bearer: [] }];
  else delete operation.security;
}

interface RouteContract {
  description?: string;
  response: unknown;
  errors: string[];
}

const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');
const isBinary = (schema: SchemaObject | ReferenceObject) => 'format' in schema && schema.format === 'binary';

/**
 * A success answer without a declared schema gets the one of the handler's return type: JSON under
 * application/json, a file under the types the route declares it produces (@ApiProduces) or as
 * application/octet-stream, text (SVG, Atom) as a string.
 */
function completeSuccess(route: Route, response: ResponseObject, answer: SchemaObject | ReferenceObject | undefined): void {
  const declared = Object.entries(response.content ?? {}).filter(([, media]) => media.schema);
  const produces = (Reflect.getMetadata(DECORATORS.API_PRODUCES, route.handler) ?? []) as string[];
  if (!answer) return;
  if (declared.length > 0 && produces.length === 0) return;
  const members = 'anyOf' in answer && answer.anyOf ? answer.anyOf : [answer];
  const files = members.filter(isBinary);
  const json = members.filter((m) => !isBinary(m));
  const jsonSchema = json.length === 1 ? json[0]! : { anyOf: json };
  const content: NonNullable<ResponseObject['content']> = {};
  const types = produces.length > 0 ? produces : [files.length > 0 && json.length === 0 ? 'application/octet-stream' : 'application/json'];
  for (const type of types) {
    const already = response.content?.[type]?.schema;
    if (already && isJson(type)) content[type] = { schema: already };
    else if (isJson(type)) content[type] = { schema: jsonSchema };
    else if (files.length > 0) content[type] = { schema: { type: 'string', format: 'binary' } };
    else content[type] = { schema: { type: 'string' } };
  }
  response.content = content;
}

/** Schemas nothing refers to (the explorer's copy of a multipart DTO, answers' types another route had). */
function dropUnreferenced(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
          const name = value.slice('#/components/schemas/'.length);
          if (!used.has(name)) {
            used.add(name);
            visit(schemas[name]);
          }
        } else visit(value);
      }
    }
  };
  visit(document.paths);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
}

function pipeSchema(pipes: unknown[]): SchemaObject {
  if (pipes.some((p) => p instanceof ParseUUIDPipe || p === ParseUUIDPipe)) return { type: 'string', format: 'uuid' };
  if (pipes.some((p) => p instanceof ParseIntPipe || p === ParseIntPipe)) return { type: 'integer' };
  return { type: 'string' };
}

function withDescription(parameter: ParameterObject, base: ParameterObject | undefined): ParameterObject {
  if (base?.description) parameter.description = base.description;
  if (base?.example !== undefined) parameter.example = base.example;
  return parameter;
}

function isThrottled(route: Route): boolean {
  const guards = [
    ...((Reflect.getMetadata(GUARDS_METADATA, route.handler) ?? []) as unknown[]),
    ...((Reflect.getMetadata(GUARDS_METADATA, route.controller) ?? []) as unknown[]),
  ];
  return guards.some((g) => typeof g === 'function' && (g === ThrottlerGuard || g.prototype instanceof ThrottlerGuard));
}

function errorResponse(status: number, codes: ErrorCode[]): ResponseObject {
  return {
    description: codes.join(' / '),
    content: {
      'application/json': {
        schema: {
          allOf: [
            { $ref: `#/components/schemas/${ERROR_SCHEMA}` },
            {
              type: 'object',
              properties: { statusCode: { type: 'integer', enum: [status] }, code: { type: 'string', enum: codes } },
            },
          ],
        },
      },
    },
  };
}

function errorSchemas(): Record<string, SchemaObject> {
  return {
    ErrorDetail: {
      type: 'object',
      description: '出错之处：字段（点分路径）和规则名，或流程图中的节点和规则',
      properties: {
        field: { type: 'string', example: 'promisedDays' },
        rule: { type: 'string', example: 'max' },
        message: { type: 'string' },
      },
      additionalProperties: true,
    },
    [ERROR_SCHEMA]: {
      type: 'object',
      description:
        'Every refusal: the HTTP status, a stable machine-readable code (assert on it, not the message), a message for people (Chinese), and details.',
      required: ['statusCode', 'code', 'message', 'details'],
      properties: {
        statusCode: { type: 'integer', example: 400 },
        code: { type: 'string', enum: Object.values(ErrorCode), example: ErrorCode.VALIDATION_FAILED },
        message: { type: 'string', example: '请求参数有误' },
        details: { type: 'array', items: { $ref: '#/components/schemas/ErrorDetail' } },
      },
      additionalProperties: false,
    },
  };
}
