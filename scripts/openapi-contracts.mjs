// `npm run openapi:contracts`: what each API route answers, read from the TypeScript sources, for the
// OpenAPI document (apps/api/src/common/openapi/route-contracts.json):
//   - the JSON schema of its success answer, from the handler's return type (as JSON.stringify sends
//     it: a Date as a string, undefined fields left out; a StreamableFile as a binary download);
//   - the error codes its code can throw: every ErrorCode.X reachable from the handler through the
//     functions and methods it calls in this project (a superset: a branch the route never takes
//     still counts). Codes a workflow's validator answers cross Temporal and are not seen here: the
//     handler lists them with @ApiErrors.
// `--check` writes nothing and exits 1 when the file is not what the sources say (the document test
// runs it), so a changed service cannot leave the document behind. Each handler's doc comment becomes
// its operation's description.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
const OUT = path.join(root, 'apps/api/src/common/openapi/route-contracts.json');
const HTTP_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);

const config = ts.getParsedCommandLineOfConfigFile(
  path.join(root, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
const program = ts.createProgram({
  rootNames: config.fileNames.filter((f) => f.includes('/apps/api/src/')),
  options: { ...config.options, noEmit: true, incremental: false },
});
const checker = program.getTypeChecker();

const inProject = (file) => file && !file.isDeclarationFile && !file.fileName.includes('/node_modules/') && file.fileName.startsWith(root);

// ---- response schemas ------------------------------------------------------------------------
const components = {};
const componentOf = new Map(); // declaration node → component name
const expanding = new Set();

function decoratorName(decorator) {
  const expression = decorator.expression;
  const callee = ts.isCallExpression(expression) ? expression.expression : expression;
  return ts.isIdentifier(callee) ? callee.text : undefined;
}

function namedDeclaration(type) {
  if (type.aliasSymbol && !type.aliasTypeArguments?.length) return { name: type.aliasSymbol.name, decl: type.aliasSymbol.declarations?.[0] };
  const symbol = type.getSymbol();
  if (!symbol || !(symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface))) return undefined;
  if (type.typeArguments?.length || checker.getTypeArguments?.(type)?.length) return undefined;
  const decl = symbol.declarations?.[0];
  if (!decl || !inProject(decl.getSourceFile())) return undefined;
  return { name: symbol.name, decl };
}

function isStreamable(type) {
  const symbol = type.getSymbol();
  return symbol?.name === 'StreamableFile' || symbol?.name === 'Buffer' || symbol?.name === 'Uint8Array';
}

/** { schema, optional } of a type as JSON.stringify writes it. */
function schemaOf(type) {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
  if (type.flags & ts.TypeFlags.Union) return unionSchema(type.types);
  if (type.flags & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [type.value] };
  if (type.flags & ts.TypeFlags.NumberLiteral) return { type: Number.isInteger(type.value) ? 'integer' : 'number', enum: [type.value] };
  if (type.flags & ts.TypeFlags.BooleanLiteral) return { type: 'boolean' };
  if (type.flags & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) return { type: 'string' };
  if (type.flags & ts.TypeFlags.Number) return { type: 'number' };
  if (type.flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
  if (type.flags & ts.TypeFlags.BigInt) return { type: 'string' };
  if (type.flags & ts.TypeFlags.Null) return { nullable: true };
  if (type.flags & ts.TypeFlags.EnumLiteral && type.flags & ts.TypeFlags.Union) return unionSchema(type.types);
  if (isStreamable(type)) return { type: 'string', format: 'binary' };
  const symbol = type.getSymbol();
  if (symbol?.name === 'Date') return { type: 'string', format: 'date-time' };
  if (checker.isTupleType(type)) {
    const items = checker.getTypeArguments(type).map(schemaOf);
    return { type: 'array', items: items.length ? { anyOf: items } : {}, minItems: items.length, maxItems: items.length };
  }
  if (checker.isArrayType(type)) return { type: 'array', items: schemaOf(checker.getTypeArguments(type)[0]) };
  if (type.flags & ts.TypeFlags.Object || type.flags & ts.TypeFlags.Intersection) {
    const named = namedDeclaration(type);
    if (named) return refTo(named, type);
    if (expanding.has(type)) return { type: 'object' };
    expanding.add(type);
    try {
      return objectSchema(type);
    } finally {
      expanding.delete(type);
    }
  }
  return {};
}

function refTo(named, type) {
  let name = componentOf.get(named.decl);
  if (!name) {
    name = named.name;
    for (let i = 2; Object.values(Object.fromEntries(componentOf)).includes(name) || (components[name] && !componentOf.has(named.decl)); i++)
      name = `${named.name}${i}`;
    componentOf.set(named.decl, name);
    components[name] = {};
    expanding.add(type);
    components[name] = objectSchema(type);
    expanding.delete(type);
  }
  return { $ref: `#/components/schemas/${name}` };
}

function objectSchema(type) {
  const properties = {};
  const required = [];
  for (const property of checker.getPropertiesOfType(type)) {
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    if (!declaration) continue;
    const propertyType = checker.getTypeOfSymbolAtLocation(property, declaration);
    if (propertyType.getCallSignatures().length > 0 && !(propertyType.flags & ts.TypeFlags.Union)) continue; // methods are not sent
    const { optional, ...schema } = withOptional(propertyType);
    if (isEmptyUndefined(propertyType)) continue;
    properties[property.name] = schema;
    if (!optional && !(property.flags & ts.SymbolFlags.Optional)) required.push(property.name);
  }
  const schema = { type: 'object', properties };
  if (required.length) schema.required = required;
  const index = checker.getIndexInfosOfType(type).find((info) => info.keyType.flags & (ts.TypeFlags.String | ts.TypeFlags.Number));
  if (index) schema.additionalProperties = withOptional(index.type).schema ?? schemaOf(index.type);
  return schema;
}

function isEmptyUndefined(type) {
  return Boolean(type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void | ts.TypeFlags.Never));
}

/** A property's schema, and whether it may be missing (a union with undefined: JSON leaves it out). */
function withOptional(type) {
  if (type.flags & ts.TypeFlags.Union && type.types.some(isEmptyUndefined)) {
    const rest = type.types.filter((t) => !isEmptyUndefined(t));
    return { ...(rest.length === 1 ? schemaOf(rest[0]) : unionSchema(rest)), optional: true };
  }
  return schemaOf(type);
}

function unionSchema(types) {
  const present = types.filter((t) => !isEmptyUndefined(t));
  const nullable = present.some((t) => t.flags & ts.TypeFlags.Null);
  const members = present.filter((t) => !(t.flags & ts.TypeFlags.Null));
  let schema;
  if (members.length > 0 && members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) schema = { type: 'boolean' };
  else if (members.length > 0 && members.every((t) => t.flags & ts.TypeFlags.StringLiteral)) schema = { type: 'string', enum: members.map((t) => t.value) };
  else if (members.length > 0 && members.every((t) => t.flags & ts.TypeFlags.NumberLiteral)) schema = { type: 'number', enum: members.map((t) => t.value) };
  else {
    // true | false inside a wider union: one boolean
    const booleans = members.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    const others = members.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral)).map(schemaOf);
    if (booleans.length) others.push({ type: 'boolean' });
    const distinct = [...new Map(others.map((s) => [JSON.stringify(s), s])).values()];
    schema = distinct.length === 1 ? distinct[0] : { anyOf: distinct };
  }
  if (schema.enum && schema.enum.every((v) => Number.isInteger(v))) schema.type = schema.type === 'number' ? 'integer' : schema.type;
  if (nullable) {
    if (schema.$ref) schema = { allOf: [schema], nullable: true };
    else if (schema.anyOf) schema = { ...schema, nullable: true };
    else schema = { ...schema, nullable: true };
    if (schema.enum) schema.enum = [...schema.enum, null];
  }
  return schema;
}

