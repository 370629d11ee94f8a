// Three things a citizen looks for first on a place, in the widget: its first action (book online, or call), the
// languages spoken there (the one table web/src/langues-parlees.json, shared with the server's pages), and when the
// digital bus comes near. Their French texts are grouped in TEXTS (for the message catalogues).
import table from './langues-parlees.json';

export const TEXTS = {
  book: 'Prendre rendez-vous',
  bookHint: 'en ligne, sur le site du lieu',
  call: (phone) => `Appeler le ${phone}`,
  languages: 'Langues parlées',
  languagesShort: 'Langues :',
  languageFilter: 'Langue parlée dans le lieu',
  anyLanguage: 'Toutes les langues',
  busNear: 'Le bus numérique passe près de chez vous',
  passes: 'passe à',
  now: "en ce moment, jusqu'à",
  example: '(exemple de démonstration)',
  busMarker: 'Arrêt du bus numérique',
};

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

/** « ukrainien — українська », the native name marked with its language (and direction). */
export function languageHtml(code, ui = 'fr') {
  const l = byCode.get(code);
  if (!l) return esc(code);
  const name = l[ui] || l.fr;
  return l.natif === name ? esc(name) : `${esc(name)} — <span lang="${esc(code)}"${l.rtl ? ' dir="rtl"' : ''}>${esc(l.natif)}</span>`;
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

/** The <select> of the filters (one language). */
export function languageSelect(id) {
  const options = LANGUAGES.map((l) => `<option value="${esc(l.code)}">${esc(l.natif === l.fr ? l.fr : `${l.fr} — ${l.natif}`)}</option>`).join('');
  return `<fieldset class="sc-groupe"><legend>${esc(TEXTS.languages)}</legend>
<label for="${id}-langue">${esc(TEXTS.languageFilter)}</label>
<select id="${id}-langue" name="langues"><option value="">${esc(TEXTS.anyLanguage)}</option>${options}</select></fieldset>`;
}

/** The one-line languages of a place in the list; '' when none. */
export function languagesLine(site) {
  const codes = (site.languesParlees || []).filter((c) => byCode.has(c));
  return codes.length ? `<p class="sc-langues"><strong>${esc(TEXTS.languagesShort)}</strong> ${codes.map((c) => languageHtml(c)).join(', ')}</p>` : '';
}

/** The « Langues parlées » block of the detail; '' when none. */
export function languagesBlock(site, h) {
  const codes = (site.languesParlees || []).filter((c) => byCode.has(c));
  return codes.length ? `<${h}>${esc(TEXTS.languages)}</${h}><ul class="sc-langues">${codes.map((c) => `<li>${languageHtml(c)}</li>`).join('')}</ul>` : '';
}

/** « Prendre rendez-vous » when the place books online, otherwise « Appeler le 03 … » (a tel: link); '' without either. */
export function firstAction(site, phoneText) {
  if (isHttp(site.priseRdv)) {
    return `<p class="sc-action"><a class="sc-action-bouton" href="${esc(site.priseRdv)}">${esc(TEXTS.book)}<span class="sc-visuellement-cache"> : ${esc(site.nom)}</span></a> <span class="sc-aide">${esc(TEXTS.bookHint)}</span></p>`;
  }
  if (site.telephone) {
    return `<p class="sc-action"><a class="sc-action-bouton" href="tel:${esc(site.telephone)}">${esc(TEXTS.call(phoneText(site.telephone)))}</a></p>`;
  }
  return '';
}

const PARIS = 'Europe/Paris';
function hours(date) {
  const parts = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, hour: 'numeric', minute: '2-digit' }).formatToParts(date);
  const h = parts.find((p) => p.type === 'hour').value.replace(/^0(?=\d)/, '');
  const m = parts.find((p) => p.type === 'minute').value;
  return m === '00' ? `${h} h` : `${h} h ${m}`;
}

/**
 * « Exemple — Bus numérique du Morvan passe à Lormes mardi 15 décembre, 9 h 30 – 12 h, Place de l'Hôtel de Ville »
 * (in progress: « … passe à Lormes en ce moment, jusqu'à 12 h, … »), as the server's pages write it.
 */
export function visitSentence(visit, now = new Date()) {
  const start = new Date(visit.startsAt);
  const end = new Date(visit.endsAt);
  const day = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, weekday: 'long', day: 'numeric', month: 'long' }).format(start);
  const when = start <= now ? `${TEXTS.now} ${hours(end)}` : `${day}, ${hours(start)} – ${hours(end)}`;
  return `${visit.stop.routeName} ${TEXTS.passes} ${visit.stop.commune} ${when}, ${visit.stop.adresse}`;
}

/** The block of the bus's next stops above the list; '' when none. */
export function visitsBlock(visits, h, distanceText) {
  if (!visits || !visits.length) return '';
  const items = visits.map((v) => `<li>${esc(visitSentence(v))} (${esc(distanceText(v.distanceMeters))})${v.stop.isExample ? ` ${esc(TEXTS.example)}` : ''}</li>`).join('');
  return `<${h} class="sc-bus-titre">${esc(TEXTS.busNear)}</${h}><ul>${items}</ul>`;
}

export const VISITS_QUERY = `query Passages($near: NearInput!) { nextVisits(near: $near, first: 5) {
  distanceMeters startsAt endsAt stop { id routeName commune adresse isExample location { latitude longitude } } } }`;
