// <scoran-carte> : les lieux d'aide au numérique les plus proches, en liste et sur une carte.
// Light DOM (no shadow root) so that the host page's screen-reader landmarks and headings stay
// one tree; every class is prefixed « sc- » and the styles are scoped under .sc.
import L from 'leaflet';
import Supercluster from 'supercluster';
import leafletCss from 'leaflet/dist/leaflet.css';
import widgetCss from './widget.css';
import { SERVICES, PUBLICS, FRAIS, ACCOMPAGNEMENT, PRISE_EN_CHARGE, ACCES, parseValues } from './labels.js';
import { addBasemap } from './fond-de-carte.js';
import { de, resultsText, territoryScope, unknownTerritoryText } from './messages.js';
import { ADDRESS_TEXTS, SUGGEST_DELAY_MS, lookup, streetLine, addressLine, optionHtml } from './propositions.js';
import {
  firstAction, language, languageSelect, languagesBlock, languagesLine, parseLanguages, visitSentence, visitsBlock, TEXTS as EXTRAS, VISITS_QUERY,
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
  closures { label current } notices { text current } languesParlees`;
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
const workshopLabel = (days) => (days > 1 ? `Avec un atelier dans les ${days} prochains jours` : 'Avec un atelier dans les prochaines 24 heures');

/** The filter groups, in display order. Each maps a form field to the GraphQL filter. */
const FILTERS = [
  { name: 'services', legend: "J'ai besoin d'aide pour", values: SERVICES, key: 'services' },
  { name: 'frais', legend: 'Prix', values: { GRATUIT: 'Gratuit (seulement les lieux qui le disent)' }, key: 'fraisACharge' },
  { name: 'publics', legend: 'Public', values: PUBLICS, key: 'publics' },
  { name: 'accompagnement', legend: "Forme d'accompagnement", values: ACCOMPAGNEMENT, key: 'modalitesAccompagnement' },
  // One box whose value is the number of days: hasSessionWithinDays takes a number, not a list.
  { name: 'ateliers', legend: 'Ateliers', values: { [WORKSHOP_DAYS]: workshopLabel(WORKSHOP_DAYS) }, key: 'hasSessionWithinDays', number: true },
];

const esc = (value) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const isHttp = (url) => /^https?:\/\//i.test(url || '');
const labels = (values, dict) => (values || []).map((v) => dict[v] || v);

function distanceText(meters) {
  if (meters == null) return '';
  if (meters < 100) return 'à moins de 100 m';
  if (meters < 1000) return `à ${Math.round(meters / 10) * 10} m`;
  const km = meters / 1000;
  return `à ${km.toLocaleString('fr-FR', { maximumFractionDigits: km < 10 ? 1 : 0 })} km`;
}

const PARIS = 'Europe/Paris';
// « Mis à jour le 12 mars 2026 · Source : France services », after Freshness:StaleAfter preceded by « Informations à
// vérifier » in words (the amber only repeats them); the middle dot is hidden from screen readers, a comma read instead.
const dateInWords = (at) => {
  const parts = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(at);
  return parts.map((p) => (p.type === 'day' && p.value === '1' ? '1er' : p.value)).join('');
};
const freshnessLine = (freshness) => {
  if (!freshness) return '';
  const line = `Mis à jour le ${esc(dateInWords(new Date(freshness.lastVerifiedAt)))}<span aria-hidden="true"> · </span><span class="sc-visuellement-cache">, </span>Source : ${esc(freshness.source)}`;
  return freshness.stale
    ? `<p class="sc-fraicheur sc-fraicheur-ancienne"><strong class="sc-a-verifier">Informations à vérifier</strong><span class="sc-visuellement-cache"> :</span> ${line}</p>`
    : `<p class="sc-fraicheur">${line}</p>`;
};
const dayKey = (date) => new Intl.DateTimeFormat('fr-CA', { timeZone: PARIS }).format(date); // AAAA-MM-JJ
function timeText(date) {
  const parts = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, hour: 'numeric', minute: '2-digit' }).formatToParts(date);
  // « 09 » is 9, but « 0 » (midnight) stays 0: « 0 h », never « h ».
  const h = parts.find((p) => p.type === 'hour').value.replace(/^0(?=\d)/, '');
  const m = parts.find((p) => p.type === 'minute').value;
  return m === '00' ? `${h} h` : `${h} h ${m}`;
}
function whenText(iso, closing = false) {
  const at = new Date(iso);
  const now = new Date();
  const days = Math.round((Date.parse(dayKey(at)) - Date.parse(dayKey(now))) / 86400000);
  // A closing at midnight is the end of the day before: « jusqu'à minuit », not « jusqu'à demain à 0 h ».
  if (closing && timeText(at) === '0 h' && days >= 1) {
    const eve = new Date(at.getTime() - 3600000);
    if (days === 1) return 'minuit';
    if (days === 2) return 'demain minuit';
    if (days < 8) return `${new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, weekday: 'long' }).format(eve)} minuit`;
  }
  if (days === 0) return timeText(at);
  if (days === 1) return `demain à ${timeText(at)}`;
  if (days < 7) return `${new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, weekday: 'long' }).format(at)} à ${timeText(at)}`;
  return `le ${new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, day: 'numeric', month: 'long' }).format(at)} à ${timeText(at)}`;
}
const hm = (text) => text.replace(/^0?(\d+):(\d\d)$/, (_, h, m) => (m === '00' ? `${h} h` : `${h} h ${m}`));

/** { text, open } : « Ouvert maintenant, jusqu'à 12 h » / « Fermé, ouvre lundi à 9 h ». */
function openingText(hours) {
  if (!hours) return { text: 'Horaires non renseignés : appelez avant de venir.', state: 'inconnu' };
  // nextChange is the next change of state (never a change of comment alone, such as a holiday's midnight).
  const when = hours.nextChange ? whenText(hours.nextChange, hours.state === 'OPEN') : null;
  if (hours.state === 'OPEN') return { text: when ? `Ouvert maintenant, jusqu'à ${when}.` : 'Ouvert maintenant.', state: 'ouvert' };
  if (hours.state === 'UNKNOWN') return { text: 'Sur rendez-vous.', state: 'inconnu' };
  return { text: when ? `Fermé, ouvre ${when}.` : 'Fermé.', state: 'ferme' };
}

