import { ApiEnv, EnvError, loadEnv } from '#config';

const valid = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  JWT_SECRET: 'x'.repeat(32),
  AUDIT_HMAC_KEY: 'a'.repeat(32),
};

function problemsOf(env: Record<string, string>) {
  try {
    loadEnv(ApiEnv, env);
  } catch (error) {
    if (error instanceof EnvError) return error.problems.map((p) => p.variable).sort();
    throw error;
  }
  return [];
}

describe('loadEnv', () => {
  it('applies defaults and converts numbers', () => {
    const env = loadEnv(ApiEnv, { ...valid, PORT: '8080' });
    expect(env.PORT).toBe(8080);
    expect(env.TEMPORAL_NAMESPACE).toBe('default');
    expect(env.JWT_TTL_SECONDS).toBe(8 * 3600);
  });

  it('names every missing variable', () => {
    expect(problemsOf({})).toEqual(['AUDIT_HMAC_KEY', 'DATABASE_URL', 'JWT_SECRET', 'TEMPORAL_ADDRESS']);
  });

  it('names a wrong variable', () => {
    expect(problemsOf({ ...valid, PORT: 'eighty' })).toEqual(['PORT']);
    expect(problemsOf({ ...valid, JWT_SECRET: 'short' })).toEqual(['JWT_SECRET']);
    expect(problemsOf({ ...valid, AUDIT_HMAC_KEY: 'short' })).toEqual(['AUDIT_HMAC_KEY']);
    expect(problemsOf({ ...valid, TEMPORAL_ADDRESS: 'localhost' })).toEqual(['TEMPORAL_ADDRESS']);
    expect(problemsOf({ ...valid, DATABASE_URL: 'mysql://x' })).toEqual(['DATABASE_URL']);
  });

  it('takes a public base URL with a scheme and no trailing slash, and docs only when switched on', () => {
    const defaults = loadEnv(ApiEnv, valid);
    expect(defaults.API_DOCS).toBe('false');
    expect(defaults.PUBLIC_BASE_URL).toBe('http://localhost:3000');
    expect(loadEnv(ApiEnv, { ...valid, PUBLIC_BASE_URL: 'https://zwt.longwan.gov.cn/portal' }).PUBLIC_BASE_URL).toBe('https://zwt.longwan.gov.cn/portal');
    expect(problemsOf({ ...valid, PUBLIC_BASE_URL: 'https://zwt.longwan.gov.cn/' })).toEqual(['PUBLIC_BASE_URL']);
    expect(problemsOf({ ...valid, PUBLIC_BASE_URL: 'zwt.longwan.gov.cn' })).toEqual(['PUBLIC_BASE_URL']);
    expect(problemsOf({ ...valid, PUBLIC_BASE_URL: 'https://evil@zwt.longwan.gov.cn' })).toEqual(['PUBLIC_BASE_URL']);
    expect(problemsOf({ ...valid, API_DOCS: 'yes' })).toEqual(['API_DOCS']);
  });

  it('says what is wrong in its message', () => {
    expect(() => loadEnv(ApiEnv, { ...valid, PORT: '70000' })).toThrow(/PORT/);
  });

  it('takes the disclosure rules and the unconfirmed-application alarm days, checked together', () => {
    expect(loadEnv(ApiEnv, valid)).toMatchObject({
      DISCLOSURE_PERIOD_RULES: '2019',
      DISCLOSURE_UNCONFIRMED_YELLOW_DAYS: 2,
      DISCLOSURE_UNCONFIRMED_RED_DAYS: 5,
    });
    expect(
      loadEnv(ApiEnv, { ...valid, DISCLOSURE_PERIOD_RULES: '2008', DISCLOSURE_UNCONFIRMED_YELLOW_DAYS: '1', DISCLOSURE_UNCONFIRMED_RED_DAYS: '3' }),
    ).toMatchObject({
      DISCLOSURE_PERIOD_RULES: '2008',
      DISCLOSURE_UNCONFIRMED_YELLOW_DAYS: 1,
      DISCLOSURE_UNCONFIRMED_RED_DAYS: 3,
    });
    expect(problemsOf({ ...valid, DISCLOSURE_PERIOD_RULES: '2007' })).toEqual(['DISCLOSURE_PERIOD_RULES']);
    expect(problemsOf({ ...valid, DISCLOSURE_UNCONFIRMED_YELLOW_DAYS: '0' })).toEqual(['DISCLOSURE_UNCONFIRMED_YELLOW_DAYS']);
    expect(problemsOf({ ...valid, DISCLOSURE_UNCONFIRMED_YELLOW_DAYS: '6' })).toEqual(['DISCLOSURE_UNCONFIRMED_RED_DAYS']);
    expect(() => loadEnv(ApiEnv, { ...valid, DISCLOSURE_UNCONFIRMED_RED_DAYS: '2' })).toThrow(
      /DISCLOSURE_UNCONFIRMED_RED_DAYS must be greater than DISCLOSURE_UNCONFIRMED_YELLOW_DAYS/,
    );
  });
});