// ---- reachable error codes -------------------------------------------------------------------
const errorCodeDeclaration = (() => {
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.endsWith('/libs/domain/src/errors.ts')) continue;
    for (const statement of file.statements) {
      if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) if (d.name.getText() === 'ErrorCode') return d;
    }
  }
  throw new Error('ErrorCode not found in libs/domain/src/errors.ts');
})();
const codesOf = new Map(); // function-like declaration → Set of codes

function resolved(symbol) {
  return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

function codesReachableFrom(declaration) {
  const known = codesOf.get(declaration);
  if (known) return known;
  const codes = new Set();
  codesOf.set(declaration, codes);
  const visit = (node) => {
    if (ts.isPropertyAccessExpression(node)) {
      const target = resolved(checker.getSymbolAtLocation(node.expression));
      if (target?.valueDeclaration === errorCodeDeclaration) codes.add(node.name.text);
    }
    if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
      const symbol = resolved(checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node) ? node.name : node));
      for (const callee of symbol?.declarations ?? []) {
        const body = functionLike(callee);
        if (body && body !== declaration && inProject(body.getSourceFile())) for (const code of codesReachableFrom(body)) codes.add(code);
      }
    }
    ts.forEachChild(node, visit);
  };
  if (declaration.body) visit(declaration.body);
  else if (declaration.initializer) visit(declaration.initializer);
  return codes;
}

