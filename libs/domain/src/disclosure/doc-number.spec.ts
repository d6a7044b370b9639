import { parseDocNumber } from './doc-number';

function rulesOf(input: string): string[] {
  const result = parseDocNumber(input);
  return result.ok ? [] : result.problems.map((p) => p.rule);
}

describe('document numbers (文号)', () => {
  it("parses the founding document's own number", () => {
    expect(parseDocNumber('温政办〔2013〕106号')).toEqual({
      ok: true,
      value: { issuer: '温政办', year: 2013, sequence: 106, text: '温政办〔2013〕106号' },
    });
  });

  it.each([
    ['温政办[2013]106号'],
    ['温政办［2013］106号'],
    ['温政办(2013)106号'],
    ['温政办（2013）106号'],
    ['温政办【2013】106号'],
    [' 温政办 〔 2013 〕 106 号 '],
    ['温政办〔２０１３〕１０６号'],
    ['温政办〔2013〕第106号'],
    ['温政办〔2013〕0106号'],
  ])('normalises the common variant %s', (input) => {
    const result = parseDocNumber(input);
    expect(result.ok && result.value.text).toBe('温政办〔2013〕106号');
  });

  it('keeps issuers of several characters and letters', () => {
    const result = parseDocNumber('工信部联信〔2011〕455号');
    expect(result.ok && result.value).toMatchObject({ issuer: '工信部联信', year: 2011, sequence: 455 });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['温政办2013106号', 'format'],
    ['温政办〔2013〕106', 'format'],
    ['〔2013〕106号', 'format'],
    ['温政办〔2013]106号', 'format'],
    ['温政办〔13〕106号', 'year'],
    ['温政办〔1900〕106号', 'year'],
    ['温政办〔2013〕0号', 'sequence'],
    ['温政办〔2013〕100000号', 'sequence'],
    ['温政-办〔2013〕1号', 'issuer'],
  ])('refuses %j (%s)', (input, rule) => {
    expect(rulesOf(input)).toContain(rule);
  });
});
