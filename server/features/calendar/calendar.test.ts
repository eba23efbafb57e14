import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemContext } from '../../http/context';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { photoWithGps, smallPdf, uploadRequest } from '../files/files.factories';
import { buildWorld } from '../orgs/orgs.factories';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { createDeps } from '../../deps';
import { calendarChangedSince, calendarVersion } from './service';
import { REFRESH_MS, reloadCalendar } from './state';

let t: TestApp;
let adminCookie: string, viewerCookie: string, orgAdminCookie: string;

beforeAll(async () => {
  t = await createTestApp();
  const { root, sucheng } = await buildWorld(t);
  await buildAccount(t, { org: root, role: 'national_admin', username: 'cal_admin' });
  await buildAccount(t, { org: sucheng, role: 'viewer', username: 'cal_viewer' });
  await buildAccount(t, { org: sucheng, role: 'org_admin', username: 'cal_org_admin' });
  adminCookie = await signIn(t, 'cal_admin');
  viewerCookie = await signIn(t, 'cal_viewer');
  orgAdminCookie = await signIn(t, 'cal_org_admin');
});
afterAll(() => t?.close());

const get = (url: string, cookie = viewerCookie, app = t) =>
  app.app.inject({ method: 'GET', url, headers: { cookie } });
const put = (url: string, payload: object, cookie = adminCookie) =>
  t.app.inject({ method: 'PUT', url, headers: { cookie }, payload });
const due = (from: string, n: number | string, more = '') =>
  get(`/api/v1/calendar/due?from=${encodeURIComponent(from)}&working_days=${n}${more}`);

/** A plausible notice for 2027 (the real one is not out): 7 holidays, make-up weekends around 春节, 劳动节 and 国庆节. */
const NOTICE_2027 = {
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-05', to: '2027-02-11' },
    { name: '清明节', from: '2027-04-03', to: '2027-04-05' },
    { name: '劳动节', from: '2027-05-01', to: '2027-05-05' },
    { name: '端午节', from: '2027-06-09', to: '2027-06-09' },
    { name: '中秋节', from: '2027-09-15', to: '2027-09-15' },
    { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
  ],
  workdays: ['2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09'],
};

describe('reading the calendar', () => {
  it('shows an official year with its holidays and make-up working days, to any cadre', async () => {
    const res = await get('/api/v1/calendar/2026');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2026, status: 'official', region_code: null, first_year: 2004 });
    const byDate = new Map(body.days.map((d: { date: string }) => [d.date, d]));
    expect(byDate.get('2026-10-01')).toMatchObject({ is_workday: false, label: '国庆节', source: 'official' });
    expect(byDate.get('2026-10-10')).toMatchObject({ is_workday: true, label: '国庆节调休上班' });
  });

  it('marks a year without a notice provisional, with the holidays computed from the law', async () => {
    const body = (await get('/api/v1/calendar/2027')).json();
    expect(body.status).toBe('provisional');
    expect(body.provisional_years).toContain(2027);
    const national = body.days.filter((d: { label: string }) => d.label === '国庆节');
    expect(national.map((d: { date: string }) => d.date)).toEqual(['2027-10-01', '2027-10-02', '2027-10-03']);
    expect(
      national.every((d: { provisional: boolean; source: string }) => d.provisional && d.source === 'statutory'),
    ).toBe(true);
  });
});

