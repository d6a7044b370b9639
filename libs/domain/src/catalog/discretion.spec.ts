import {
  CaseCircumstances,
  DISCRETION_LEVELS,
  DiscretionBenchmark,
  DiscretionResult,
  DiscretionRule,
  evaluateDiscretion,
  HARMS,
  PENALTY_KINDS,
  PenaltyKind,
  validateBenchmark,
} from './discretion';

/**
 * 安全生产: 未按规定配备安全生产管理人员 (figures simplified for the tests). Ordered from the most
 * specific circumstance to the catch-all.
 */
function makeBenchmark(): DiscretionBenchmark {
  return {
    rules: [
      {
        id: 'none',
        level: '不予处罚',
        circumstance: '初次违法且危害后果轻微并及时改正',
        when: { firstOffence: true, harm: ['none', 'minor'], correctedInTime: true },
        kinds: [],
      },
      {
        id: 'income',
        level: '从重处罚',
        circumstance: '违法所得十万元以上',
        when: { amount: { min: 100000 } },
        kinds: ['罚款', '没收违法所得'],
        fine: { kind: 'multiple', basis: 'illegalIncome', minTimes: 1, maxTimes: 3 },
      },
      {
        id: 'serious',
        level: '从重处罚',
        circumstance: '造成严重后果',
        when: { harm: ['serious'] },
        kinds: ['罚款', '责令停产停业'],
        fine: { kind: 'fixed', min: 30000, max: 50000 },
      },
      {
        id: 'lighter',
        level: '从轻处罚',
        circumstance: '初次违法并及时改正',
        when: { firstOffence: true, correctedInTime: true },
        kinds: ['警告'],
      },
      {
        id: 'general',
        level: '一般处罚',
        circumstance: '一般情形',
        when: {},
        kinds: ['罚款'],
        fine: { kind: 'fixed', min: 10000, max: 30000 },
      },
    ],
  };
}

const ITEM_KINDS: readonly PenaltyKind[] = ['警告', '罚款', '没收违法所得', '责令停产停业'];

function makeCase(overrides: Partial<CaseCircumstances> = {}): CaseCircumstances {
  return { firstOffence: false, harm: 'general', correctedInTime: false, ...overrides };
}

function makeRule(overrides: Partial<DiscretionRule> = {}): DiscretionRule {
  return {
    id: 'r',
    level: '一般处罚',
    circumstance: '一般情形',
    when: {},
    kinds: ['罚款'],
    fine: { kind: 'fixed', min: 10000, max: 30000 },
    ...overrides,
  };
}

function multipleOf(minTimes: number, maxTimes: number): DiscretionBenchmark {
  return {
    rules: [
      makeRule({
        kinds: ['罚款', '没收违法所得'],
        fine: { kind: 'multiple', basis: 'goodsValue', minTimes, maxTimes },
      }),
    ],
  };
}

function fineOf(result: DiscretionResult): { min: number; max: number } | undefined {
  if (!result.matched) throw new Error(`expected a match, got ${JSON.stringify(result.problems)}`);
  return result.fine;
}

function problemRulesOf(result: DiscretionResult): string[] {
  return result.matched ? [] : result.problems.map((problem) => problem.rule);
}

function rulesOf(problems: { rule: string }[]): string[] {
  return problems.map((problem) => problem.rule);
}

describe('the types of 行政处罚法 (2021)', () => {
  it('lists the penalty kinds of 第九条 and the harms and levels mildest first', () => {
    expect(PENALTY_KINDS).toHaveLength(14);
    expect(PENALTY_KINDS).toContain('通报批评');
    expect(HARMS).toEqual(['none', 'minor', 'general', 'serious']);
    expect(DISCRETION_LEVELS).toEqual(['不予处罚', '减轻处罚', '从轻处罚', '一般处罚', '从重处罚']);
  });
});

