import fc from 'fast-check';
import { reverseKeys } from '#factories/json';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and has no whitespace', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: null }], a: 'x' })).toBe('{"a":"x","b":[3,{"a":null,"z":1}]}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('treats undefined, non-finite numbers and strings as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: [undefined], c: Number.NaN, d: '引号"' })).toBe('{"b":[null],"c":null,"d":"引号\\""}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('honours toJSON as JSON.stringify does, and refuses a bigint', () => {
    expect(canonicalJson({ n: 1, at: new Date('2026-01-02T03:04:05.000Z') })).toBe('{"at":"2026-01-02T03:04:05.000Z","n":1}');
    expect(canonicalJson([{ toJSON: () => ({ b: 1, a: 2 }) }])).toBe('[{"a":2,"b":1}]');
    expect(() => canonicalJson({ n: 10n })).toThrow(TypeError);
  });

  it('refuses a cyclic value', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
  });

  it('gives equal text for equal JSON values whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(reverseKeys(value))).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
  });
});
