import fc from 'fast-check';
import { normalizeApplicantId, USCC_REGISTRATION_AUTHORITIES, validateResidentIdNumber, validateUnifiedSocialCreditCode } from './identity';

const TODAY = '2025-06-30';

// The check characters are computed here from the standards' formulas rather than with the module's own
// helpers, so a wrong weight or mapping in the module cannot make its own fixtures pass.

/** GB 11643-1999: W_i = 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11, 10 written X. */
function withIdCheck(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(body17[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return body17 + (check === 10 ? 'X' : String(check));
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 11714-1997 over the 8-character body; letters A..Z count 10..35. */
function withOrgCheck(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += parseInt(body8[i], 36) * weights[i];
  const check = 11 - (sum % 11);
  return body8 + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}

/** GB 32100-2015: W_i = 3^(i-1) mod 31, check = 31 - sum mod 31 (31 written 0). */
function withUsccCheck(body17: string): string {
  let sum = 0;
  let weight = 1;
  for (let i = 0; i < 17; i += 1) {
    sum += USCC_CHARS.indexOf(body17[i]) * weight;
    weight = (weight * 3) % 31;
  }
  return body17 + USCC_CHARS[(31 - (sum % 31)) % 31];
}

/** authority + type + region + organisation code body → a fully valid code. */
function makeUscc(overrides: { prefix?: string; region?: string; orgBody?: string } = {}): string {
  const { prefix = '91', region = '330303', orgBody = 'MA2AB3CD' } = overrides;
  return withUsccCheck(prefix + region + withOrgCheck(orgBody));
}

function ruleOf(result: { valid: boolean; rule?: string }): string | undefined {
  return result.valid ? undefined : result.rule;
}

describe('validateResidentIdNumber', () => {
  it("accepts the standard's own example and reads birth date, sex and region from it", () => {
    expect(validateResidentIdNumber('11010519491231002X', TODAY)).toEqual({
      valid: true,
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode: '110105',
    });
  });

  it('accepts a lowercase x as the check character', () => {
    expect(validateResidentIdNumber('11010519491231002x', TODAY)).toMatchObject({ valid: true, sex: 'female' });
  });

  it('reads an odd sequence number as male', () => {
    const id = withIdCheck('33030319900307001');
    expect(validateResidentIdNumber(id, TODAY)).toEqual({
      valid: true,
      birthDate: '1990-03-07',
      sex: 'male',
      regionCode: '330303',
    });
  });

  it('accepts numbers under 71, 81 and 82 and a birth on 29 February of a leap year', () => {
    for (const body of ['71000020000229002', '81000019800101003', '82000019800101004']) {
      expect(validateResidentIdNumber(withIdCheck(body), TODAY)).toMatchObject({ valid: true });
    }
  });

  it('accepts a birth date equal to today', () => {
    expect(validateResidentIdNumber(withIdCheck('33030320250630001'), TODAY)).toMatchObject({ valid: true });
  });

  it('refuses a number that is not 18 characters long, including the old 15-digit numbers', () => {
    expect(ruleOf(validateResidentIdNumber('110105491231002', TODAY))).toBe('length');
    expect(ruleOf(validateResidentIdNumber('11010519491231002X0', TODAY))).toBe('length');
    expect(ruleOf(validateResidentIdNumber('', TODAY))).toBe('length');
  });

  it('refuses letters other than a final X and a non-string value', () => {
    expect(ruleOf(validateResidentIdNumber('11010519491231002A', TODAY))).toBe('format');
    expect(ruleOf(validateResidentIdNumber('1101051949123100X2', TODAY))).toBe('format');
    expect(ruleOf(validateResidentIdNumber(' 11010519491231002', TODAY))).toBe('format');
    expect(ruleOf(validateResidentIdNumber(Number('110105194912310021') as unknown as string, TODAY))).toBe('format');
  });

  it('refuses a number whose first two digits are not a province', () => {
    for (const body of ['01010519491231002', '10010519491231002', '66010519491231002', '83000019800101003']) {
      expect(ruleOf(validateResidentIdNumber(withIdCheck(body), TODAY))).toBe('province');
    }
  });

  it('refuses a birth date that does not exist', () => {
    for (const date of ['19490230', '19000229', '19491301', '19490001', '19491200', '20230229']) {
      expect(ruleOf(validateResidentIdNumber(withIdCheck(`110105${date}002`), TODAY))).toBe('birth-date');
    }
  });

  it('refuses a birth date before 1900, even with a correct check character', () => {
    // The standard's second example: well-formed, but no living applicant was born in 1880.
    expect(ruleOf(validateResidentIdNumber('440524188001010014', TODAY))).toBe('birth-date');
    expect(ruleOf(validateResidentIdNumber(withIdCheck('11010518991231002'), TODAY))).toBe('birth-date');
    expect(validateResidentIdNumber(withIdCheck('11010519000101002'), TODAY)).toMatchObject({ valid: true });
  });

  it('refuses a birth date after today', () => {
    expect(ruleOf(validateResidentIdNumber(withIdCheck('33030320250701001'), TODAY))).toBe('birth-date');
  });

  it('refuses a wrong check character', () => {
    expect(ruleOf(validateResidentIdNumber('110105194912310021', TODAY))).toBe('check-digit');
    expect(ruleOf(validateResidentIdNumber('110105194912310020', TODAY))).toBe('check-digit');
  });

  it('throws on a malformed today, a programming error rather than bad input', () => {
    expect(() => validateResidentIdNumber('11010519491231002X', '2025-02-30')).toThrow(RangeError);
    expect(() => validateResidentIdNumber('11010519491231002X', '20250630')).toThrow(RangeError);
  });

  describe('properties', () => {
    const provinces = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
      '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82']; // prettier-ignore
    const validBody = fc
      .record({
        province: fc.constantFrom(...provinces),
        rest: fc.stringMatching(/^\d{4}$/),
        birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }),
        sequence: fc.stringMatching(/^\d{3}$/),
      })
      .map(({ province, rest, birth, sequence }) => {
        const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
        return `${province}${rest}${ymd}${sequence}`;
      });

    it('accepts every well-formed body with its computed check character', () => {
      fc.assert(
        fc.property(validBody, (body) => {
          expect(validateResidentIdNumber(withIdCheck(body), TODAY).valid).toBe(true);
        }),
      );
    });

    it('refuses any single changed character, and blames the check character for a changed sequence', () => {
      fc.assert(
        fc.property(validBody, fc.nat(17), fc.nat(9), (body, position, shift) => {
          const id = withIdCheck(body);
          const alphabet = position === 17 ? '0123456789X' : '0123456789';
          const current = alphabet.indexOf(id[position]);
          const replacement = alphabet[(current + 1 + (shift % (alphabet.length - 1))) % alphabet.length];
          const changed = id.slice(0, position) + replacement + id.slice(position + 1);
          const result = validateResidentIdNumber(changed, TODAY);
          expect(result.valid).toBe(false);
          if (position >= 14) expect(ruleOf(result)).toBe('check-digit');
        }),
      );
    });
  });
});