describe('evaluateDiscretion', () => {
  it('imposes nothing on a first, minor offence corrected in time', () => {
    const result = evaluateDiscretion(makeBenchmark(), makeCase({ firstOffence: true, harm: 'minor', correctedInTime: true }));
    expect(result).toMatchObject({ matched: true, rule: { id: 'none', level: '不予处罚' }, kinds: [] });
    expect(result.matched && result.fine).toBeUndefined();
  });

  it('fines 10 000 to 30 000 yuan in the general case', () => {
    const result = evaluateDiscretion(makeBenchmark(), makeCase());
    expect(result).toEqual({
      matched: true,
      rule: makeBenchmark().rules[4],
      kinds: ['罚款'],
      fine: { min: 10000, max: 30000 },
    });
  });

  it('fines 30 000 to 50 000 yuan and orders suspension when the harm is serious', () => {
    const result = evaluateDiscretion(makeBenchmark(), makeCase({ harm: 'serious' }));
    expect(result).toMatchObject({
      matched: true,
      rule: { id: 'serious', level: '从重处罚' },
      kinds: ['罚款', '责令停产停业'],
      fine: { min: 30000, max: 50000 },
    });
  });

  it('fines one to three times the illegal income from 100 000 yuan up', () => {
    const result = evaluateDiscretion(makeBenchmark(), makeCase({ amount: 200000 }));
    expect(result).toMatchObject({
      matched: true,
      rule: { id: 'income' },
      kinds: ['罚款', '没收违法所得'],
      fine: { min: 200000, max: 600000 },
    });
  });

  it('only warns a first offender who corrected in time but caused general harm', () => {
    const result = evaluateDiscretion(makeBenchmark(), makeCase({ firstOffence: true, correctedInTime: true }));
    expect(result).toMatchObject({ matched: true, rule: { id: 'lighter', level: '从轻处罚' }, kinds: ['警告'] });
    expect(result.matched && result.fine).toBeUndefined();
  });

  it('applies the first rule that holds, not the harshest', () => {
    const result = evaluateDiscretion(makeBenchmark(), makeCase({ harm: 'serious', amount: 150000 }));
    expect(result).toMatchObject({ matched: true, rule: { id: 'income' } });
  });

  it('requires every given field of a condition to hold', () => {
    // first offence, minor and corrected would be 不予处罚; one field off and it is not.
    const benchmark = makeBenchmark();
    const notFirst = makeCase({ firstOffence: false, harm: 'minor', correctedInTime: true });
    const notCorrected = makeCase({ firstOffence: true, harm: 'minor', correctedInTime: false });
    const general = makeCase({ firstOffence: true, harm: 'general', correctedInTime: true });
    expect(evaluateDiscretion(benchmark, notFirst)).toMatchObject({ rule: { id: 'general' } });
    expect(evaluateDiscretion(benchmark, notCorrected)).toMatchObject({ rule: { id: 'general' } });
    expect(evaluateDiscretion(benchmark, general)).toMatchObject({ rule: { id: 'lighter' } });
  });

  it('includes the lower bound of an amount condition and excludes the upper', () => {
    const benchmark: DiscretionBenchmark = {
      rules: [makeRule({ id: 'low', when: { amount: { min: 0, max: 100000 } } }), makeRule({ id: 'high', when: { amount: { min: 100000 } } })],
    };
    expect(evaluateDiscretion(benchmark, makeCase({ amount: 0 }))).toMatchObject({ rule: { id: 'low' } });
    expect(evaluateDiscretion(benchmark, makeCase({ amount: 99999.99 }))).toMatchObject({ rule: { id: 'low' } });
    expect(evaluateDiscretion(benchmark, makeCase({ amount: 100000 }))).toMatchObject({ rule: { id: 'high' } });
  });

  it('skips a rule with an amount condition when the case has no amount', () => {
    const result = evaluateDiscretion(makeBenchmark(), makeCase({ harm: 'serious' }));
    expect(result).toMatchObject({ rule: { id: 'serious' } });
  });

  it('asks for the amount when the applicable rule fines a multiple of it', () => {
    const result = evaluateDiscretion(multipleOf(1, 5), makeCase());
    expect(problemRulesOf(result)).toEqual(['amount-required']);
    expect(result.matched ? '' : result.problems[0].message).toContain('货值');
  });

  it('answers no-rule when no condition holds', () => {
    const benchmark: DiscretionBenchmark = { rules: [makeRule({ when: { harm: ['serious'] } })] };
    expect(problemRulesOf(evaluateDiscretion(benchmark, makeCase()))).toEqual(['no-rule']);
    expect(problemRulesOf(evaluateDiscretion({ rules: [] }, makeCase()))).toEqual(['no-rule']);
  });

  it('returns kinds the caller can change without changing the benchmark', () => {
    const benchmark = makeBenchmark();
    const result = evaluateDiscretion(benchmark, makeCase({ harm: 'serious' }));
    if (!result.matched) throw new Error('expected a match');
    result.kinds.push('警告');
    expect(benchmark.rules[2].kinds).toEqual(['罚款', '责令停产停业']);
  });

  describe('multiple fines', () => {
    it('multiplies the amount by both bounds', () => {
      expect(fineOf(evaluateDiscretion(multipleOf(2, 5), makeCase({ amount: 8000 })))).toEqual({ min: 16000, max: 40000 });
    });

    it('rounds to the fen, half up', () => {
      expect(fineOf(evaluateDiscretion(multipleOf(1.5, 1.5), makeCase({ amount: 12345.67 })))).toEqual({
        min: 18518.51,
        max: 18518.51,
      });
      expect(fineOf(evaluateDiscretion(multipleOf(1, 1), makeCase({ amount: 1.005 })))).toEqual({ min: 1.01, max: 1.01 });
      expect(fineOf(evaluateDiscretion(multipleOf(1, 2), makeCase({ amount: 1234.565 })))).toEqual({
        min: 1234.57,
        max: 2469.13,
      });
      expect(fineOf(evaluateDiscretion(multipleOf(0.333, 0.5), makeCase({ amount: 0.01 })))).toEqual({
        min: 0,
        max: 0.01,
      });
    });

    it('does not leak floating-point noise', () => {
      expect(fineOf(evaluateDiscretion(multipleOf(3, 3), makeCase({ amount: 0.1 })))).toEqual({ min: 0.3, max: 0.3 });
      expect(fineOf(evaluateDiscretion(multipleOf(0.1, 0.7), makeCase({ amount: 3 })))).toEqual({ min: 0.3, max: 2.1 });
    });

    it('gives a zero fine for a zero amount', () => {
      expect(fineOf(evaluateDiscretion(multipleOf(1, 3), makeCase({ amount: 0 })))).toEqual({ min: 0, max: 0 });
    });

    it('refuses a fine that overflows', () => {
      const result = evaluateDiscretion(multipleOf(1, Number.MAX_VALUE), makeCase({ amount: 1e10 }));
      expect(problemRulesOf(result)).toEqual(['fine-invalid']);
    });
  });

  describe('odd input', () => {
    it('refuses an amount that is not a finite non-negative number', () => {
      for (const amount of [Number.NaN, Number.POSITIVE_INFINITY, -1, '100' as unknown as number, null as unknown as number]) {
        const result = evaluateDiscretion(makeBenchmark(), makeCase({ amount }));
        expect(problemRulesOf(result)).toEqual(['amount-invalid']);
      }
    });

    it('never throws, whatever it is given', () => {
      const benchmarks: unknown[] = [
        undefined,
        null,
        {},
        { rules: null },
        { rules: 'x' },
        { rules: [null] },
        { rules: [{ id: 'x' }] },
        { rules: [makeRule({ when: null as unknown as DiscretionRule['when'] })] },
        { rules: [makeRule({ when: { harm: 'serious' as unknown as ['serious'] } })] },
        { rules: [makeRule({ when: { amount: null as unknown as { min: number } } })] },
        { rules: [makeRule({ fine: { kind: 'multiple' } as unknown as DiscretionRule['fine'] })] },
        { rules: [makeRule({ fine: { kind: 'fixed', min: Number.NaN, max: 1 } })] },
        makeBenchmark(),
      ];
      const cases: unknown[] = [undefined, null, {}, makeCase(), makeCase({ amount: Number.NaN }), makeCase({ amount: 5 })];
      for (const benchmark of benchmarks) {
        for (const circumstances of cases) {
          const result = evaluateDiscretion(benchmark as DiscretionBenchmark, circumstances as CaseCircumstances);
          expect(typeof result.matched).toBe('boolean');
          if (result.matched && result.fine) {
            expect(Number.isFinite(result.fine.min) && Number.isFinite(result.fine.max)).toBe(true);
          }
        }
      }
    });

    it('refuses a benchmark that is not shaped like one', () => {
      expect(problemRulesOf(evaluateDiscretion(null as unknown as DiscretionBenchmark, makeCase()))).toEqual(['benchmark-invalid']);
      const noWhen = { rules: [{ id: 'x', kinds: [] }] } as unknown as DiscretionBenchmark;
      expect(problemRulesOf(evaluateDiscretion(noWhen, makeCase()))).toEqual(['benchmark-invalid']);
    });

    it('refuses missing circumstances', () => {
      const result = evaluateDiscretion(makeBenchmark(), undefined as unknown as CaseCircumstances);
      expect(problemRulesOf(result)).toEqual(['circumstances-invalid']);
    });

    it('writes every problem message in Chinese', () => {
      const results = [
        evaluateDiscretion(makeBenchmark(), makeCase({ amount: Number.NaN })),
        evaluateDiscretion(multipleOf(1, 2), makeCase()),
        evaluateDiscretion({ rules: [] }, makeCase()),
        evaluateDiscretion(null as unknown as DiscretionBenchmark, makeCase()),
      ];
      for (const result of results) {
        expect(result.matched).toBe(false);
        if (!result.matched) for (const problem of result.problems) expect(problem.message).toMatch(/\p{Script=Han}/u);
      }
    });
  });
});

