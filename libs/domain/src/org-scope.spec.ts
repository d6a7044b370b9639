import { isWithinOrg, orgPath, parentPathOf } from '#domain';

describe('organisation scope', () => {
  const city = orgPath(null, 'c');
  const county = orgPath(city, 'k');
  const township = orgPath(county, 't');
  const otherCounty = orgPath(city, 'k2');

  it('puts a township inside its county and its city', () => {
    expect(isWithinOrg(county, township)).toBe(true);
    expect(isWithinOrg(city, township)).toBe(true);
    expect(isWithinOrg(township, township)).toBe(true);
  });

  it('keeps a county out of its township and of a neighbouring county', () => {
    expect(isWithinOrg(township, county)).toBe(false);
    expect(isWithinOrg(otherCounty, township)).toBe(false);
  });

  it('does not confuse ids that share a prefix', () => {
    expect(isWithinOrg(orgPath(city, 'k'), orgPath(city, 'k2'))).toBe(false);
  });
});

describe('parentPathOf', () => {
  it('drops the last id', () => {
    expect(parentPathOf('/c/k/t/')).toBe('/c/k/');
    expect(parentPathOf('/c/')).toBe('/');
  });
});
