#!/usr/bin/env node
// `node scripts/vendor-calendar.mjs`: rewrites server/features/calendar/data/official-days.json from the
// State Council's holiday notices as chinese-days ships them (node_modules/chinese-days/dist/chinese-days.json).
// Run after upgrading chinese-days, review the diff, then run the calendar tests (docs/decisions/0010-calendar.md).
// We vendor a reviewed copy rather than read the package at run time so that an upstream republish cannot
// silently move a deadline: the days change only when someone runs this and commits the diff.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkgDir = join(root, 'node_modules', 'chinese-days');
const source = JSON.parse(readFileSync(join(pkgDir, 'dist', 'chinese-days.json'), 'utf8'));
const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
const out = join(root, 'server', 'features', 'calendar', 'data', 'official-days.json');

/** chinese-days' short Chinese names → the names the notices use (清明 → 清明节 …). */
const NAMES = {
  元旦: '元旦',
  春节: '春节',
  清明: '清明节',
  劳动节: '劳动节',
  端午: '端午节',
  中秋: '中秋节',
  国庆节: '国庆节',
  // The one-off day off of 2015-09-03 (and its days in lieu): the notice's own name.
  中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日: '抗战胜利70周年纪念日',
};

/** 'Labour Day,劳动节,2' → '劳动节'; an unknown name stops the script rather than guessing. */
function holidayName(value, date) {
  const zh = String(value).split(',')[1];
  const name = NAMES[zh];
  if (!name) throw new Error(`${date}: unknown holiday name ${JSON.stringify(value)}; add it to NAMES`);
  return name;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const days = new Map();
function add(date, is_workday, label) {
  if (!DATE.test(date)) throw new Error(`not a date: ${date}`);
  if (days.has(date)) throw new Error(`${date} is both a holiday and a make-up working day`);
  days.set(date, { date, is_workday, label, source: 'official', region_prefix: '', provisional: false });
}

// A holiday (including its weekend days and the days off in lieu, 调休放假) is labelled with the holiday's
// name, so a skipped Saturday inside 国庆节 says 国庆节 rather than 周六. A make-up working day (调休上班)
// says which holiday it pays for: chinese-days files each one under its holiday.
for (const [date, value] of Object.entries(source.holidays)) add(date, false, holidayName(value, date));
for (const [date, value] of Object.entries(source.workdays)) add(date, true, `${holidayName(value, date)}调休上班`);
for (const date of Object.keys(source.inLieuDays)) {
  if (!days.has(date) || days.get(date).is_workday) throw new Error(`${date}: a day in lieu that is not a holiday`);
}

const sorted = [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
const years = [...new Set(sorted.map((d) => d.date.slice(0, 4)))];
for (let y = Number(years[0]); y <= Number(years.at(-1)); y++) {
  if (!years.includes(String(y))) throw new Error(`year ${y} is missing from the source`);
}

// One entry per line: a refresh is a readable diff.
const body = sorted.map((d) => JSON.stringify(d)).join(',\n');
const meta = {
  source: 'chinese-days',
  version,
  licence: 'MIT',
  first_year: Number(years[0]),
  last_year: Number(years.at(-1)),
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `{\n"meta": ${JSON.stringify(meta)},\n"days": [\n${body}\n]\n}\n`);
console.log(`${sorted.length} days, ${years[0]}–${years.at(-1)}, chinese-days ${version} → ${out}`);
