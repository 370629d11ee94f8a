// The /couverture page: draws the communes of the territory coloured by their distance class (read
// from the table the server rendered: the table is the map's accessible alternative, so the map
// shows nothing the table does not say), and makes the table sortable by each column.
import L from 'leaflet';

const container = document.getElementById('carte-couverture');
const table = document.getElementById('table-communes');

const rowsByCode = new Map();
for (const tr of table ? table.tBodies[0].rows : []) {
  rowsByCode.set(tr.dataset.insee, {
    classe: Number(tr.dataset.classe),
    nom: tr.cells[0].textContent,
    distance: tr.cells[3].textContent,
    lieu: tr.cells[4].textContent,
  });
}
const classCount = table ? table.dataset.seuils.split(',').length + 1 : 1;

/** The same classes as the legend's (CouverturePage.ClassCss): six shades, the farthest hatched too. */
function shade(k) {
  if (k === classCount - 1) return 'teinte-5 hachure';
  return `teinte-${classCount <= 1 ? 0 : Math.round((k * 5) / (classCount - 1))}`;
}

async function drawMap() {
  if (!container || !table) return;
  const response = await fetch(container.dataset.contours);
  if (!response.ok) throw new Error(`contours : ${response.status}`);
  const geojson = await response.json();
  container.textContent = '';
  container.classList.add('carte-prete');
  const map = L.map(container, { attributionControl: false, zoomControl: false, zoomSnap: 0.25, keyboardPanDelta: 120 });
  L.control.zoom({ zoomInTitle: 'Rapprocher', zoomOutTitle: 'Éloigner' }).addTo(map);
  let drawn = 0;
  const layer = L.geoJSON(geojson, {
    style: (feature) => {
      const row = rowsByCode.get(feature.properties.code_insee);
      return { className: `commune ${row ? shade(row.classe) : 'sans-donnee'}`, weight: 0.6, color: '#3a3a3a', opacity: 1, fillOpacity: 1 };
    },
    onEachFeature: (feature, path) => {
      const row = rowsByCode.get(feature.properties.code_insee);
      if (!row) return;
      drawn += 1;
      path.bindTooltip(`${row.nom} : ${row.distance === 'aucun lieu' ? 'aucun lieu' : `lieu le plus proche à ${row.distance}`}`, { sticky: true });
    },
  }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [8, 8] });
  container.dataset.communes = String(drawn);
  const status = document.getElementById('carte-etat');
  if (status) status.textContent = `Carte dessinée : ${drawn} communes.`;
}

/** Column headers become buttons; a click sorts the rows by that column, again in the other direction. */
function sortable() {
  if (!table) return;
  const headers = [...table.tHead.rows[0].cells];
  const body = table.tBodies[0];
  const status = document.getElementById('tri-etat');
  headers.forEach((th, column) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'tri';
    button.textContent = th.textContent;
    th.textContent = '';
    th.appendChild(button);
    button.addEventListener('click', () => {
      const descending = th.getAttribute('aria-sort') === 'ascending';
      const numeric = th.dataset.tri === 'nombre';
      const keyed = [...body.rows].map((tr) => {
        const cell = tr.cells[column];
        return { tr, key: numeric ? Number(cell.dataset.valeur) : cell.textContent };
      });
      const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });
      keyed.sort((a, b) => {
        const order = numeric ? a.key - b.key : collator.compare(a.key, b.key);
        return descending ? -order : order;
      });
      const fragment = document.createDocumentFragment();
      for (const { tr } of keyed) fragment.appendChild(tr);
      body.appendChild(fragment);
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      if (status) status.textContent = `Tableau trié par « ${button.textContent} », ordre ${descending ? 'décroissant' : 'croissant'}.`;
    });
  });
}

sortable();
drawMap().catch((error) => {
  if (container) container.textContent = `La carte n'a pas pu être dessinée (${error.message}) ; toutes ses informations sont dans le tableau des communes.`;
});
