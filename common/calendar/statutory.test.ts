import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { withComputedYears } from './assemble';
import { isoFromDay, weekdayOf } from './days';
import { lunarDay, lunarNewYear, qingming } from './lunar';
import { computeRegionalYear } from './regional';
import { computeStatutoryYear, statutoryHolidays } from './statutory';
import { createWorkCalendar, dayOf } from './work-calendar';

const list = (year: number) => computeStatutoryYear(year).map((d) => `${d.date} ${d.label}`);

// chinese-days' own conversions format in local time: they are right only where UTC+0 or east of it.
const libraryIsRight = new Date(Date.UTC(2027, 0, 1)).getTimezoneOffset() <= 0;

describe('lunar dates and 清明 from chinese-days tables', () => {
  it.runIf(libraryIsRight)('agree with chinese-days for 2004–2099', () => {
    for (let year = 2004; year <= 2099; year++) {
      expect(isoFromDay(qingming(year)), `清明 ${year}`).toBe(chineseDays.getSolarTermDate(year, 4, 'pure_brightness'));
      expect(isoFromDay(lunarNewYear(year)), `春节 ${year}`).toBe(
        chineseDays.getSolarDateFromLunar(`${year}-01-01`).date,
      );
      expect(isoFromDay(lunarDay(year, 5, 5)), `端午 ${year}`).toBe(
        chineseDays.getSolarDateFromLunar(`${year}-05-05`).date,
      );
      expect(isoFromDay(lunarDay(year, 8, 15)), `中秋 ${year}`).toBe(
        chineseDays.getSolarDateFromLunar(`${year}-08-15`).date,
      );
    }
  });

  it('knows the dates people know', () => {
    expect(isoFromDay(lunarNewYear(2026))).toBe('2026-02-17');
    expect(isoFromDay(lunarNewYear(2027))).toBe('2027-02-06');
    // 2025 has a leap sixth month, so 中秋 comes a month later than usual.
    expect(isoFromDay(lunarDay(2025, 8, 15))).toBe('2025-10-06');
    expect(isoFromDay(qingming(2026))).toBe('2026-04-05');
  });
});

describe('the 2024 rules computed for a year without a notice', () => {
  it('computes 2027: 春节 from 除夕 (腊月廿九) with two compensatory days for its weekend, no make-up working days', () => {
    expect(list(2027)).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-02-09 春节补休',
      '2027-02-10 春节补休',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-05-03 劳动节补休',
      '2027-05-04 劳动节补休',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
      '2027-10-04 国庆节补休',
      '2027-10-05 国庆节补休',
    ]);
    for (const d of computeStatutoryYear(2027)) {
      expect(d).toMatchObject({ is_workday: false, source: 'statutory', region_prefix: '', provisional: true });
    }
  });

  it('gives 中秋节 its own day off when it falls on 国庆节 (2028-10-03), and moves a weekend 元旦 to Monday', () => {
    const days = list(2028);
    expect(days).toContain('2028-10-03 国庆节、中秋节');
    expect(days).toContain('2028-10-04 国庆节补休');
    expect(days).toContain('2028-10-05 中秋节补休');
    expect(days).toContain('2028-01-03 元旦补休');
    expect(days).toContain('2028-05-29 端午节补休');
  });

  it('puts every compensatory day on a weekday, one for each holiday day on a weekend or shared', () => {
    for (let year = 2025; year <= 2099; year++) {
      const computed = computeStatutoryYear(year);
      const owed = statutoryHolidays(year)
        .flatMap((h) => h.days)
        .filter((d, i, all) => weekdayOf(d) % 6 === 0 || all.indexOf(d) !== i).length;
      const compensatory = computed.filter((d) => d.label.endsWith('补休'));
      expect(compensatory, String(year)).toHaveLength(owed);
      for (const d of compensatory) expect(weekdayOf(Date.parse(d.date) / 86_400_000) % 6, d.date).not.toBe(0);
    }
  });

  it('refuses years the 2024 rules do not govern', () => {
    expect(() => computeStatutoryYear(2024)).toThrow(RangeError);
    expect(() => computeStatutoryYear(2100)).toThrow(RangeError);
  });
});

describe('regional holidays', () => {
  it('computes 壮族三月三 in 广西 only (农历三月初三、初四), provisional', () => {
    expect(computeRegionalYear(2027).filter((d) => d.region_prefix === '45')).toEqual([
      {
        date: '2027-04-09',
        is_workday: false,
        label: '壮族三月三',
        source: 'statutory',
        region_prefix: '45',
        provisional: true,
      },
      {
        date: '2027-04-10',
        is_workday: false,
        label: '壮族三月三',
        source: 'statutory',
        region_prefix: '45',
        provisional: true,
      },
    ]);
    // 2024's notice: 4 月 11 日至 12 日 — 初三、初四.
    expect(computeRegionalYear(2024).map((d) => d.date)).toEqual(['2024-04-11', '2024-04-12']);
    expect(computeRegionalYear(2013)).toEqual([]);
  });

  it('carries the notices we hold, and the feature sees them only inside their region', () => {
    const cal = createWorkCalendar(
      withComputedYears([{ ...computeStatutoryYear(2025)[0]!, source: 'official' }], 2026),
    );
    expect(dayOf(cal, '2025-03-31', '650102')).toMatchObject({
      is_workday: false,
      label: '肉孜节',
      provisional: false,
    });
    expect(dayOf(cal, '2025-03-31', '110101').is_workday).toBe(true);
    // 2025's 三月三 was 3 月 31 日 as well: 广西 is off that day for its own reason.
    expect(dayOf(cal, '2025-03-31', '450102').label).toBe('壮族三月三');
    expect(dayOf(cal, '2025-06-09', '650102').label).toBe('古尔邦节');
    expect(dayOf(cal, '2025-03-03', '540102').label).toBe('藏历新年');
    expect(dayOf(cal, '2026-02-25', '540102').label).toBe('藏历新年');
    expect(dayOf(cal, '2026-02-25', '540602').is_workday).toBe(true);
  });
});

describe('withComputedYears', () => {
  it('computes only the years without a notice, through the year asked for', () => {
    const official = [{ ...computeStatutoryYear(2026)[0]!, source: 'official' as const, provisional: false }];
    const cal = createWorkCalendar(withComputedYears(official, 2028));
    expect(cal.years).toEqual([
      { year: 2026, source: 'official', provisional: false },
      { year: 2027, source: 'statutory', provisional: true },
      { year: 2028, source: 'statutory', provisional: true },
    ]);
    // 2026 has a notice: its computed 春节 is not added (here the notice has only 元旦).
    expect(dayOf(cal, '2026-02-17').is_workday).toBe(true);
    expect(dayOf(cal, '2027-02-06').label).toBe('春节');
  });

  it('still computes a year that has only an admin’s manual day, not its notice', () => {
    const manual = { date: '2027-03-02', is_workday: false, label: '停电', source: 'manual' as const };
    const cal = createWorkCalendar(withComputedYears([{ ...manual, region_prefix: '', provisional: false }], 2027));
    expect(dayOf(cal, '2027-02-08').label).toBe('春节');
    expect(dayOf(cal, '2027-03-02').is_workday).toBe(false);
  });
});
