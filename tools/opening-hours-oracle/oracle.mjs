// Evaluates the differential corpus (corpus.mjs) with the reference implementation, the npm package
// opening_hours (exact version pinned in package.json / package-lock.json), and writes the expectation
// file read by the C# differential test (tests/ScoranInclusion.Domain.Tests/OpeningHours/Differential/).
//
//   node oracle.mjs [--out FILE]      (default: the committed file in the test project)
//
// The library works in the JS process's local time zone, so the process runs in Europe/Paris; public
// holidays are France's (country_code fr): the library ships the holiday definitions, no network lookup.

process.env.TZ = 'Europe/Paris';

// The library compares dates of the value with the clock ("this date is in the past" warnings): freeze the
// clock at the start of the corpus, 2025-01-01T00:00 Paris, so that the output depends on the corpus only.
const FIXED_NOW = Date.UTC(2024, 11, 31, 23, 0, 0);
const RealDate = Date;
globalThis.Date = class extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(FIXED_NOW);
    else super(...args);
  }

  static now() { return FIXED_NOW; }
};
// It also prints evaluation errors (SH without a calendar…) on the console; they are in the file.
console.error = () => {};
const log = (message) => process.stderr.write(message + '\n');

import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// Imported after TZ is set: both compute local dates when loaded.
const { buildCorpus, repoRoot, SEED } = await import('./corpus.mjs');
const { default: OpeningHours } = await import('opening_hours');

const DEFAULT_OUT = path.join(
  repoRoot, 'tests', 'ScoranInclusion.Domain.Tests', 'OpeningHours', 'Differential', 'opening-hours-oracle.tsv');

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : DEFAULT_OUT;

const NOMINATIM = { address: { country_code: 'fr', state: '' } };
const OPTIONS = { tag_key: 'opening_hours', locale: 'fr' };
const npmVersion = JSON.parse(readFileSync(path.join(here, 'node_modules', 'opening_hours', 'package.json'), 'utf8')).version;

// getNextChange() without a limit loops forever when only the comment keeps changing (its default limit
// slides with the iterator), so every search gets an explicit one: 5 years, the documented default.
const LIMIT_MS = 5 * 366 * 86400000;
// getNextChange() (the next change of state, the meaning of our OpeningHoursSchedule.NextChange) is asked the
// same question as ours: the first change within NextChangeHorizon, 366 days, else none.
const HORIZON_MS = 366 * 86400000;

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** ISO 8601 in Paris wall-clock time with the UTC offset: 2026-03-29T03:00+02:00 (seconds only when not zero). */
function formatInstant(ms) {
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  let s = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (d.getSeconds() !== 0 || d.getMilliseconds() !== 0) s += `:${pad(d.getSeconds())}`;
  if (d.getMilliseconds() !== 0) s += `.${pad(d.getMilliseconds(), 3)}`;
  return s + `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

const fmtOpt = (d) => (d === undefined ? '-' : formatInstant(d.getTime()));
const escape = (s) => String(s).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
const oneLine = (s) => String(s).replace(/\s+/g, ' ').trim();
const stateOf = (it) => (it.getUnknown() ? 'u' : it.getState() ? 'o' : 'c');

/** state, comment and next change of state or comment, as the library's iterator sees them from `it`. */
function answerOf(it, limit) {
  const state = stateOf(it);
  const comment = it.getComment();
  const any = it.advance(limit) ? it.getDate() : undefined;
  return { state, comment, any };
}

const sameAnswer = (a, b) => a.state === b.state && a.comment === b.comment && fmtOpt(a.any) === fmtOpt(b.any);
const packAnswer = (a) => `${a.state}|${fmtOpt(a.any)}|${a.comment === undefined ? '' : escape(a.comment).replace(/\|/g, '\\p')}`;

/**
 * The answer at `t` reached by walking the library's own iterator from the previous local midnight. Its
 * direct answer at an instant can depend on where the evaluation starts (inside a guessed open end, for
 * one): the C# test uses the walked answer to recognize those inconsistencies of the reference.
 */
function walked(oh, t, limit) {
  const start = new Date(t);
  start.setHours(0, 0, 0, 0);
  start.setDate(start.getDate() - 1);
  const it = oh.getIterator(start);
  const justAfter = new Date(t + 1);
  while (it.advance(justAfter)) { /* up to the last boundary at or before t */ }
  return answerOf(it, limit);
}

const SELECTOR_START = /^(Mo|Tu|We|Th|Fr|Sa|Su|PH|SH|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|week|easter|\d{4}(?![:.]))/;

/**
 * The same value with every normal rule (after ";") that has no date selector given an explicit "Mo-Su".
 * The specification applies such a rule to every day, overriding the rules before it; the library only does
 * so after a rule without date selectors either ("Mo 08:00-10:00; 12:00-14:00" is open 08:00-10:00 and
 * 12:00-14:00 on Monday there). Returns null when nothing is rewritten.
 */
export function specVariant(expression) {
  let out = '';
  let quoted = false;
  let changed = false;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    out += c;
    if (c === '"') quoted = !quoted;
    if (quoted || c !== ';') continue;
    const rest = expression.slice(i + 1);
    const spaces = rest.length - rest.trimStart().length;
    const rule = rest.trimStart();
    if (rule === '' || SELECTOR_START.test(rule)) continue;
    out += rest.slice(0, spaces) + (rule.startsWith('24/7') ? 'Mo-Su 00:00-24:00' : 'Mo-Su ');
    i += spaces + (rule.startsWith('24/7') ? 4 : 0);
    changed = true;
  }
  return changed ? out : null;
}

const corpus = buildCorpus();
const lines = [
  `# opening_hours differential expectations: npm opening_hours@${npmVersion}, TZ=Europe/Paris, country_code=fr, corpus seed ${SEED}.`,
  '# GENERATED by tools/opening-hours-oracle (cd tools/opening-hours-oracle && npm ci && npm run oracle): do not edit.',
  '# E<TAB>source<TAB>expression<TAB>ok|error<TAB>warning types (ok) or error message (error)<TAB>prettified value<TAB>spec variant',
  '#   spec variant: the value with "Mo-Su" before each normal rule lacking date selectors ("-": no such rule).',
  '# I<TAB>instant<TAB>state o|c|u (x: the library threw)<TAB>getNextChange (next change of state within 366 days) or -<TAB>next change of',
  '#   state or comment (=: same as getNextChange) or -<TAB>comment (empty: none)<TAB>walked<TAB>spec',
  '#   walked: the answer reached by the library\'s own iterator started at the previous local midnight, "=" when',
  '#   state, comment and next change of state or comment are the same as above; otherwise state|next|comment.',
  '#   spec: the same (walked) for the spec variant; "=" when the same as the direct answer, "-" when no variant.',
  '# Instants are Paris wall-clock time with their UTC offset; getNextChange stops 366 days after the instant, the other',
  '#   searches 5 x 366 days after it.',
  '# In comments of walked/spec, "|" is written \\p. Prettified value "=": the expression itself.',
  '# H<TAB>date<TAB>name: the French public holidays of 2024-2028 as the library knows them.',
];

