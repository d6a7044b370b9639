import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import type { MetadataStorage as TransformerMetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * OpenAPI schemas of the DTOs, read from class-validator's metadata — the rules the global
 * ValidationPipe applies — so that what the document says a request may carry is what the API
 * accepts, and a validator added to a DTO shows up in the document without anyone writing it twice.
 * @ApiProperty metadata still gives descriptions, examples and defaults (the swagger explorer's
 * schema is the base each property's rules are laid over).
 */

// class-transformer keeps @Type() metadata in a storage its index does not export.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerMetadataStorage };

type Schema = SchemaObject & { additionalProperties?: boolean | SchemaObject | ReferenceObject };
type Constructor = abstract new (...args: never[]) => unknown;

/** What each class-validator rule means for the schema of the value it checks. */
const RULES: Record<string, (schema: Schema, constraints: unknown[]) => void> = {
  isString: (s) => setType(s, 'string'),
  isInt: (s) => setType(s, 'integer'),
  isNumber: (s) => setType(s, s.type === 'integer' ? 'integer' : 'number'),
  isBoolean: (s) => setType(s, 'boolean'),
  isArray: (s) => setType(s, 'array'),
  isObject: (s) => setType(s, 'object'),
  isUuid: (s) => {
    setType(s, 'string');
    s.format = 'uuid';
  },
  isEmail: (s) => {
    setType(s, 'string');
    s.format = 'email';
  },
  // ISO 8601: a date, or a date and time (said as RFC 3339's, which ISO 8601 admits); where the DTO
  // also requires YYYY-MM-DD, a date.
  isIso8601: (s, [options]) => isoDate(s, options),
  isDateString: (s, [options]) => isoDate(s, options),
  // The project's real-date rule (common/validators.ts): YYYY-MM-DD naming a day the calendar has.
  isCalendarDate: (s) => {
    setType(s, 'string');
    s.format = 'date';
    s.pattern = '^\\d{4}-\\d{2}-\\d{2}$';
    delete s.anyOf;
  },
  // The project's money rule (common/validators.ts): yuan to the fen.
  isYuan: (s) => {
    setType(s, 'number');
    s.multipleOf = 0.01;
  },
  isIn: (s, [values]) => setEnum(s, values as unknown[]),
  isEnum: (s, [entity]) => setEnum(s, enumValues(entity as Record<string, unknown>)),
  matches: (s, [pattern]) => {
    setType(s, 'string');
    let source = pattern instanceof RegExp ? pattern.source : String(pattern);
    const flags = pattern instanceof RegExp ? pattern.flags.replace(/[gu]/g, '') : '';
    if (flags === 'i') source = caseInsensitive(source);
    else if (flags !== '') throw new Error(`a pattern with flags /${source}/${flags} has no OpenAPI form`);
    if (s.pattern && s.pattern !== source) s.allOf = [...(s.allOf ?? []), { pattern: source }];
    else s.pattern = source;
    if (isDatePattern(source)) {
      s.format = 'date';
      delete s.anyOf;
    }
  },
  maxLength: (s, [max]) => {
    setType(s, 'string');
    s.maxLength = Math.min(s.maxLength ?? Infinity, Number(max));
  },
  minLength: (s, [min]) => {
    setType(s, 'string');
    s.minLength = Math.max(s.minLength ?? 0, Number(min));
  },
  isLength: (s, [min, max]) => {
    RULES.minLength!(s, [min]);
    if (max !== undefined) RULES.maxLength!(s, [max]);
  },
  // class-validator's isNotEmpty refuses '' (and null/undefined); for a string that is a length of 1.
  isNotEmpty: (s) => {
    if (s.type === 'string' || s.type === undefined) s.minLength = Math.max(s.minLength ?? 0, 1);
  },
  min: (s, [min]) => {
    s.minimum = Math.max(s.minimum ?? -Infinity, Number(min));
    if (s.type === undefined) s.type = 'number';
  },
  max: (s, [max]) => {
    s.maximum = Math.min(s.maximum ?? Infinity, Number(max));
    if (s.type === undefined) s.type = 'number';
  },
  arrayMaxSize: (s, [max]) => {
    setType(s, 'array');
    s.maxItems = Number(max);
  },
  arrayMinSize: (s, [min]) => {
    setType(s, 'array');
    s.minItems = Number(min);
  },
};

/**
 * Teaches the document a custom validator (one made with ValidateBy/registerDecorator, by its name):
 * what the rule means for the schema of the value it checks. A DTO using a rule the document does not
 * know fails the document test (apps/api/test/openapi.e2e-spec.ts), so a new rule is never left out.
 */
export function defineOpenApiRule(name: string, apply: (schema: SchemaObject, constraints: unknown[]) => void): void {
  if (RULES[name]) throw new Error(`the OpenAPI rule ${name} is defined twice`);
  RULES[name] = apply;
}

function setType(schema: Schema, type: NonNullable<SchemaObject['type']>): void {
  // An enum's values already say the type; arrays keep theirs (the rule applied to the items).
  if (schema.type === 'integer' && type === 'number') return;
  schema.type = type;
  if (type !== 'array') delete schema.items;
}

function setEnum(schema: Schema, values: unknown[]): void {
  schema.enum = values;
  const kinds = new Set(values.map((v) => typeof v));
  if (kinds.size === 1) {
    const kind = [...kinds][0];
    if (kind === 'string') schema.type = 'string';
    else if (kind === 'number') schema.type = values.every((v) => Number.isInteger(v)) ? 'integer' : 'number';
    else if (kind === 'boolean') schema.type = 'boolean';
  }
}

function enumValues(entity: Record<string, unknown>): unknown[] {
  // A numeric TypeScript enum maps names to numbers and back: keep the values, not the reverse names.
  return Object.entries(entity)
    .filter(([key]) => !/^\d+$/.test(key))
    .map(([, value]) => value);
}

/** /…/i spelled without the flag (OpenAPI patterns have none): each letter as both cases. */
export function caseInsensitive(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
    } else if (c === '[' && !inClass) {
      inClass = true;
      out += c;
    } else if (c === ']' && inClass) {
      inClass = false;
      out += c;
    } else if (inClass && /[a-z]/i.test(c) && source[i + 1] === '-' && /[a-z]/i.test(source[i + 2] ?? '')) {
      const range = `${c}-${source[i + 2]}`;
      out += range.toLowerCase() + range.toUpperCase();
      i += 2;
    } else if (/[a-z]/i.test(c)) {
      const both = c.toLowerCase() + c.toUpperCase();
      out += inClass ? both : `[${both}]`;
    } else out += c;
  }
  return out;
}

