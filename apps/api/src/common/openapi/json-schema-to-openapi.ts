import type { SchemaObject } from '@nestjs/swagger';
import { STORABLE_TEXT_PATTERN } from './validation-schema';

type Json = Record<string, unknown>;

/** Keywords of JSON Schema 2020-12 that OpenAPI 3.0 has no form of; the schema is looser without them. */
const DROPPED = new Set(['$schema', '$id', '$comment', 'if', 'then', 'else', 'contains', 'minContains', 'maxContains', 'examples']);

/**
 * A JSON Schema (2020-12) as OpenAPI 3.0 component schemas: `$defs` become components named
 * `<prefix>.<name>`, `const` an enum of one, a numeric `exclusiveMinimum` the 3.0 boolean form, and a
 * `$ref` with siblings an `allOf`. Conditionals are dropped (documented in the root's description):
 * a definition valid by the result may still be refused — as docs/flow-dsl.schema.json itself says,
 * the compiler is the authority and answers 422 with every problem.
 */
export function jsonSchemaToComponents(schema: Json, rootName: string, prefix: string): Record<string, SchemaObject> {
  const defs = (schema.$defs ?? {}) as Record<string, Json>;
  const refName = (ref: string) => {
    const match = /^#\/\$defs\/(.+)$/.exec(ref);
    if (ref === '#') return rootName;
    if (!match) throw new Error(`unsupported $ref ${ref}`);
    return `${prefix}.${match[1]}`;
  };
  const convert = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(convert);
    if (!node || typeof node !== 'object') return node;
    const source = node as Json;
    const out: Json = {};
    for (const [key, value] of Object.entries(source)) {
      if (DROPPED.has(key) || key === '$defs') continue;
      if (key === 'const') out.enum = [value];
      else if (key === 'exclusiveMinimum' && typeof value === 'number') {
        out.minimum = value;
        out.exclusiveMinimum = true;
      } else if (key === 'exclusiveMaximum' && typeof value === 'number') {
        out.maximum = value;
        out.exclusiveMaximum = true;
      } else if (key === 'type' && Array.isArray(value)) {
        const types = value.filter((t) => t !== 'null');
        if (types.length !== 1) throw new Error(`unsupported type list ${JSON.stringify(value)}`);
        out.type = types[0];
        if (types.length < value.length) out.nullable = true;
      } else if (key === 'properties' || key === 'patternProperties') {
        out[key] = Object.fromEntries(Object.entries(value as Json).map(([name, sub]) => [name, convert(sub)]));
      } else if (key === '$ref') out.$ref = `#/components/schemas/${refName(String(value))}`;
      else out[key] = convert(value);
    }
    // As every string of the API: no U+0000 (the validation pipe refuses it; validation-schema.ts).
    if (out.type === 'string' && !out.pattern && !out.enum && !out.format) out.pattern = STORABLE_TEXT_PATTERN;
    if (out.$ref && Object.keys(out).length > 1) {
      const { $ref, ...rest } = out;
      return { ...rest, allOf: [{ $ref }] };
    }
    return out;
  };
  const root = convert(schema) as Json;
  if (typeof root.description === 'string') {
    root.description +=
      ' (In this document, the schema’s conditional rules — which actions a step kind allows, one lead branch in a fork — are left out: OpenAPI 3.0 has no form of them; the compiler checks them all.)';
  }
  const components: Record<string, SchemaObject> = { [rootName]: root as SchemaObject };
  for (const [name, def] of Object.entries(defs)) components[`${prefix}.${name}`] = convert(def) as SchemaObject;
  return components;
}
