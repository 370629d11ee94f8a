// Deterministic corpus for the opening_hours differential test.
//
// The corpus is a list of { expression, source, instants[] }. It is fully determined by
// the fixed seed below, the hand-written cases in tricky-cases.txt and the distinct
// `horaires` values of geodata/lieux-mednum-bfc.csv: running it twice gives the same
// list, byte for byte. Instants are epoch milliseconds (UTC); they are written out in
// Europe/Paris wall-clock time with their UTC offset by oracle.mjs.
//
// This module must be evaluated with TZ=Europe/Paris (oracle.mjs makes sure of it).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');

export const SEED = 20260329;
export const GENERATED_EXPRESSIONS = 1700;
export const MUTATED_EXPRESSIONS = 120;
export const INSTANTS_PER_EXPRESSION = 20;

// ---------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32): tiny, fast and identical on every platform.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) { this.next = mulberry32(seed); }
  int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); } // inclusive
  chance(p) { return this.next() < p; }
  pick(arr) { return arr[Math.floor(this.next() * arr.length)]; }
  weighted(pairs) { // [[weight, value], ...]
    const total = pairs.reduce((s, [w]) => s + w, 0);
    let r = this.next() * total;
    for (const [w, v] of pairs) { if ((r -= w) < 0) return v; }
    return pairs[pairs.length - 1][1];
  }
}

const pad2 = (n) => String(n).padStart(2, '0');

// ---------------------------------------------------------------------------------------
// Expression generator: the grammar subset our parser supports (OSM opening_hours 0.6,
// without sunrise/sunset variable times, school holidays, points in time, easter, or
// day offsets; those only appear in the hand-written cases).

const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_LENGTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const COMMENTS = [
  'sur rendez-vous', 'fermé pendant les travaux', 'appeler avant', 'permanence numérique',
  'ateliers collectifs', 'sauf vacances scolaires', 'only by appointment', 'Noël',
];

function genTime(rng, { allowLate = false } = {}) {
  const step = rng.weighted([[6, 30], [3, 15], [1, 5], [1, 1]]);
  const h = rng.int(allowLate ? 0 : 5, allowLate ? 23 : 21);
  const m = step * rng.int(0, Math.floor(59 / step));
  return h * 60 + m;
}
const fmt = (mins) => `${pad2(Math.floor(mins / 60))}:${pad2(mins % 60)}`;

function genTimeSpan(rng) {
  const kind = rng.weighted([[70, 'normal'], [8, 'midnight'], [5, 'extended'], [4, 'to24'], [5, 'openend'], [3, 'rangeplus']]);
  switch (kind) {
    case 'midnight': { // wraps past midnight: 22:00-02:00
      const start = rng.int(18, 23) * 60 + rng.pick([0, 30]);
      const end = rng.int(0, 5) * 60 + rng.pick([0, 30]);
      return fmt(start) + '-' + fmt(end);
    }
    case 'extended': { // 18:00-26:00 style
      const start = rng.int(16, 23) * 60 + rng.pick([0, 30]);
      const end = rng.int(24, 28) * 60 + rng.pick([0, 30]);
      return fmt(start) + '-' + fmt(Math.max(end, start + 30));
    }
    case 'to24': return fmt(rng.pick([0, 6 * 60, 8 * 60, 12 * 60, 18 * 60])) + '-24:00';
    case 'openend': return fmt(genTime(rng, { allowLate: true })) + '+';
    case 'rangeplus': {
      const a = genTime(rng); const b = Math.min(a + rng.int(1, 8) * 30, 23 * 60 + 30);
      return fmt(a) + '-' + fmt(b) + '+';
    }
    default: {
      const a = genTime(rng);
      const b = Math.min(a + rng.int(1, 20) * 30 + rng.pick([0, 0, 15]), 24 * 60);
      return fmt(a) + '-' + fmt(b);
    }
  }
}

function genTimes(rng) {
  const n = rng.weighted([[45, 1], [40, 2], [12, 3], [3, 4]]);
  if (n === 1) return genTimeSpan(rng);
  // Several spans: mostly ordered, non-overlapping day parts (like real data), sometimes random.
  if (rng.chance(0.8)) {
    const spans = [];
    let cursor = rng.int(6, 10) * 60 + rng.pick([0, 15, 30, 45]);
    for (let i = 0; i < n && cursor < 23 * 60; i++) {
      const end = Math.min(cursor + rng.int(1, 8) * 30, 24 * 60);
      spans.push(fmt(cursor) + '-' + fmt(end));
      cursor = end + rng.int(1, 4) * 30;
    }
    return spans.join(',');
  }
  return Array.from({ length: n }, () => genTimeSpan(rng)).join(',');
}