function isDatePattern(source: string): boolean {
  return source === '^\\d{4}-\\d{2}-\\d{2}$';
}

/**
 * ISO 8601 as class-validator (validator.js) reads it, narrower than RFC 3339's date-time: a capital T
 * and Z, seconds 00–59 (no leap second), a fraction after the seconds only. Its strict mode, which
 * every DTO here uses, also checks the day against a JavaScript Date built from the digits, which a
 * year before 1000 does not survive ("0012-07-05" parses as another date): years 1000–9999.
 */
const ISO_TIME_PART = '(T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d+)?)?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)?)?';
const ISO_DATE_TIME_PATTERN = `^\\d{4}-\\d{2}-\\d{2}${ISO_TIME_PART}$`;
const STRICT_ISO_DATE_TIME_PATTERN = `^[1-9]\\d{3}-\\d{2}-\\d{2}${ISO_TIME_PART}$`;
const STRICT_ISO_DATE_PATTERN = '^[1-9]\\d{3}-\\d{2}-\\d{2}$';

function isoDate(schema: Schema, options: unknown): void {
  const strict = (options as { strict?: unknown } | undefined)?.strict === true;
  schema.type = 'string';
  if (schema.format === 'date' || (schema.pattern && isDatePattern(schema.pattern))) {
    schema.format = 'date';
    if (strict) schema.allOf = [...(schema.allOf ?? []), { pattern: STRICT_ISO_DATE_PATTERN }];
  } else {
    schema.anyOf = [{ format: 'date' }, { format: 'date-time' }];
    const pattern = strict ? STRICT_ISO_DATE_TIME_PATTERN : ISO_DATE_TIME_PATTERN;
    if (!schema.pattern) schema.pattern = pattern;
    else schema.allOf = [...(schema.allOf ?? []), { pattern }];
  }
}

