import { indexTermsOf, queryTermsOf } from './cjk-terms';

const SAFE_TERM = /^[\p{Script=Han}a-z0-9]+$/u;

const ODD_INPUTS = [
  '',
  ' ',
  '\t\n\r',
  "'",
  '"',
  "it's",
  "''; DROP TABLE item; --",
  'a & b',
  'a | b',
  '!a',
  'a:*',
  'a:A',
  '(a & b) | !(c)',
  '<->',
  'a <2> b',
  '\\',
  '\\x27',
  '%_',
  '$1',
  '🙂',
  '👨‍👩‍👧',
  '许可🙂证',
  '１２３４',
  'ＩＳＯ９００１认证',
  '第１号',
  '〔2013〕',
  '温政办〔2013〕89号',
  '（试行）',
  '「许可」『证』',
  '“安全生产”',
  '许可,证；核发。',
  '\u0000许可\u0000',
  '\u200b许\u200b可',
  'é',
  'Straße',
  'İstanbul',
  'ﬁle',
  '①②③',
  '²³',
  'Ⅻ',
  '㈱',
  '㍿',
  '⼈',
  '豈',
  '𠀀𠀁',
  '〇々〻',
  'ㄅㄆ',
  'あいう',
  '한국어',
  'ก',
  '\ud800',
  '\udc00许',
  'a'.repeat(5000),
  '许'.repeat(5000),
];

describe('indexTermsOf', () => {
  it('indexes every character and every overlapping pair of a Han run', () => {
    const terms = indexTermsOf('安全生产许可证核发');
    for (const term of ['安全', '全生', '生产', '产许', '许可', '可证', '证核', '核发']) expect(terms).toContain(term);
    for (const char of '安全生产许可证核发') expect(terms).toContain(char);
    expect(terms).toHaveLength(9 + 8);
  });

  it('keeps first-seen order, each character before the pair it starts', () => {
    expect(indexTermsOf('安全生产')).toEqual(['安', '安全', '全', '全生', '生', '生产', '产']);
  });

  it('drops duplicates', () => {
    expect(indexTermsOf('许可 许可证 许可')).toEqual(['许', '许可', '可', '可证', '证']);
    expect(indexTermsOf('哈哈哈')).toEqual(['哈', '哈哈']);
  });

  it('does not pair characters across punctuation, spaces or brackets', () => {
    const terms = indexTermsOf('温政办〔2013〕89号，安全 生产');
    expect(terms).toEqual(['温', '温政', '政', '政办', '办', '2013', '89', '号', '安', '安全', '全', '生', '生产', '产']);
    expect(terms).not.toContain('全生');
    expect(terms).not.toContain('办2013');
  });

  it('keeps ASCII words whole and lower-cased', () => {
    expect(indexTermsOf('ISO9001认证 GB/T 19001-2016 a')).toEqual(['iso9001', '认', '认证', '证', 'gb', 't', '19001', '2016', 'a']);
  });

  it('reads fullwidth letters and digits as their ASCII forms', () => {
    expect(indexTermsOf('ＩＳＯ９００１')).toEqual(['iso9001']);
    expect(indexTermsOf('第１号')).toEqual(['第', '1', '号']);
    expect(indexTermsOf('第１号')).not.toContain('第号');
    expect(queryTermsOf('１号')).toEqual(['1', '号']);
  });

  it('drops text with nothing searchable', () => {
    for (const text of ['', '  ', '，。！？', '〔〕（）', '🙂🙂', '&|!:*()']) expect(indexTermsOf(text)).toEqual([]);
  });

  it('treats characters beyond the BMP as single characters', () => {
    expect(indexTermsOf('𠀀𠀁')).toEqual(['𠀀', '𠀀𠀁', '𠀁']);
  });

  it('ignores ideographic variation selectors inside a Han run', () => {
    expect(indexTermsOf('葛\u{E0100}城')).toEqual(indexTermsOf('葛城'));
  });
});

