// The widget's texts: the same catalogues as the server's pages (web/i18n/*.json, one file a language), bundled by
// esbuild. A placeholder is {name}; {name|de} and {name|a} apply the French catalogue's grammar (« d'Autun »,
// « au Creusot »): the other languages write their sentences so that a name goes in as it is. A missing key throws.
import fr from '../i18n/fr.json' with { type: 'json' };
import en from '../i18n/en.json' with { type: 'json' };
import ar from '../i18n/ar.json' with { type: 'json' };
import uk from '../i18n/uk.json' with { type: 'json' };
import tr from '../i18n/tr.json' with { type: 'json' };
import ro from '../i18n/ro.json' with { type: 'json' };

export const CATALOGUES = { fr, en, ar, uk, tr, ro };
export const LANGUAGES = Object.keys(CATALOGUES);
const RTL = new Set(['ar']);
// The locales of Intl: British English (day before month, 24 h), Arabic with Latin digits (as the addresses and phones).
const LOCALES = { fr: 'fr-FR', en: 'en-GB', ar: 'ar-u-nu-latn', uk: 'uk-UA', tr: 'tr-TR', ro: 'ro-RO' };

/** « de Dijon », « d'Autun », « du Creusot », « des Rousses ». */
export function de(nom) {
  if (/^Le /.test(nom)) return `du ${nom.slice(3)}`;
  if (/^Les /.test(nom)) return `des ${nom.slice(4)}`;
  if (/^[AEIOUYÉÈÊÂÎÔH]/i.test(nom)) return `d'${nom}`;
  return `de ${nom}`;
}

/** « à Dijon », « au Creusot », « aux Rousses ». */
export function a(nom) {
  if (/^Le /.test(nom)) return `au ${nom.slice(3)}`;
  if (/^Les /.test(nom)) return `aux ${nom.slice(4)}`;
  return `à ${nom}`;
}

const RULES = { de, a };

/** HTML that goes into a text as it is (a link, a span marked lang="fr"). */
export class Raw {
  constructor(html) { this.html = html; }
}

/** The places' own French text: in HTML a lang="fr" span, the French grammar rule applied first. */
export class French {
  constructor(text) { this.text = text; }
}

export const esc = (value) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** The first of our languages in a list of BCP 47 tags (« uk-UA », « en »), or null. */
export function pickLanguage(tags) {
  for (const tag of tags || []) {
    const primary = String(tag || '').toLowerCase().split('-')[0];
    if (CATALOGUES[primary]) return primary;
  }
  return null;
}

/** The texts of one language: t (text), h (HTML), p/hp (plural, n given as {n}), and the dates in its words. */
export function texts(code) {
  const lang = CATALOGUES[code] ? code : 'fr';
  const messages = CATALOGUES[lang];
  const locale = LOCALES[lang];
  const plurals = new Intl.PluralRules(locale);
  const template = (key) => {
    const text = messages[key];
    if (text == null) throw new Error(`Clé absente du catalogue ${lang} : ${key}`);
    return text;
  };
  const pluralTemplate = (key, n) => messages[`${key}#${plurals.select(n)}`] ?? template(`${key}#other`);
  const fill = (text, args = {}, html = false) => {
    let out = '';
    let i = 0;
    const plain = (s) => (html ? esc(s) : s);
    while (i < text.length) {
      const open = text.indexOf('{', i);
      if (open < 0) { out += plain(text.slice(i)); break; }
      out += plain(text.slice(i, open));
      const close = text.indexOf('}', open);
      if (close < 0) throw new Error(`Accolade non fermée dans le catalogue ${lang} : ${text}`);
      const [name, rule] = text.slice(open + 1, close).split('|');
      if (!(name in args)) throw new Error(`Valeur {${name}} non donnée pour le catalogue ${lang} : ${text}`);
      if (rule && !RULES[rule]) throw new Error(`Règle {${name}|${rule}} inconnue dans le catalogue ${lang}`);
      const value = args[name];
      const apply = (s) => (rule ? RULES[rule](s) : s);
      if (value instanceof Raw) out += value.html;
      // On a French page the places' text needs no mark; elsewhere a lang="fr" span.
      else if (value instanceof French) out += html && lang !== 'fr' ? `<span lang="fr">${esc(apply(value.text))}</span>` : plain(apply(value.text));
      else out += plain(apply(typeof value === 'number' ? value.toLocaleString(locale) : String(value ?? '')));
      i = close + 1;
    }
    return out;
  };
  const part = (date, options, type) =>
    new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Paris', ...options }).formatToParts(date).find((p) => p.type === type)?.value ?? '';
  const self = {
    lang,
    locale,
    dir: RTL.has(lang) ? 'rtl' : 'ltr',
    has: (key) => key in messages,
    /** The attribute that marks the places' own French text on a widget in another language ('' in French). */
    fr: lang === 'fr' ? '' : ' lang="fr"',
    /** The places' own French text, escaped, in a lang="fr" span when the widget speaks another language. */
    frSpan: (text) => (lang === 'fr' ? esc(text) : `<span lang="fr">${esc(text)}</span>`),
    t: (key, args) => fill(template(key), args),
    h: (key, args) => fill(template(key), args, true),
    p: (key, n, args) => fill(pluralTemplate(key, n), { n, ...args }),
    hp: (key, n, args) => fill(pluralTemplate(key, n), { n, ...args }, true),
    /** « 9 h », « 14 h 30 » in French, « 09:00 », « 14:30 » elsewhere, from hours and minutes. */
    hm: (h, m) => (m === 0
      ? fill(template('time.h'), { h: String(h), hh: String(h).padStart(2, '0') })
      : fill(template('time.hm'), { h: String(h), hh: String(h).padStart(2, '0'), mm: String(m).padStart(2, '0') })),
    /** The time of an instant in Paris. */
    time: (date) => {
      const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .format(date).split(':').map(Number);
      return self.hm(h, m);
    },
    /** The day of the month: « 1er » in French, the number elsewhere. */
    day: (n) => (n === 1 ? fill(template('date.firstDay')) : String(n)),
    weekday: (date) => part(date, { weekday: 'long' }, 'weekday'),
    // The month as it goes after a day (Ukrainian's genitive: « 15 грудня »).
    month: (date) => part(date, { day: 'numeric', month: 'long' }, 'month'),
    dayOf: (date) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', day: 'numeric' }).format(date)),
    dayMonth: (date) => fill(template('date.dayMonth'), { day: self.day(self.dayOf(date)), month: self.month(date) }),
    dayMonthYear: (date) => fill(template('date.dayMonthYear'), {
      day: self.day(self.dayOf(date)), month: self.month(date), year: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric' }).format(date),
    }),
    weekdayDayMonth: (date) => fill(template('date.weekdayDayMonth'), { weekday: self.weekday(date), day: self.day(self.dayOf(date)), month: self.month(date) }),
    number: (value, digits) => value.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }),
  };
  return self;
}
