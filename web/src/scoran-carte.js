// <scoran-carte> : les lieux d'aide au numérique les plus proches, en liste et sur une carte.
// Light DOM (no shadow root) so that the host page's screen-reader landmarks and headings stay
// one tree; every class is prefixed « sc- » and the styles are scoped under .sc.
import L from 'leaflet';
import Supercluster from 'supercluster';
import leafletCss from 'leaflet/dist/leaflet.css';
import widgetCss from './widget.css';
import { SERVICES, PUBLICS, FRAIS, ACCOMPAGNEMENT, parseValues } from './labels.js';
import { addBasemap } from './fond-de-carte.js';
import { resultsText, territoryScope, unknownTerritoryText } from './messages.js';
import { texts, pickLanguage, esc, Raw, French } from './i18n.js';
import serviceIcons from '../icons/services.json';
import { ADDRESS_TEXTS, SUGGEST_DELAY_MS, lookup, streetLine, addressLine, optionHtml } from './propositions.js';
import {
  firstAction, language, languageSelect, languagesBlock, languagesLine, nameIn, parseLanguages, visitSentence, visitsBlock, VISITS_QUERY,
} from './lieu-extras.js';

// The server the widget talks to: the one that served this script (a municipality's page
// loads it from ScoranInclusion), unless the element says otherwise with api="…".
const SCRIPT_ORIGIN = (() => {
  try {
    return new URL(document.currentScript.src).origin;
  } catch {
    return window.location.origin;
  }
})();

const PAGE_SIZE = 20;
const TERRITORY_SCAN = 100;
const REPORT_FORM = 'https://www.mednum-bfc.fr/maj-lieu/';
const BFC_CENTER = [47.25, 5.0];
let counter = 0;

// The fields of a place in the list and in the detail view. The list asks for the first three
// sessions (some may be cancelled or full) and shows the first one still open.
const BASE_FIELDS = `id nom location { latitude longitude }
  adresse { voie complement codePostal commune codeInsee }
  services fraisACharge priseEnChargeSpecifique ficheAccesLibre
  openingHours { state nextChange comment }
  freshness { lastVerifiedAt source stale }
  closures { startDate endDate reason current } notices { text current } languesParlees`;
const LIST_FIELDS = `${BASE_FIELDS}
  nextSessions(first: 3) { startsAt status remainingSeats offer { title } }`;
const DETAIL_FIELDS = `${BASE_FIELDS} provenance telephone courriels siteWeb priseRdv horaires presentationResume
  source dateMaj publicsSpecifiquementAdresses modalitesAccompagnement modalitesAcces
  openingHours { week { date jourSemaine jourFerie fermeture intervals { start end status } } }
  nextSessions(first: 4) { id startsAt endsAt status capacity remainingSeats remoteUrl cancelReason
    offer { title format fee feeCondition isExample registration { url telephone courriel onSite } } }`;

const SEARCH = `query Lieux($near: NearInput!, $first: Int, $after: String, $filter: SiteFilter) {
  nearestSites(near: $near, first: $first, after: $after, filter: $filter) {
    edges { distanceMeters node { ${LIST_FIELDS} } }
    pageInfo { hasNextPage endCursor } } }`;

const WORKSHOP_DAYS = 14;
const workshopLabel = (tx, days) => tx.p('search.workshops', days);

/**
 * The filter groups, in display order. Each maps a form field to the GraphQL filter; the values are the standard's
 * (GraphQL names), their labels the catalogue's (group.labels: the catalogue's prefix).
 */
const FILTERS = [
  { name: 'services', legend: 'widget.filter.services', values: SERVICES, labels: 'service', key: 'services' },
  { name: 'frais', legend: 'widget.filter.price', values: { GRATUIT: 'widget.filter.free' }, key: 'fraisACharge' },
  { name: 'publics', legend: 'widget.filter.publics', values: PUBLICS, labels: 'public', key: 'publics' },
  { name: 'accompagnement', legend: 'widget.filter.accompaniment', values: ACCOMPAGNEMENT, labels: 'accompagnement', key: 'modalitesAccompagnement' },
  // One box whose value is the number of days: hasSessionWithinDays takes a number, not a list.
  { name: 'ateliers', legend: 'widget.filter.workshops', values: { [WORKSHOP_DAYS]: null }, key: 'hasSessionWithinDays', number: true },
];
const filterLabel = (tx, group, value) => (group.number ? workshopLabel(tx, Number(value)) : group.labels ? tx.t(`${group.labels}.${value}`) : tx.t(group.values[value]));

const isHttp = (url) => /^https?:\/\//i.test(url || '');
/** The display labels of the standard's values (service.AIDE_…), in the widget's language. */
const labels = (tx, values, prefix) => (values || []).map((v) => (tx.has(`${prefix}.${v}`) ? tx.t(`${prefix}.${v}`) : v));
const svgIcon = (name) => (serviceIcons[name]
  ? `<svg class="sc-icone" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${serviceIcons[name]}</svg>`
  : '');
/** The services as a list, each with its icon beside its words (the icon hidden from screen readers). */
const servicesList = (tx, values) => `<ul class="sc-services">${(values || []).map((v) => `<li>${svgIcon(v)} ${esc(labels(tx, [v], 'service')[0])}</li>`).join('')}</ul>`;

function distanceText(tx, meters) {
  if (meters == null) return '';
  if (meters < 100) return tx.t('distance.under100');
  if (meters < 1000) return tx.t('distance.m', { n: Math.round(meters / 10) * 10 });
  const km = meters / 1000;
  return tx.t('distance.km', { n: tx.number(km, km < 10 ? 1 : 0) });
}

