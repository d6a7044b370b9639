import fc from 'fast-check';
import {
  familyOf,
  ITEM_CODE_PATTERN,
  formatItemCode,
  formatSequence,
  isItemTypeCode,
  ITEM_TYPE_CODES,
  ITEM_TYPES,
  ItemCodeProblem,
  parseItemCode,
  regionLevelOf,
  RegionLevel,
  SubjectLookup,
  validateItemCode,
  validateSubjectCode,
} from './item-code';

function rulesOf(problems: ItemCodeProblem[]): string[] {
  return problems.map((problem) => problem.rule);
}

function problemsOf(code: string): ItemCodeProblem[] {
  const result = parseItemCode(code);
  return result.ok ? [] : result.problems;
}

/** Wenzhou (3303), Longwan district (330303) with its safety and commerce bureaus, one township. */
function makeLookup(overrides: { regions?: Record<string, RegionLevel>; departments?: string[] } = {}): SubjectLookup {
  const regions: Record<string, RegionLevel> = overrides.regions ?? {
    '33030000': 'city',
    '33030300': 'county',
    '33030301': 'township',
  };
  const departments = new Set(overrides.departments ?? ['33030000GS', '33030300AJ', '33030300GS', '33030301ZF']);
  return {
    regionLevel: (regionCode) => regions[regionCode],
    departmentExists: (subjectCode) => departments.has(subjectCode),
  };
}

describe('item types (附件2)', () => {
  it('lists the 14 type codes in the order of 附件2', () => {
    expect(ITEM_TYPE_CODES).toEqual(['XK', 'SP', 'CF', 'QZ', 'ZS', 'GF', 'JL', 'QR', 'ZY', 'CJ', 'JG', 'DL', 'FW', 'QT']);
    expect(Object.keys(ITEM_TYPES)).toEqual([...ITEM_TYPE_CODES]);
  });

  it('names each type in Chinese', () => {
    expect(ITEM_TYPES.XK.name).toBe('行政许可');
    expect(ITEM_TYPES.SP.name).toBe('非行政许可审批');
    expect(ITEM_TYPES.CF.name).toBe('行政处罚');
    expect(ITEM_TYPES.DL.name).toBe('代理');
    expect(ITEM_TYPES.FW.name).toBe('便民服务');
    expect(ITEM_TYPES.QT.name).toBe('其他');
  });

  it('gives penalty, coercion and reward their own family and every other type the approval table (附件1)', () => {
    expect(familyOf('CF')).toBe('penalty');
    expect(familyOf('QZ')).toBe('coercion');
    expect(familyOf('JL')).toBe('reward');
    const others = ITEM_TYPE_CODES.filter((type) => !['CF', 'QZ', 'JL'].includes(type));
    expect(others).toHaveLength(11);
    for (const type of others) expect(familyOf(type)).toBe('approval');
  });

  it('recognises exactly the 14 codes as type codes', () => {
    for (const type of ITEM_TYPE_CODES) expect(isItemTypeCode(type)).toBe(true);
    for (const other of ['cf', 'Cf', 'XX', '', 'toString', 'constructor', ' CF', undefined, null, 3]) {
      expect(isItemTypeCode(other)).toBe(false);
    }
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(ITEM_TYPES)).toBe(true);
    expect(Object.isFrozen(ITEM_TYPE_CODES)).toBe(true);
  });
});

describe('regionLevelOf', () => {
  it('reads a city, a county and a township from the digits', () => {
    expect(regionLevelOf('33030000')).toBe('city');
    expect(regionLevelOf('33030300')).toBe('county');
    expect(regionLevelOf('33030301')).toBe('township');
  });
});