describe('validateBenchmark', () => {
  it('accepts the realistic benchmark', () => {
    expect(validateBenchmark(makeBenchmark(), ITEM_KINDS)).toEqual([]);
  });

  it('refuses a benchmark without rules', () => {
    expect(validateBenchmark({ rules: [] }, ITEM_KINDS)).toEqual([{ ruleId: null, rule: 'rules-empty', message: expect.stringMatching(/规则/u) }]);
    expect(rulesOf(validateBenchmark(null as unknown as DiscretionBenchmark, ITEM_KINDS))).toEqual(['rules-empty']);
  });

  it('refuses a duplicate rule id, naming the second rule', () => {
    const benchmark = { rules: [makeRule({ id: 'a', when: { harm: ['serious'] } }), makeRule({ id: 'a' })] };
    const problems = validateBenchmark(benchmark, ITEM_KINDS);
    expect(problems).toEqual([{ ruleId: 'a', rule: 'id-duplicate', message: expect.stringContaining('第2条') }]);
  });

  it('refuses an empty or blank rule id', () => {
    for (const id of ['', '  ']) {
      expect(validateBenchmark({ rules: [makeRule({ id })] }, ITEM_KINDS)).toEqual([
        { ruleId: null, rule: 'id-empty', message: expect.stringContaining('第1条') },
      ]);
    }
  });

  it('refuses a penalising rule with no kind', () => {
    const rule = makeRule({ level: '从轻处罚', kinds: [], fine: undefined });
    expect(rulesOf(validateBenchmark({ rules: [rule] }, ITEM_KINDS))).toEqual(['kinds-empty']);
  });

  it('refuses a kind the item does not provide for', () => {
    const rule = makeRule({ kinds: ['罚款', '吊销许可证件', '行政拘留'] });
    const problems = validateBenchmark({ rules: [rule] }, ITEM_KINDS);
    expect(problems).toEqual([{ ruleId: 'r', rule: 'kind-not-in-item', message: expect.stringContaining('吊销许可证件、行政拘留') }]);
  });

  it('refuses 罚款 without a fine', () => {
    expect(rulesOf(validateBenchmark({ rules: [makeRule({ fine: undefined })] }, ITEM_KINDS))).toEqual(['fine-missing']);
  });

  it('refuses a fine without 罚款', () => {
    expect(rulesOf(validateBenchmark({ rules: [makeRule({ kinds: ['警告'] })] }, ITEM_KINDS))).toEqual(['fine-without-kind']);
  });

  it('refuses a fixed fine below zero, reversed or not a number', () => {
    for (const [min, max] of [
      [-1, 100],
      [300, 100],
      [Number.NaN, 100],
      [0, Number.POSITIVE_INFINITY],
    ]) {
      const rule = makeRule({ fine: { kind: 'fixed', min, max } });
      expect(rulesOf(validateBenchmark({ rules: [rule] }, ITEM_KINDS))).toEqual(['fine-range']);
    }
  });

  it('accepts a fixed fine of one exact amount', () => {
    const rule = makeRule({ fine: { kind: 'fixed', min: 5000, max: 5000 } });
    expect(validateBenchmark({ rules: [rule] }, ITEM_KINDS)).toEqual([]);
  });

  it('refuses multiples below zero or reversed', () => {
    for (const [minTimes, maxTimes] of [
      [-1, 2],
      [3, 1],
      [1, Number.NaN],
    ]) {
      const rule = makeRule({ fine: { kind: 'multiple', basis: 'illegalIncome', minTimes, maxTimes } });
      expect(rulesOf(validateBenchmark({ rules: [rule] }, ITEM_KINDS))).toEqual(['fine-range']);
    }
  });

  it('refuses a multiple of an unknown basis', () => {
    const fine = { kind: 'multiple', basis: 'turnover', minTimes: 1, maxTimes: 2 } as unknown as DiscretionRule['fine'];
    expect(rulesOf(validateBenchmark({ rules: [makeRule({ fine })] }, ITEM_KINDS))).toEqual(['fine-basis']);
  });

  it('refuses an amount condition whose range is reversed or empty', () => {
    for (const amount of [{ min: 100, max: 10 }, { min: 100, max: 100 }, { min: Number.NaN }]) {
      const rule = makeRule({ when: { amount } });
      expect(rulesOf(validateBenchmark({ rules: [rule] }, ITEM_KINDS))).toEqual(['amount-range']);
    }
  });

  it('accepts an amount condition open on either side', () => {
    const rules = [makeRule({ id: 'a', when: { amount: { min: 100 } } }), makeRule({ id: 'b', when: { amount: { max: 100 } } })];
    expect(validateBenchmark({ rules }, ITEM_KINDS)).toEqual([]);
  });

  it('refuses every rule after an unconditional one as unreachable', () => {
    const rules = [
      makeRule({ id: 'a', when: { harm: ['minor'] } }),
      makeRule({ id: 'b', when: {} }),
      makeRule({ id: 'c', when: { harm: ['serious'] } }),
      makeRule({ id: 'd', when: {} }),
    ];
    expect(validateBenchmark({ rules }, ITEM_KINDS)).toEqual([
      { ruleId: 'c', rule: 'rule-unreachable', message: expect.stringContaining('第2条') },
      { ruleId: 'd', rule: 'rule-unreachable', message: expect.stringContaining('第2条') },
    ]);
  });

  it('counts a condition whose fields are all undefined as unconditional', () => {
    const rules = [makeRule({ id: 'a', when: { harm: undefined } }), makeRule({ id: 'b' })];
    expect(rulesOf(validateBenchmark({ rules }, ITEM_KINDS))).toEqual(['rule-unreachable']);
  });

  it('refuses a 不予处罚 rule that sets kinds or a fine', () => {
    const withKinds = makeRule({ level: '不予处罚', kinds: ['警告'], fine: undefined });
    const withFine = makeRule({ level: '不予处罚', kinds: [] });
    const withBoth = makeRule({ level: '不予处罚' });
    for (const rule of [withKinds, withFine, withBoth]) {
      expect(rulesOf(validateBenchmark({ rules: [rule] }, ITEM_KINDS))).toEqual(['no-penalty-with-kinds']);
    }
  });

  it('accepts a 不予处罚 rule with no kinds even though other levels need one', () => {
    const rule = makeRule({ level: '不予处罚', kinds: [], fine: undefined });
    expect(validateBenchmark({ rules: [rule] }, ITEM_KINDS)).toEqual([]);
  });

  it('refuses a harm condition that lists no harm, since it can never hold', () => {
    expect(rulesOf(validateBenchmark({ rules: [makeRule({ when: { harm: [] } })] }, ITEM_KINDS))).toEqual(['harm-empty']);
  });

  it('refuses a rule that is not shaped like one, without throwing', () => {
    const rules = [null, { id: 'x' }, makeRule({ id: 'ok' })] as unknown as DiscretionRule[];
    expect(validateBenchmark({ rules }, ITEM_KINDS)).toEqual([
      { ruleId: null, rule: 'rule-invalid', message: expect.stringContaining('第1条') },
      { ruleId: null, rule: 'rule-invalid', message: expect.stringContaining('第2条') },
    ]);
  });

  it('lists every problem of every rule at once', () => {
    const rules = [
      makeRule({ id: 'a', kinds: ['罚款', '行政拘留'], fine: { kind: 'fixed', min: 5, max: 1 }, when: { amount: { min: 9, max: 1 } } }),
      makeRule({ id: 'a', level: '不予处罚', kinds: ['警告'], when: { firstOffence: true } }),
      makeRule({ id: 'c', when: {} }),
      makeRule({ id: 'd', kinds: ['警告'], fine: undefined }),
    ];
    const problems = validateBenchmark({ rules }, ITEM_KINDS);
    expect(problems.map((problem) => [problem.ruleId, problem.rule])).toEqual([
      ['a', 'kind-not-in-item'],
      ['a', 'fine-range'],
      ['a', 'amount-range'],
      ['a', 'id-duplicate'],
      ['a', 'no-penalty-with-kinds'],
      ['d', 'rule-unreachable'],
    ]);
    for (const problem of problems) expect(problem.message).toMatch(/\p{Script=Han}/u);
  });
});
