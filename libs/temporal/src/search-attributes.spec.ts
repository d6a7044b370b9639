import { REGISTERED_SEARCH_ATTRIBUTES, SearchAttributes } from '#temporal';

describe('search attributes', () => {
  it('registers exactly the keys the code uses, with the same types', () => {
    const fromKeys = Object.fromEntries(
      Object.values(SearchAttributes).map((key) => [
        key.name,
        { KEYWORD: 'Keyword', DATETIME: 'Datetime', TEXT: 'Text', INT: 'Int', DOUBLE: 'Double', BOOL: 'Bool', KEYWORD_LIST: 'KeywordList' }[key.type],
      ]),
    );
    expect(fromKeys).toEqual(REGISTERED_SEARCH_ATTRIBUTES);
  });
});