function functionLike(declaration) {
  if (
    ts.isFunctionDeclaration(declaration) ||
    ts.isMethodDeclaration(declaration) ||
    ts.isGetAccessorDeclaration(declaration) ||
    ts.isConstructorDeclaration(declaration)
  )
    return declaration.body ? declaration : undefined;
  if (
    ts.isVariableDeclaration(declaration) &&
    declaration.initializer &&
    (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer))
  )
    return declaration;
  if (
    ts.isPropertyDeclaration(declaration) &&
    declaration.initializer &&
    (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer))
  )
    return declaration;
  return undefined;
}

// ---- the routes ------------------------------------------------------------------------------
const routes = {};
for (const file of program.getSourceFiles()) {
  if (!file.fileName.startsWith(path.join(root, 'apps/api/src/')) || !file.fileName.endsWith('.controller.ts')) continue;
  for (const statement of file.statements) {
    if (!ts.isClassDeclaration(statement) || !statement.name) continue;
    if (!(ts.getDecorators(statement) ?? []).some((d) => decoratorName(d) === 'Controller')) continue;
    for (const member of statement.members) {
      if (!ts.isMethodDeclaration(member) || !(ts.getDecorators(member) ?? []).some((d) => HTTP_DECORATORS.has(decoratorName(d)))) continue;
      const signature = checker.getSignatureFromDeclaration(member);
      const answer = checker.getAwaitedType(checker.getReturnTypeOfSignature(signature));
      const symbol = checker.getSymbolAtLocation(member.name);
      const description = symbol
        ? ts
            .displayPartsToString(symbol.getDocumentationComment(checker))
            .replace(/\s*\n\s*/g, ' ')
            .trim()
        : '';
      routes[`${statement.name.text}.${member.name.getText()}`] = {
        ...(description ? { description } : {}),
        response: schemaOf(answer),
        errors: [...codesReachableFrom(member)].sort(),
      };
    }
  }
}

const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
const text = `${JSON.stringify({ routes: sorted(routes), components: sorted(components) }, null, 2)}\n`;
if (process.argv.includes('--check')) {
  const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
  if (current !== text) {
    console.error(`${path.relative(root, OUT)} is not what the sources say: run npm run openapi:contracts`);
    process.exit(1);
  }
  console.log(`${path.relative(root, OUT)}: up to date (${Object.keys(routes).length} routes)`);
} else {
  fs.writeFileSync(OUT, text);
  console.log(`wrote ${path.relative(root, OUT)} (${Object.keys(routes).length} routes, ${Object.keys(components).length} schemas)`);
}
