// The /integrer page: choose a territory and filters, preview <scoran-carte>, copy the snippet.
const form = document.getElementById('integrer');
const input = document.getElementById('territoire-recherche');
const label = document.getElementById('territoire-label');
const listbox = document.getElementById('territoire-choix');
const chosenText = document.getElementById('territoire-choisi');
const snippet = document.getElementById('extrait');
const copyButton = document.getElementById('copier');
const copyState = document.getElementById('copie-etat');
const directLink = document.getElementById('lien-direct');
const preview = document.querySelector('#apercu scoran-carte');
const origin = window.location.origin;

let chosen = null;
let options = [];
let active = -1;
let timer;

const esc = (v) => String(v).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const type = () => form.querySelector('input[name=territoire_type]:checked').value;

async function graphql(query, variables) {
  const response = await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors[0].message);
  return body.data;
}

function closeList() {
  listbox.hidden = true;
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
}

async function suggest() {
  const text = input.value.trim();
  if (text.length < 2) return closeList();
  const isEpci = type() === 'epci';
  const data = await graphql(isEpci
    ? 'query($s: String!) { epcis(search: $s, first: 8) { siren nom codesDepartements } }'
    : 'query($s: String!) { communes(search: $s, first: 8) { codeInsee nom codesPostaux } }', { s: text.slice(0, 100) }).catch(() => null);
  if (!data || input.value.trim() !== text) return;
  options = isEpci
    ? data.epcis.map((e) => ({ type: 'epci', code: e.siren, name: e.nom, detail: `SIREN ${e.siren}` }))
    : data.communes.map((c) => ({ type: 'commune', code: c.codeInsee, name: c.nom, detail: c.codesPostaux.join(', ') }));
  active = -1;
  listbox.innerHTML = options.map((o, i) => `<li role="option" id="territoire-choix-${i}" aria-selected="false" data-index="${i}">${esc(o.name)} (${esc(o.detail)})</li>`).join('');
  listbox.hidden = options.length === 0;
  input.setAttribute('aria-expanded', String(options.length > 0));
}

function choose(option) {
  chosen = option;
  input.value = option.name;
  closeList();
  chosenText.textContent = `Territoire choisi : ${option.name} (${option.type === 'epci' ? 'intercommunalité' : 'commune'}, code ${option.code}).`;
  update();
}

function settings() {
  const services = [...form.querySelectorAll('input[name=services]:checked')].map((i) => i.value);
  const gratuit = form.querySelector('input[name=frais_a_charge]:checked');
  const ateliers = form.querySelector('input[name=ateliers]:checked');
  const hauteur = Math.min(1200, Math.max(400, Number(form.hauteur.value) || 650));
  const langue = form.langue ? form.langue.value : '';
  return { services, gratuit: !!gratuit, ateliers: ateliers ? ateliers.value : null, hauteur, langue };
}

function update() {
  const s = settings();
  const attributes = [];
  const params = new URLSearchParams();
  if (chosen) {
    attributes.push(['territoire-type', chosen.type], ['territoires', chosen.code]);
    params.set('territoire_type', chosen.type);
    params.set('territoires', chosen.code);
  }
  if (s.services.length) {
    attributes.push(['services', s.services.join('|')]);
    params.set('services', s.services.join('|'));
  }
  if (s.gratuit) {
    attributes.push(['frais-a-charge', 'Gratuit']);
    params.set('frais_a_charge', 'Gratuit');
  }
  if (s.ateliers) {
    attributes.push(['ateliers', s.ateliers]);
    params.set('ateliers', s.ateliers);
  }
  attributes.push(['hauteur', String(s.hauteur)]);
  // The language of the map: without one, each visitor's browser language (French by default).
  if (s.langue) {
    attributes.push(['langue', s.langue]);
    params.set('langue', s.langue);
  }
  snippet.textContent = `<script src="${origin}/widget/scoran-carte.js" defer></script>\n<scoran-carte ${attributes.map(([k, v]) => `${k}="${v.replace(/"/g, '&quot;')}"`).join(' ')}></scoran-carte>`;
  directLink.href = `/?${params.toString()}`;
  if (preview) {
    for (const name of ['territoire-type', 'territoires', 'services', 'frais-a-charge', 'ateliers', 'langue']) preview.removeAttribute(name);
    for (const [k, v] of attributes) preview.setAttribute(k, v);
  }
}

input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(suggest, 200);
});
input.addEventListener('keydown', (e) => {
  const open = !listbox.hidden && options.length;
  if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && open) {
    e.preventDefault();
    active = e.key === 'ArrowDown' ? (active + 1) % options.length : (active - 1 + options.length) % options.length;
    [...listbox.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
    input.setAttribute('aria-activedescendant', `territoire-choix-${active}`);
  } else if (e.key === 'Enter') {
    e.preventDefault();
    if (open) choose(options[Math.max(0, active)]);
  } else if (e.key === 'Escape' && open) {
    e.preventDefault();
    closeList();
  }
});
input.addEventListener('blur', () => setTimeout(closeList, 150));
listbox.addEventListener('mousedown', (e) => e.preventDefault());
listbox.addEventListener('click', (e) => {
  const li = e.target.closest('[role=option]');
  if (li) choose(options[Number(li.dataset.index)]);
});
form.addEventListener('submit', (e) => e.preventDefault());
form.addEventListener('change', (e) => {
  if (e.target.name === 'territoire_type') {
    label.textContent = type() === 'epci' ? "Nom de l'intercommunalité, ou d'une de ses communes" : 'Nom ou code postal de la commune';
    chosen = null;
    input.value = '';
    chosenText.textContent = 'Aucun territoire choisi : la carte montrera toute la région.';
  }
  update();
});
copyButton.addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(snippet.textContent);
    copyState.textContent = 'Le code est copié. Collez-le dans votre page.';
  } catch {
    const range = document.createRange();
    range.selectNodeContents(snippet);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    copyState.textContent = 'Le code est sélectionné : copiez-le avec Ctrl+C (ou Cmd+C).';
  }
});
update();
