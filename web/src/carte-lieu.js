// The place's map on the /espace edit and propose pages (PlacePoint.cs draws the container; without this
// script the latitude and longitude fields do it all). No third-party tiles: the instance's own basemap
// (fond-de-carte.js: an OpenStreetMap extract with its streets when the operator installed one, else the
// territories' borders and names), the outline of the address's commune (/geodata/commune/{insee}.geojson, the
// project's own boundaries, as the widget draws them) and a marker moved by dragging or, once focused, by the arrow keys (Shift: larger steps). The fields follow the
// marker and the marker follows the fields; a status line says where the point went.
import L from 'leaflet';
import { addBasemap } from './fond-de-carte.js';

const container = document.getElementById('carte-lieu');
const form = container && container.closest('form');
const latitudeField = form && form.elements.namedItem('location.latitude');
const longitudeField = form && form.elements.namedItem('location.longitude');
const status = document.getElementById('carte-lieu-etat');

const number = (text) => {
  const n = Number(String(text || '').trim().replace(',', '.'));
  return String(text || '').trim() && Number.isFinite(n) ? n : null;
};
const fixed = (n) => String(Math.round(n * 1e6) / 1e6);

async function draw() {
  if (!container || !latitudeField || !longitudeField) return;
  const lat = number(latitudeField.value) ?? number(container.dataset.latitude);
  const lon = number(longitudeField.value) ?? number(container.dataset.longitude);
  container.textContent = '';
  container.classList.add('carte-prete');
  const map = L.map(container, { attributionControl: true, zoomControl: false, keyboardPanDelta: 120 });
  map.attributionControl.setPrefix(false);
  L.control.zoom({ zoomInTitle: 'Rapprocher', zoomOutTitle: 'Éloigner' }).addTo(map);
  // The streets help to put the point on the right door; without a basemap the outline below still guides.
  addBasemap(map).then((kind) => { container.dataset.fond = kind || 'aucun'; }).catch(() => {});
  const start = lat !== null && lon !== null ? [lat, lon] : [47.2, 5.0];
  map.setView(start, 14);
  if (container.dataset.insee) {
    try {
      const response = await fetch(`/geodata/commune/${encodeURIComponent(container.dataset.insee)}.geojson`);
      if (response.ok) {
        const outline = L.geoJSON(await response.json(), { style: { className: 'contour-commune', weight: 2, color: '#000091', fillOpacity: 0.04 }, interactive: false }).addTo(map);
        if (lat === null || lon === null) map.fitBounds(outline.getBounds(), { padding: [8, 8] });
      }
    } catch {
      // The outline is only a help: the marker and the fields work without it.
    }
  }
  const icon = L.divIcon({ className: 'marqueur-lieu', iconSize: [22, 22], iconAnchor: [11, 22] });
  const marker = L.marker(start, { draggable: true, keyboard: true, icon, title: 'Position du lieu' }).addTo(map);
  const element = marker.getElement();
  element.setAttribute('aria-label', 'Position du lieu : déplacez-la avec les flèches');
  element.setAttribute('aria-describedby', 'carte-lieu-aide');

  const say = (text) => { if (status) status.textContent = text; };
  const toFields = (at) => {
    latitudeField.value = fixed(at.lat);
    longitudeField.value = fixed(at.lng);
    say(`Position : latitude ${latitudeField.value}, longitude ${longitudeField.value}.`);
  };
  marker.on('dragend', () => toFields(marker.getLatLng()));
  element.addEventListener('keydown', (event) => {
    const steps = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
    const step = steps[event.key];
    if (!step) return;
    event.preventDefault();
    event.stopPropagation();
    // A step of a few screen pixels at the current zoom (about 13 m at zoom 14, finer when zoomed in; Shift: ten times more).
    const pixels = event.shiftKey ? 20 : 2;
    const here = map.latLngToContainerPoint(marker.getLatLng());
    const there = map.containerPointToLatLng(here.add(L.point(step[0] * pixels, step[1] * pixels)));
    marker.setLatLng(there);
    if (!map.getBounds().pad(-0.1).contains(there)) map.panTo(there);
    toFields(there);
  });
  const fromFields = () => {
    const a = number(latitudeField.value);
    const b = number(longitudeField.value);
    if (a === null || b === null || Math.abs(a) > 90 || Math.abs(b) > 180) return;
    marker.setLatLng([a, b]);
    map.panTo([a, b]);
  };
  latitudeField.addEventListener('change', fromFields);
  longitudeField.addEventListener('change', fromFields);
  container.dataset.pret = '1';
}

draw().catch((error) => {
  if (container) container.textContent = `La carte n'a pas pu être dessinée (${error.message}) ; la latitude et la longitude ci-dessus donnent la position.`;
});