describe('queryTermsOf', () => {
  it('looks for the overlapping pairs of a run of two or more characters', () => {
    expect(queryTermsOf('许可证')).toEqual(['许可', '可证']);
    expect(queryTermsOf('许可')).toEqual(['许可']);
  });

  it('looks for a single character on its own', () => {
    expect(queryTermsOf('许')).toEqual(['许']);
    expect(queryTermsOf('许 证')).toEqual(['许', '证']);
  });

  it('splits Han text from ASCII words and lower-cases them', () => {
    expect(queryTermsOf('ISO9001认证')).toEqual(['iso9001', '认证']);
  });

  it('drops duplicate terms', () => {
    expect(queryTermsOf('哈哈哈')).toEqual(['哈哈']);
    expect(queryTermsOf('许可 许可 ISO iso')).toEqual(['许可', 'iso']);
  });

  it('is empty when the query has nothing searchable', () => {
    for (const query of ['', ' ', '&', '!!', '〔〕', '🙂', ':*', '“”']) expect(queryTermsOf(query)).toEqual([]);
  });

  it('does not find part of an ASCII word, since words are indexed whole', () => {
    expect(indexTermsOf('ISO9001认证')).not.toContain(queryTermsOf('ISO')[0]);
  });
});

describe('term safety inside to_tsquery', () => {
  it('returns only Han characters, lower-case ASCII letters and digits, whatever the input', () => {
    for (const input of ODD_INPUTS) {
      for (const term of [...indexTermsOf(input), ...queryTermsOf(input)]) expect(term).toMatch(SAFE_TERM);
    }
  });

  it('never returns an empty term or a duplicate', () => {
    for (const input of ODD_INPUTS) {
      for (const terms of [indexTermsOf(input), queryTermsOf(input)]) {
        expect(terms).not.toContain('');
        expect(new Set(terms).size).toBe(terms.length);
      }
    }
  });

  it('answers nothing for input that is not a string instead of throwing', () => {
    for (const input of [undefined, null, 42, {}]) {
      expect(indexTermsOf(input as string)).toEqual([]);
      expect(queryTermsOf(input as string)).toEqual([]);
    }
  });
});

describe('finding a text by a query it contains', () => {
  const texts = [
    '安全生产许可证核发',
    '温州市龙湾区安全生产监督管理局行政处罚决定书〔2013〕第3号',
    '食品经营许可（ISO9001认证企业优先）',
    '对未按规定配备安全生产管理人员的处罚',
    '中华人民共和国行政许可法 第十二条',
  ];
  const queries: [string, string][] = [
    [texts[0], '许可证'],
    [texts[0], '许'],
    [texts[0], '安全生产许可证核发'],
    [texts[0], '证核'],
    [texts[1], '龙湾区安全'],
    [texts[1], '处罚决定书〔2013〕'],
    [texts[1], '2013'],
    [texts[1], '第3号'],
    [texts[2], 'ISO9001认证'],
    [texts[2], 'iso9001'],
    [texts[2], '经营许可（ISO9001'],
    [texts[3], '管理人员的处罚'],
    [texts[4], '行政许可法'],
    [texts[4], '共和'],
  ];

  it.each(queries)('finds %s by %s', (text, query) => {
    expect(text.toLowerCase()).toContain(query.toLowerCase());
    const index = new Set(indexTermsOf(text));
    const terms = queryTermsOf(query);
    expect(terms.length).toBeGreaterThan(0);
    for (const term of terms) expect(index).toContain(term);
  });

  it('finds a text by every substring of it that does not cut an ASCII word in two', () => {
    const isAlnum = (char: string | undefined) => char !== undefined && /^[A-Za-z0-9]$/u.test(char);
    for (const text of texts) {
      const chars = Array.from(text);
      const index = new Set(indexTermsOf(text));
      for (let start = 0; start < chars.length; start++) {
        if (isAlnum(chars[start - 1]) && isAlnum(chars[start])) continue;
        for (let end = start + 1; end <= chars.length; end++) {
          if (isAlnum(chars[end - 1]) && isAlnum(chars[end])) continue;
          const query = chars.slice(start, end).join('');
          for (const term of queryTermsOf(query)) expect(index).toContain(term);
        }
      }
    }
  });

  it('does not find a text whose characters are there but not next to each other', () => {
    const index = new Set(indexTermsOf('许可 证明'));
    expect(queryTermsOf('许可证').every((term) => index.has(term))).toBe(false);
  });
});