/** A class-validator rule the schema cannot say, found while building: the document test lists them. */
export interface UnexpressedRule {
  dto: string;
  property: string;
  rule: string;
}

/**
 * Builds schemas of DTO classes into `components.schemas`, named by class, and the schemas of
 * single properties (for path and query parameters).
 */
export class ValidationSchemas {
  readonly unexpressed: UnexpressedRule[] = [];
  private readonly names = new Map<string, Constructor>();
  private readonly built = new Set<Constructor>();

  constructor(private readonly components: Record<string, Schema | ReferenceObject>) {}

  /** What the explorer made of a class (its @ApiProperty descriptions), if it described it. */
  component(name: string): Schema | undefined {
    const schema = this.components[name];
    return schema && !('$ref' in schema) ? (schema as Schema) : undefined;
  }

  /** `true` when class-validator knows rules for the class: it is a DTO the ValidationPipe checks. */
  static isDto(type: unknown): type is Constructor {
    return typeof type === 'function' && rulesOf(type as Constructor).length > 0;
  }

  /** The properties of a DTO the pipe admits (every property with a rule; others are refused as unknown). */
  static propertiesOf(dto: Constructor): string[] {
    return [...new Set(rulesOf(dto).map((m) => m.propertyName))];
  }

  /** A `$ref` to the DTO's schema, which is built (with the DTOs it nests) into components. */
  refTo(dto: Constructor, base?: Schema): ReferenceObject {
    const name = this.nameOf(dto);
    if (!this.built.has(dto)) {
      this.built.add(dto);
      const existing = (this.components[name] as Schema | undefined) ?? {};
      this.components[name] = this.objectSchema(dto, { ...existing, ...base });
    }
    return { $ref: `#/components/schemas/${name}` };
  }

  /** The DTO as one object schema (a multipart form's fields); nested DTOs by reference. */
  objectSchema(dto: Constructor, base: Schema = {}): Schema {
    const properties: Record<string, Schema | ReferenceObject> = {};
    const required: string[] = [];
    for (const property of ValidationSchemas.propertiesOf(dto)) {
      const baseProperty = (base.properties?.[property] ?? {}) as Schema;
      const { schema, optional } = this.propertySchema(dto, property, baseProperty);
      properties[property] = schema;
      if (!optional) required.push(property);
    }
    const schema: Schema = { ...base, type: 'object', properties, additionalProperties: false };
    if (required.length > 0) schema.required = required;
    else delete schema.required;
    return schema;
  }

  /**
   * One property's schema from its rules, over what @ApiProperty said. `optional`: the pipe lets it
   * be absent (and, with @IsOptional, null — class-validator skips every rule for both).
   */
  propertySchema(dto: Constructor, property: string, base: Schema = {}): { schema: Schema | ReferenceObject; optional: boolean } {
    const rules = rulesOf(dto).filter((m) => m.propertyName === property);
    const designType = Reflect.getMetadata('design:type', (dto as { prototype: object }).prototype, property) as unknown;
    const schema = cleanBase(base);
    const each = rules.some((m) => m.each) || designType === Array || schema.type === 'array';
    let item: Schema = each ? cleanBase((schema.items as Schema | undefined) ?? {}) : schema;
    if (each) schema.type = 'array';
    let optional = false;
    let nullable = false;
    for (const rule of rules) {
      const target = rule.each ? item : schema;
      switch (rule.type) {
        case ValidationTypes.CONDITIONAL_VALIDATION:
          optional = true;
          // @IsOptional passes null as well as undefined; a @ValidateIf condition is the DTO's own.
          if (rule.name === 'isOptional') nullable = true;
          break;
        case ValidationTypes.IS_DEFINED:
          break;
        case ValidationTypes.WHITELIST:
          break;
        case ValidationTypes.NESTED_VALIDATION: {
          const nested = nestedType(dto, property);
          if (!nested) {
            this.unexpressed.push({ dto: dto.name, property, rule: 'nestedValidation without @Type' });
            break;
          }
          const ref = this.refTo(nested);
          if (each) item = ref as Schema;
          else {
            for (const key of Object.keys(schema)) if (key !== 'description' && key !== 'example') delete (schema as Record<string, unknown>)[key];
            schema.allOf = [ref];
          }
          break;
        }
        case ValidationTypes.CUSTOM_VALIDATION: {
          const name = rule.name ?? constraintName(rule);
          const apply = name ? RULES[name] : undefined;
          if (apply) {
            try {
              apply(rule.each && !each ? schema : target, rule.constraints ?? []);
            } catch (error) {
              this.unexpressed.push({ dto: dto.name, property, rule: `${name}: ${(error as Error).message}` });
            }
          } else this.unexpressed.push({ dto: dto.name, property, rule: name ?? 'anonymous' });
          break;
        }
        default:
          this.unexpressed.push({ dto: dto.name, property, rule: rule.type });
      }
    }
    if (rules.some((m) => m.type === ValidationTypes.IS_DEFINED)) {
      optional = false;
      nullable = false;
    }
    if (each) schema.items = item;
    if (!schema.type && !schema.allOf && !schema.enum) typeFromDesign(schema, designType);
    storableText(schema);
    if (each) storableText(item);
    if (nullable) schema.nullable = true;
    else if (!optional) delete schema.nullable;
    return { schema, optional };
  }