const PARIS = 'Europe/Paris';
// The source of a place's freshness when its own team confirmed it (SiteFreshness.PeopleLabel): said in the widget's language.
const PEOPLE = "l'équipe du lieu";
// « Mis à jour le 12 mars 2026 · Source : France services », after Freshness:StaleAfter preceded by « Informations à
// vérifier » in words (the amber only repeats them); the middle dot is hidden from screen readers, a comma read instead.
const freshnessLine = (tx, freshness) => {
  if (!freshness) return '';
  const line = `${tx.h('fresh.updated', { date: tx.dayMonthYear(new Date(freshness.lastVerifiedAt)) })}<span aria-hidden="true"> · </span><span class="sc-visuellement-cache">, </span>${tx.h('fresh.source', { source: freshness.source === PEOPLE ? tx.t('fresh.team') : new French(freshness.source) })}`;
  return freshness.stale
    ? `<p class="sc-fraicheur sc-fraicheur-ancienne"><strong class="sc-a-verifier">${tx.h('fresh.stale')}</strong><span class="sc-visuellement-cache"> :</span> ${line}</p>`
    : `<p class="sc-fraicheur">${line}</p>`;
};
const dayKey = (date) => new Intl.DateTimeFormat('fr-CA', { timeZone: PARIS }).format(date); // AAAA-MM-JJ
/** A calendar day (AAAA-MM-JJ) as an instant at noon in Paris, for its names. */
const noonOf = (key) => new Date(`${key}T12:00:00+01:00`);
function whenText(tx, iso, closing = false) {
  const at = new Date(iso);
  const now = new Date();
  const days = Math.round((Date.parse(dayKey(at)) - Date.parse(dayKey(now))) / 86400000);
  // A closing at midnight is the end of the day before: « jusqu'à minuit », not « jusqu'à demain à 0 h ».
  const midnight = new Intl.DateTimeFormat('en-GB', { timeZone: PARIS, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at) === '00:00';
  if (closing && midnight && days >= 1) {
    const eve = new Date(at.getTime() - 3600000);
    if (days === 1) return tx.t('when.midnight');
    if (days === 2) return tx.t('when.tomorrowMidnight');
    if (days < 8) return tx.t('when.weekdayMidnight', { weekday: tx.weekday(eve) });
  }
  const time = tx.time(at);
  if (days === 0) return time;
  if (days === 1) return tx.t('when.tomorrowAt', { time });
  if (days < 7) return tx.t('when.weekdayAt', { weekday: tx.weekday(at), time });
  return tx.t('when.dateAt', { date: tx.dayMonth(at), time });
}
const hm = (tx, text) => text.replace(/^0?(\d+):(\d\d)$/, (_, h, m) => tx.hm(Number(h), Number(m)));

/** { text, state } : « Ouvert maintenant, jusqu'à 12 h » / « Fermé, ouvre lundi à 9 h ». */
function openingText(tx, hours, closures) {
  // During a temporary closure: until when it is closed, and when it reopens.
  const current = (closures || []).filter((c) => c.current).sort((x, y) => (x.endDate < y.endDate ? 1 : -1))[0];
  if (current) {
    const date = tx.dayMonth(noonOf(current.endDate));
    const reopens = hours?.nextChange ? whenText(tx, hours.nextChange, false) : null;
    return { text: reopens ? tx.t('open.closedUntilOpens', { date, when: reopens }) : tx.t('open.closedUntil', { date }), state: 'ferme' };
  }
  if (!hours) return { text: tx.t('open.unknownHours'), state: 'inconnu' };
  // nextChange is the next change of state (never a change of comment alone, such as a holiday's midnight).
  const when = hours.nextChange ? whenText(tx, hours.nextChange, hours.state === 'OPEN') : null;
  if (hours.state === 'OPEN') return { text: when ? tx.t('open.nowUntil', { when }) : tx.t('open.now'), state: 'ouvert' };
  if (hours.state === 'UNKNOWN') return { text: tx.t('open.appointment'), state: 'inconnu' };
  return { text: when ? tx.t('open.closedOpens', { when }) : tx.t('open.closed'), state: 'ferme' };
}

/** « Fermé du 22 décembre au 2 janvier (congés) », as HTML, the reason marked French. */
function closureLabel(tx, c) {
  const label = c.startDate === c.endDate
    ? tx.h('notice.closedDay', { date: tx.dayMonth(noonOf(c.startDate)) })
    : tx.h('notice.closedPeriod', { start: tx.dayMonth(noonOf(c.startDate)), end: tx.dayMonth(noonOf(c.endDate)) });
  return c.reason ? tx.h('notice.reason', { label: new Raw(label), reason: new French(c.reason) }) : label;
}

/** The banner of a temporary closure or a dated notice in force today (the server's day): '' when none. */
function noticeBanner(tx, site) {
  const lines = [
    ...(site.closures || []).filter((c) => c.current).map((c) => `<p><strong>${closureLabel(tx, c)}.</strong></p>`),
    ...(site.notices || []).filter((n) => n.current).map((n) => `<p${tx.fr}>${esc(n.text)}</p>`),
  ];
  return lines.length ? `<div class="sc-bandeau-avis">${lines.join('')}</div>` : '';
}

// ---- Workshops (sessions of the place's offers) ----------------------------------------------

/** « mardi 2 décembre à 14 h », « lundi 1er juin à 9 h 30 », in Paris time. */
function sessionDate(tx, iso) {
  const at = new Date(iso);
  return tx.t('workshop.dateAt', { date: tx.weekdayDayMonth(at), time: tx.time(at) });
}
/** « 2 h », « 1 h 30 », « 45 min ». */
function durationText(tx, startsAt, endsAt) {
  const minutes = Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60000);
  if (minutes < 60) return tx.t('duration.min', { n: minutes });
  return minutes % 60 === 0 ? tx.t('duration.h', { h: minutes / 60 })
    : tx.t('duration.hm', { h: Math.floor(minutes / 60), mm: String(minutes % 60).padStart(2, '0') });
}
/** « 3 places », « complet », « annulé » ; '' when the seats are not limited. */
function seatsText(tx, session) {
  if (session.status === 'CANCELLED') return tx.t('workshop.cancelled');
  if (session.status === 'FULL') return tx.t('workshop.full');
  if (session.remainingSeats == null) return '';
  return tx.p('workshop.seats', session.remainingSeats);
}
/** « Prochain atelier : mardi 2 décembre à 14 h — Découvrir Mon Espace Santé, 3 places », or '' without one. */
function nextWorkshopLine(tx, sessions) {
  const next = (sessions || []).find((s) => s.status === 'SCHEDULED');
  if (!next) return '';
  const seats = seatsText(tx, next);
  const args = { date: sessionDate(tx, next.startsAt), title: new French(next.offer.title), seats };
  return `<p class="sc-prochain-atelier">${tx.h(seats ? 'workshop.nextSeats' : 'workshop.next', args)}</p>`;
}
function feeHtml(tx, offer) {
  if (offer.fee === 'FREE') return tx.h('workshop.free');
  if (offer.fee === 'FREE_UNDER_CONDITION') return offer.feeCondition ? tx.h('workshop.freeConditionText', { condition: new French(offer.feeCondition) }) : tx.h('workshop.freeCondition');
  return offer.feeCondition ? tx.h('workshop.paidText', { condition: new French(offer.feeCondition) }) : tx.h('workshop.paid');
}
function formatText(tx, offer, session) {
  if (offer.format === 'REMOTE' || session.remoteUrl) return tx.t('workshop.remote');
  return offer.format === 'INDIVIDUAL_HELP' ? tx.t('workshop.individual') : tx.t('workshop.group');
}
function registrationHtml(tx, reg, title) {
  const ways = [];
  if (isHttp(reg.url)) ways.push(`<a href="${esc(reg.url)}">${tx.h('workshop.online')}<span class="sc-visuellement-cache"> ${tx.h('workshop.onlineFor', { title: new French(title) })}</span></a>`);
  if (reg.telephone) ways.push(tx.h('workshop.byPhone', { phone: new Raw(`<a href="tel:${esc(reg.telephone)}" dir="ltr">${esc(phoneText(reg.telephone))}</a>`) }));
  if (reg.courriel) ways.push(tx.h('workshop.byEmail', { email: new Raw(`<a href="mailto:${esc(reg.courriel)}" dir="ltr">${esc(reg.courriel)}</a>`) }));
  if (reg.onSite) ways.push(tx.h('workshop.onSite'));
  return ways.length ? tx.h('workshop.registration', { ways: new Raw(ways.join(esc(tx.t('list.separator')))) }) : tx.h('workshop.registrationNone');
}

function addressText(a) {
  return [a.voie, a.complement, `${a.codePostal} ${a.commune}`].filter(Boolean).join(', ');
}

function phoneText(tel) {
  return /^\+33\d{9}$/.test(tel) ? ('0' + tel.slice(3)).replace(/(\d\d)(?=\d)/g, '$1 ') : tel;
}

function injectStyles() {
  if (document.getElementById('scoran-carte-styles')) return;
  const style = document.createElement('style');
  style.id = 'scoran-carte-styles';
  style.textContent = leafletCss + '\n' + widgetCss;
  document.head.appendChild(style);
}

class ScoranCarte extends HTMLElement {
  static get observedAttributes() {
    return ['territoire-type', 'territoires', 'services', 'frais-a-charge', 'ateliers', 'latitude', 'longitude', 'zoom', 'hauteur', 'langue', 'langues-parlees'];
  }

  connectedCallback() {
    if (this._root) return;
    injectStyles();
    this._uid = `sc${++counter}`;
    this._api = (this.getAttribute('api') || SCRIPT_ORIGIN).replace(/\/$/, '');
    this._level = Math.min(5, Math.max(1, Number(this.getAttribute('titre-niveau')) || 2));
    this._results = [];
    this._tx = texts(this._language());
    this._build();
    this._initMap();
    this._start();
  }

  /** The page's ?langue= (with lire-url), the langue attribute, then the browser's languages; French otherwise. */
  _language() {
    const fromUrl = this.hasAttribute('lire-url') ? new URLSearchParams(window.location.search).get('langue') : null;
    return pickLanguage([fromUrl, this.getAttribute('langue'), ...(navigator.languages || [navigator.language])]) || 'fr';
  }

  attributeChangedCallback(name) {
    if (this._root && name === 'langue' && this._tx.lang !== this._language()) {
      // Another language: the whole structure again, in its words and direction.
      this._map.remove();
      this._map = null;
      this._tx = texts(this._language());
      this._results = [];
      this._origin = null;
      this._build();
      this._initMap();
    }
    // The /integrer preview changes the attributes live: start again with the new settings.
    if (!this._root || this._restarting) return;
    this._restarting = true;
    queueMicrotask(() => {
      this._restarting = false;
      this._start();
    });
  }

  disconnectedCallback() {
    if (this._map) {
      this._map.remove();
      this._map = null;
    }
    this.replaceChildren();
    this._root = null;
  }

  // ---- Structure -------------------------------------------------------------------------

