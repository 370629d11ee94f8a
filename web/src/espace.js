// The mediators' pages (/espace): only enhancements, everything works without JavaScript.
// - the hours preview: while typing in the hours field, the public validateOpeningHours query (debounced)
//   fills the aria-live region under it with the week in French, or the error and its suggestion (the
//   same markup the server draws after a submit: src/ScoranInclusion.Server/Espace/HoursPreview.cs);
// - an error summary, when there is one, receives the focus.
// No cookie goes with the query: the page's cookies are limited to /espace.

import { enhanceGrid } from './grille-horaires.js';

const QUERY = `query ApercuHoraires($expression: String!) { validateOpeningHours(expression: $expression) {
  valid errors { message suggestion } week { date jourSemaine jourFerie intervals { start end endsNextDay status comment } } } }`;
const DELAY_MS = 350;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function hour(hhmm) {
  if (hhmm === '24:00' || hhmm === '00:00') return 'minuit';
  const [h, m] = hhmm.split(':').map(Number);
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
}

function interval(i) {
  let text = `${hour(i.start)} – ${hour(i.end)}`;
  if (i.endsNextDay) text += ' (le lendemain)';
  if (i.status === 'UNKNOWN') text += i.comment ? ` (${i.comment})` : ' (sur rendez-vous)';
  else if (i.comment) text += ` (${i.comment})`;
  return text;
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', timeZone: 'UTC' });

/** The preview's nodes, as HoursPreview.Render draws them. */
export function render(check, failure) {
  const nodes = [];
  if (failure) {
    nodes.push(element('p', 'erreur', `Ces horaires ne sont pas compris : ${failure}`));
    return nodes;
  }
  if (!check) {
    nodes.push(element('p', null, 'Aucun horaire : la fiche publique dira « Horaires non renseignés : appelez avant de venir ».'));
    return nodes;
  }
  if (!check.valid) {
    const error = check.errors[0];
    if (error) {
      nodes.push(element('p', 'erreur', `Ces horaires ne sont pas compris : ${error.message}`));
      if (error.suggestion) {
        const p = element('p', null, 'Suggestion : ');
        p.appendChild(element('code', null, error.suggestion));
        nodes.push(p);
      }
    }
    return nodes;
  }
  nodes.push(element('p', null, 'Horaires compris. Voici la semaine telle que les personnes la verront :'));
  const list = element('ul', 'semaine-apercu');
  for (const day of check.week || []) {
    const li = element('li');
    li.appendChild(element('strong', null, `${day.jourSemaine} ${dayFormat.format(new Date(`${day.date}T00:00:00Z`))}`));
    let text = ' : ' + (day.intervals.length ? day.intervals.map(interval).join(' et ') : 'fermé');
    if (day.jourFerie) text += ` (${day.jourFerie})`;
    li.appendChild(document.createTextNode(text));
    list.appendChild(li);
  }
  nodes.push(list);
  return nodes;
}

function enhanceHours(field) {
  const region = document.getElementById(field.dataset.apercu);
  if (!region) return;
  let timer = 0;
  let sequence = 0;
  let last = field.value.trim();
  const show = (nodes) => region.replaceChildren(...nodes);
  async function update() {
    const expression = field.value.trim();
    if (expression === last) return;
    last = expression;
    const mine = ++sequence;
    if (!expression) {
      show(render(null, null));
      return;
    }
    try {
      const response = await fetch('/graphql', {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query: QUERY, variables: { expression } }),
      });
      const json = await response.json();
      if (mine !== sequence) return;
      if (json.errors && json.errors.length) show(render(null, json.errors[0].message));
      else show(render(json.data.validateOpeningHours, null));
    } catch {
      if (mine === sequence) show(render(null, 'l\'aperçu est indisponible pour l\'instant (connexion ?). Les horaires seront vérifiés à l\'enregistrement.'));
    }
  }
  field.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, DELAY_MS);
  });
}

function start() {
  document.querySelectorAll('[data-apercu]').forEach(enhanceHours);
  enhanceGrid();
  const summary = document.getElementById('erreurs');
  if (summary) summary.focus();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
