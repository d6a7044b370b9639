import { PASSWORD_PATTERN } from './password-rule';

describe('the password rule', () => {
  it('asks for a letter and a digit anywhere, across line breaks', () => {
    expect(PASSWORD_PATTERN.test('Chen@2026')).toBe(true);
    expect(PASSWORD_PATTERN.test('\r\n\u2028abc\u20291')).toBe(true);
    expect(PASSWORD_PATTERN.test('abcdefgh')).toBe(false);
    expect(PASSWORD_PATTERN.test('12345678')).toBe(false);
  });

  it('counts only an ASCII digit as a digit, as every reader of the pattern does', () => {
    expect(PASSWORD_PATTERN.test('abcdefg٣')).toBe(false);
  });
});
