/**
 * Full-text search of policy documents in Chinese without a Chinese parser in PostgreSQL.
 *
 * Matching and ranking: a word segmenter (jieba, outside this pure library) cuts the text into words
 * in search mode (a compound word and its parts: 保障性住房 → 保障, 保障性, 住房), which go into a
 * `tsvector` with the `simple` configuration; a query is cut the same way and becomes the AND of its
 * words, each word also matched by the AND of its parts (so 保障性住房 finds a text segmented
 * 保障性/住房 and one that has the compound).
 *
 * Snippets: `ts_headline` works on what PostgreSQL's parser sees as words, which for Chinese is a
 * whole run of Han characters. The headline therefore runs over a copy of the text with every
 * character a word of its own (`headlineSourceOf`), and the query words become phrases of characters
 * (住房 → 住 <-> 房), so exactly the matched characters are marked, wherever jieba cut. The marked
 * copy is turned back into the original text (`snippetHtmlOf`): the spaces that separate characters
 * are dropped, the text is HTML-escaped, and the private-use marks become `<mark>`.
 */

/** The segmenter's two modes, as the caller's library gives them. */
export interface Segmenter {
  /** Words that partition the text (精确模式). */
  cut(text: string): string[];
  /** Words and their dictionary parts (搜索引擎模式). */
  cutForSearch(text: string): string[];
}

// A term reaching SQL is letters and digits only: no tsquery operator, quote or space.
const TERM = /^[\p{L}\p{N}]+$/u;
// Marks put in by ts_headline (StartSel/StopSel); removed from the source text first.
export const MARK_START = '\uE000';
export const MARK_STOP = '\uE001';
// Stands for a run of whitespace of the original inside the spaced copy.
const WHITESPACE_MARK = '\u2002';

function normalised(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The distinct searchable words of segmenter output, lower-cased. */
export function searchTermsOf(tokens: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const token of tokens) {
    const term = normalised(token.trim());
    if (TERM.test(term)) terms.add(term);
  }
  return [...terms];
}

/** What goes into `to_tsvector('simple', …)` for a text: its search-mode words, space-separated. */
export function indexTextOf(segmenter: Segmenter, text: string): string {
  return searchTermsOf(segmenter.cutForSearch(text.normalize('NFKC'))).join(' ');
}

export interface QueryWord {
  word: string;
  /** Dictionary parts of the word other than itself (保障性住房 → 保障, 保障性, 住房); may be empty. */
  parts: string[];
}

/** The query's words; empty when nothing in it is searchable. At most `limit` words are kept. */
export function queryWordsOf(segmenter: Segmenter, query: string, limit = 12): QueryWord[] {
  const words = searchTermsOf(segmenter.cut(query.normalize('NFKC'))).slice(0, limit);
  return words.map((word) => ({
    word,
    parts: Array.from(word).length > 2 ? searchTermsOf(segmenter.cutForSearch(word)).filter((p) => p !== word) : [],
  }));
}

/** The `to_tsquery('simple', …)` text that matches documents: every word (or all its parts). */
export function matchQueryOf(words: readonly QueryWord[]): string {
  return words.map(({ word, parts }) => (parts.length > 0 ? `(${word} | (${parts.join(' & ')}))` : word)).join(' & ');
}

/** The `to_tsquery('simple', …)` text for `ts_headline` over `headlineSourceOf`: any word, as a phrase of characters. */
export function headlineQueryOf(words: readonly QueryWord[]): string {
  const all = new Set<string>();
  for (const { word, parts } of words) {
    all.add(word);
    for (const part of parts) all.add(part);
  }
  return [...all].map((term) => `(${Array.from(term).join(' <-> ')})`).join(' | ');
}

/** Every character a word of its own; whitespace runs kept as one mark so the snippet keeps its spaces. */
export function headlineSourceOf(text: string): string {
  const cleaned = text.replace(/[\uE000\uE001\u2002]/gu, ' ');
  const out: string[] = [];
  for (const piece of cleaned.split(/(\s+)/u)) {
    if (piece.length === 0) continue;
    if (/^\s+$/u.test(piece)) out.push(WHITESPACE_MARK);
    else out.push(...Array.from(piece));
  }
  return out.join(' ');
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** ts_headline's output over `headlineSourceOf` back to the original text, escaped, with <mark>s. */
export function snippetHtmlOf(headline: string): string {
  const text = headline.replace(/ /gu, '').replace(new RegExp(WHITESPACE_MARK, 'gu'), ' ').trim();
  return text
    .replace(/[&<>"']/gu, (c) => HTML_ESCAPES[c])
    .replace(new RegExp(MARK_START, 'gu'), '<mark>')
    .replace(new RegExp(MARK_STOP, 'gu'), '</mark>')
    .replace(/<\/mark>(\s*)<mark>/gu, '$1');
}

/**
 * ts_headline options: one excerpt of 30–60 characters around the best match. Fragment mode
 * (MaxFragments > 0) would show the matched characters alone, without context, since every
 * character is a word here; ShortWord=0 because every word is one character long.
 */
export const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxWords=60, MinWords=30, ShortWord=0, MaxFragments=0`;
