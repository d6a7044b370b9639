import { REDACTED, redactRequestLog, redactUrl } from './log-redaction';

describe('redactUrl', () => {
  it('hides the ID number in the materials library path', () => {
    expect(redactUrl('/api/applicants/person/330302199001011234/materials')).toBe(`/api/applicants/person/${REDACTED}/materials`);
    expect(redactUrl('/api/applicants/company/91330303143690002G/materials?page=2')).toBe(`/api/applicants/company/${REDACTED}/materials?page=2`);
  });

  it('hides named query parameters and keeps the others', () => {
    const url = redactUrl('/api/hall/results?idNumber=330302199001011234&queryCode=7K3P9Q&applicantName=%E5%BC%A0%E4%B8%89&name=x&page=1');
    expect(url).toBe(`/api/hall/results?idNumber=${REDACTED}&queryCode=${REDACTED}&applicantName=${REDACTED}&name=${REDACTED}&page=1`);
  });

  it('hides an ID-shaped value whatever its parameter is called', () => {
    expect(redactUrl('/api/x?who=33030219900101123X')).toBe(`/api/x?who=${REDACTED}`);
    expect(redactUrl('/api/y/330302900101123')).toBe(`/api/y/${REDACTED}`);
  });

  it('keeps case numbers, item codes, UUIDs and content hashes', () => {
    const urls = [
      '/api/items/33030300AJ-CF-0003',
      '/api/cases/5f0c8f1e-8a62-4c4f-9d35-1c2b8f7b9e10',
      `/api/forms/${'ab'.repeat(32)}`,
      '/api/calendar/deadline?from=2026-02-03&days=5',
    ];
    for (const url of urls) expect(redactUrl(url)).toBe(url);
  });

  it('redacts the query, params and Referer of a serialized request', () => {
    const logged = redactRequestLog({
      url: '/api/hall/results?idNumber=330302199001011234',
      query: { idNumber: '330302199001011234', page: '1' },
      params: { kind: 'person', idNumber: '330302199001011234' },
      headers: { referer: 'https://zwt.example/hall/results?idNumber=330302199001011234', host: 'zwt.example' },
    });
    expect(JSON.stringify(logged)).not.toContain('330302199001011234');
    expect(logged.query).toEqual({ idNumber: REDACTED, page: '1' });
    expect(logged.params).toEqual({ kind: 'person', idNumber: REDACTED });
    expect(logged.headers?.referer).toBe(`https://zwt.example/hall/results?idNumber=${REDACTED}`);
  });
});