{
  const ph = new OpeningHours('PH', NOMINATIM, OPTIONS);
  for (let d = new Date(2024, 0, 1, 12); d.getFullYear() <= 2028; d.setDate(d.getDate() + 1)) {
    if (ph.getState(d)) lines.push(['H', `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, escape(ph.getComment(d))].join('\t'));
  }
}

let accepted = 0;
let instants = 0;
for (const { expression, source, instants: times } of corpus) {
  let oh;
  try {
    oh = new OpeningHours(expression, NOMINATIM, OPTIONS);
  } catch (e) {
    lines.push(['E', source, escape(expression), 'error', escape(oneLine(e).slice(0, 300)), '', '-'].join('\t'));
    continue;
  }
  if (++accepted % 250 === 0) log(`  ${accepted} accepted expressions…`);
  const variantText = specVariant(expression);
  let variant = null;
  if (variantText !== null) {
    try {
      variant = new OpeningHours(variantText, NOMINATIM, OPTIONS);
    } catch {
      variant = null;
    }
  }
  const warnings = oh.getStructuredWarnings().map((w) => w.type).join(',');
  const prettified = oh.prettifyValue();
  lines.push(['E', source, escape(expression), 'ok', warnings, prettified === expression ? '=' : escape(prettified), variant ? escape(variantText) : '-'].join('\t'));
  for (const t of times) {
    const at = new Date(t);
    const limit = new Date(t + LIMIT_MS);
    let fields;
    try {
      const direct = answerOf(oh.getIterator(at), limit);
      // First visible change of state (open/closed/unknown), comment-only boundaries skipped.
      const next = oh.getNextChange(at, new Date(t + HORIZON_MS));
      const walk = walked(oh, t, limit);
      const spec = variant ? walked(variant, t, limit) : null;
      fields = [
        direct.state,
        fmtOpt(next),
        fmtOpt(direct.any) === fmtOpt(next) ? '=' : fmtOpt(direct.any),
        direct.comment === undefined ? '' : escape(direct.comment),
        sameAnswer(walk, direct) ? '=' : packAnswer(walk),
        spec === null ? '-' : sameAnswer(spec, direct) ? '=' : packAnswer(spec),
      ];
    } catch (e) {
      fields = ['x', '-', '=', escape(oneLine(e).slice(0, 200)), '=', '-'];
    }
    lines.push(['I', formatInstant(t), ...fields].join('\t'));
    instants++;
  }
}

writeFileSync(out, lines.join('\n') + '\n', 'utf8');
log(`${corpus.length} expressions (${accepted} accepted by opening_hours@${npmVersion}), ${instants} instants -> ${path.relative(process.cwd(), out)}`);