describe('parseItemCode', () => {
  it('parses the first example of 附件2: the 3rd penalty item of the Longwan safety bureau', () => {
    expect(parseItemCode('33030300AJ-CF-0003')).toEqual({
      ok: true,
      value: {
        code: '33030300AJ-CF-0003',
        subjectCode: '33030300AJ',
        regionCode: '33030300',
        deptCode: 'AJ',
        typeCode: 'CF',
        sequence: 3,
      },
    });
  });

  it('parses the second example of 附件2: the 1st agency item of the Longwan commerce bureau', () => {
    const result = parseItemCode('33030300GS-DL-0001');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.deptCode).toBe('GS');
    expect(result.value.typeCode).toBe('DL');
    expect(result.value.sequence).toBe(1);
  });

  it('accepts a city department and a township department', () => {
    expect(parseItemCode('33030000GS-XK-0012').ok).toBe(true);
    expect(parseItemCode('33030301ZF-FW-9999').ok).toBe(true);
  });

  it('refuses a province part 00', () => {
    expect(rulesOf(problemsOf('00030300AJ-CF-0003'))).toEqual(['province']);
  });

  it('refuses a city part 00', () => {
    expect(rulesOf(problemsOf('33000300AJ-CF-0003'))).toEqual(['city']);
  });

  it('refuses a township part without a county part', () => {
    expect(rulesOf(problemsOf('33030001AJ-CF-0003'))).toEqual(['township-without-county']);
  });

  it('refuses a region part that is not 8 digits', () => {
    expect(rulesOf(problemsOf('3303030XAJ-CF-0003'))).toEqual(['region-format']);
    expect(rulesOf(problemsOf('３３030300AJ-CF-0003'))).toEqual(['region-format']);
  });

  it('refuses a subject code that is not 10 characters long', () => {
    expect(rulesOf(problemsOf('3303030AJ-CF-0003'))).toEqual(['subject-length']);
    expect(rulesOf(problemsOf('33030300AJX-CF-0003'))).toEqual(['subject-length']);
  });

  it('refuses a lower-case department code', () => {
    expect(rulesOf(problemsOf('33030300aj-CF-0003'))).toEqual(['department-format']);
    expect(rulesOf(problemsOf('33030300Aj-CF-0003'))).toEqual(['department-format']);
  });

  it('refuses a department code of digits or non-Latin letters', () => {
    expect(rulesOf(problemsOf('3303030012-CF-0003'))).toEqual(['department-format']);
    expect(rulesOf(problemsOf('33030300ÄJ-CF-0003'))).toEqual(['department-format']);
  });

  it('refuses an unknown type code', () => {
    expect(rulesOf(problemsOf('33030300AJ-XX-0003'))).toEqual(['type-unknown']);
  });

  it('refuses a lower-case type code', () => {
    expect(rulesOf(problemsOf('33030300AJ-cf-0003'))).toEqual(['type-unknown']);
  });

  it('refuses sequence 0000', () => {
    expect(rulesOf(problemsOf('33030300AJ-CF-0000'))).toEqual(['sequence-zero']);
  });

  it('refuses a sequence that is not 4 digits', () => {
    for (const sequence of ['3', '003', '00003', '000A', '+003', '３']) {
      expect(rulesOf(problemsOf(`33030300AJ-CF-${sequence}`))).toEqual(['sequence-format']);
    }
  });

  it('lists every problem at once, not only the first', () => {
    const problems = problemsOf('00000001aj-XX-0000');
    expect(rulesOf(problems)).toEqual(['province', 'city', 'township-without-county', 'department-format', 'type-unknown', 'sequence-zero']);
    expect(problems.map((problem) => problem.part)).toEqual(['region', 'region', 'region', 'department', 'type', 'sequence']);
  });

  it('refuses separators other than the ASCII hyphen', () => {
    for (const code of ['33030300AJ_CF_0003', '33030300AJ－CF－0003', '33030300AJ–CF–0003', '33030300AJ—CF—0003', '33030300AJCF0003', '33030300AJ/CF/0003']) {
      expect(rulesOf(problemsOf(code))).toEqual(['format']);
    }
  });

  it('refuses too many, too few or empty parts', () => {
    for (const code of ['', '-', '--', '33030300AJ-CF', '33030300AJ-CF-0003-1', '33030300AJ--0003', '-CF-0003']) {
      expect(rulesOf(problemsOf(code))).toEqual(['format']);
    }
  });

  it('refuses extra whitespace anywhere rather than trimming it', () => {
    for (const code of [
      ' 33030300AJ-CF-0003',
      '33030300AJ-CF-0003 ',
      '33030300AJ - CF - 0003',
      '33030300AJ-CF-0003\n',
      '33030300AJ-CF-\t0003',
      '33030300AJ-CF-0003\u3000',
    ]) {
      expect(rulesOf(problemsOf(code))).toEqual(['whitespace']);
    }
  });

  it('writes every message in Chinese', () => {
    for (const problem of [...problemsOf('00000001aj-XX-0000'), ...problemsOf(' '), ...problemsOf('a-b')]) {
      expect(problem.message).toMatch(/\p{Script=Han}/u);
    }
  });

  it('never throws, whatever it is given', () => {
    const odd: unknown[] = [undefined, null, 42, {}, [], '\u0000', '🙂-🙂-🙂', '-'.repeat(10000), 'a'.repeat(100000)];
    for (const input of odd) {
      const result = parseItemCode(input as string);
      expect(result.ok).toBe(false);
    }
  });

  it('round-trips every type through format and parse', () => {
    for (const typeCode of ITEM_TYPE_CODES) {
      for (const [subjectCode, sequence] of [
        ['33030300AJ', 1],
        ['33030000GS', 42],
        ['33030301ZF', 9999],
      ] as const) {
        const code = formatItemCode({ subjectCode, typeCode, sequence });
        const parsed = parseItemCode(code);
        expect(parsed).toEqual({
          ok: true,
          value: {
            code,
            subjectCode,
            regionCode: subjectCode.slice(0, 8),
            deptCode: subjectCode.slice(8),
            typeCode,
            sequence,
          },
        });
      }
    }
  });
});

