// The working calendar as the admin edits it (issue 13, part 8): a year without its statutory holidays
// is refused with a code, and every change is recorded with who made it, the year before and after.
// On a database of its own: the tests beside it count deadlines with the seeded calendar.
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../test/test-app';

describe('the working calendar', () => {
  let t: TestApp;
  const admin = async () => ({ authorization: `Bearer ${await t.tokenFor('admin')}` });
  const rows = async () => (await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM "calendar_changes"`))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp({ isolated: 'calendar', worker: false });
  }, 120_000);
  afterAll(() => t?.close());

  it('refuses a year emptied of its holidays with 422 CALENDAR_HOLIDAYS_MISSING and keeps the year as it was', async () => {
    const before = (await t.http.get('/api/calendar/2026').expect(200)).body;
    const changes = await rows();
    const res = await t.http
      .put('/api/calendar/2026')
      .set(await admin())
      .send({ holidays: [], workdays: [] });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'CALENDAR_HOLIDAYS_MISSING' });
    // Each festival with a statutory day on a weekday; 清明 2026 falls on a Sunday.
    expect(res.body.details.map((d: { festival: string }) => d.festival)).toEqual(['元旦', '春节', '劳动节', '端午', '中秋', '国庆']);
    expect((await t.http.get('/api/calendar/2026').expect(200)).body).toEqual(before);
    expect(await rows()).toBe(changes);
  });

  it('refuses a year that lacks one festival, naming it', async () => {
    const { holidays, workdays } = (await t.http.get('/api/calendar/2026').expect(200)).body;
    const res = await t.http
      .put('/api/calendar/2026')
      .set(await admin())
      .send({ holidays: holidays.filter((h: { name: string }) => h.name !== '端午'), workdays });
    expect({ status: res.status, code: res.body.code, festivals: res.body.details.map((d: { festival: string }) => d.festival) }).toEqual({
      status: 422,
      code: 'CALENDAR_HOLIDAYS_MISSING',
      festivals: ['端午'],
    });
  });

  it('records who changed a year, and the year before and after', async () => {
    const before = (await t.http.get('/api/calendar/2026').expect(200)).body;
    const holidays = [...before.holidays, { date: '2026-12-31', name: '元旦' }];
    await t.http
      .put('/api/calendar/2026')
      .set(await admin())
      .send({ holidays, workdays: before.workdays })
      .expect(200);
    const changes = (
      await t.http
        .get('/api/calendar/2026/changes')
        .set(await admin())
        .expect(200)
    ).body;
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      by: 'admin',
      before: { source: before.source, data: { year: 2026, holidays: before.holidays, workdays: before.workdays } },
      after: { source: 'admin', data: { year: 2026, holidays, workdays: before.workdays } },
    });
    expect(Date.parse(changes[0].at)).not.toBeNaN();
  });

  it('shows the record to the admin only', async () => {
    const res = await t.http.get('/api/calendar/2026/changes').set({ authorization: `Bearer ${await t.tokenFor('jc_supervisor')}` });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'FORBIDDEN_ROLE' });
    expect((await t.http.get('/api/calendar/2026/changes')).status).toBe(401);
  });
});