function genWeekdayAtom(rng, simpleNth) {
  const kind = rng.weighted([[40, 'single'], [40, 'range'], [8, 'wrap'], [12, 'nth']]);
  const i = rng.int(0, 6);
  switch (kind) {
    case 'single': return DAYS[i];
    case 'range': {
      const a = rng.int(0, 5); const b = rng.int(a + 1, 6);
      return DAYS[a] + '-' + DAYS[b];
    }
    case 'wrap': {
      const a = rng.int(3, 6); const b = rng.int(0, a - 1);
      return DAYS[a] + '-' + DAYS[b];
    }
    default: {
      if (simpleNth) return DAYS[i] + '[' + rng.pick(['1', '2', '3', '4', '-1']) + ']';
      const nth = rng.weighted([
        [30, () => String(rng.int(1, 5))], [20, () => '-1'], [5, () => '-2'],
        [15, () => { const a = rng.int(1, 3); return a + '-' + rng.int(a + 1, 4); }],
        [15, () => { const a = rng.int(1, 2); return a + ',' + rng.int(a + 1, 4); }],
        [5, () => '1,-1'],
      ])();
      return DAYS[i] + '[' + nth + ']';
    }
  }
}

// After a month selector (Dec Th[1,-1]), the reference reads a constrained weekday as the start of a date
// (Jan Su[1]-Feb 03) and refuses lists and ranges of occurrences: those are only in tricky-cases.txt.
function genWeekdays(rng, simpleNth) {
  const n = rng.weighted([[75, 1], [20, 2], [5, 3]]);
  const atoms = Array.from({ length: n }, () => genWeekdayAtom(rng, simpleNth));
  return atoms.join(',');
}

function genDaySelector(rng, simpleNth) {
  return rng.weighted([
    [80, () => genWeekdays(rng, simpleNth)],
    [5, () => 'PH'],
    [5, () => genWeekdays(rng, simpleNth) + ',PH'],
    [3, () => 'PH,' + genWeekdays(rng, simpleNth)],
    [2, () => 'PH ' + genWeekdays(rng, simpleNth)],
    [5, () => ''],
  ])();
}

function genMonthDay(rng, month) {
  return `${MONTHS[month]} ${pad2(rng.int(1, MONTH_LENGTH[month]))}`;
}

function genWideRange(rng) {
  return rng.weighted([
    [30, () => ''],
    [12, () => MONTHS[rng.int(0, 11)]],
    [12, () => { const a = rng.int(0, 10); return MONTHS[a] + '-' + MONTHS[rng.int(a + 1, 11)]; }],
    [5, () => { const a = rng.int(8, 11); return MONTHS[a] + '-' + MONTHS[rng.int(0, 3)]; }],
    [4, () => { const a = rng.int(0, 9); const b = rng.int(a + 2, 11); return `${MONTHS[a]},${MONTHS[b]}`; }],
    [8, () => genMonthDay(rng, rng.int(0, 11))],
    [8, () => { // date range within a month or across months
      const m1 = rng.int(0, 11);
      if (rng.chance(0.4)) {
        const d1 = rng.int(1, 20);
        return `${MONTHS[m1]} ${pad2(d1)}-${pad2(rng.int(d1 + 1, MONTH_LENGTH[m1]))}`;
      }
      const m2 = rng.chance(0.2) ? rng.int(0, 11) : Math.min(11, m1 + rng.int(0, 3));
      return genMonthDay(rng, m1) + '-' + genMonthDay(rng, m2);
    }],
    [3, () => genMonthDay(rng, rng.int(0, 11)) + ',' + genMonthDay(rng, rng.int(0, 11))],
    [6, () => { // years
      const y = rng.int(2024, 2028);
      return rng.weighted([
        [3, () => String(y)],
        [3, () => `${y}-${y + rng.int(1, 2)}`],
        [1, () => `${y}+`],
        [1, () => `${y},${y + 2}`],
      ])();
    }],
    [5, () => { // year + month / date
      const y = rng.int(2025, 2027);
      return rng.weighted([
        // (2027 Mar and 2027 Mar 01-Apr 05 are refused by the reference; see tricky-cases.txt.)
        [2, () => `${y} ${MONTHS[rng.int(0, 11)]}-${MONTHS[rng.int(0, 11)]}`],
        [2, () => `${y} ${genMonthDay(rng, rng.int(0, 11))}`],
        [1, () => { const m = rng.int(0, 11); const d1 = rng.int(1, 20); return `${y} ${MONTHS[m]} ${pad2(d1)}-${pad2(rng.int(d1 + 1, MONTH_LENGTH[m]))}`; }],
        [1, () => { const m = rng.int(0, 10); return `${y} ${genMonthDay(rng, m)}-${y} ${genMonthDay(rng, m + 1)}`; }],
        [1, () => `${y} ${genMonthDay(rng, 11)}-${y + 1} ${genMonthDay(rng, 0)}`],
      ])();
    }],
    [8, () => { // ISO weeks
      const a = rng.int(1, 50);
      return rng.weighted([
        [3, () => `week ${pad2(a)}`],
        [4, () => `week ${pad2(a)}-${pad2(rng.int(a + 1, 53))}`],
        [3, () => `week ${pad2(rng.int(1, 4))}-${pad2(rng.int(40, 53))}/${rng.int(2, 4)}`],
        [1, () => `week ${pad2(a)},${pad2(rng.int(a + 1, 53))}`],
      ])();
    }],
  ])();
}