describe('validateItemCode', () => {
  it('accepts both examples of 附件2 when the catalog knows their department', () => {
    expect(validateItemCode('33030300AJ-CF-0003', makeLookup())).toEqual([]);
    expect(validateItemCode('33030300GS-DL-0001', makeLookup())).toEqual([]);
  });

  it('accepts a city department and a township department the catalog knows', () => {
    expect(validateItemCode('33030000GS-XK-0001', makeLookup())).toEqual([]);
    expect(validateItemCode('33030301ZF-FW-0001', makeLookup())).toEqual([]);
  });

  it('refuses a region no organisation has', () => {
    expect(rulesOf(validateItemCode('33030400AJ-CF-0003', makeLookup()))).toEqual(['region-unknown']);
  });

  it('does not also report the department of an unknown region', () => {
    expect(rulesOf(validateItemCode('33030400ZZ-CF-0003', makeLookup()))).toEqual(['region-unknown']);
  });

  it('refuses a township-level code whose region is recorded as a county', () => {
    const lookup = makeLookup({ regions: { '33030301': 'county' }, departments: ['33030301ZF'] });
    expect(rulesOf(validateItemCode('33030301ZF-CF-0001', lookup))).toEqual(['region-level']);
  });

  it('refuses a county-level code whose region is recorded as a city', () => {
    const lookup = makeLookup({ regions: { '33030300': 'city' }, departments: ['33030300AJ'] });
    expect(rulesOf(validateItemCode('33030300AJ-CF-0003', lookup))).toEqual(['region-level']);
  });

  it('refuses a department the region does not have', () => {
    expect(rulesOf(validateItemCode('33030300CZ-CF-0003', makeLookup()))).toEqual(['department-unknown']);
  });

  it('reports syntax problems together with what the catalog says', () => {
    expect(rulesOf(validateItemCode('33030300CZ-cf-0000', makeLookup()))).toEqual(['type-unknown', 'sequence-zero', 'department-unknown']);
  });

  it('does not ask the catalog about parts whose syntax is wrong', () => {
    const lookup: SubjectLookup = {
      regionLevel: jest.fn(() => 'county' as const),
      departmentExists: jest.fn(() => true),
    };
    expect(rulesOf(validateItemCode('33000300AJ-CF-0003', lookup))).toEqual(['city']);
    expect(rulesOf(validateItemCode('33030300aj-CF-0003', lookup))).toEqual(['department-format']);
    expect(rulesOf(validateItemCode('33030300AJ_CF_0003', lookup))).toEqual(['format']);
    expect(lookup.regionLevel).toHaveBeenCalledTimes(1);
    expect(lookup.departmentExists).not.toHaveBeenCalled();
  });
});