describe('validateUnifiedSocialCreditCode', () => {
  it('accepts published codes and reads the registrar, institution type and region', () => {
    expect(validateUnifiedSocialCreditCode('91350100M000100Y43')).toEqual({
      valid: true,
      registrationAuthority: '工商',
      institutionType: '企业',
      regionCode: '350100',
    });
    expect(validateUnifiedSocialCreditCode('112302070019030687')).toEqual({
      valid: true,
      registrationAuthority: '机构编制',
      institutionType: '机关',
      regionCode: '230207',
    });
    expect(validateUnifiedSocialCreditCode('51610700305332460K')).toEqual({
      valid: true,
      registrationAuthority: '民政',
      institutionType: '社会团体',
      regionCode: '610700',
    });
    for (const code of ['9111000071093123XX', '91440300708461136T', '91110108551385082Q', '91110000802100433B']) {
      expect(validateUnifiedSocialCreditCode(code)).toMatchObject({ valid: true });
    }
  });

  it('accepts every authority and institution type of the table', () => {
    for (const [authority, { name, institutionTypes }] of Object.entries(USCC_REGISTRATION_AUTHORITIES)) {
      for (const [type, typeName] of Object.entries(institutionTypes)) {
        expect(validateUnifiedSocialCreditCode(makeUscc({ prefix: authority + type }))).toEqual({
          valid: true,
          registrationAuthority: name,
          institutionType: typeName,
          regionCode: '330303',
        });
      }
    }
  });

  it('accepts a code whose check character wraps round to 0', () => {
    // A sum divisible by 31 gives 31 - 0 = 31, which the standard writes as 0.
    const code = Array.from({ length: 31 * 31 }, (_, i) => makeUscc({ orgBody: `MA2AB3${USCC_CHARS[Math.floor(i / 31)]}${USCC_CHARS[i % 31]}` })).find(
      (candidate) => candidate.endsWith('0'),
    );
    expect(code).toBeDefined();
    expect(validateUnifiedSocialCreditCode(code as string)).toMatchObject({ valid: true });
  });

  it('refuses a code that is not 18 characters long', () => {
    expect(ruleOf(validateUnifiedSocialCreditCode('91350100M000100Y4'))).toBe('length');
    expect(ruleOf(validateUnifiedSocialCreditCode('91350100M000100Y430'))).toBe('length');
  });

  it('refuses I, O, Z, S, V, lower case and a non-digit region', () => {
    for (const letter of ['I', 'O', 'Z', 'S', 'V', 'm']) {
      expect(ruleOf(validateUnifiedSocialCreditCode(`91350100${letter}000100Y43`))).toBe('charset');
    }
    expect(ruleOf(validateUnifiedSocialCreditCode(makeUscc({ region: '3303A3' })))).toBe('charset');
    expect(ruleOf(validateUnifiedSocialCreditCode(null as unknown as string))).toBe('charset');
  });

  it('refuses a registration authority outside the table', () => {
    for (const prefix of ['01', 'B1', 'M1', 'X1']) {
      expect(ruleOf(validateUnifiedSocialCreditCode(makeUscc({ prefix })))).toBe('authority');
    }
  });

  it('refuses an institution type its registration authority does not have', () => {
    for (const prefix of ['94', '99', '14', '54', 'Y2', 'Y9', 'N4', '36', 'A2']) {
      expect(ruleOf(validateUnifiedSocialCreditCode(makeUscc({ prefix })))).toBe('institution-type');
    }
  });

  it('refuses an organisation code whose own check character is wrong, even with a matching final check', () => {
    // 91350100M000100Y43 with position 17 changed and position 18 recomputed.
    const code = withUsccCheck('91350100M000100Y5');
    expect(ruleOf(validateUnifiedSocialCreditCode(code))).toBe('organization-code-check');
  });

  it('refuses a wrong final check character', () => {
    expect(ruleOf(validateUnifiedSocialCreditCode('91350100M000100Y44'))).toBe('check-digit');
    expect(ruleOf(validateUnifiedSocialCreditCode('9111000071093123X0'))).toBe('check-digit');
  });

  describe('properties', () => {
    const prefixes = Object.entries(USCC_REGISTRATION_AUTHORITIES).flatMap(([authority, { institutionTypes }]) =>
      Object.keys(institutionTypes).map((type) => authority + type),
    );
    const validCode = fc
      .record({
        prefix: fc.constantFrom(...prefixes),
        region: fc.stringMatching(/^\d{6}$/),
        orgBody: fc.stringMatching(/^[0-9A-HJ-NP-RTUW-Y]{8}$/),
      })
      .map(makeUscc);

    it('accepts every body with its computed check characters', () => {
      fc.assert(
        fc.property(validCode, (code) => {
          expect(validateUnifiedSocialCreditCode(code).valid).toBe(true);
        }),
      );
    });

    it('refuses any single changed character', () => {
      fc.assert(
        fc.property(validCode, fc.nat(17), fc.nat(29), (code, position, shift) => {
          const current = USCC_CHARS.indexOf(code[position]);
          const replacement = USCC_CHARS[(current + 1 + shift) % USCC_CHARS.length];
          const changed = code.slice(0, position) + replacement + code.slice(position + 1);
          expect(validateUnifiedSocialCreditCode(changed).valid).toBe(false);
        }),
      );
    });
  });
});

describe('normalizeApplicantId', () => {
  it('trims and upper-cases', () => {
    expect(normalizeApplicantId('person', ' 11010519491231002x\n')).toBe('11010519491231002X');
    expect(normalizeApplicantId('company', '\t91350100m000100y43 ')).toBe('91350100M000100Y43');
  });

  it('folds full-width characters typed with a Chinese input method', () => {
    expect(normalizeApplicantId('person', '\u3000１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
    expect(validateUnifiedSocialCreditCode(normalizeApplicantId('company', '９１３５０１００Ｍ０００１００Ｙ４３'))).toMatchObject({
      valid: true,
    });
  });
});