function genModifier(rng) {
  return rng.weighted([
    [75, () => ''],
    [5, () => 'off'],
    [4, () => 'closed'],
    [3, () => 'open'],
    [4, () => 'unknown'],
    [5, () => `"${rng.pick(COMMENTS)}"`],
    [4, () => `${rng.pick(['open', 'off', 'closed', 'unknown'])} "${rng.pick(COMMENTS)}"`],
  ])();
}

function genRule(rng) {
  if (rng.chance(0.02)) return '24/7';
  const wide = genWideRange(rng);
  const days = genDaySelector(rng, /^[A-Z][a-z]{2}([-,][A-Z][a-z]{2})?$/.test(wide));
  const mod = genModifier(rng);
  const closing = mod === 'off' || mod === 'closed' || mod.startsWith('off ') || mod.startsWith('closed ');
  // A closing rule usually has no time (closes the whole day); otherwise times are the norm.
  const times = (closing && rng.chance(0.7)) || (!closing && rng.chance(0.04)) ? '' : genTimes(rng);
  let rule = [wide, days, times, mod].filter((s) => s !== '').join(' ');
  if (rule === '') rule = rng.pick(['24/7', 'off', 'unknown', 'open']);
  return rule;
}

function genExpression(rng) {
  const shape = rng.weighted([[25, 1], [30, 2], [25, 3], [12, 4], [8, 5]]);
  let expr = genRule(rng);
  for (let i = 1; i < shape; i++) {
    let sep = rng.weighted([[80, '; '], [14, ', '], [6, ' || ']]);
    // The reference accepts "," (additional rule) only after a time, a state or a comment ("Sa-Su, Mar"
    // would continue the weekday list); not after 24/7.
    if (sep === ', ' && (!/[0-9+"]$|\b(open|off|closed|unknown)$/.test(expr) || expr.endsWith('24/7'))) sep = '; ';
    expr += sep + genRule(rng);
  }
  // Classic closing overlays.
  if (rng.chance(0.08)) expr += rng.pick(['; PH off', '; PH closed', '; PH 10:00-12:00', '; Dec 25 off', '; Jan 01 off', '; PH off "jour férié"']);
  return expr;
}

// A few typos of valid expressions, to measure parse/reject agreement on bad input.
function mutate(rng, expr) {
  const ops = [
    () => expr.replace(/(\d\d):(\d\d)/, (_, h, m) => `${Number(h)}:${m}`), // 9:00
    () => expr.replace(/(\d\d):(\d\d)/, '$1h$2'), // 09h00
    () => expr.replace('-', ' - '),
    () => expr.replace(/ /, ''),
    () => expr.replace(/Mo|Tu|We|Th|Fr|Sa|Su/, (d) => ({ Mo: 'Lu', Tu: 'Ma', We: 'Me', Th: 'Je', Fr: 'Ve', Sa: 'Sa', Su: 'Di' })[d]),
    () => expr.replace(/Mo|Tu|We|Th|Fr|Sa|Su/, (d) => d.toLowerCase()),
    () => expr + ';',
    () => { const i = rng.int(0, expr.length - 1); return expr.slice(0, i) + expr.slice(i + 1); },
    () => { const i = rng.int(0, expr.length); return expr.slice(0, i) + rng.pick(['-', ',', ':', ' ', '"', '[', '0']) + expr.slice(i); },
    () => expr.replace(/:(\d\d)/, '.$1'),
    () => expr.replace(/(\d\d:\d\d)-(\d\d:\d\d)/, '$2-$1'),
    () => expr.replace(/\d\d:\d\d/, '25:00'),
    () => expr.replace(/Mo|Tu|We|Th|Fr/, 'Monday'),
    () => 'SH off; ' + expr,
  ];
  return rng.pick(ops)();
}

// ---------------------------------------------------------------------------------------
// Inputs from outside the generator.

function parseCsv(text) {
  const rows = [];
  let row = []; let field = ''; let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

export function geodataExpressions() {
  const rows = parseCsv(readFileSync(path.join(repoRoot, 'geodata', 'lieux-mednum-bfc.csv'), 'utf8'));
  const col = rows[0].indexOf('horaires');
  if (col < 0) throw new Error('no horaires column in geodata/lieux-mednum-bfc.csv');
  const values = new Set();
  for (const r of rows.slice(1)) if (r[col] && r[col].trim() !== '') values.add(r[col]);
  return [...values].sort();
}

export function trickyExpressions() {
  return readFileSync(path.join(here, 'tricky-cases.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => (l === '<empty>' ? '' : l));
}

// ---------------------------------------------------------------------------------------
// Instants.

const local = (y, mo, d, h = 0, mi = 0, s = 0) => new Date(y, mo - 1, d, h, mi, s).getTime();
const utc = (iso) => Date.parse(iso);

function easter(y) { // Anonymous Gregorian algorithm; returns [month, day]
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30, i = Math.floor(c / 4), k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

const YEARS = [2025, 2026, 2027];

function frenchHolidays() {
  const out = [];
  for (const y of YEARS) {
    const [em, ed] = easter(y);
    const e = new Date(y, em - 1, ed);
    const plus = (n) => { const d = new Date(e); d.setDate(d.getDate() + n); return [d.getMonth() + 1, d.getDate()]; };
    for (const [m, d] of [[1, 1], plus(1), [5, 1], [5, 8], plus(39), plus(50), [7, 14], [8, 15], [11, 1], [11, 11], [12, 25]]) out.push([y, m, d]);
  }
  return out;
}
export const HOLIDAYS = frenchHolidays();
// The ones the brief insists on, sampled more often.
const KEY_HOLIDAYS = HOLIDAYS.filter(([y, m, d]) => {
  const [em, ed] = easter(y);
  const e = new Date(y, em - 1, ed);
  const diff = Math.round((new Date(y, m - 1, d) - e) / 86400000);
  return diff === 1 || diff === 39 || (m === 7 && d === 14) || (m === 12 && d === 25);
});

// Paris DST days: explicit UTC instants around the switch (the local 02:00-03:00 hour does
// not exist in March and happens twice in October).
const DST = [
  // 2026-03-29: 02:00 CET -> 03:00 CEST at 01:00Z
  '2026-03-28T23:00Z', '2026-03-29T00:00Z', '2026-03-29T00:30Z', '2026-03-29T00:59Z', '2026-03-29T01:00Z',
  '2026-03-29T01:30Z', '2026-03-29T02:00Z', '2026-03-29T22:00Z',
  // 2026-10-25: 03:00 CEST -> 02:00 CET at 01:00Z
  '2026-10-24T22:00Z', '2026-10-24T23:00Z', '2026-10-25T00:00Z', '2026-10-25T00:30Z', '2026-10-25T00:59Z',
  '2026-10-25T01:00Z', '2026-10-25T01:30Z', '2026-10-25T02:00Z', '2026-10-25T22:59Z',
  // the other years' switches
  '2025-03-30T00:30Z', '2025-03-30T01:00Z', '2025-10-26T00:30Z', '2025-10-26T01:30Z',
  '2027-03-28T00:30Z', '2027-03-28T01:00Z', '2027-10-31T00:30Z', '2027-10-31T01:30Z',
].map(utc);

const START = local(2025, 1, 1);
const END = local(2028, 1, 1);
const DAY = 86400000;

function randomDay(rng) { // [y, m, d] in 2025-2027
  const t = new Date(START + rng.int(0, Math.floor((END - START) / DAY) - 1) * DAY + 12 * 3600000);
  return [t.getFullYear(), t.getMonth() + 1, t.getDate()];
}

function boundaryTimes(expr) {
  const out = new Set();
  for (const m of expr.matchAll(/\b(\d{1,2}):(\d\d)\b/g)) out.add(Number(m[1]) * 60 + Number(m[2]));
  return [...out];
}

function boundaryDates(expr) {
  const out = [];
  for (const m of expr.matchAll(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d\d)\b/g)) {
    out.push([MONTHS.indexOf(m[1]) + 1, Number(m[2])]);
  }
  for (const m of expr.matchAll(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b(?! \d)/g)) {
    out.push([MONTHS.indexOf(m[1]) + 1, 1]);
  }
  return out;
}

function genInstants(rng, expr) {
  const set = new Set();
  const add = (t) => { if (Number.isFinite(t)) set.add(t); };
  // Exact interval boundaries (and the minute / half-minute before) on random days.
  const times = boundaryTimes(expr);
  for (let i = 0; i < Math.min(times.length, 3); i++) {
    const t = rng.pick(times);
    const [y, m, d] = randomDay(rng);
    const h = Math.floor(t / 60) % 24; const mi = t % 60; const dd = d + Math.floor(t / 1440);
    add(local(y, m, dd, h, mi));
    if (rng.chance(0.25)) add(local(y, m, dd, h, mi) - 30000);
    else add(local(y, m, dd, h, mi) - 60000);
  }
  // Date boundaries.
  for (const [m, d] of boundaryDates(expr).slice(0, 2)) {
    const y = rng.pick(YEARS);
    add(local(y, m, d, 0, 0));
    add(local(y, m, d, 0, 0) - 60000);
  }
  // Midnight boundaries.
  { const [y, m, d] = randomDay(rng); add(local(y, m, d, 0, 0)); }
  { const [y, m, d] = randomDay(rng); add(local(y, m, d, 23, 59)); }
  // Public holidays (key ones more often), at a working hour, or at midnight.
  for (let i = 0; i < 3; i++) {
    const [y, m, d] = rng.chance(0.6) ? rng.pick(KEY_HOLIDAYS) : rng.pick(HOLIDAYS);
    add(rng.chance(0.2) ? local(y, m, d, 0, 0) : local(y, m, d, rng.int(7, 19), rng.pick([0, 15, 30, 45])));
  }
  // DST.
  add(rng.pick(DST)); add(rng.pick(DST));
  // Random fill: half working-hours, half anywhere.
  let guard = 0;
  while (set.size < INSTANTS_PER_EXPRESSION && guard++ < 100) {
    if (rng.chance(0.5)) {
      const [y, m, d] = randomDay(rng);
      add(local(y, m, d, rng.int(7, 20), rng.pick([0, 10, 15, 30, 45, 59])));
    } else {
      add(START + Math.floor(rng.next() * ((END - START) / 60000)) * 60000);
    }
  }
  return [...set].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------
// Targeted categories (issue 17): expressions of one kind each, with instants where that kind is tested. Each
// category is its own source, so that the C# test reports its agreement apart and checks it is there.

export const TARGETED_PER_CATEGORY = 120;

/** A realistic week of a help point: « Mo-Fr 09:15-12:00,14:00-17:00 », « Tu,Th 13:30-17:30; Sa 09:00-12:00 »… */
function genWeek(rng) {
  const start = rng.pick([8 * 60, 8 * 60 + 30, 9 * 60, 9 * 60 + 15, 9 * 60 + 30, 10 * 60, 13 * 60 + 30, 14 * 60]);
  const morning = fmt(start) + '-' + fmt(Math.min(start + rng.int(4, 8) * 30, 12 * 60 + 30));
  const afternoon = fmt(rng.pick([13 * 60, 13 * 60 + 30, 14 * 60])) + '-' + fmt(rng.pick([16 * 60 + 30, 17 * 60, 17 * 60 + 30, 18 * 60]));
  const times = start >= 13 * 60 ? afternoon.replace(/^\d\d:\d\d/, fmt(start)) : rng.chance(0.6) ? `${morning},${afternoon}` : morning;
  const days = rng.pick(['Mo-Fr', 'Mo-Sa', 'Tu-Sa', 'Mo-Th', 'Mo,We,Fr', 'Tu,Th', 'Mo-Su', 'We-Fr', 'Mo-Fr']);
  let week = `${days} ${times}`;
  if (rng.chance(0.3)) week += `; Sa ${fmt(rng.pick([9 * 60, 9 * 60 + 30, 10 * 60]))}-12:00`;
  if (rng.chance(0.15)) week += `; We ${fmt(rng.pick([14 * 60, 15 * 60]))}-16:00 "atelier"`;
  return week;
}

const HOLIDAY_OFF = ['; PH off', '; PH off', '; PH off', '; PH closed', '; PH off "jour férié"', '; PH off "fermé les jours fériés"', '; Su,PH off'];

const CATEGORIES = {
  // Most places: a week, then « PH off ».
  holiday: (rng) => rng.weighted([
    [80, () => genWeek(rng) + rng.pick(HOLIDAY_OFF)],
    [8, () => genWeek(rng) + '; PH 10:00-12:00'],
    [6, () => genWeek(rng) + rng.pick(HOLIDAY_OFF) + '; Dec 24 ' + rng.pick(['09:00-12:00', 'off'])],
    [6, () => 'Mo-Fr 18:00-02:00' + rng.pick(HOLIDAY_OFF)],
  ])(),
  dst: (rng) => {
    const t = () => fmt(rng.pick([0, 30, 60, 90, 120, 135, 150, 165, 180, 195, 210, 240, 270]));
    return rng.weighted([
      [4, () => `Su ${t()}-${fmt(rng.pick([150, 180, 210, 240, 300]))}`],
      [3, () => `Sa ${fmt(rng.pick([20 * 60, 22 * 60, 23 * 60]))}-${fmt(rng.pick([90, 120, 150, 180, 210, 240]))}`],
      [3, () => `Mo-Su ${t()}-${fmt(rng.pick([150, 180, 210, 300, 420]))}`],
      [2, () => `${genWeek(rng)}; Su 00:00-24:00 "nuit du changement d'heure"`],
      [1, () => `Mo-Su ${fmt(rng.pick([120, 150]))}+`],
    ])();
  },
  midnight: (rng) => {
    const from = fmt(rng.pick([18, 20, 21, 22, 23]) * 60 + rng.pick([0, 30]));
    const to = rng.chance(0.5) ? fmt(rng.pick([0, 1, 2, 3, 4]) * 60 + rng.pick([0, 30])) : fmt(rng.pick([24, 25, 26, 27, 28]) * 60 + rng.pick([0, 30]));
    return rng.weighted([
      [4, () => `${rng.pick(['Fr-Sa', 'Mo-Su', 'Th-Sa', 'Sa', 'Su'])} ${from}-${to}`],
      [3, () => `${rng.pick(['Fr-Sa', 'Mo-Su', 'Sa'])} ${from}-${to}${rng.pick(HOLIDAY_OFF)}`],
      [2, () => `${rng.pick(['Mo-Fr', 'Mo-Su'])} ${from}-${to}; ${rng.pick(['Sa', 'Su', 'We'])} 10:00-12:00`],
      [1, () => `${rng.pick(['Dec 31', 'Jul 13', 'Dec 24'])} ${from}-${to}; ${genWeek(rng)}`],
    ])();
  },
  months: (rng) => rng.weighted([
    [3, () => `${genWeek(rng)}; ${rng.pick(['Jul-Aug', 'Aug', 'Dec 24-Jan 02', 'Jul 14-Aug 15', 'Dec 20-Jan 05', 'Feb'])} off`],
    [3, () => `${rng.pick(['Sep-Jun', 'Oct-Mar', 'Apr-Sep', 'Nov-Feb', 'Jan-Jun'])} ${genWeek(rng)}`],
    [2, () => `${genWeek(rng)}; ${rng.pick(['Jul', 'Aug', 'Jul-Aug'])} ${rng.pick(['Mo-Fr', 'Tu-Th'])} 09:00-12:00`],
    [2, () => `${rng.pick(['2026', '2027'])} ${rng.pick(['Jul 19-2026 Aug 28', 'Jun 01-2026 Jun 30', 'Aug 03-2026 Aug 21'])} off; ${genWeek(rng)}`.replace(/^2027 (\w+ \d\d)-2026/, '2027 $1-2027')],
    [1, () => `${genWeek(rng)}; ${rng.pick(['Jun 11-Jun 08', 'Dec 27-Dec 09'])} ${rng.pick(['Mo-Tu', 'Sa'])} 10:00-12:00`],
  ])(),
  weeks: (rng) => rng.weighted([
    [3, () => `week ${pad2(rng.int(1, 4))}-53/${rng.int(2, 3)} ${genWeek(rng)}`],
    [2, () => `${genWeek(rng)}; week ${pad2(rng.int(27, 33))}-${pad2(rng.int(34, 35))} off`],
    [2, () => `week 53 ${rng.pick(['Mo', 'Mo-Fr', 'Th'])} 09:00-12:00; ${genWeek(rng)}`],
    [2, () => `week ${pad2(rng.int(1, 52))} ${genWeek(rng)}`],
    [1, () => `week 52-53,01-02 off; ${genWeek(rng)}`],
  ])(),
  nth: (rng) => {
    const day = rng.pick(DAYS);
    return rng.weighted([
      [3, () => `${day}[${rng.pick(['1', '2', '3', '4', '5', '-1', '-2'])}] ${rng.pick(['09:00-12:00', '14:00-17:00', '10:00-12:00,14:00-16:00'])}`],
      [2, () => `${day}[${rng.pick(['1,3', '2,4', '1-2', '1,-1'])}] 14:00-17:00; ${genWeek(rng)}`],
      [2, () => `${genWeek(rng)}; ${day}[${rng.pick(['1', '-1', '2'])}] off`],
      [1, () => `${genWeek(rng)}; ${day}[${rng.pick(['1', '-1'])}] 09:00-12:00${rng.pick(HOLIDAY_OFF)}`],
    ])();
  },
  // Comment changes without state change: the case nextChange must skip.
  comments: (rng) => {
    const a = `"${rng.pick(COMMENTS)}"`;
    const b = `"${rng.pick(COMMENTS.filter((c) => `"${c}"` !== a))}"`;
    return rng.weighted([
      [3, () => `Mo-Fr 09:00-12:00 ${a}, Mo-Fr 12:00-14:00 ${b}`],
      [3, () => `${genWeek(rng)} ${a}; PH off ${b}`],
      [2, () => `${rng.pick(['Jun-Aug', 'Jul-Aug'])} Fr-Mo,PH closed ${a}; ${rng.pick(['Sep-May', 'Sep-Jun'])} closed ${b}`],
      [2, () => `${genWeek(rng)}; ${rng.pick(['Sa', 'We', 'Su'])} off ${a}`],
      [2, () => `${genWeek(rng)} || ${a}`],
      [1, () => `24/7 ${a}; Sa-Su open ${b}`],
      [1, () => `Mo-Fr 08:00-12:00 open ${a}, Mo-Fr 12:00-12:30 unknown ${b}, Mo-Fr 12:30-17:00 open ${a}`],
    ])();
  },
  // Bad input: typos of real values, parse/reject agreement only.
  invalid: (rng) => {
    const week = genWeek(rng) + rng.pick(HOLIDAY_OFF);
    return rng.pick([
      () => week.replace(/(\d\d):(\d\d)/, (_, h, m) => `${h}:${m[0]}`), // 13:0
      () => week.replace(/0(\d):(\d\d)/, '$1:$2'), // 9:00
      () => week.replace(/(\d\d):(\d\d)/, '$1h$2'),
      () => week.replace(/Mo|Tu|We|Th|Fr/, (d) => ({ Mo: 'Lu', Tu: 'Ma', We: 'Me', Th: 'Je', Fr: 'Ve' })[d]),
      () => week + ';',
      () => week.replace(/(\d\d:\d\d)-(\d\d:\d\d)/, '$1 - $2'),
      () => week.replace(/\d\d:\d\d/, '25:00'),
      () => week.replace(/:(\d\d)/, '.$1'),
      () => week.replace('PH', 'JF'),
      () => week.replace('; PH', '; SH'),
      () => week.replace(/-(\d\d:\d\d)/, '-'),
      () => week.replace(/"/g, '«'),
    ])();
  },
};

/** Instants for a targeted expression: its category's special days, then its own boundaries. */
function targetedInstants(rng, category, expr) {
  const set = new Set();
  const add = (t) => { if (Number.isFinite(t)) set.add(t); };
  const at = ([y, m, d], h = 0, mi = 0) => local(y, m, d, h, mi);
  const dayBefore = ([y, m, d]) => { const t = new Date(y, m - 1, d - 1, 12); return [t.getFullYear(), t.getMonth() + 1, t.getDate()]; };
  switch (category) {
    case 'holiday':
    case 'midnight':
    case 'nth':
      // Holidays: during the day, at its midnight, and the evening before (after closing, just before midnight).
      for (let i = 0; i < (category === 'holiday' ? 7 : 4); i++) {
        const day = rng.pick(HOLIDAYS);
        add(at(day, rng.int(8, 17), rng.pick([0, 15, 30, 45])));
        add(at(dayBefore(day), rng.pick([18, 19, 20, 21, 22]), rng.pick([0, 30])));
        if (rng.chance(0.5)) add(at(dayBefore(day), 23, 59)); else add(at(day, 0, 0));
      }
      break;
    case 'dst':
      // Every quarter of an hour through a clock-change night, and the Saturday evening before.
      for (const night of rng.chance(0.5) ? ['2026-03-28T21:00Z', '2026-10-24T22:00Z'] : ['2025-10-25T22:00Z', '2027-03-27T21:00Z']) {
        for (let q = 0; q < 10; q++) add(utc(night) + rng.int(0, 24) * 15 * 60000);
      }
      break;
    case 'months':
    case 'weeks':
      // The first and last minutes of months and ISO weeks.
      for (let i = 0; i < 4; i++) {
        const y = rng.pick(YEARS); const m = rng.int(1, 12);
        add(local(y, m, 1, 0, 0)); add(local(y, m, 1, 0, 0) - 60000);
      }
      for (let i = 0; i < 3; i++) {
        const [y, m, d] = randomDay(rng);
        const monday = new Date(y, m - 1, d - ((new Date(y, m - 1, d).getDay() + 6) % 7));
        add(monday.getTime()); add(monday.getTime() - 60000);
      }
      add(local(2026, 12, 28, 10, 0)); add(local(2027, 1, 4, 10, 0)); // week 53 of 2026, week 01 of 2027
      break;
    default:
      break;
  }
  for (const t of genInstants(rng, expr)) {
    if (set.size >= 36) break;
    add(t);
  }
  return [...set].sort((a, b) => a - b);
}

// Our normalized forms of the corpus's expressions, written by the C# differential test (see README): the
// reference must accept every one of them.
export function normalizedExpressions() {
  const file = path.join(here, 'normalized-forms.txt');
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
}

// ---------------------------------------------------------------------------------------

export function buildCorpus() {
  if (new Date(2026, 6, 1).getTimezoneOffset() !== -120 || new Date(2026, 0, 1).getTimezoneOffset() !== -60) {
    throw new Error('the corpus must be built with TZ=Europe/Paris');
  }
  const rng = new Rng(SEED);
  const entries = [];
  const seen = new Set();
  const push = (expression, source) => {
    if (seen.has(expression)) return;
    seen.add(expression);
    entries.push({ expression, source });
  };
  for (const e of trickyExpressions()) push(e, 'tricky');
  for (const e of geodataExpressions()) push(e, 'geodata');
  const generated = [];
  let guard = 0;
  while (generated.length < GENERATED_EXPRESSIONS && guard++ < GENERATED_EXPRESSIONS * 5) {
    const e = genExpression(rng);
    if (seen.has(e)) continue;
    push(e, 'generated');
    generated.push(e);
  }
  let mutated = 0;
  guard = 0;
  while (mutated < MUTATED_EXPRESSIONS && guard++ < MUTATED_EXPRESSIONS * 5) {
    const e = mutate(rng, rng.pick(generated));
    if (seen.has(e)) continue;
    push(e, 'mutated');
    mutated++;
  }
  const instRng = new Rng(SEED ^ 0x5eed);
  for (const entry of entries) entry.instants = genInstants(instRng, entry.expression);
  // Added after the original corpus, with their own generators, so that its expressions and instants stay
  // the same.
  const targetedRng = new Rng(SEED ^ 0x1717);
  for (const [category, generate] of Object.entries(CATEGORIES)) {
    let made = 0;
    guard = 0;
    while (made < TARGETED_PER_CATEGORY && guard++ < TARGETED_PER_CATEGORY * 10) {
      const e = generate(targetedRng);
      if (seen.has(e)) continue;
      push(e, category);
      entries[entries.length - 1].instants = targetedInstants(targetedRng, category, e);
      made++;
    }
  }
  for (const e of normalizedExpressions()) {
    if (seen.has(e)) continue;
    push(e, 'normalized');
    entries[entries.length - 1].instants = genInstants(targetedRng, e);
  }
  return entries;
}
