/**
 * Search terms for Chinese text without a Chinese parser in PostgreSQL. Han text is indexed as single
 * characters and overlapping pairs (bigrams); a query of two or more characters looks for its bigrams,
 * so '许可证' finds every text containing '许可' and '可证'. The index side goes into
 * `to_tsvector('simple', terms.join(' '))`, the query side into `to_tsquery('simple', terms.join(' & '))`.
 *
 * Every term matches /^[\p{Script=Han}a-z0-9]+$/u: no tsquery operator, quote or space can reach SQL.
 *
 * ASCII words are kept whole and lower-cased, so 'ISO' does not find 'ISO9001': a query finds an ASCII
 * word only when it spells the whole word.
 */

// Han runs and ASCII alphanumeric runs; everything else (spaces, punctuation, 〔〕, emoji) separates.
const TOKEN = /(\p{Script=Han}+)|([A-Za-z0-9]+)/gu;
// Ideographic variation selectors (U+E0100…, in people's and place names) belong to the character
// before them; dropping them keeps the Han run unbroken, as a query typed without them expects.
const VARIATION_SELECTOR = /\p{Variation_Selector}/gu;

export function indexTermsOf(text: string): string[] {
  const terms = new Set<string>();
  for (const token of tokensOf(text)) {
    if (token.kind === 'ascii') {
      terms.add(token.text);
      continue;
    }
    const chars = token.chars;
    chars.forEach((char, i) => {
      terms.add(char);
      if (i + 1 < chars.length) terms.add(char + chars[i + 1]);
    });
  }
  return [...terms];
}

/** Empty when the query has nothing searchable; the caller should then not search at all. */
export function queryTermsOf(query: string): string[] {
  const terms = new Set<string>();
  for (const token of tokensOf(query)) {
    if (token.kind === 'ascii') {
      terms.add(token.text);
    } else if (token.chars.length === 1) {
      terms.add(token.chars[0]);
    } else {
      for (let i = 0; i + 1 < token.chars.length; i++) terms.add(token.chars[i] + token.chars[i + 1]);
    }
  }
  return [...terms];
}

type Token = { kind: 'ascii'; text: string } | { kind: 'han'; chars: string[] };

function* tokensOf(text: string): Generator<Token> {
  if (typeof text !== 'string') return;
  // NFKC folds fullwidth letters and digits (ＩＳＯ９００１, 第１号) and compatibility ideographs into
  // their ordinary forms, so both sides agree however the text was typed.
  const normalised = text.normalize('NFKC').replace(VARIATION_SELECTOR, '');
  for (const match of normalised.matchAll(TOKEN)) {
    if (match[1] !== undefined) {
      // Array.from splits by code point: Han extension B and beyond lie outside the BMP.
      yield { kind: 'han', chars: Array.from(match[1]) };
    } else {
      yield { kind: 'ascii', text: match[2].toLowerCase() };
    }
  }
}