describe('due dates', () => {
  it('explains 2026-09-30 + 5 working days = 2026-10-13 day by day', async () => {
    const res = await due('2026-09-30T10:00:00+08:00', 5);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      due_date: '2026-10-13',
      due_at: '2026-10-14T00:00:00+08:00',
      working_days: 5,
      provisional: false,
      counted: [
        { date: '2026-10-08', label: null },
        { date: '2026-10-09', label: null },
        { date: '2026-10-10', label: '国庆节调休上班' },
        { date: '2026-10-12', label: null },
        { date: '2026-10-13', label: null },
      ],
      skipped: [
        { from: '2026-10-01', to: '2026-10-07', reason: '国庆节', provisional: false },
        { from: '2026-10-11', to: '2026-10-11', reason: '周日', provisional: false },
      ],
    });
  });

  it('crosses into a provisional year and says so', async () => {
    const body = (await due('2026-12-31', 1)).json();
    expect(body).toMatchObject({ due_date: '2027-01-04', provisional: true });
    expect(body.skipped[0]).toMatchObject({ from: '2027-01-01', reason: '元旦', provisional: true });
  });

  it('counts a region’s own holidays where they apply (广西 壮族三月三, 2026-04-19/20)', async () => {
    expect((await due('2026-04-17', 1)).json().due_date).toBe('2026-04-20');
    const guangxi = (await due('2026-04-17', 1, '&region_code=450102')).json();
    expect(guangxi).toMatchObject({ due_date: '2026-04-21', region_code: '450102' });
    expect(guangxi.skipped.map((r: { reason: string }) => r.reason)).toEqual(['周六', '壮族三月三']);
    const year = (await get('/api/v1/calendar/2026?region_code=450102')).json();
    expect(year.days.find((d: { date: string }) => d.date === '2026-04-20')).toMatchObject({
      is_workday: false,
      label: '壮族三月三',
      region_prefix: '45',
    });
    const national = (await get('/api/v1/calendar/2026')).json();
    expect(national.days.some((d: { label: string }) => d.label === '壮族三月三')).toBe(false);
  });

  it('takes a time without an offset as Beijing time', async () => {
    // 2026-09-30T23:30 in Beijing is still the 30th; read as UTC it would be 10-01.
    expect((await due('2026-09-30T23:30', 5)).json().due_date).toBe('2026-10-13');
    expect((await due('2026-09-30T16:30:00Z', 5)).json().due_date).toBe('2026-10-13');
  });
});

describe('bad input answers 422 naming the field', () => {
  const year = new Date().getFullYear();
  it.each([
    ['a date that does not exist', '/api/v1/calendar/due?from=2026-02-30&working_days=5', 'from'],
    ['a time that does not exist', '/api/v1/calendar/due?from=2026-02-03T25:00&working_days=5', 'from'],
    ['a year before the data', '/api/v1/calendar/due?from=2003-05-06&working_days=5', 'from'],
    ['more than 2 years ahead', `/api/v1/calendar/due?from=${year + 3}-05-06&working_days=5`, 'from'],
    ['a negative number of days', '/api/v1/calendar/due?from=2026-05-06&working_days=-1', 'working_days'],
    ['an absurd number of days', '/api/v1/calendar/due?from=2026-05-06&working_days=100000', 'working_days'],
    ['days running past the horizon', `/api/v1/calendar/due?from=${year + 2}-12-20&working_days=30`, 'working_days'],
    [
      'a region code that does not exist',
      '/api/v1/calendar/due?from=2026-05-06&working_days=5&region_code=999999',
      'region_code',
    ],
    ['a year before the data', '/api/v1/calendar/2003', 'year'],
    ['a year too far ahead', `/api/v1/calendar/${year + 3}`, 'year'],
    ['a year that is not a number', '/api/v1/calendar/abc', 'year'],
  ])('%s', async (_what, url, field) => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.fields).toHaveProperty([field]);
  });

  it.each([
    ['a make-up day on a weekday', { holidays: NOTICE_2027.holidays, workdays: ['2027-10-08'] }, 'workdays.0'],
    [
      'overlapping holidays',
      { holidays: [NOTICE_2027.holidays[0], { name: '春节', from: '2027-01-03', to: '2027-01-06' }], workdays: [] },
      'holidays.1.from',
    ],
    [
      'a date that does not exist',
      { holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-30' }], workdays: [] },
      'holidays.0.to',
    ],
    [
      'a range that ends before it starts',
      { holidays: [{ name: '春节', from: '2027-02-09', to: '2027-02-05' }], workdays: [] },
      'holidays.0.to',
    ],
    [
      'a date in another year',
      { holidays: [{ name: '元旦', from: '2026-12-31', to: '2027-01-01' }], workdays: [] },
      'holidays.0.from',
    ],
    ['a make-up day inside a holiday', { holidays: NOTICE_2027.holidays, workdays: ['2027-10-02'] }, 'workdays.0'],
    ['an unknown field', { ...NOTICE_2027, note: 'x' }, 'note'],
  ])('a notice with %s', async (_what, payload, field) => {
    const res = await put('/api/v1/calendar/2027/notice', payload);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.fields).toHaveProperty([field]);
  });

  it('a notice for a year whose notice ships with the system', async () => {
    const res = await put('/api/v1/calendar/2026/notice', NOTICE_2027);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toHaveProperty(['year']);
  });
});