  private nameOf(dto: Constructor): string {
    const taken = this.names.get(dto.name);
    if (taken && taken !== dto) throw new Error(`two DTO classes are both named ${dto.name}: rename one (the OpenAPI document names schemas by class)`);
    this.names.set(dto.name, dto);
    return dto.name;
  }
}

/**
 * The validation pipe refuses, in every string, what PostgreSQL text cannot hold (common/validation.ts:
 * U+0000, and lone surrogates, which JSON generators leave out anyway); the document says so for every
 * free string. A pattern, an enum or a format already says more.
 */
export const STORABLE_TEXT_PATTERN = '^[^\\x00]*$';

function storableText(schema: Schema): void {
  if (schema.type !== 'string' || schema.enum || schema.format) return;
  if (!schema.pattern) schema.pattern = STORABLE_TEXT_PATTERN;
  else if (mayMatchNul(schema.pattern) && !(schema.allOf ?? []).some((s) => (s as Schema).pattern === STORABLE_TEXT_PATTERN)) {
    schema.allOf = [...(schema.allOf ?? []), { pattern: STORABLE_TEXT_PATTERN }];
  }
}

/**
 * Whether a pattern might let U+0000 through: one not anchored at both ends, or with a class that
 * includes it (`.`, a negated class, \\S, \\W, \\D) — a password rule of lookaheads, say. A pattern of
 * digits and letters between ^ and $ already says more than the storable rule.
 */
function mayMatchNul(pattern: string): boolean {
  if (!pattern.startsWith('^') || !pattern.endsWith('$')) return true;
  return /(^|[^\\])(\\\\)*(\.|\[\^|\\[SWD])/.test(pattern);
}

function rulesOf(dto: Constructor): ValidationMetadata[] {
  return getMetadataStorage().getTargetValidationMetadatas(dto as unknown as new () => object, '', true, false);
}

function constraintName(rule: ValidationMetadata): string | undefined {
  if (!rule.constraintCls) return undefined;
  return getMetadataStorage().getTargetValidatorConstraints(rule.constraintCls)[0]?.name;
}

function nestedType(dto: Constructor, property: string): Constructor | undefined {
  const meta = defaultMetadataStorage.findTypeMetadata(dto as unknown as new () => object, property);
  const type = meta?.typeFunction?.();
  return typeof type === 'function' ? (type as Constructor) : undefined;
}

/** What the swagger explorer made of a property, less what misleads: a reference to `Object` for an untyped property. */
function cleanBase(base: Schema): Schema {
  const schema: Schema = { ...base };
  const refsObject = (s: unknown) => (s as ReferenceObject | undefined)?.$ref === '#/components/schemas/Object';
  if (schema.allOf?.some(refsObject)) delete schema.allOf;
  if (refsObject(schema)) delete (schema as Partial<ReferenceObject>).$ref;
  if (schema.items && refsObject(schema.items)) delete schema.items;
  // Types come from the rules; @ApiProperty's type (the design type) can disagree (`page = 1` is Object).
  if (schema.type === 'object' && !schema.properties) delete schema.type;
  return schema;
}

function typeFromDesign(schema: Schema, designType: unknown): void {
  if (designType === String) schema.type = 'string';
  else if (designType === Number) schema.type = 'number';
  else if (designType === Boolean) schema.type = 'boolean';
}