describe('validateSubjectCode', () => {
  it('accepts a well-formed subject code without a lookup', () => {
    expect(validateSubjectCode('33030300AJ')).toEqual([]);
  });

  it('applies the same syntax rules as for a whole code', () => {
    expect(rulesOf(validateSubjectCode('00030300AJ'))).toEqual(['province']);
    expect(rulesOf(validateSubjectCode('33000000AJ'))).toEqual(['city']);
    expect(rulesOf(validateSubjectCode('33030001AJ'))).toEqual(['township-without-county']);
    expect(rulesOf(validateSubjectCode('33030300aj'))).toEqual(['department-format']);
    expect(rulesOf(validateSubjectCode('33030300'))).toEqual(['subject-length']);
    expect(rulesOf(validateSubjectCode('33030300AJ '))).toEqual(['whitespace']);
    expect(rulesOf(validateSubjectCode(undefined as unknown as string))).toEqual(['format']);
  });

  it('checks the catalog when given a lookup', () => {
    expect(validateSubjectCode('33030300AJ', makeLookup())).toEqual([]);
    expect(rulesOf(validateSubjectCode('33030400AJ', makeLookup()))).toEqual(['region-unknown']);
    expect(rulesOf(validateSubjectCode('33030300CZ', makeLookup()))).toEqual(['department-unknown']);
    const misrecorded = makeLookup({ regions: { '33030301': 'county' }, departments: ['33030301ZF'] });
    expect(rulesOf(validateSubjectCode('33030301ZF', misrecorded))).toEqual(['region-level']);
  });
});

describe('formatSequence', () => {
  it('pads to four digits', () => {
    expect(formatSequence(3)).toBe('0003');
    expect(formatSequence(1)).toBe('0001');
    expect(formatSequence(120)).toBe('0120');
    expect(formatSequence(9999)).toBe('9999');
  });

  it('refuses 0, negatives, more than 9999, fractions and non-numbers', () => {
    for (const n of [0, -1, 10000, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '3' as unknown as number]) {
      expect(() => formatSequence(n)).toThrow(RangeError);
    }
  });
});

describe('formatItemCode', () => {
  it('writes the first example of 附件2', () => {
    expect(formatItemCode({ subjectCode: '33030300AJ', typeCode: 'CF', sequence: 3 })).toBe('33030300AJ-CF-0003');
  });

  it('refuses a malformed subject code', () => {
    for (const subjectCode of ['33000300AJ', '33030300aj', '3303030AJ', '33030-00AJ', ' 3030300AJ']) {
      expect(() => formatItemCode({ subjectCode, typeCode: 'CF', sequence: 3 })).toThrow(RangeError);
    }
  });

  it('refuses an unknown type code', () => {
    expect(() => formatItemCode({ subjectCode: '33030300AJ', typeCode: 'cf' as 'CF', sequence: 3 })).toThrow(RangeError);
  });

  it('refuses a sequence out of range', () => {
    for (const sequence of [0, 10000, 2.5]) {
      expect(() => formatItemCode({ subjectCode: '33030300AJ', typeCode: 'CF', sequence })).toThrow(RangeError);
    }
  });

  it('names every malformed part in one Chinese message', () => {
    expect(() => formatItemCode({ subjectCode: '33000300aj', typeCode: 'XX' as 'CF', sequence: 0 })).toThrow(/市级代码.*部门代码.*事项类型代码.*事项序号/u);
  });
});

describe('ITEM_CODE_PATTERN', () => {
  const piece = (chars: string, length: number) => fc.string({ unit: fc.constantFrom(...chars.split('')), minLength: length, maxLength: length });
  const nearlyCodes = fc
    .tuple(
      fc.oneof(piece('0013', 8), piece('0123456789', 8), piece('01a', 7), piece('01', 9)),
      fc.oneof(piece('ABGSa1', 2), fc.constant('AJ')),
      fc.oneof(fc.constantFrom(...ITEM_TYPE_CODES), fc.constantFrom('xk', 'ZZ', 'X', 'XKK')),
      fc.oneof(piece('0012', 4), piece('0123456789', 4), fc.constantFrom('1', '00001')),
      fc.constantFrom('-', '-', '-', '_', ' -'),
    )
    .map(([region, dept, type, sequence, separator]) => `${region}${dept}${separator}${type}-${sequence}`);

  it('accepts exactly what parseItemCode accepts', () => {
    expect(ITEM_CODE_PATTERN.test('33030300AJ-CF-0003')).toBe(true);
    fc.assert(
      fc.property(fc.oneof(nearlyCodes, fc.string({ maxLength: 24 })), (code) => {
        expect([code, ITEM_CODE_PATTERN.test(code)]).toEqual([code, parseItemCode(code).ok]);
      }),
      { numRuns: 3000, seed: 20131106 },
    );
  });
});