describe('entering a notice', () => {
  it('is the national admin’s alone', async () => {
    expect((await put('/api/v1/calendar/2027/notice', NOTICE_2027, orgAdminCookie)).statusCode).toBe(403);
    expect(
      (await put('/api/v1/calendar/days/2027-03-03', { is_workday: false, label: '停工' }, viewerCookie)).statusCode,
    ).toBe(403);
  });

  it('makes the year official, audits it, records the changed dates and keeps other nodes in step', async () => {
    const other = await t.withConfig({});
    try {
      expect((await get('/api/v1/calendar/2027', viewerCookie, other)).json().status).toBe('provisional');
      const ctx = systemContext(await createDeps(t.config, t.db));
      const before = await calendarVersion(ctx);

      const res = await put('/api/v1/calendar/2027/notice', NOTICE_2027);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ year: 2027, status: 'official' });
      expect(res.json().provisional_years).not.toContain(2027);
      expect(res.json().days.find((d: { date: string }) => d.date === '2027-10-09')).toMatchObject({
        is_workday: true,
        label: '调休上班',
        source: 'official',
        provisional: false,
      });
      // A case received on 09-30 now skips 10-04…07 and counts the make-up Saturday 10-09.
      expect((await due('2027-09-30', 3)).json()).toMatchObject({ due_date: '2027-10-11', provisional: false });

      const audit = await t.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id', 'details'])
        .where('action', '=', 'calendar.notice_entered')
        .executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ entity_id: '2027', details: { year: 2027 } });
      const change = await t.db
        .selectFrom('calendar_changes')
        .select(['kind', 'year', 'account_id'])
        .where('kind', '=', 'notice')
        .executeTakeFirstOrThrow();
      expect(change).toMatchObject({ kind: 'notice', year: 2027 });
      expect(change.account_id).not.toBeNull();

      // A deadline computed before the notice can ask whether its days changed (pull, not push); this
      // context is a node of its own, which sees the change once it reloads (at most REFRESH_MS later).
      await reloadCalendar(ctx);
      expect(await calendarChangedSince(ctx, '2027-09-28', '2027-10-12', { version: before })).toBe(true);
      expect(await calendarChangedSince(ctx, '2027-11-01', '2027-11-30', { version: before })).toBe(false);
      expect(await calendarChangedSince(ctx, '2027-09-28', '2027-10-12', { version: await calendarVersion(ctx) })).toBe(
        false,
      );

      // The other node sees it once its last check is older than the staleness bound.
      const now = Date.now();
      vi.spyOn(Date, 'now').mockReturnValue(now + REFRESH_MS + 1);
      try {
        expect((await get('/api/v1/calendar/2027', viewerCookie, other)).json().status).toBe('official');
      } finally {
        vi.restoreAllMocks();
      }
    } finally {
      await other.close();
    }
  });

  it('keeps manual days, and a node starting on it rewrites nothing', async () => {
    const res = await put('/api/v1/calendar/days/2027-10-08', { is_workday: false, label: '补休' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await put('/api/v1/calendar/2027/notice', NOTICE_2027)).statusCode).toBe(200);
    const versionOf = async () =>
      (
        await t.db
          .selectFrom('calendar_changes')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirstOrThrow()
      ).id;
    const version = await versionOf();
    const another = await t.withConfig({});
    await another.close();
    expect(await versionOf()).toBe(version);
    const day = (await get('/api/v1/calendar/2027')).json().days.find((d: { date: string }) => d.date === '2027-10-08');
    expect(day).toMatchObject({ is_workday: false, label: '补休', source: 'manual' });
  });

  it('puts what ships back at the next start, recording and auditing the dates that moved', async () => {
    await t.db.deleteFrom('calendar_days').where('date', '=', '2026-10-10').where('region_prefix', '=', '').execute();
    await t.db
      .insertInto('calendar_days')
      .values({ date: '2026-11-11', is_workday: false, label: '过时的推算', source: 'statutory', provisional: true })
      .execute();
    const another = await t.withConfig({});
    await another.close();
    const day = await t.db
      .selectFrom('calendar_days')
      .select(['label', 'source'])
      .where('date', '=', '2026-10-10')
      .executeTakeFirst();
    expect(day).toEqual({ label: '国庆节调休上班', source: 'official' });
    const stale = await t.db.selectFrom('calendar_days').select('date').where('date', '=', '2026-11-11').execute();
    expect(stale).toEqual([]);
    const change = await t.db
      .selectFrom('calendar_changes')
      .select(sql<string[]>`dates::text[]`.as('dates'))
      .where('kind', '=', 'refresh')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(change.dates).toEqual(['2026-10-10', '2026-11-11']);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_label', 'details'])
      .where('action', '=', 'calendar.refreshed')
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({ actor_label: '系统', details: expect.objectContaining({ written: 1, removed: 1 }) }),
    ]);
  });
});