/** The banner of a temporary closure or a dated notice in force today (the server's day): '' when none. */
function noticeBanner(site) {
  const lines = [
    ...(site.closures || []).filter((c) => c.current).map((c) => `<p><strong>${esc(c.label)}.</strong></p>`),
    ...(site.notices || []).filter((n) => n.current).map((n) => `<p>${esc(n.text)}</p>`),
  ];
  return lines.length ? `<div class="sc-bandeau-avis">${lines.join('')}</div>` : '';
}

// ---- Workshops (sessions of the place's offers) ----------------------------------------------

/** « mardi 2 décembre à 14 h », « lundi 1er juin à 9 h 30 », in Paris time. */
function sessionDate(iso) {
  const at = new Date(iso);
  const part = (options) => new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, ...options }).format(at);
  const day = part({ day: 'numeric' });
  return `${part({ weekday: 'long' })} ${day === '1' ? '1er' : day} ${part({ month: 'long' })} à ${timeText(at)}`;
}
/** « 2 h », « 1 h 30 », « 45 min ». */
function durationText(startsAt, endsAt) {
  const minutes = Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60000);
  if (minutes < 60) return `${minutes} min`;
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
}
/** « 3 places », « complet », « annulé » ; '' when the seats are not limited. */
function seatsText(session) {
  if (session.status === 'CANCELLED') return 'annulé';
  if (session.status === 'FULL') return 'complet';
  if (session.remainingSeats == null) return '';
  return `${session.remainingSeats} place${session.remainingSeats > 1 ? 's' : ''}`;
}
/** « Prochain atelier : mardi 2 décembre à 14 h — Découvrir Mon Espace Santé, 3 places », or '' without one. */
function nextWorkshopLine(sessions) {
  const next = (sessions || []).find((s) => s.status === 'SCHEDULED');
  if (!next) return '';
  const seats = seatsText(next);
  return `<p class="sc-prochain-atelier">${esc(`Prochain atelier : ${sessionDate(next.startsAt)} — ${next.offer.title}${seats ? `, ${seats}` : ''}`)}</p>`;
}
const FEES = { FREE: 'Gratuit', FREE_UNDER_CONDITION: 'Gratuit sous condition', PAID: 'Payant' };
function feeText(offer) {
  const base = FEES[offer.fee] || offer.fee;
  return offer.feeCondition && offer.fee !== 'FREE' ? `${base} : ${offer.feeCondition}` : base;
}
function formatText(offer, session) {
  if (offer.format === 'REMOTE' || session.remoteUrl) return 'À distance';
  return offer.format === 'INDIVIDUAL_HELP' ? 'Aide individuelle, sur place' : 'Atelier en groupe, sur place';
}
function registrationHtml(reg, title) {
  const ways = [];
  if (isHttp(reg.url)) ways.push(`<a href="${esc(reg.url)}">en ligne<span class="sc-visuellement-cache"> pour « ${esc(title)} »</span></a>`);
  if (reg.telephone) ways.push(`par téléphone au <a href="tel:${esc(reg.telephone)}">${esc(phoneText(reg.telephone))}</a>`);
  if (reg.courriel) ways.push(`par courriel à <a href="mailto:${esc(reg.courriel)}">${esc(reg.courriel)}</a>`);
  if (reg.onSite) ways.push("sur place, à l'accueil du lieu");
  return ways.length ? `Inscription : ${ways.join(', ')}.` : 'Inscription : renseignez-vous auprès du lieu.';
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
    return ['territoire-type', 'territoires', 'services', 'frais-a-charge', 'ateliers', 'latitude', 'longitude', 'zoom', 'hauteur', 'langues-parlees'];
  }

  connectedCallback() {
    if (this._root) return;
    injectStyles();
    this._uid = `sc${++counter}`;
    this._api = (this.getAttribute('api') || SCRIPT_ORIGIN).replace(/\/$/, '');
    this._level = Math.min(5, Math.max(1, Number(this.getAttribute('titre-niveau')) || 2));
    this._results = [];
    this._build();
    this._initMap();
    this._start();
  }

  attributeChangedCallback() {
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
    const h = `h${this._level}`;
    const filterGroups = FILTERS.map(
      (group) => `<fieldset class="sc-groupe"><legend>${esc(group.legend)}</legend>${Object.entries(group.values)
        .map(([value, label]) => `<label class="sc-case"><input type="checkbox" name="${group.name}" value="${value}"> ${esc(label)}</label>`)
        .join('')}</fieldset>`,
    ).join('');
    const days = [];
    for (let i = 0; i < 7; i++) {
      const d = new Date(Date.now() + i * 86400000);
      const label = i === 0 ? "aujourd'hui" : i === 1 ? 'demain' : new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, weekday: 'long', day: 'numeric', month: 'long' }).format(d);
      days.push(`<option value="${dayKey(d)}">${esc(label)}</option>`);
    }
    this.innerHTML = `<div class="sc">
  <form class="sc-recherche" role="search" aria-label="Chercher un lieu d'aide au numérique">
    <div class="sc-champ">
      <label for="${id}-q" id="${id}-q-label">${esc(ADDRESS_TEXTS.label)}</label>
      <div class="sc-combo">
        <input id="${id}-q" class="sc-q" type="text" autocomplete="off" spellcheck="false" role="combobox" aria-autocomplete="list"
          aria-expanded="false" aria-controls="${id}-choix" aria-describedby="${id}-q-aide">
        <ul id="${id}-choix" class="sc-choix" role="listbox" aria-labelledby="${id}-q-label" hidden></ul>
      </div>
      <p id="${id}-q-aide" class="sc-aide">${esc(ADDRESS_TEXTS.help)}</p>
      <p class="sc-choix-statut sc-visuellement-cache" role="status" aria-live="polite" aria-atomic="true"></p>
    </div>
    <div class="sc-boutons">
      <button type="submit" class="sc-bouton">Rechercher</button>
      <button type="button" class="sc-bouton sc-secondaire sc-position">Utiliser ma position</button>
    </div>
  </form>
  <details class="sc-filtres">
    <summary>Filtres <span class="sc-nb-filtres"></span></summary>
    <div class="sc-filtres-corps">
      ${filterGroups}
      ${languageSelect(id)}
      <fieldset class="sc-groupe"><legend>Ouverture</legend>
        <label class="sc-case"><input type="radio" name="ouverture" value="" checked> Peu importe</label>
        <label class="sc-case"><input type="radio" name="ouverture" value="maintenant"> Ouvert maintenant</label>
        <label class="sc-case"><input type="radio" name="ouverture" value="jour"> Ouvert un jour précis :</label>
        <label for="${id}-jour" class="sc-visuellement-cache">Jour d'ouverture</label>
        <select id="${id}-jour" name="jour">${days.join('')}</select>
      </fieldset>
      <button type="button" class="sc-bouton sc-secondaire sc-effacer">Effacer les filtres</button>
    </div>
  </details>
  <p class="sc-statut" role="status" aria-live="polite" aria-atomic="true"></p>
  <p class="sc-sans-filtres" hidden><button type="button" class="sc-bouton sc-secondaire">Effacer les filtres</button></p>
  <div class="sc-corps">
    <p class="sc-bascule"><button type="button" class="sc-bouton sc-secondaire sc-vers-carte">${esc(ADDRESS_TEXTS.showMap)}</button><button type="button" class="sc-bouton sc-secondaire sc-vers-liste" hidden>${esc(ADDRESS_TEXTS.showList)}</button></p>
    <section class="sc-zone-liste" aria-labelledby="${id}-titre-liste">
      <${h} id="${id}-titre-liste" class="sc-titre-liste" tabindex="-1">${esc(ADDRESS_TEXTS.listTitle)}</${h}>
      <div class="sc-bus" hidden></div>
      <ol class="sc-liste"></ol>
      <button type="button" class="sc-bouton sc-secondaire sc-plus" hidden>Voir plus de lieux</button>
    </section>
    <section class="sc-detail" hidden aria-labelledby="${id}-titre-detail"></section>
    <div class="sc-carte" role="region" aria-label="Carte des lieux (la liste donne les mêmes lieux)"></div>
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
    L.control.zoom({ zoomInTitle: 'Rapprocher', zoomOutTitle: 'Éloigner' }).addTo(this._map);
    this._map.attributionControl.setPrefix(false);
    this._map.attributionControl.addAttribution('Lieux : MedNum BFC (ODbL) · Contours : IGN, INSEE');
    // The background (fond-de-carte.js): the `tuiles` server when set, else the instance's own PMTiles archive.
    this._basemap = addBasemap(this._map, {
      api: this._api, tuiles: tiles, tuilesAttribution: esc(this.getAttribute('tuiles-attribution') || ''),
      langue: (this.getAttribute('langue') || 'fr').slice(0, 2),
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
        return this._searchFrom({ near: { point: { latitude: +s.latitude, longitude: +s.longitude } }, label: 'du point indiqué' }, s.lieu);
      }
      if (this._territory) return this._searchFrom(this._territory.origin, s.lieu);
      this._status('Indiquez votre commune ou votre code postal, ou utilisez votre position, pour voir les lieux les plus proches.');
      if (s.lieu) this._openDetail(s.lieu);
    } catch (error) {
      this._status(this._errorText(error), true);
    }
  }

  async _loadTerritory(type, codes) {
    if (type === 'epci') {
      const data = await this._graphql('query($s: String!) { epci(siren: $s) { siren nom location { latitude longitude } communes { codeInsee } } }', { s: codes[0] });
      if (!data.epci) throw new Error(unknownTerritoryText('epci', codes));
      const where = territoryScope('epci', [data.epci.nom]);
      this._territory = {
        name: data.epci.nom, communes: new Set(data.epci.communes.map((c) => c.codeInsee)),
        origin: { near: { point: data.epci.location }, label: where.near }, where,
      };
      await this._drawTerritory(`/geodata/epci/${encodeURIComponent(codes[0])}.geojson`);
    } else if (type === 'departement') {
      const geojson = await this._fetchJson('/geodata/departements.geojson');
      const features = geojson.features.filter((f) => codes.includes(f.properties.code));
      if (!features.length) throw new Error(unknownTerritoryText('departement', codes));
      const layer = L.geoJSON({ type: 'FeatureCollection', features });
      this._territoryLayer.addData({ type: 'FeatureCollection', features });
      const center = layer.getBounds().getCenter();
      this._map.fitBounds(layer.getBounds());
      const prefixes = new Set(codes);
      const where = territoryScope('departement', features.map((f) => f.properties.nom), features.map((f) => f.properties.code));
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
      if (!communes.length) throw new Error(unknownTerritoryText('commune', codes));
      this._territory = {
        name: communes.map((c) => c.nom).join(', '), communes: new Set(communes.map((c) => c.codeInsee)),
        origin: this._communeOrigin(communes[0]), where: territoryScope('commune', communes.map((c) => c.nom)),
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
      this._label([origin.near.point.latitude, origin.near.point.longitude], origin.address ? streetLine(origin.address) : 'Vous êtes ici', 'sc-etiquette-position').addTo(this._searchLayer);
    }
  }

  _communeOrigin(commune) {
    return { near: { commune: commune.codeInsee }, label: de(commune.nom), commune };
  }

  /** From a chosen address: its point is sent (the text was sent once, to suggest it), never put in the page's URL. */
  _addressOrigin(address) {
    return { near: { point: address.location }, label: de(`${streetLine(address)}, ${address.commune}`), address };
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
    box.nextSibling.textContent = ` ${workshopLabel(shown)}`;
    return days >= 1 && days <= 366 ? [String(days)] : [];
  }

  _countFilters() {
    const n = Object.values(this._filter()).reduce((sum, v) => sum + (Array.isArray(v) ? v.length : 1), 0);
    this._el.nbFiltres.textContent = n ? `(${n} actif${n > 1 ? 's' : ''})` : '';
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
    this._status('Recherche en cours…');
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
      if (group.number) names.push(workshopLabel(values).replace(/^Avec/, 'avec'));
      else if (group.key === 'fraisACharge') names.push('Gratuit');
      else names.push(...values.map((v) => group.values[v] || v));
    }
    if (filter.openNow) names.push('ouvert maintenant');
    if (filter.openOn) names.push(`ouvert ${this._el.jour.selectedOptions[0]?.textContent || filter.openOn}`);
    if (filter.langues) names.push(...filter.langues.map((c) => language(c)?.fr || c));
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
    this._el.bus.innerHTML = visitsBlock(visits, h, distanceText);
    this._el.bus.hidden = !visits.length;
    this._busLayer.clearLayers();
    for (const visit of visits) {
      const { latitude, longitude } = visit.stop.location;
      // The list above says the same: the marker shows where the bus stops (no keyboard stop of its own).
      L.marker([latitude, longitude], {
        title: `${EXTRAS.busMarker} : ${visitSentence(visit)}`, alt: '', keyboard: false,
        icon: L.divIcon({ className: 'sc-arret-bus', html: '<span aria-hidden="true">Bus</span>', iconSize: [38, 24] }),
      }).addTo(this._busLayer);
    }
  }

  _announce() {
    this._status(resultsText({ ...this._context, count: this._results.length }));
    this._el.titreListe.textContent = ADDRESS_TEXTS.heading(this._results.length, this._context.scope);
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
    if (error && error.name === 'TypeError') return 'Le service ne répond pas. Vérifiez votre connexion puis réessayez.';
    return (error && error.message) || "Une erreur s'est produite. Réessayez dans un instant.";
  }

  // ---- List and markers ------------------------------------------------------------------

  _renderList() {
    const h = `h${Math.min(6, this._level + 1)}`;
    this._el.liste.innerHTML = this._results.map((site) => {
      const opening = openingText(site.openingHours);
      const adapte = labels(site.priseEnChargeSpecifique, PRISE_EN_CHARGE);
      return `<li class="sc-lieu" data-id="${esc(site.id)}">
  <span class="sc-num" aria-hidden="true">${site.rank}</span>
  <div class="sc-lieu-corps">
  <${h} class="sc-lieu-nom"><button type="button" class="sc-ouvrir" data-id="${esc(site.id)}">${esc(site.nom)}</button></${h}>
  <p class="sc-adresse">${esc([distanceText(site.distance), addressText(site.adresse)].filter(Boolean).join(' · '))}</p>
  ${noticeBanner(site)}
  <p class="sc-ouverture sc-${opening.state}">${esc(opening.text)}</p>
  ${nextWorkshopLine(site.nextSessions)}
  ${languagesLine(site)}
  ${site.services.length ? `<p><strong>Pour :</strong> ${esc(labels(site.services, SERVICES).join(', '))}</p>` : ''}
  ${site.fraisACharge.length ? `<p><strong>Prix :</strong> ${esc(labels(site.fraisACharge, FRAIS).join(', '))}</p>` : ''}
  ${adapte.length || isHttp(site.ficheAccesLibre) ? `<p><strong>Accessibilité :</strong> ${esc(adapte.join(', '))}${adapte.length && isHttp(site.ficheAccesLibre) ? ' · ' : ''}${isHttp(site.ficheAccesLibre) ? `<a href="${esc(site.ficheAccesLibre)}">fiche Acceslibre<span class="sc-visuellement-cache"> de ${esc(site.nom)}</span></a>` : ''}</p>` : ''}
  ${freshnessLine(site.freshness)}
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
          title: `${count} lieux : rapprocher la carte`, alt: '', keyboard: true,
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
    this._status('Chargement de la fiche…');
    try {
      const data = await this._graphql(`query Lieu($id: ID!) { site(id: $id) { ${DETAIL_FIELDS} } }`, { id });
      if (!data.site) throw new Error("Ce lieu n'existe plus dans l'annuaire.");
      this._renderDetail(data.site);
      this._status(`Fiche du lieu : ${data.site.nom}.`);
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
    const result = this._results.find((r) => r.id === site.id);
    const opening = openingText(site.openingHours);
    const blocks = DETAIL_BLOCKS.map((block) => block(site, h2, this._api)).filter(Boolean).join('');
    this._el.detail.innerHTML = `<button type="button" class="sc-bouton sc-secondaire sc-retour">← Retour à la liste</button>
<${h} id="${id}-titre-detail" class="sc-detail-nom" tabindex="-1">${esc(site.nom)}</${h}>
${noticeBanner(site)}
${firstAction(site, phoneText)}
<p class="sc-ouverture sc-${opening.state}">${esc(opening.text)}</p>
${freshnessLine(site.freshness)}
${site.presentationResume ? `<p>${esc(site.presentationResume)}</p>` : ''}
<${h2}>Adresse</${h2}>
<p>${esc(addressText(site.adresse))}${result?.distance != null ? ` (${esc(distanceText(result.distance))})` : ''}</p>
${site.location ? `<p><a href="geo:${site.location.latitude},${site.location.longitude}">Itinéraire<span class="sc-visuellement-cache"> vers ${esc(site.nom)}</span> (ouvre votre application de cartes)</a></p>` : ''}
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
      this._el.choixStatut.textContent = ADDRESS_TEXTS.choices(this._choices.length);
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
      this._status(ADDRESS_TEXTS.empty, true);
      this._el.q.focus();
      return;
    }
    try {
      const [best] = await this._lookup(text.slice(0, 100), 1);
      if (!best) {
        this._status(ADDRESS_TEXTS.notFound(text), true);
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
      this._status("Votre navigateur ne donne pas votre position. Tapez votre commune à la place.", true);
      return;
    }
    this._status('Recherche de votre position…');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        // Rounded to about 100 m before it leaves this function: enough to rank the places, and
        // the server never keeps it anyway.
        const round = (x) => Math.round(x * 1000) / 1000;
        const point = { latitude: round(position.coords.latitude), longitude: round(position.coords.longitude) };
        this._el.q.value = '';
        this._chosen = null;
        this._searchFrom({ near: { point }, label: 'de votre position' }, undefined, true);
      },
      (error) => this._status(error.code === 1
        ? "Vous n'avez pas autorisé l'accès à votre position. Tapez votre commune à la place."
        : "Votre position n'a pas pu être trouvée. Tapez votre commune à la place.", true),
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
    if (!response.ok || !body?.data) throw new Error(`Le service a répondu par une erreur (${response.status}). Réessayez dans un instant.`);
    return body.data;
  }

  async _fetchJson(path) {
    const response = await fetch(`${this._api}${path}`);
    if (!response.ok) throw new Error(`Contour introuvable (${response.status}).`);
    return response.json();
  }

  _updateUrl(lieu) {
    // Only what the person chose on purpose; never a position from the browser.
    const p = new URLSearchParams(window.location.search);
    for (const name of ['commune', 'lieu', 'services', 'frais_a_charge', 'publics', 'modalites_accompagnement', 'ouvert', 'ateliers', 'langues']) p.delete(name);
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
    const query = p.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
  }
}

// ---- Blocks of the detail view, in order. Each returns HTML or '' when it has nothing to say.
const DETAIL_BLOCKS = [
  function hours(site, h) {
    const week = site.openingHours?.week;
    if (!week) {
      return `<${h}>Horaires</${h}><p>${site.horaires ? `Horaires indiqués : ${esc(site.horaires)}. ` : 'Horaires non renseignés. '}Appelez avant de venir.</p>`;
    }
    const today = dayKey(new Date());
    const rows = week.map((day) => {
      const isToday = day.date === today;
      const slots = day.intervals.map((i) => `${hm(i.start)} – ${hm(i.end)}${i.status === 'UNKNOWN' ? ' (sur rendez-vous)' : ''}`);
      const date = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long' }).format(new Date(`${day.date}T12:00:00Z`));
      return `<tr${isToday ? ' class="sc-aujourdhui" aria-current="date"' : ''}><th scope="row">${esc(day.jourSemaine[0].toUpperCase() + day.jourSemaine.slice(1))} ${esc(date)}${isToday ? " <strong>(aujourd'hui)</strong>" : ''}</th><td>${esc(slots.join(', ') || 'Fermé')}${day.fermeture ? ' (fermeture temporaire)' : ''}${day.jourFerie ? ` (${esc(day.jourFerie)}, jour férié)` : ''}</td></tr>`;
    }).join('');
    return `<${h}>Horaires</${h}><table class="sc-semaine"><caption>Horaires de cette semaine</caption><thead><tr><th scope="col">Jour</th><th scope="col">Horaires</th></tr></thead><tbody>${rows}</tbody></table>`;
  },
  function workshops(site, h, api) {
    const sessions = site.nextSessions || [];
    if (!sessions.length) return '';
    const items = sessions.map((s) => {
      const cancelled = s.status === 'CANCELLED';
      const seats = seatsText(s);
      const date = sessionDate(s.startsAt);
      return `<li class="sc-atelier${cancelled ? ' sc-annule' : ''}">
<p class="sc-atelier-titre"><strong>${esc(s.offer.title)}</strong>${s.offer.isExample ? ' <span class="sc-exemple">Exemple (pas une vraie annonce)</span>' : ''}</p>
<p>${esc(date[0].toUpperCase() + date.slice(1))} (${esc(durationText(s.startsAt, s.endsAt))})${seats ? ` · <strong>${esc(seats)}</strong>` : ''}</p>
${cancelled && s.cancelReason ? `<p>Motif : ${esc(s.cancelReason)}</p>` : ''}
<p>${esc(feeText(s.offer))} · ${esc(formatText(s.offer, s))}${isHttp(s.remoteUrl) && !cancelled ? ` : <a href="${esc(s.remoteUrl)}">lien pour suivre la séance<span class="sc-visuellement-cache"> « ${esc(s.offer.title)} »</span></a>` : ''}</p>
${cancelled ? '' : `<p>${registrationHtml(s.offer.registration, s.offer.title)}</p>`}
</li>`;
    }).join('');
    return `<${h}>Prochains ateliers</${h}><ul class="sc-ateliers">${items}</ul>
<p><a href="${esc(api)}/calendar/${encodeURIComponent(site.id)}.ics">Ajouter à mon agenda</a> (les ateliers de ce lieu, au format iCalendar)</p>`;
  },
  function contact(site, h) {
    const items = [];
    if (site.telephone) items.push(`<li>Téléphone : <a href="tel:${esc(site.telephone)}">${esc(phoneText(site.telephone))}</a></li>`);
    for (const mail of site.courriels) items.push(`<li>Courriel : <a href="mailto:${esc(mail)}">${esc(mail)}</a></li>`);
    for (const web of site.siteWeb.filter(isHttp)) items.push(`<li>Site : <a href="${esc(web)}">${esc(web)}</a></li>`);
    if (isHttp(site.priseRdv)) items.push(`<li><a class="sc-rdv" href="${esc(site.priseRdv)}">Prendre rendez-vous en ligne</a></li>`);
    return items.length ? `<${h}>Contact</${h}><ul>${items.join('')}</ul>` : '';
  },
  languagesBlock,
  function facts(site, h) {
    const block = (title, values) => (values.length ? `<${h}>${title}</${h}><ul>${values.map((v) => `<li>${esc(v)}</li>`).join('')}</ul>` : '');
    return block('On peut vous aider pour', labels(site.services, SERVICES))
      + block('Prix', labels(site.fraisACharge, FRAIS))
      + block('Comment être accompagné', labels(site.modalitesAccompagnement, ACCOMPAGNEMENT))
      + block('Comment venir', labels(site.modalitesAcces, ACCES))
      + block('Publics accueillis', site.publicsSpecifiquementAdresses.length ? labels(site.publicsSpecifiquementAdresses, PUBLICS) : ['Tout public'])
      + block('Accueil adapté', labels(site.priseEnChargeSpecifique, PRISE_EN_CHARGE))
      + (isHttp(site.ficheAccesLibre) ? `<p><a href="${esc(site.ficheAccesLibre)}">Accessibilité du lieu (fiche Acceslibre)</a></p>` : '');
  },
  function about(site, h, api) {
    const updated = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${site.dateMaj}T12:00:00Z`));
    // The server's own report page (no account, no cookie); MedNum BFC's form as a second way for its places.
    const report = `${api}/lieu/${encodeURIComponent(site.id)}/signaler`;
    const mednum = site.provenance === 'mednum-bfc' ? `, ou <a href="${esc(REPORT_FORM)}">sur le formulaire de MedNum BFC</a> (autre site)` : '';
    const source = `${site.source || site.provenance}${site.provenance === 'mednum-bfc' ? ' (MedNum BFC, licence ODbL 1.0)' : ''}`;
    return `<${h}>À propos de ces informations</${h}><ul>
<li>Mises à jour le ${esc(updated)}.</li>
<li>Source : ${esc(source)}.</li>
<li><a href="${esc(report)}">Signaler une erreur sur ce lieu</a>${mednum}</li>
<li><a href="${esc(api)}/lieu/${encodeURIComponent(site.id)}">Page de ce lieu (à imprimer ou à partager)</a></li>
</ul>`;
  },
];

if (!customElements.get('scoran-carte')) customElements.define('scoran-carte', ScoranCarte);
