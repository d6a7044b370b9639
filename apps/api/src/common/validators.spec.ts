import { getMetadataStorage, IsString, type ValidationError, validate } from 'class-validator';
import { plainToInstance, Type } from 'class-transformer';
import fs from 'node:fs';
import path from 'node:path';
import { isCalendarDate, IsCalendarDate, IsNullable, IsOptional, ValidateNested } from './validators';

class Inner {
  @IsString() name!: string;
}
class Outer {
  @IsOptional() @IsString() note?: string;
  @IsNullable() @IsString() clearable?: string | null;
  @IsOptional() @ValidateNested() @Type(() => Inner) one?: Inner;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Inner) many?: Inner[];
  @IsOptional() @IsCalendarDate() day?: string;
}
const rules = async (plain: object) =>
  (await validate(plainToInstance(Outer, plain))).flatMap((e: ValidationError) => [
    ...Object.keys(e.constraints ?? {}).map((r) => `${e.property}:${r}`),
    ...(e.children ?? []).flatMap((c) => Object.keys(c.constraints ?? {}).map((r) => `${e.property}.${c.property}:${r}`)),
  ]);

describe('the project’s validation decorators', () => {
  it('lets an optional property be left out but not be null', async () => {
    expect(await rules({})).toEqual([]);
    expect(await rules({ note: null })).toEqual(['note:isString']);
    expect(await rules({ clearable: null })).toEqual([]);
  });

  it('refuses an array or a primitive where a nested object belongs', async () => {
    expect(await rules({ one: [] })).toEqual(['one:isObject']);
    expect(await rules({ one: 'x' })).toContain('one:isObject');
    expect(await rules({ many: [[]] })).toEqual(['many:isObject']);
    expect(await rules({ one: { name: 'a' }, many: [{ name: 'b' }] })).toEqual([]);
  });

  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['0001-01-01', true],
    ['2026-02-30', false],
    ['2025-02-29', false],
    ['2026-13-45', false],
    ['2026-00-10', false],
    ['2026-1-1', false],
    ['2026-01-01T00:00:00Z', false],
  ])('reads %s as a calendar date: %s', (value, ok) => expect(isCalendarDate(value)).toBe(ok));

  it('is what every DTO of the API uses: no stock IsOptional, and every nested property checks it is an object', () => {
    const src = path.resolve(__dirname, '..');
    const files = (function walk(dir: string): string[] {
      return fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path.join(dir, e.name)] : [],
        );
    })(src).filter((f) => fs.readFileSync(f, 'utf8').includes("from 'class-validator'"));
    expect(files.length).toBeGreaterThan(15);
    const ours = new Set(files.flatMap((file) => Object.values(require(file) as Record<string, unknown>)));
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<abstract new (...args: never[]) => unknown, { type: string; name?: string; propertyName: string; each?: boolean }[]>;
    };
    const problems: string[] = [];
    let nested = 0;
    for (const [target, metadatas] of storage.validationMetadatas) {
      if (!ours.has(target)) continue;
      for (const m of metadatas) {
        const where = `${target.name}.${m.propertyName}`;
        if (m.type === 'conditionalValidation' && m.name === 'isOptional') problems.push(`${where}: class-validator's IsOptional (lets null through)`);
        if (m.type === 'nestedValidation') {
          nested++;
          if (!metadatas.some((o) => o.propertyName === m.propertyName && o.name === 'isObject' && Boolean(o.each) === Boolean(m.each)))
            problems.push(`${where}: ValidateNested without an object check`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(nested).toBeGreaterThan(20);
  });
});
