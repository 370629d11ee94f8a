// Three things a citizen looks for first on a place, in the widget: its first action (book online, or call), the
// languages spoken there (the one table web/src/langues-parlees.json, shared with the server's pages), and when the
// digital bus comes near. Their texts are the catalogues' (web/i18n, keys highlight.* and bus.*), through the widget's `tx`.
import table from './langues-parlees.json';
import { Raw, French } from './i18n.js';

const esc = (value) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const isHttp = (url) => /^https?:\/\//i.test(url || '');

/** Every accepted language, by French name: { code, fr, natif, rtl }. */
export const LANGUAGES = Object.entries(table.langues)
  .map(([code, names]) => ({ code, ...names }))
  .sort((x, y) => x.fr.localeCompare(y.fr, 'fr'));
const byCode = new Map(LANGUAGES.map((l) => [l.code, l]));

/** The language of a code, or undefined. */
export const language = (code) => byCode.get(code);

/** A language's name in the widget's language (the table's name under that code, else the French one). */
export const nameIn = (l, ui) => l[ui] || l.fr;

const native = (l) => `<span lang="${esc(l.code)}"${l.rtl ? ' dir="rtl"' : ''}>${esc(l.natif)}</span>`;

/** « ukrainien — українська »: the name in the widget's language, then the native name marked with its language (and direction). */
export function languageHtml(code, ui = 'fr') {
  const l = byCode.get(code);
  if (!l) return esc(code);
  const name = nameIn(l, ui);
  return l.natif === name ? native(l) : `${esc(name)} — ${native(l)}`;
}

/** Codes from an attribute or a URL parameter (« uk », « uk,ar », « uk|ar »): the known ones. */
export function parseLanguages(text) {
  if (!text) return [];
  const out = [];
  for (const raw of String(text).split(/[|,]/)) {
    const code = raw.trim().toLowerCase();
    if (byCode.has(code) && !out.includes(code)) out.push(code);
  }
  return out;
}

/** The <select> of the filters (one language), by name in the widget's language. */
export function languageSelect(tx, id) {
  const collator = new Intl.Collator(tx.locale);
  const options = [...LANGUAGES].sort((x, y) => collator.compare(nameIn(x, tx.lang), nameIn(y, tx.lang))).map((l) => {
    const name = nameIn(l, tx.lang);
    return `<option value="${esc(l.code)}">${esc(l.natif === name ? name : `${name} — ${l.natif}`)}</option>`;
  }).join('');
  return `<fieldset class="sc-groupe"><legend>${tx.h('highlight.languages')}</legend>
<label for="${id}-langue">${tx.h('highlight.languageFilterShort')}</label>
<select id="${id}-langue" name="langues"><option value="">${tx.h('highlight.anyLanguage')}</option>${options}</select></fieldset>`;
}

const sepOf = (tx) => esc(tx.t('list.separator'));

/** The one-line languages of a place in the list; '' when none. */
export function languagesLine(tx, site) {
  const codes = (site.languesParlees || []).filter((c) => byCode.has(c));
  return codes.length ? `<p class="sc-langues"><strong>${tx.h('highlight.languagesShort')}</strong> ${codes.map((c) => languageHtml(c, tx.lang)).join(sepOf(tx))}</p>` : '';
}

/** The « Langues parlées » block of the detail; '' when none. */
export function languagesBlock(tx, site, h) {
  const codes = (site.languesParlees || []).filter((c) => byCode.has(c));
  return codes.length ? `<${h}>${tx.h('highlight.languages')}</${h}><ul class="sc-langues">${codes.map((c) => `<li>${languageHtml(c, tx.lang)}</li>`).join('')}</ul>` : '';
}

/** « Prendre rendez-vous » when the place books online, otherwise « Appeler le 03 … » (a tel: link); '' without either. */
export function firstAction(tx, site, phoneText) {
  if (isHttp(site.priseRdv)) {
    return `<p class="sc-action"><a class="sc-action-bouton" href="${esc(site.priseRdv)}">${tx.h('highlight.book')}<span class="sc-visuellement-cache"> : ${tx.frSpan(site.nom)}</span></a> <span class="sc-aide">${tx.h('highlight.bookHint')}</span></p>`;
  }
  if (site.telephone) {
    return `<p class="sc-action"><a class="sc-action-bouton" href="tel:${esc(site.telephone)}">${tx.h('highlight.call', { phone: new Raw(tx.lang === 'fr' ? esc(phoneText(site.telephone)) : `<span dir="ltr">${esc(phoneText(site.telephone))}</span>`) })}</a></p>`;
  }
  return '';
}

/**
 * « Exemple — Bus numérique du Morvan passe à Lormes mardi 15 décembre, 9 h 30 – 12 h, Place de l'Hôtel de Ville »
 * (in progress: « … passe à Lormes en ce moment, jusqu'à 12 h, … »), as the server's pages write it, in the widget's
 * language (html: the route, commune and address marked as French text on another language).
 */
export function visitSentence(tx, visit, now = new Date(), html = false) {
  const start = new Date(visit.startsAt);
  const end = new Date(visit.endsAt);
  const args = {
    route: new French(visit.stop.routeName), commune: new French(visit.stop.commune), address: new French(visit.stop.adresse), to: tx.time(end),
  };
  const fill = html ? tx.h : tx.t;
  return start <= now ? fill('bus.visitNow', args) : fill('bus.visit', { ...args, day: tx.weekdayDayMonth(start), from: tx.time(start) });
}

/** The block of the bus's next stops above the list; '' when none. */
export function visitsBlock(tx, visits, h, distanceText) {
  if (!visits || !visits.length) return '';
  const items = visits.map((v) => `<li>${visitSentence(tx, v, new Date(), true)} (${esc(distanceText(v.distanceMeters))})${v.stop.isExample ? ` ${tx.h('bus.example')}` : ''}</li>`).join('');
  return `<${h} class="sc-bus-titre">${tx.h('bus.near')}</${h}><ul>${items}</ul>`;
}

export const VISITS_QUERY = `query Passages($near: NearInput!) { nextVisits(near: $near, first: 5) {
  distanceMeters startsAt endsAt stop { id routeName commune adresse isExample location { latitude longitude } } } }`;
