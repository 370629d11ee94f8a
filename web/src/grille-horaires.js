// The hours grid of the edit and propose pages (/espace), on top of the server-side form
// (src/ScoranInclusion.Web/Espace/HoursGridForm.cs, which works without this script):
// - a change in the grid writes the OSM expression into the hours field (and so its live preview);
// - an expert's expression, when the grid can show it, fills the grid (the server reads it:
//   GET /espace/horaires/grille, the grid logic lives once, in WeekGrid.cs); when it cannot,
//   the grid says so and the expression rules;
// - « Fermé » hides and empties the day's ranges, « mêmes horaires du lundi au vendredi » hides
//   Tuesday to Friday, which then take Monday's hours.

const DAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];
const CODES = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
const RANGES = 3;
const DELAY_MS = 350;
const CANNOT_SHOW = 'La grille ne peut pas montrer ces horaires (dates, commentaires, horaires de nuit ou jours fériés ouverts par exemple) : '
  + 'l\'expression ci-dessous fait foi. Remplir la grille la remplacerait.';

/** A time as typed (9, 9h30, 9:30, 0930, 24:00) in minutes, or null; as an end, midnight is 1440. Same rules as WeekGrid.ParseTime. */
export function parseTime(text, asEnd) {
  const t = String(text || '').trim().toLowerCase().replace(/ /g, '');
  if (!t) return null;
  let m = /^(\d{1,2})(?:[:h.](\d{2})?)?$/.exec(t);
  let hours;
  let minutes;
  if (m) {
    hours = Number(m[1]);
    minutes = m[2] ? Number(m[2]) : 0;
  } else if ((m = /^(\d{1,2})(\d{2})$/.exec(t))) {
    hours = Number(m[1]);
    minutes = Number(m[2]);
  } else {
    return null;
  }
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  const total = hours * 60 + minutes;
  return asEnd && total === 0 ? 1440 : total;
}

const hhmm = (minutes) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function selector(days) {
  const parts = [];
  for (let i = 0; i < days.length;) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j] + 1) j += 1;
    if (j - i >= 2) parts.push(`${CODES[days[i]]}-${CODES[days[j]]}`);
    else for (let k = i; k <= j; k += 1) parts.push(CODES[days[k]]);
    i = j + 1;
  }
  return parts.join(',');
}

/** The compact expression of seven lists of [start, end] (sorted, not overlapping), as WeekGrid.ToExpression writes it. */
export function toExpression(days, holidaysOff) {
  if (days.every((d) => d.length === 0)) return '';
  const key = (d) => d.map(([a, b]) => `${hhmm(a)}-${hhmm(b)}`).join(',');
  const done = new Array(7).fill(false);
  const rules = [];
  for (let d = 0; d < 7; d += 1) {
    if (done[d] || days[d].length === 0) continue;
    const same = [];
    for (let o = d; o < 7; o += 1) {
      if (!done[o] && key(days[o]) === key(days[d])) {
        same.push(o);
        done[o] = true;
      }
    }
    rules.push(`${selector(same)} ${key(days[d])}`);
  }
  if (holidaysOff) rules.push('PH off');
  return rules.join('; ');
}

function field(form, name) {
  return form.elements.namedItem(name);
}

/** The grid's expression, or null while a field is incomplete or wrong (the server names the error at submit). */
function readGrid(form) {
  const same = field(form, 'grille.lunven').checked;
  const days = [];
  for (let d = 0; d < 7; d += 1) {
    if (same && d >= 1 && d <= 4) {
      days.push(days[0]);
      continue;
    }
    const closed = field(form, `grille.${DAYS[d]}.ferme`).checked;
    const ranges = [];
    for (let r = 1; r <= RANGES; r += 1) {
      const from = field(form, `grille.${DAYS[d]}.${r}.de`).value.trim();
      const to = field(form, `grille.${DAYS[d]}.${r}.a`).value.trim();
      if (!from && !to) continue;
      const a = parseTime(from, false);
      const b = parseTime(to, true);
      if (closed || a === null || b === null || a >= b) return null;
      ranges.push([a, b]);
    }
    ranges.sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < ranges.length; i += 1) if (ranges[i][0] < ranges[i - 1][1]) return null;
    days.push(ranges);
  }
  return toExpression(days, field(form, 'grille.feries').checked);
}

function showDays(form, grid) {
  const same = field(form, 'grille.lunven').checked;
  for (const day of grid.querySelectorAll('fieldset.jour')) {
    const d = DAYS.indexOf(day.dataset.jour);
    day.hidden = same && d >= 1 && d <= 4;
    const ranges = day.querySelector('.plages');
    if (ranges) ranges.hidden = field(form, `grille.${day.dataset.jour}.ferme`).checked;
  }
}

export function enhanceGrid() {
  const grid = document.getElementById('grille-horaires');
  const form = grid && grid.closest('form');
  const text = form && field(form, 'horaires');
  if (!text) return;
  const status = document.getElementById('grille-etat');
  const say = (message) => {
    status.textContent = message || '';
    status.hidden = !message;
  };
  let writing = false;

  showDays(form, grid);
  grid.addEventListener('change', (event) => {
    const target = event.target;
    if (target.type === 'checkbox' && /\.ferme$/.test(target.name) && target.checked) {
      // A closed day has no hours: its ranges are emptied (the server would refuse both).
      const day = target.name.split('.')[1];
      for (let r = 1; r <= RANGES; r += 1) {
        field(form, `grille.${day}.${r}.de`).value = '';
        field(form, `grille.${day}.${r}.a`).value = '';
      }
    }
    showDays(form, grid);
  });
  const drawnText = field(form, 'grille.texte');
  const fromGrid = () => {
    const expression = readGrid(form);
    if (expression === null) {
      // Incomplete or wrong: the text keeps the last right week, and the grid is marked as the one that rules at
      // submit, so that the server names the error by field instead of saving that text.
      if (drawnText) drawnText.value = text.value;
      return;
    }
    if (expression === text.value.trim()) return;
    writing = true;
    text.value = expression;
    text.dispatchEvent(new Event('input', { bubbles: true }));
    writing = false;
    say('');
  };
  grid.addEventListener('input', fromGrid);
  grid.addEventListener('change', fromGrid);

  let timer = 0;
  let sequence = 0;
  text.addEventListener('input', () => {
    if (writing) return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const mine = ++sequence;
      try {
        const response = await fetch(`/espace/horaires/grille?expression=${encodeURIComponent(text.value.trim())}`, { headers: { Accept: 'application/json' } });
        const json = await response.json();
        if (mine !== sequence) return;
        if (!json.grille) {
          say(CANNOT_SHOW);
          return;
        }
        for (const [name, value] of Object.entries(json.grille)) {
          const control = field(form, name);
          if (!control) continue;
          if (control.type === 'checkbox') control.checked = value !== '';
          else control.value = value;
        }
        showDays(form, grid);
        say('');
      } catch {
        // Offline: the grid stays as it is; the server decides at submit.
      }
    }, DELAY_MS);
  });
}