describe('the notice’s scans', () => {
  it('go with the notice, public and without the phone’s EXIF; only the calendar’s admin uploads them', async () => {
    expect(
      (
        await t.app.inject(
          uploadRequest('calendar.notice', [await photoWithGps(1200, 800)], { cookie: orgAdminCookie }),
        )
      ).statusCode,
    ).toBe(403);
    const upload = await t.app.inject(
      uploadRequest('calendar.notice', [await photoWithGps(1200, 800), await smallPdf()], { cookie: adminCookie }),
    );
    expect(upload.statusCode, upload.body).toBe(201);
    const ids = upload.json().items.map((f: { id: string }) => ({ id: f.id }));

    const entered = await put('/api/v1/calendar/2027/notice', { ...NOTICE_2027, attachments: ids });
    expect(entered.statusCode, entered.body).toBe(200);
    const files = (await get('/api/v1/calendar/2027')).json().notice_files;
    // Files attached together are listed by id (their attached_at is one instant), not in upload order.
    const byId = (a: string, b: string) => a.localeCompare(b);
    expect(files.map((f: { id: string }) => f.id).sort(byId)).toEqual(ids.map((f: { id: string }) => f.id).sort(byId));
    expect(files.map((f: { content_type: string }) => f.content_type).sort()).toEqual([
      'application/pdf',
      'image/webp',
    ]);

    // Anyone may read the scan (the notice is public); it carries nothing of where the photo was taken.
    const photo = files.find((f: { content_type: string }) => f.content_type === 'image/webp');
    const scan = await t.app.inject({ method: 'GET', url: photo.url });
    expect(scan.statusCode).toBe(200);
    expect(scan.headers['cache-control']).toMatch(/public/);
    expect((await sharp(scan.rawPayload).metadata()).exif).toBeUndefined();
    for (const marker of ['Exif', 'GPS', 'TestPhone']) expect(scan.rawPayload.includes(marker)).toBe(false);

    // A corrected notice with its own scan replaces the earlier ones; one without attachments keeps them.
    const again = await t.app.inject(uploadRequest('calendar.notice', [await smallPdf()], { cookie: adminCookie }));
    const replacement = [{ id: again.json().items[0].id as string }];
    expect((await put('/api/v1/calendar/2027/notice', { ...NOTICE_2027, attachments: replacement })).statusCode).toBe(
      200,
    );
    expect((await put('/api/v1/calendar/2027/notice', NOTICE_2027)).statusCode).toBe(200);
    expect((await get('/api/v1/calendar/2027')).json().notice_files.map((f: { id: string }) => f.id)).toEqual([
      replacement[0]!.id,
    ]);
    expect((await t.app.inject({ method: 'GET', url: files[0].url })).statusCode).toBe(404);

    // Someone else's upload cannot be slipped in: it answers like a missing file, naming the entry.
    const foreign = await put('/api/v1/calendar/2027/notice', {
      ...NOTICE_2027,
      attachments: [{ id: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.fields).toHaveProperty(['attachments.0']);
  });
});