  _build() {
    const id = this._uid;
    const tx = this._tx;
    const h = `h${this._level}`;
    const filterGroups = FILTERS.map(
      (group) => `<fieldset class="sc-groupe"><legend>${tx.h(group.legend)}</legend>${Object.keys(group.values)
        .map((value) => `<label class="sc-case"><input type="checkbox" name="${group.name}" value="${value}"> ${esc(filterLabel(tx, group, value))}</label>`)
        .join('')}</fieldset>`,
    ).join('');
    const days = [];
    for (let i = 0; i < 7; i++) {
      const d = new Date(Date.now() + i * 86400000);
      const label = i === 0 ? tx.t('date.today') : i === 1 ? tx.t('date.tomorrow') : tx.weekdayDayMonth(d);
      days.push(`<option value="${dayKey(d)}">${esc(label)}</option>`);
    }
    this.innerHTML = `<div class="sc" lang="${tx.lang}" dir="${tx.dir}">
  <form class="sc-recherche" role="search" aria-label="${tx.h('widget.searchForm')}">
    <div class="sc-champ">
      <label for="${id}-q" id="${id}-q-label">${tx.h('search.labelAddress')}</label>
      <div class="sc-combo">
        <input id="${id}-q" class="sc-q" type="text" autocomplete="off" spellcheck="false" role="combobox" aria-autocomplete="list"
          aria-expanded="false" aria-controls="${id}-choix" aria-describedby="${id}-q-aide">
        <ul id="${id}-choix" class="sc-choix" role="listbox" aria-labelledby="${id}-q-label" hidden></ul>
      </div>
      <p id="${id}-q-aide" class="sc-aide">${tx.h('address.help')}</p>
      <p class="sc-choix-statut sc-visuellement-cache" role="status" aria-live="polite" aria-atomic="true"></p>
    </div>
    <div class="sc-boutons">
      <button type="submit" class="sc-bouton">${tx.h('widget.search')}</button>
      <button type="button" class="sc-bouton sc-secondaire sc-position">${tx.h('widget.locate')}</button>
    </div>
  </form>
  <details class="sc-filtres">
    <summary>${tx.h('widget.filters')} <span class="sc-nb-filtres"></span></summary>
    <div class="sc-filtres-corps">
      ${filterGroups}
      ${languageSelect(tx, id)}
      <fieldset class="sc-groupe"><legend>${tx.h('widget.filter.opening')}</legend>
        <label class="sc-case"><input type="radio" name="ouverture" value="" checked> ${tx.h('widget.filter.any')}</label>
        <label class="sc-case"><input type="radio" name="ouverture" value="maintenant"> ${tx.h('widget.filter.openNow')}</label>
        <label class="sc-case"><input type="radio" name="ouverture" value="jour"> ${tx.h('widget.filter.openOn')}</label>
        <label for="${id}-jour" class="sc-visuellement-cache">${tx.h('widget.filter.day')}</label>
        <select id="${id}-jour" name="jour">${days.join('')}</select>
      </fieldset>
      <button type="button" class="sc-bouton sc-secondaire sc-effacer">${tx.h('widget.filter.clear')}</button>
    </div>
  </details>
  <p class="sc-statut" role="status" aria-live="polite" aria-atomic="true"></p>
  <p class="sc-sans-filtres" hidden><button type="button" class="sc-bouton sc-secondaire">${tx.h('widget.filter.clear')}</button></p>
  <div class="sc-corps">
    <p class="sc-bascule"><button type="button" class="sc-bouton sc-secondaire sc-vers-carte">${tx.h('widget.showMap')}</button><button type="button" class="sc-bouton sc-secondaire sc-vers-liste" hidden>${tx.h('widget.showList')}</button></p>
    <section class="sc-zone-liste" aria-labelledby="${id}-titre-liste">
      <${h} id="${id}-titre-liste" class="sc-titre-liste" tabindex="-1">${tx.lang === 'fr' ? esc(ADDRESS_TEXTS.listTitle) : tx.h('widget.listHeading')}</${h}>
      <div class="sc-bus" hidden></div>
      <ol class="sc-liste"></ol>
      <button type="button" class="sc-bouton sc-secondaire sc-plus" hidden>${tx.h('list.more')}</button>
    </section>
    <section class="sc-detail" hidden aria-labelledby="${id}-titre-detail"></section>
    <div class="sc-carte" role="region" aria-label="${tx.h('widget.mapRegion')}" dir="ltr"></div>
  </div>
</div>`;
    this._root = this.querySelector('.sc');
    const $ = (sel) => this._root.querySelector(sel);
    this._el = {
      form: $('.sc-recherche'), q: $('.sc-q'), choix: $('.sc-choix'), filtres: $('.sc-filtres'), nbFiltres: $('.sc-nb-filtres'),
      statut: $('.sc-statut'), liste: $('.sc-liste'), zoneListe: $('.sc-zone-liste'), plus: $('.sc-plus'), detail: $('.sc-detail'),
      carte: $('.sc-carte'), jour: $(`#${id}-jour`), sansFiltres: $('.sc-sans-filtres'), bus: $('.sc-bus'), langue: $(`#${id}-langue`),
      choixStatut: $('.sc-choix-statut'), titreListe: $('.sc-titre-liste'), versCarte: $('.sc-vers-carte'), versListe: $('.sc-vers-liste'),
    };
    this._el.versCarte.addEventListener('click', () => this._showView('carte', true));
    this._el.versListe.addEventListener('click', () => this._showView('liste', true));

    this._el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this._submit();
    });
    this._el.q.addEventListener('input', () => this._suggestSoon());
    this._el.q.addEventListener('keydown', (e) => this._comboKey(e));
    this._el.q.addEventListener('blur', () => setTimeout(() => this._closeChoices(), 150));
    this._el.choix.addEventListener('mousedown', (e) => e.preventDefault());
    this._el.choix.addEventListener('click', (e) => {
      const option = e.target.closest('[role=option]');
      if (option) this._choose(this._choices[Number(option.dataset.index)]);
    });
    $('.sc-position').addEventListener('click', () => this._locate());
    this._el.filtres.addEventListener('change', (e) => {
      if (e.target.name === 'jour') this._root.querySelector('input[name=ouverture][value=jour]').checked = true;
      this._filtersChanged();
    });
    $('.sc-effacer').addEventListener('click', () => {
      this._setFilters({});
      this._filtersChanged();
    });
    this._el.sansFiltres.addEventListener('click', () => {
      this._setFilters({});
      this._filtersChanged();
      this._el.q.focus();
    });
    this._el.plus.addEventListener('click', () => this._more());
    this._el.liste.addEventListener('click', (e) => {
      const button = e.target.closest('.sc-ouvrir');
      if (button) this._openDetail(button.dataset.id, button);
    });
    this._el.liste.addEventListener('focusin', (e) => this._highlight(e.target.closest('.sc-lieu')?.dataset.id));
    this._el.liste.addEventListener('mouseover', (e) => this._highlight(e.target.closest('.sc-lieu')?.dataset.id));
  }

  _initMap() {
    const tiles = this.getAttribute('tuiles');
    this._map = L.map(this._el.carte, {
      zoomControl: false, attributionControl: true, minZoom: 6, maxZoom: tiles ? 18 : 14, zoomSnap: 0.5,
    }).setView(BFC_CENTER, 7);
    L.control.zoom({ zoomInTitle: this._tx.t('widget.zoomIn'), zoomOutTitle: this._tx.t('widget.zoomOut') }).addTo(this._map);
    this._map.attributionControl.setPrefix(false);
    this._map.attributionControl.addAttribution(esc(this._tx.t('widget.attribution')));
    // The background (fond-de-carte.js): the `tuiles` server when set, else the instance's own PMTiles archive.
    this._basemap = addBasemap(this._map, {
      api: this._api, tuiles: tiles, tuilesAttribution: esc(this.getAttribute('tuiles-attribution') || ''),
      langue: this._tx.lang,
      attributions: {
        territoires: this._tx.h('map.attributionTerritories'),
        osm: this._tx.h('map.attributionOsm', { contributors: new Raw(`<a href="https://www.openstreetmap.org/copyright">${this._tx.h('map.osmContributors')}</a>`) }),
      },
    }).catch(() => null);
    this._baseLayer = L.geoJSON(null, {
      interactive: false,
      style: { color: '#6a6a6a', weight: 1, fillColor: tiles ? 'transparent' : '#f1f4f0', fillOpacity: tiles ? 0 : 1 },
    }).addTo(this._map);
    this._territoryLayer = L.geoJSON(null, { interactive: false, style: { color: '#000091', weight: 3, fillColor: '#000091', fillOpacity: 0.06 } }).addTo(this._map);
    this._labelLayer = L.layerGroup().addTo(this._map);
    this._searchLayer = L.layerGroup().addTo(this._map);
    this._markerLayer = L.layerGroup().addTo(this._map);
    this._busLayer = L.layerGroup().addTo(this._map);
    this._map.on('moveend', () => this._drawMarkers());
    this._map.on('zoomend', () => this._el.carte.classList.toggle('sc-zoom-proche', this._map.getZoom() >= 9));
    this._basemap.then((kind) => {
      this._el.carte.dataset.fond = kind || 'aucun';
      // A vector basemap draws the départements and their names itself.
      if (kind === 'osm' || kind === 'territoires') return null;
      return this._fetchJson('/geodata/departements.geojson').then((geojson) => {
        this._baseLayer.addData(geojson);
        // Without a basemap, the départements' names are the only landmarks at the region's scale.
        for (const feature of geojson.features) {
          const center = L.geoJSON(feature).getBounds().getCenter();
          this._label(center, feature.properties.nom, 'sc-etiquette-departement').addTo(this._labelLayer);
        }
      });
    }).catch(() => {});
  }

  // ---- Start-up: attributes and URL parameters ------------------------------------------

  _settings() {
    const attr = (name) => this.getAttribute(name);
    const settings = {
      territoireType: attr('territoire-type'), territoires: attr('territoires'), services: attr('services'), frais: attr('frais-a-charge'),
      ateliers: attr('ateliers'), latitude: attr('latitude'), longitude: attr('longitude'), zoom: attr('zoom'), langues: attr('langues-parlees'),
    };
    if (this.hasAttribute('lire-url')) {
      // The same names as the Cartographie nationale's URL parameters, plus commune and lieu.
      const p = new URLSearchParams(window.location.search);
      const get = (name) => p.getAll(name).join('|') || null;
      Object.assign(settings, Object.fromEntries(Object.entries({
        territoireType: get('territoire_type'), territoires: get('territoires'), services: get('services'), frais: get('frais_a_charge'),
        latitude: get('latitude'), longitude: get('longitude'), zoom: get('zoom'), commune: get('commune'), lieu: get('lieu'),
        publics: get('publics'), accompagnement: get('modalites_accompagnement'), ouverture: get('ouvert'), ateliers: get('ateliers'),
        langues: get('langues'),
      }).filter(([, v]) => v != null)));
    }
    return settings;
  }

  async _start() {
    const s = this._settings();
    this._root.style.setProperty('--sc-hauteur', `${Math.min(1600, Math.max(300, Number(this.getAttribute('hauteur')) || 650))}px`);
    this._map.invalidateSize();
    this._setFilters({
      services: parseValues(s.services, SERVICES),
      frais: parseValues(s.frais, FRAIS).filter((v) => v === 'GRATUIT'),
      publics: parseValues(s.publics, PUBLICS),
      accompagnement: parseValues(s.accompagnement, ACCOMPAGNEMENT),
      ouverture: s.ouverture === 'maintenant' ? 'maintenant' : '',
      ateliers: this._workshopDays(s.ateliers),
      langues: parseLanguages(s.langues),
    });
    this._territory = null;
    this._territoryLayer.clearLayers();
    try {
      if (s.territoireType && s.territoires) {
        await this._loadTerritory(s.territoireType, s.territoires.split(/[|,]/).map((c) => c.trim()).filter(Boolean));
      }
      if (s.commune) {
        const data = await this._graphql('query($c: String!) { commune(codeInsee: $c) { codeInsee nom codesPostaux location { latitude longitude } } }', { c: s.commune });
        if (data.commune) this._el.q.value = `${data.commune.nom} (${data.commune.codesPostaux[0] || ''})`;
        if (data.commune) return this._searchFrom(this._communeOrigin(data.commune), s.lieu);
      }
      if (s.latitude && s.longitude && Number.isFinite(+s.latitude) && Number.isFinite(+s.longitude)) {
        this._map.setView([+s.latitude, +s.longitude], Number(s.zoom) || 11);
        return this._searchFrom({ near: { point: { latitude: +s.latitude, longitude: +s.longitude } }, label: this._tx.t('results.nearPoint') }, s.lieu);
      }
      if (this._territory) return this._searchFrom(this._territory.origin, s.lieu);
      this._status(this._tx.t('widget.start'));
      if (s.lieu) this._openDetail(s.lieu);
    } catch (error) {
      this._status(this._errorText(error), true);
    }
  }

  async _loadTerritory(type, codes) {
    if (type === 'epci') {
      const data = await this._graphql('query($s: String!) { epci(siren: $s) { siren nom location { latitude longitude } communes { codeInsee } } }', { s: codes[0] });
      if (!data.epci) throw new Error(unknownTerritoryText(this._tx, 'epci', codes));
      const where = territoryScope(this._tx, 'epci', [data.epci.nom]);
      this._territory = {
        name: data.epci.nom, communes: new Set(data.epci.communes.map((c) => c.codeInsee)),
        origin: { near: { point: data.epci.location }, label: where.near }, where,
      };
      await this._drawTerritory(`/geodata/epci/${encodeURIComponent(codes[0])}.geojson`);
    } else if (type === 'departement') {
      const geojson = await this._fetchJson('/geodata/departements.geojson');
      const features = geojson.features.filter((f) => codes.includes(f.properties.code));
      if (!features.length) throw new Error(unknownTerritoryText(this._tx, 'departement', codes));
      const layer = L.geoJSON({ type: 'FeatureCollection', features });
      this._territoryLayer.addData({ type: 'FeatureCollection', features });
      const center = layer.getBounds().getCenter();
      this._map.fitBounds(layer.getBounds());
      const prefixes = new Set(codes);
      const where = territoryScope(this._tx, 'departement', features.map((f) => f.properties.nom), features.map((f) => f.properties.code));
      this._territory = {
        name: features.map((f) => f.properties.nom).join(', '), where, inDepartement: (insee) => prefixes.has(insee.slice(0, 2)),
        origin: { near: { point: { latitude: center.lat, longitude: center.lng } }, label: where.near },
      };
    } else {
      const communes = [];
      for (const code of codes.slice(0, 20)) {
        const data = await this._graphql('query($c: String!) { commune(codeInsee: $c) { codeInsee nom codesPostaux location { latitude longitude } } }', { c: code });
        if (data.commune) communes.push(data.commune);
      }
      if (!communes.length) throw new Error(unknownTerritoryText(this._tx, 'commune', codes));
      this._territory = {
        name: communes.map((c) => c.nom).join(', '), communes: new Set(communes.map((c) => c.codeInsee)),
        origin: this._communeOrigin(communes[0]), where: territoryScope(this._tx, 'commune', communes.map((c) => c.nom)),
      };
      for (const c of communes) await this._drawTerritory(`/geodata/commune/${encodeURIComponent(c.codeInsee)}.geojson`, communes.length > 1);
    }
  }

  async _drawTerritory(path, keepView) {
    try {
      const geojson = await this._fetchJson(path);
      this._territoryLayer.addData(geojson);
      if (!keepView) this._map.fitBounds(this._territoryLayer.getBounds(), { maxZoom: 13 });
      else this._map.fitBounds(this._territoryLayer.getBounds());
    } catch {
      // The boundary is a help, not a need: the list and the markers still work without it.
    }
  }

  /** A name written on the map: decorative (the list and the status say it), so out of the tab order. */
  _label(latlng, text, className) {
    return L.marker(latlng, {
      interactive: false, keyboard: false,
      icon: L.divIcon({ className: `sc-etiquette ${className}`, html: `<span>${esc(text)}</span>`, iconSize: null }),
    });
  }

  /** The searched commune's outline and name, or the person's position, for orientation. */
  async _drawOrigin(origin) {
    this._searchLayer.clearLayers();
    if (this._territory && origin === this._territory.origin) return;
    if (origin.commune) {
      try {
        const geojson = await this._fetchJson(`/geodata/commune/${encodeURIComponent(origin.commune.codeInsee)}.geojson`);
        L.geoJSON(geojson, { interactive: false, style: { color: '#000091', weight: 2, dashArray: '6 4', fillColor: '#000091', fillOpacity: 0.05 } }).addTo(this._searchLayer);
      } catch {
        // Orientation only.
      }
      this._label([origin.commune.location.latitude, origin.commune.location.longitude], origin.commune.nom, 'sc-etiquette-commune').addTo(this._searchLayer);
    } else if (origin.near.point) {
      L.circleMarker([origin.near.point.latitude, origin.near.point.longitude], {
        interactive: false, radius: 8, color: '#fff', weight: 3, fillColor: '#ce0500', fillOpacity: 1,
      }).addTo(this._searchLayer);
      this._label([origin.near.point.latitude, origin.near.point.longitude], origin.address ? streetLine(origin.address) : this._tx.t('widget.youAreHere'), 'sc-etiquette-position').addTo(this._searchLayer);
    }
  }

  _communeOrigin(commune) {
    return { near: { commune: commune.codeInsee }, label: this._tx.t('results.nearCommune', { commune: new French(commune.nom) }), commune };
  }

  /** From a chosen address: its point is sent (the text was sent once, to suggest it), never put in the page's URL. */
  _addressOrigin(address) {
    return { near: { point: address.location }, label: this._tx.t('results.nearCommune', { commune: new French(`${streetLine(address)}, ${address.commune}`) }), address };
  }

  // ---- Search ----------------------------------------------------------------------------

  _filter() {
    const checked = (name) => [...this._root.querySelectorAll(`input[name=${name}]:checked`)].map((i) => i.value);
    const filter = {};
    for (const group of FILTERS) {
      const values = checked(group.name);
      if (values.length) filter[group.key] = group.number ? Number(values[0]) : values;
    }
    const ouverture = checked('ouverture')[0];
    if (ouverture === 'maintenant') filter.openNow = true;
    if (ouverture === 'jour') filter.openOn = this._el.jour.value;
    if (this._el.langue.value) filter.langues = [this._el.langue.value];
    return filter;
  }

  _setFilters(values) {
    for (const input of this._root.querySelectorAll('.sc-filtres input[type=checkbox]')) {
      input.checked = (values[input.name] || []).includes(input.value);
    }
    const ouverture = values.ouverture || '';
    for (const input of this._root.querySelectorAll('input[name=ouverture]')) input.checked = input.value === ouverture;
    this._el.langue.value = (values.langues || [])[0] || '';
    this._countFilters();
  }

  /** ateliers=N (1 to 366 days, as /lieux): the box takes that number of days and says so; ateliers=14 is the default. */
  _workshopDays(value) {
    const days = /^\d{1,3}$/.test(value || '') ? Number(value) : NaN;
    const box = this._root.querySelector('input[name=ateliers]');
    const shown = days >= 1 && days <= 366 ? days : WORKSHOP_DAYS;
    box.value = String(shown);
    box.nextSibling.textContent = ` ${workshopLabel(this._tx, shown)}`;
    return days >= 1 && days <= 366 ? [String(days)] : [];
  }

  _countFilters() {
    const n = Object.values(this._filter()).reduce((sum, v) => sum + (Array.isArray(v) ? v.length : 1), 0);
    this._el.nbFiltres.textContent = n ? this._tx.p('widget.activeFilters', n) : '';
  }

  _filtersChanged() {
    this._countFilters();
    if (this._origin) this._searchFrom(this._origin);
  }

  /** moveFocus: a search the person asked for from the search box; on a phone the page then moves to the results' heading. */
  async _searchFrom(origin, openId, moveFocus = false) {
    this._origin = origin;
    this._closeDetail(false);
    this._showView('liste', false);
    this._status(this._tx.t('widget.searching'));
    const inTerritory = this._territory && origin === this._territory.origin;
    const token = (this._token = {});
    try {
      const filter = this._filter();
      let found = await this._find(origin, inTerritory, filter);
      if (token !== this._token) return;
      // Filters that leave nothing (« Gratuit » that few places declare…): show the places without them and say so,
      // rather than an empty map on a municipality's page.
      const relaxed = found.edges.length === 0 && Object.keys(filter).length > 0;
      if (relaxed) {
        found = await this._find(origin, inTerritory, {});
        if (token !== this._token) return;
      }
      this._results = found.edges.map((e, i) => ({ ...e.node, distance: e.distanceMeters, rank: i + 1 }));
      this._pageInfo = relaxed ? { hasNextPage: false } : found.pageInfo;
      this._context = {
        scope: inTerritory ? this._territory.where : { near: origin.label }, outside: found.outside,
        filters: this._filterNames(filter), relaxed, gratuit: !!filter.fraisACharge,
      };
      this._renderList();
      this._fitResults(origin);
      this._drawOrigin(origin);
      this._announce();
      this._root.classList.add('sc-a-resultats');
      if (moveFocus && this._isStacked()) this._el.titreListe.focus();
      this._nextVisits(origin, token);
      if (!inTerritory && this.hasAttribute('lire-url')) this._updateUrl();
      if (openId) this._openDetail(openId);
    } catch (error) {
      if (token === this._token) this._status(this._errorText(error), true);
    }
  }

  /** One search: near the origin, or in the territory (the nearest outside it when it has none). */
  async _find(origin, inTerritory, filter) {
    const variables = { near: origin.near, first: inTerritory ? TERRITORY_SCAN : PAGE_SIZE, filter };
    if (inTerritory) variables.near = { ...origin.near, radiusKm: 150 };
    const data = await this._graphql(SEARCH, variables);
    const edges = data.nearestSites.edges;
    if (!inTerritory) return { edges, pageInfo: data.nearestSites.pageInfo, outside: false };
    const inside = edges.filter((e) => this._isInTerritory(e.node.adresse.codeInsee));
    return inside.length
      ? { edges: inside, pageInfo: { hasNextPage: false }, outside: false }
      : { edges: edges.slice(0, PAGE_SIZE), pageInfo: { hasNextPage: false }, outside: true };
  }

  /** The active filters, in words: « Gratuit », « Aide aux démarches administratives »… */
  _filterNames(filter) {
    const names = [];
    for (const group of FILTERS) {
      const values = filter[group.key];
      if (values == null) continue;
      if (group.number) names.push(lowerFirst(this._tx, workshopLabel(this._tx, values)));
      else if (group.key === 'fraisACharge') names.push(this._tx.t('frais.GRATUIT'));
      else names.push(...values.map((v) => filterLabel(this._tx, group, v)));
    }
    if (filter.openNow) names.push(this._tx.t('results.filterOpenNow'));
    if (filter.openOn) names.push(this._tx.t('results.filterOpenOn', { day: this._el.jour.selectedOptions[0]?.textContent || filter.openOn }));
    if (filter.langues) names.push(...filter.langues.map((c) => (language(c) ? nameIn(language(c), this._tx.lang) : c)));
    return names;
  }

  _isInTerritory(codeInsee) {
    if (!codeInsee) return false;
    if (this._territory.communes) return this._territory.communes.has(codeInsee);
    return this._territory.inDepartement(codeInsee);
  }

  async _more() {
    if (!this._pageInfo?.hasNextPage || !this._origin) return;
    const origin = this._origin;
    const first = this._results.length;
    try {
      const data = await this._graphql(SEARCH, {
        near: origin.near, first: PAGE_SIZE, after: this._pageInfo.endCursor, filter: this._filter(),
      });
      const more = data.nearestSites.edges.map((e, i) => ({ ...e.node, distance: e.distanceMeters, rank: first + i + 1 }));
      this._results = this._results.concat(more.filter((m) => !this._results.some((r) => r.id === m.id)));
      this._pageInfo = data.nearestSites.pageInfo;
      this._renderList();
      this._announce();
      this._el.liste.querySelectorAll('.sc-ouvrir')[first]?.focus();
    } catch (error) {
      this._status(this._errorText(error), true);
    }
  }

  /** The digital bus's next stops near the searched point: above the list, and on the map. A bonus: a failure hides it. */
  async _nextVisits(origin, token) {
    let visits = [];
    try {
      const near = { ...origin.near };
      delete near.radiusKm;
      visits = (await this._graphql(VISITS_QUERY, { near })).nextVisits;
    } catch {
      visits = [];
    }
    if (token !== this._token) return;
    const h = `h${Math.min(6, this._level + 1)}`;
    this._el.bus.innerHTML = visitsBlock(this._tx, visits, h, (m) => distanceText(this._tx, m));
    this._el.bus.hidden = !visits.length;
    this._busLayer.clearLayers();
    for (const visit of visits) {
      const { latitude, longitude } = visit.stop.location;
      // The list above says the same: the marker shows where the bus stops (no keyboard stop of its own).
      L.marker([latitude, longitude], {
        title: this._tx.t('bus.marker', { visit: visitSentence(this._tx, visit) }), alt: '', keyboard: false,
        icon: L.divIcon({ className: 'sc-arret-bus', html: '<span aria-hidden="true">Bus</span>', iconSize: [38, 24] }),
      }).addTo(this._busLayer);
    }
  }

  _announce() {
    this._status(resultsText(this._tx, { ...this._context, count: this._results.length }));
    // The heading says what the list holds (« 20 lieux près de 12 Rue de la Préfecture, Dijon »), as the status line without its full stop.
    const { scope } = this._context;
    const where = scope.inside || this._tx.t('results.near', { near: scope.near });
    const n = this._results.length;
    this._el.titreListe.textContent = n ? this._tx.p('results.count', n, { where }).replace(/[.۔]$/, '') : this._tx.t('widget.headingNone', { where });
    // On a phone the heading says it: the status line stays for screen readers, unless it says more (filters, elsewhere).
    this._el.statut.classList.toggle('sc-statut-redit', !this._context.relaxed && !this._context.outside && !this._context.filters.length);
    // When the filters left nothing, one button takes them off (the same as « Effacer les filtres »).
    this._el.sansFiltres.hidden = !this._context.relaxed;
  }

  _status(text, isError) {
    this._el.statut.classList.remove('sc-statut-redit');
    this._el.statut.textContent = text;
    this._el.statut.classList.toggle('sc-erreur', !!isError);
  }

  _errorText(error) {
    if (error && error.name === 'TypeError') return this._tx.t('widget.offline');
    return (error && error.message) || this._tx.t('widget.error');
  }

  // ---- List and markers ------------------------------------------------------------------

  _renderList() {
    const h = `h${Math.min(6, this._level + 1)}`;
    const tx = this._tx;
    const sep = tx.t('list.separator');
    this._el.liste.innerHTML = this._results.map((site) => {
      const opening = openingText(tx, site.openingHours, site.closures);
      const adapte = labels(tx, site.priseEnChargeSpecifique, 'priseEnCharge');
      return `<li class="sc-lieu" data-id="${esc(site.id)}">
  <span class="sc-num" aria-hidden="true">${site.rank}</span>
  <div class="sc-lieu-corps">
  <${h} class="sc-lieu-nom"><button type="button" class="sc-ouvrir" data-id="${esc(site.id)}"${tx.fr}>${esc(site.nom)}</button></${h}>
  <p class="sc-adresse">${[esc(distanceText(tx, site.distance)), tx.frSpan(addressText(site.adresse))].filter(Boolean).join(' · ')}</p>
  ${noticeBanner(tx, site)}
  <p class="sc-ouverture sc-${opening.state}">${esc(opening.text)}</p>
  ${nextWorkshopLine(tx, site.nextSessions)}
  ${languagesLine(tx, site)}
  ${site.services.length ? `<p class="sc-pour"><strong>${tx.h('card.for')}</strong></p>${servicesList(tx, site.services)}` : ''}
  ${site.fraisACharge.length ? `<p><strong>${tx.h('card.price')}</strong> ${esc(labels(tx, site.fraisACharge, 'frais').join(sep))}</p>` : ''}
  ${adapte.length || isHttp(site.ficheAccesLibre) ? `<p><strong>${tx.h('card.accessibility')}</strong> ${esc(adapte.join(sep))}${adapte.length && isHttp(site.ficheAccesLibre) ? ' · ' : ''}${isHttp(site.ficheAccesLibre) ? `<a href="${esc(site.ficheAccesLibre)}">${tx.h('card.accesLibre')}<span class="sc-visuellement-cache"> ${tx.h('card.accesLibreOf', { name: new French(site.nom) })}</span></a>` : ''}</p>` : ''}
  ${freshnessLine(tx, site.freshness)}
  </div>
</li>`;
    }).join('');
    this._el.plus.hidden = !this._pageInfo?.hasNextPage;
    this._index = new Supercluster({ radius: 50, maxZoom: 13 });
    this._index.load(this._results.filter((s) => s.location).map((s) => ({
      type: 'Feature', properties: { id: s.id }, geometry: { type: 'Point', coordinates: [s.location.longitude, s.location.latitude] },
    })));
    this._drawMarkers();
  }

  _drawMarkers() {
    if (!this._index || !this._map) return;
    this._markerLayer.clearLayers();
    this._markers = new Map();
    const b = this._map.getBounds();
    const zoom = Math.round(this._map.getZoom());
    const byId = new Map(this._results.map((s) => [s.id, s]));
    for (const feature of this._index.getClusters([b.getWest() - 1, b.getSouth() - 1, b.getEast() + 1, b.getNorth() + 1], zoom)) {
      const [lng, lat] = feature.geometry.coordinates;
      if (feature.properties.cluster) {
        const count = feature.properties.point_count;
        const marker = L.marker([lat, lng], {
          title: this._tx.t('widget.cluster', { n: count }), alt: '', keyboard: true,
          icon: L.divIcon({ className: 'sc-grappe', html: `<span>${count}</span>`, iconSize: [40, 40] }),
        });
        marker.on('click', () => {
          const target = Math.min(this._index.getClusterExpansionZoom(feature.properties.cluster_id), 14);
          this._map.setView([lat, lng], target);
        });
        marker.addTo(this._markerLayer);
      } else {
        const site = byId.get(feature.properties.id);
        const marker = L.marker([lat, lng], {
          title: `${site.rank}. ${site.nom}`, alt: '', keyboard: true, riseOnHover: true,
          icon: L.divIcon({ className: 'sc-repere', html: `<span>${site.rank}</span>`, iconSize: [30, 30] }),
        });
        marker.on('click', () => this._openDetail(site.id));
        marker.addTo(this._markerLayer);
        this._markers.set(site.id, marker);
      }
    }
    this._highlight(this._selected);
  }

  _highlight(id) {
    if (!this._markers) return;
    for (const [markerId, marker] of this._markers) {
      marker.getElement()?.classList.toggle('sc-actif', markerId === id);
      if (markerId === id) marker.setZIncrementOffset?.(1000);
    }
    for (const item of this._el.liste.children) item.classList.toggle('sc-actif', item.dataset.id === id);
  }

  _fitResults(origin, animate = true) {
    if (!this._el.carte.offsetWidth) {
      this._fitLater = origin; // the map is hidden (phone, list first): fitted when shown
      return;
    }
    this._fitLater = null;
    const points = this._results.filter((s) => s.location).slice(0, 10).map((s) => [s.location.latitude, s.location.longitude]);
    if (origin.near.point && !this._territory) points.push([origin.near.point.latitude, origin.near.point.longitude]);
    if (origin.commune) points.push([origin.commune.location.latitude, origin.commune.location.longitude]);
    if (points.length) this._map.fitBounds(L.latLngBounds(points).pad(0.15), { maxZoom: 13, animate });
  }

  // ---- Detail ----------------------------------------------------------------------------

  async _openDetail(id, returnFocusTo) {
    this._showView('liste', false);
    this._returnFocus = returnFocusTo || this._el.liste.querySelector(`.sc-ouvrir[data-id="${CSS.escape(id)}"]`);
    this._selected = id;
    this._highlight(id);
    this._status(this._tx.t('widget.loadingPlace'));
    try {
      const data = await this._graphql(`query Lieu($id: ID!) { site(id: $id) { ${DETAIL_FIELDS} } }`, { id });
      if (!data.site) throw new Error(this._tx.t('widget.placeGone'));
      this._renderDetail(data.site);
      this._status(this._tx.t('widget.placeShown', { name: data.site.nom }));
      if (this.hasAttribute('lire-url')) this._updateUrl(id);
    } catch (error) {
      this._status(this._errorText(error), true);
    }
  }

  _renderDetail(site) {
    const id = this._uid;
    // The detail replaces the list: its title takes the list's level, its parts the level below.
    const h = `h${this._level}`;
    const h2 = `h${Math.min(6, this._level + 1)}`;
    const tx = this._tx;
    const result = this._results.find((r) => r.id === site.id);
    const opening = openingText(tx, site.openingHours, site.closures);
    const blocks = DETAIL_BLOCKS.map((block) => block(tx, site, h2, this._api)).filter(Boolean).join('');
    this._el.detail.innerHTML = `<button type="button" class="sc-bouton sc-secondaire sc-retour">${tx.h('widget.back')}</button>
<${h} id="${id}-titre-detail" class="sc-detail-nom" tabindex="-1"${tx.fr}>${esc(site.nom)}</${h}>
${noticeBanner(tx, site)}
${firstAction(tx, site, phoneText)}
<p class="sc-ouverture sc-${opening.state}">${esc(opening.text)}</p>
${freshnessLine(tx, site.freshness)}
${site.presentationResume ? `<p${tx.fr}>${esc(site.presentationResume)}</p>` : ''}
<${h2}>${tx.h('detail.address')}</${h2}>
<p>${tx.frSpan(addressText(site.adresse))}${result?.distance != null ? ` (${esc(distanceText(tx, result.distance))})` : ''}</p>
${site.location ? `<p><a href="geo:${site.location.latitude},${site.location.longitude}">${tx.h('widget.route')}<span class="sc-visuellement-cache"> ${tx.h('widget.routeTo', { name: new French(site.nom) })}</span> ${tx.h('widget.routeNote')}</a></p>` : ''}
${blocks}`;
    this._el.detail.querySelector('.sc-retour').addEventListener('click', () => this._closeDetail(true));
    this._el.detail.hidden = false;
    this._el.zoneListe.hidden = true;
    this._el.detail.querySelector('.sc-detail-nom').focus();
    const marker = this._markers?.get(site.id);
    if (site.location) this._map.setView([site.location.latitude, site.location.longitude], Math.max(this._map.getZoom(), 13));
    if (marker) this._highlight(site.id);
  }

  _closeDetail(restoreFocus) {
    if (this._el.detail.hidden) return;
    this._el.detail.hidden = true;
    this._el.detail.innerHTML = '';
    this._el.zoneListe.hidden = false;
    if (restoreFocus) {
      const target = this._returnFocus && this._returnFocus.isConnected ? this._returnFocus : this._el.liste.querySelector('.sc-ouvrir');
      (target || this._el.q).focus();
      this._announce();
      if (this.hasAttribute('lire-url')) this._updateUrl();
    }
  }

  // ---- Autocomplete of communes, postal codes and addresses (ARIA 1.2 combobox) -----------

  _suggestSoon() {
    this._chosen = null;
    clearTimeout(this._suggestTimer);
    // One request once the typing pauses, never one per key; an answer to an older text is dropped.
    this._suggestTimer = setTimeout(() => this._suggest(), SUGGEST_DELAY_MS);
  }

  /** Communes and addresses for a text, in one list (propositions.js); this._addressIndex === false once the server said it has none. */
  _lookup(text, n) {
    return lookup((query, variables) => this._graphql(query, variables), text, n, this);
  }

  async _suggest() {
    const text = this._el.q.value.trim().slice(0, 100);
    if (text.length < 2) return this._closeChoices();
    try {
      const choices = await this._lookup(text, 8);
      if (this._el.q.value.trim().slice(0, 100) !== text) return;
      this._choices = choices;
      this._active = -1;
      const id = this._uid;
      this._el.choix.innerHTML = this._choices.map((c, i) => `<li role="option" id="${id}-choix-${i}" data-index="${i}" aria-selected="false">${optionHtml(c)}</li>`).join('');
      const open = this._choices.length > 0;
      this._el.choix.hidden = !open;
      this._el.q.setAttribute('aria-expanded', String(open));
      this._el.q.removeAttribute('aria-activedescendant');
      this._el.choixStatut.textContent = this._choices.length ? this._tx.p('address.choices', this._choices.length) : this._tx.t('address.choicesNone');
    } catch {
      this._closeChoices();
    }
  }

  _closeChoices() {
    this._el.choix.hidden = true;
    this._el.q.setAttribute('aria-expanded', 'false');
    this._el.q.removeAttribute('aria-activedescendant');
    this._el.choixStatut.textContent = '';
  }

  _comboKey(e) {
    const open = !this._el.choix.hidden && this._choices?.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!open) return;
      e.preventDefault();
      const n = this._choices.length;
      this._active = e.key === 'ArrowDown' ? (this._active + 1) % n : (this._active - 1 + n) % n;
      [...this._el.choix.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === this._active)));
      this._el.q.setAttribute('aria-activedescendant', `${this._uid}-choix-${this._active}`);
      this._el.choix.children[this._active]?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter' && open && this._active >= 0) {
      e.preventDefault();
      this._choose(this._choices[this._active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      this._closeChoices();
    }
  }

  _choose(choice) {
    clearTimeout(this._suggestTimer);
    this._chosen = choice;
    const c = choice.commune;
    this._el.q.value = choice.address ? addressLine(choice.address) : `${c.nom} (${c.codesPostaux[0] || c.codeDepartement})`;
    this._closeChoices();
    this._searchFrom(this._originOf(choice), undefined, true);
  }

  _originOf(choice) {
    return choice.address ? this._addressOrigin(choice.address) : this._communeOrigin(choice.commune);
  }

  async _submit() {
    clearTimeout(this._suggestTimer);
    this._closeChoices();
    if (this._chosen) return this._searchFrom(this._originOf(this._chosen), undefined, true);
    const text = this._el.q.value.replace(/\(\d+\)\s*$/, '').trim();
    if (!text) {
      this._status(this._tx.t('address.emptyWidget'), true);
      this._el.q.focus();
      return;
    }
    try {
      const [best] = await this._lookup(text.slice(0, 100), 1);
      if (!best) {
        this._status(this._tx.t('address.notFound', { text }), true);
        this._el.q.focus();
        return;
      }
      this._choose(best);
    } catch (error) {
      this._status(this._errorText(error), true);
    }
  }

  // ---- Phone: the list first, the map behind a button ------------------------------------

  /** True when the list and the map are stacked (the widget's narrow layout, widget.css). */
  _isStacked() {
    return !!this._el.versCarte.offsetParent;
  }

  /** 'liste' or 'carte': which one a phone shows (on a wide screen both are shown, the buttons are not). */
  _showView(view, moveFocus) {
    const map = view === 'carte';
    if (map === this._root.classList.contains('sc-vue-carte')) return;
    this._root.classList.toggle('sc-vue-carte', map);
    this._el.versCarte.hidden = map;
    this._el.versListe.hidden = !map;
    if (map) {
      this._map.invalidateSize();
      if (this._fitLater) this._fitResults(this._fitLater, false);
      this._drawMarkers();
    }
    if (moveFocus) (map ? this._el.versListe : this._el.versCarte).focus();
  }

  _locate() {
    if (!navigator.geolocation) {
      this._status(this._tx.t('widget.noPosition'), true);
      return;
    }
    this._status(this._tx.t('widget.locating'));
    navigator.geolocation.getCurrentPosition(
      (position) => {
        // Rounded to about 100 m before it leaves this function: enough to rank the places, and
        // the server never keeps it anyway.
        const round = (x) => Math.round(x * 1000) / 1000;
        const point = { latitude: round(position.coords.latitude), longitude: round(position.coords.longitude) };
        this._el.q.value = '';
        this._chosen = null;
        this._searchFrom({ near: { point }, label: this._tx.t('results.nearPosition') }, undefined, true);
      },
      (error) => this._status(error.code === 1
        ? this._tx.t('widget.positionDenied')
        : this._tx.t('widget.positionFailed'), true),
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  }

  // ---- Network and URL -------------------------------------------------------------------

  async _graphql(query, variables) {
    const response = await fetch(`${this._api}/graphql`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json().catch(() => null);
    if (body?.errors?.length) throw Object.assign(new Error(body.errors[0].message), { code: body.errors[0].extensions?.code });
    if (!response.ok || !body?.data) throw new Error(this._tx.t('widget.serviceError', { status: response.status }));
    return body.data;
  }

  async _fetchJson(path) {
    const response = await fetch(`${this._api}${path}`);
    if (!response.ok) throw new Error(this._tx.t('widget.boundaryMissing', { status: response.status }));
    return response.json();
  }

  _updateUrl(lieu) {
    // Only what the person chose on purpose; never a position from the browser.
    const p = new URLSearchParams(window.location.search);
    for (const name of ['commune', 'lieu', 'langue', 'services', 'frais_a_charge', 'publics', 'modalites_accompagnement', 'ouvert', 'ateliers', 'langues']) p.delete(name);
    if (this._origin?.near.commune) p.set('commune', this._origin.near.commune);
    const filter = this._filter();
    if (filter.services) p.set('services', filter.services.map((v) => SERVICES[v]).join('|'));
    if (filter.fraisACharge) p.set('frais_a_charge', 'Gratuit');
    if (filter.publics) p.set('publics', filter.publics.map((v) => PUBLICS[v]).join('|'));
    if (filter.modalitesAccompagnement) p.set('modalites_accompagnement', filter.modalitesAccompagnement.map((v) => ACCOMPAGNEMENT[v]).join('|'));
    if (filter.openNow) p.set('ouvert', 'maintenant');
    if (filter.hasSessionWithinDays) p.set('ateliers', String(filter.hasSessionWithinDays));
    if (filter.langues) p.set('langues', filter.langues.join(','));
    if (lieu) p.set('lieu', lieu);
    // A language chosen in the URL stays there (a shared link opens in it); never one guessed from the browser.
    const chosen = new URLSearchParams(window.location.search).get('langue');
    if (chosen) p.set('langue', chosen);
    const query = p.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
  }
}

const lowerFirst = (tx, text) => (tx.lang === 'fr' || tx.lang === 'ro' || tx.lang === 'uk' || tx.lang === 'tr' ? text.charAt(0).toLocaleLowerCase(tx.locale) + text.slice(1) : text);
const upperFirst = (tx, text) => text.charAt(0).toLocaleUpperCase(tx.locale) + text.slice(1);

// ---- Blocks of the detail view, in order. Each returns HTML or '' when it has nothing to say.
const DETAIL_BLOCKS = [
  function hours(tx, site, h) {
    const week = site.openingHours?.week;
    if (!week) {
      return `<${h}>${tx.h('detail.hours')}</${h}><p>${site.horaires ? `${tx.h('widget.hoursGiven', { hours: new Raw(`<span${tx.fr} dir="ltr">${esc(site.horaires)}</span>`) })} ` : `${tx.h('widget.noHours')} `}${tx.h('widget.callFirst')}</p>`;
    }
    const today = dayKey(new Date());
    const sep = tx.t('list.separator');
    const rows = week.map((day) => {
      const isToday = day.date === today;
      const slots = day.intervals.map((i) => `${hm(tx, i.start)} – ${hm(tx, i.end)}${i.status === 'UNKNOWN' ? ` ${tx.t('week.appointment')}` : ''}`);
      const date = noonOf(day.date);
      const holiday = day.jourFerie ? (tx.has(`holiday.${day.jourFerie}`) ? tx.t(`holiday.${day.jourFerie}`) : day.jourFerie) : null;
      return `<tr${isToday ? ' class="sc-aujourdhui" aria-current="date"' : ''}><th scope="row">${esc(upperFirst(tx, tx.weekday(date)))} ${esc(tx.dayMonth(date))}${isToday ? ` <strong>${tx.h('week.today')}</strong>` : ''}</th><td>${esc(slots.join(sep) || tx.t('week.closed'))}${day.fermeture ? ` ${tx.h('week.temporaryClosure')}` : ''}${holiday ? ` ${tx.h('week.holiday', { name: holiday })}` : ''}</td></tr>`;
    }).join('');
    return `<${h}>${tx.h('detail.hours')}</${h}><table class="sc-semaine"><caption>${tx.h('week.caption')}</caption><thead><tr><th scope="col">${tx.h('week.day')}</th><th scope="col">${tx.h('week.hours')}</th></tr></thead><tbody>${rows}</tbody></table>`;
  },
  function workshops(tx, site, h, api) {
    const sessions = site.nextSessions || [];
    if (!sessions.length) return '';
    const items = sessions.map((s) => {
      const cancelled = s.status === 'CANCELLED';
      const seats = seatsText(tx, s);
      const date = sessionDate(tx, s.startsAt);
      return `<li class="sc-atelier${cancelled ? ' sc-annule' : ''}">
<p class="sc-atelier-titre"><strong${tx.fr}>${esc(s.offer.title)}</strong>${s.offer.isExample ? ` <span class="sc-exemple">${tx.h('workshop.example')}</span>` : ''}</p>
<p>${esc(upperFirst(tx, date))} (${esc(durationText(tx, s.startsAt, s.endsAt))})${seats ? ` · <strong>${esc(seats)}</strong>` : ''}</p>
${cancelled && s.cancelReason ? `<p>${tx.h('workshop.reason', { reason: new French(s.cancelReason) })}</p>` : ''}
<p>${feeHtml(tx, s.offer)} · ${esc(formatText(tx, s.offer, s))}${isHttp(s.remoteUrl) && !cancelled ? ` : <a href="${esc(s.remoteUrl)}">${tx.h('workshop.remoteLink')}<span class="sc-visuellement-cache"> « ${tx.frSpan(s.offer.title)} »</span></a>` : ''}</p>
${cancelled ? '' : `<p>${registrationHtml(tx, s.offer.registration, s.offer.title)}</p>`}
</li>`;
    }).join('');
    return `<${h}>${tx.h('workshop.heading')}</${h}><ul class="sc-ateliers">${items}</ul>
<p><a href="${esc(api)}/calendar/${encodeURIComponent(site.id)}.ics">${tx.h('workshop.calendar')}</a> ${tx.h('workshop.calendarNote')}</p>`;
  },
  function contact(tx, site, h) {
    const items = [];
    if (site.telephone) items.push(`<li>${tx.h('detail.phone')} <a href="tel:${esc(site.telephone)}" dir="ltr">${esc(phoneText(site.telephone))}</a></li>`);
    for (const mail of site.courriels) items.push(`<li>${tx.h('detail.email')} <a href="mailto:${esc(mail)}" dir="ltr">${esc(mail)}</a></li>`);
    for (const web of site.siteWeb.filter(isHttp)) items.push(`<li>${tx.h('detail.website')} <a href="${esc(web)}" dir="ltr">${esc(web)}</a></li>`);
    if (isHttp(site.priseRdv)) items.push(`<li><a class="sc-rdv" href="${esc(site.priseRdv)}">${tx.h('detail.booking')}</a></li>`);
    return items.length ? `<${h}>${tx.h('detail.contact')}</${h}><ul>${items.join('')}</ul>` : '';
  },
  function languages(tx, site, h) {
    return languagesBlock(tx, site, h);
  },
  function facts(tx, site, h) {
    const block = (title, values) => (values.length ? `<${h}>${tx.h(title)}</${h}><ul>${values.map((v) => `<li>${esc(v)}</li>`).join('')}</ul>` : '');
    return (site.services.length ? `<${h}>${tx.h('facts.services')}</${h}>${servicesList(tx, site.services)}` : '')
      + block('facts.price', labels(tx, site.fraisACharge, 'frais'))
      + block('facts.accompaniment', labels(tx, site.modalitesAccompagnement, 'accompagnement'))
      + block('facts.access', labels(tx, site.modalitesAcces, 'acces'))
      + block('facts.publics', site.publicsSpecifiquementAdresses.length ? labels(tx, site.publicsSpecifiquementAdresses, 'public') : [tx.t('facts.allPublics')])
      + block('facts.adapted', labels(tx, site.priseEnChargeSpecifique, 'priseEnCharge'))
      + (isHttp(site.ficheAccesLibre) ? `<p><a href="${esc(site.ficheAccesLibre)}">${tx.h('detail.accesLibre')}</a></p>` : '');
  },
  function about(tx, site, h, api) {
    // The server's own report page (no account, no cookie), in the widget's language; MedNum BFC's form as a second way for its places.
    const langue = tx.lang === 'fr' ? '' : `?langue=${tx.lang}`;
    const report = `${api}/lieu/${encodeURIComponent(site.id)}/signaler${langue}`;
    const mednum = site.provenance === 'mednum-bfc' ? `, ${tx.h('detail.reportMednum', { link: new Raw(`<a href="${esc(REPORT_FORM)}">${tx.h('detail.reportMednumLink')}</a>`) })}` : '';
    const source = `${site.source || site.provenance}${site.provenance === 'mednum-bfc' ? ' (MedNum BFC, licence ODbL 1.0)' : ''}`;
    return `<${h}>${tx.h('detail.about')}</${h}><ul>
<li>${tx.h('widget.updated', { date: tx.dayMonthYear(noonOf(site.dateMaj)) })}</li>
<li>${tx.h('detail.source', { source: new French(source) })}</li>
<li><a href="${esc(report)}">${tx.h('detail.report')}</a>${mednum}</li>
<li><a href="${esc(api)}/lieu/${encodeURIComponent(site.id)}${langue}">${tx.h('widget.pageOfPlace')}</a></li>
</ul>`;
  },
];

if (!customElements.get('scoran-carte')) customElements.define('scoran-carte', ScoranCarte);
