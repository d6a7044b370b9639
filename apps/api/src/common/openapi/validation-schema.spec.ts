import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  isISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  MaxLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import type { SchemaObject } from '@nestjs/swagger';
import { caseInsensitive, ValidationSchemas } from './validation-schema';

class Inner {
  @IsString() @Length(2, 5) code!: string;
}

class Sample {
  @IsUUID() id!: string;
  @IsOptional() @IsInt() @Min(1) @Max(9) level?: number;
  @IsArray() @ArrayMaxSize(3) @IsString({ each: true }) @MaxLength(10, { each: true }) tags!: string[];
  @IsIn(['a', 'b']) kind!: 'a' | 'b';
  @Matches(/^[0-9a-f]{4}$/i) hex!: string;
  @IsISO8601({ strict: true }) at!: string;
  @ValidateNested() @Type(() => Inner) inner!: Inner;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => Inner) inners?: Inner[];
  @ValidateBy({ name: 'noSuchOpenApiRule', validator: { validate: () => true } }) odd!: string;
  @Matches(/^(?=.*[A-Za-z])(?=.*\d)/) password!: string;
}

describe('schemas from class-validator rules', () => {
  const components: Record<string, SchemaObject> = {};
  const schemas = new ValidationSchemas(components);
  const ref = schemas.refTo(Sample);
  const sample = components.Sample!;

  it('names the DTO and closes it to unknown properties', () => {
    expect(ref).toEqual({ $ref: '#/components/schemas/Sample' });
    expect(sample).toMatchObject({ type: 'object', additionalProperties: false });
    expect(sample.required).toEqual(['id', 'tags', 'kind', 'hex', 'at', 'inner', 'odd', 'password']);
  });

  it('says each rule: formats, ranges, item rules, enums, patterns', () => {
    expect(sample.properties).toMatchObject({
      id: { type: 'string', format: 'uuid' },
      level: { type: 'integer', minimum: 1, maximum: 9, nullable: true },
      tags: { type: 'array', maxItems: 3, items: { type: 'string', maxLength: 10 } },
      kind: { type: 'string', enum: ['a', 'b'] },
      hex: { type: 'string', pattern: '^[0-9a-fA-F]{4}$' },
      at: { type: 'string', anyOf: [{ format: 'date' }, { format: 'date-time' }] },
      inner: { allOf: [{ $ref: '#/components/schemas/Inner' }] },
      inners: { type: 'array', items: { $ref: '#/components/schemas/Inner' }, nullable: true },
    });
    expect(components.Inner).toMatchObject({
      additionalProperties: false,
      required: ['code'],
      properties: { code: { type: 'string', minLength: 2, maxLength: 5 } },
    });
  });

  it('reports a rule it has no form for instead of leaving it out silently', () => {
    expect(schemas.unexpressed).toEqual([{ dto: 'Sample', property: 'odd', rule: 'noSuchOpenApiRule' }]);
  });

  it('says a strict ISO 8601 time as class-validator reads it: years 1000–9999, capital T and Z', () => {
    const patterns = [sample.properties!.at as SchemaObject].flatMap((at) => [at.pattern!, ...(at.allOf ?? []).map((s) => (s as SchemaObject).pattern!)]);
    const documented = (value: string) => patterns.every((p) => new RegExp(p).test(value));
    for (const value of [
      '2026-12-31T00:00:00+08:00',
      '1000-01-01T00:00Z',
      '2026-07-05',
      '0012-07-05T05:14:23Z',
      '2026-07-05t05:14:23z',
      '2026-07-05T05:14:60Z',
    ]) {
      expect([value, documented(value)]).toEqual([value, isISO8601(value, { strict: true })]);
    }
  });

  it('keeps U+0000 out of a free string even where its pattern would let it through', () => {
    const password = sample.properties!.password as SchemaObject;
    const documented = (value: string) =>
      [password.pattern!, ...(password.allOf ?? []).map((s) => (s as SchemaObject).pattern!)].every((p) => new RegExp(p).test(value));
    expect(documented('Chen@2026')).toBe(true);
    expect(documented('Chen\u0000@2026')).toBe(false);
    // A pattern of digits and letters between ^ and $ already says it; the document does not repeat it.
    expect((sample.properties!.hex as SchemaObject).allOf).toBeUndefined();
  });

  it('spells a case-insensitive pattern without the flag', () => {
    expect(caseInsensitive('^[0-9a-f]{2}x\\d$')).toBe('^[0-9a-fA-F]{2}[xX]\\d$');
    expect(new RegExp(caseInsensitive('^ab[c-e]$')).test('AbD')).toBe(true);
  });
});
