// Shows how the reference (npm opening_hours) sees an expression around an instant, to investigate a
// disagreement reported by the C# differential test:
//
//   node explain.mjs 'Mo-Fr 14:00-17:00+' 2025-11-21T18:10 [days]
//
// prints the direct answer at the instant (state, comment, next change), then every boundary of the
// library's iterator from the previous local midnight for `days` days (default 2), in Paris time.

process.env.TZ = 'Europe/Paris';
const { default: OpeningHours } = await import('opening_hours');

const [expression, when, days = '2'] = process.argv.slice(2);
if (!expression || !when) {
  process.stderr.write("usage: node explain.mjs 'expression' 2025-11-21T18:10 [days]\n");
  process.exit(2);
}

const oh = new OpeningHours(expression, { address: { country_code: 'fr', state: '' } }, { tag_key: 'opening_hours', locale: 'fr' });
const at = new Date(when);
const show = (d) => d.toString().slice(0, 24);
const comment = (c) => (c === undefined ? '' : ` "${c}"`);
const limit = new Date(at.getTime() + 5 * 366 * 86400000);

console.log(`direct at ${show(at)}: ${oh.getStateString(at)}${comment(oh.getComment(at))}; `
  + `getNextChange ${oh.getNextChange(at, limit)?.toString().slice(0, 24) ?? '-'}`);
const start = new Date(at);
start.setHours(0, 0, 0, 0);
start.setDate(start.getDate() - 1);
const it = oh.getIterator(start);
const end = new Date(start.getTime() + Number(days) * 86400000);
console.log(`iterator from ${show(start)}:`);
do console.log(`  ${show(it.getDate())} ${it.getStateString()}${comment(it.getComment())}`);
while (it.advance(end));
