import {
  headlineQueryOf,
  headlineSourceOf,
  indexTextOf,
  MARK_START,
  MARK_STOP,
  matchQueryOf,
  queryWordsOf,
  type Segmenter,
  searchTermsOf,
  snippetHtmlOf,
} from './search-text';

/** A stand-in for jieba with a tiny dictionary: longest match first, unknown characters alone. */
const DICTIONARY = ['保障性住房', '保障性', '保障', '住房', '建设', '温州市', '温州', '通知', 'iso9001'];
const fake: Segmenter = {
  cut(text) {
    const out: string[] = [];
    for (let i = 0; i < text.length;) {
      const word = DICTIONARY.find((w) => text.toLowerCase().startsWith(w, i)) ?? text[i];
      out.push(text.slice(i, i + word.length));
      i += word.length;
    }
    return out;
  },
  cutForSearch(text) {
    return fake.cut(text).flatMap((w) => [...DICTIONARY.filter((d) => d !== w && w.includes(d)), w]);
  },
};

describe('document search text', () => {
  it('keeps letters and digits only, lower-cased and once', () => {
    expect(searchTermsOf(['温州', ' ', '〔', '2013', '〕', 'ISO', 'iso', "a'b", '&'])).toEqual(['温州', '2013', 'iso']);
  });

  it('indexes compound words with their parts', () => {
    expect(indexTextOf(fake, '保障性住房建设').split(' ')).toEqual(expect.arrayContaining(['保障性住房', '保障性', '保障', '住房', '建设']));
  });

  it('matches a query word or all of its parts', () => {
    const words = queryWordsOf(fake, '保障性住房 建设');
    expect(matchQueryOf(words)).toBe('(保障性住房 | (保障性 & 保障 & 住房)) & 建设');
    expect(queryWordsOf(fake, '〔〕 ， ')).toEqual([]);
  });

  it('never lets a tsquery operator through', () => {
    const words = queryWordsOf(fake, "住房 & ! | ( ) : * ' 建设");
    expect(matchQueryOf(words)).toBe('住房 & 建设');
  });

  it('highlights the matched characters as phrases', () => {
    expect(headlineQueryOf([{ word: '住房', parts: [] }])).toBe('(住 <-> 房)');
  });

  it('spaces every character for the headline and maps the marked result back to the text, escaped', () => {
    const source = headlineSourceOf('关于 <b>住房</b>\n建设');
    expect(source).toBe('关 于 \u2002 < b > 住 房 < / b > \u2002 建 设');
    const marked = source.replace('住 房', `${MARK_START}住${MARK_STOP} ${MARK_START}房${MARK_STOP}`);
    expect(snippetHtmlOf(marked)).toBe('关于 &lt;b&gt;<mark>住房</mark>&lt;/b&gt; 建设');
  });
});
