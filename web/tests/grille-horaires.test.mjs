// The mediator's hours grid and map point in chromium, keyboard only (issue 20, items 6 and 7). The xunit side
// (HoursGridBrowserTests) gives an invitation (GRILLE_INVITATION) for a place (GRILLE_LIEU) whose hours it emptied.
// axe-core must find no violation at all on every new state of the page. Prints « RESULT {json} » lines (kit.mjs).
import { BASE, allowedOrigin, requests, launch, assert, test, axe, finish } from './kit.mjs';

const INVITATION = process.env.GRILLE_INVITATION || '';
const PLACE = process.env.GRILLE_LIEU || '';
if (!INVITATION || !PLACE) {
  console.error('GRILLE_INVITATION et GRILLE_LIEU sont nécessaires (le test xunit HoursGridBrowserTests les donne).');
  process.exit(2);
}
const PASSWORD = 'une phrase de passe pour la grille';
const TARGET = 'Mo-Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00; PH off';

const context = await launch();
const page = await context.newPage();
page.setDefaultTimeout(10000);
const problems = [];
page.on('pageerror', (e) => problems.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(m.text()); });

const active = () => page.evaluate(() => ({ name: document.activeElement?.getAttribute('name') || '', id: document.activeElement?.id || '', text: document.activeElement?.textContent || '' }));

/** Tab (forward, round the page) until the control named `name` (or of that class) has the focus; every stop on the way must be visible and named. */
async function tabTo(name, limit = 500) {
  const seen = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      const label = el.labels?.[0]?.textContent || el.getAttribute('aria-label') || el.textContent || '';
      return { name: el.getAttribute('name') || '', id: el.id, tag: el.tagName, cls: String(el.className || ''), label: label.trim(), outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    seen.push(focused.name || focused.id || focused.tag);
    // Past the last control the focus leaves the page, then comes back to its top: Tab goes round.
    if (focused.tag === 'BODY') continue;
    assert(focused.outline, `focus invisible sur ${focused.tag}#${focused.id} (après ${seen.slice(-6).join(', ')})`);
    assert(focused.label, `sans nom accessible : ${focused.tag}#${focused.id}`);
    if (focused.name === name || focused.cls.split(' ').includes(name)) return i + 1;
  }
  throw new Error(`${name} n'a pas été atteint au clavier`);
}

async function typeInto(name, value) {
  await tabTo(name);
  await page.keyboard.press('ControlOrMeta+A');
  if (value) await page.keyboard.type(value);
  else await page.keyboard.press('Delete');
}

async function toEditPage() {
  await page.goto(`${BASE}/espace/lieu/${PLACE}`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // the skip link: to the main content
}

await test('connexion par l\'invitation', async () => {
  await page.goto(INVITATION);
  await page.getByLabel('Mot de passe', { exact: false }).first().fill(PASSWORD);
  await page.getByLabel('Le même mot de passe, une seconde fois').fill(PASSWORD);
  await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
  await page.waitForURL((u) => u.pathname === '/espace');
  return null;
});

await test('grille des horaires au clavier seul : remplir, erreur nommée par champ, enregistrer l\'expression', async () => {
  await toEditPage();
  await axe(page, '/espace/lieu/{id} (grille vide)', { all: true });
  assert(await page.locator('#champ-horaires').inputValue() === '', 'les horaires devraient être vides au départ');

  // « Mêmes horaires du lundi au vendredi » (Space), then Monday's two ranges: Tuesday to Friday disappear.
  await tabTo('grille.lunven');
  await page.keyboard.press('Space');
  assert(await page.locator('#champ-grille-tu').isHidden(), 'le mardi devrait être masqué');
  await typeInto('grille.mo.1.de', '9:00');
  await typeInto('grille.mo.1.a', '12:00');
  await typeInto('grille.mo.2.de', '14h');
  await typeInto('grille.mo.2.a', '17:00');
  await typeInto('grille.sa.1.de', '10:00');
  await typeInto('grille.sa.1.a', '12');
  await tabTo('grille.feries');
  await page.keyboard.press('Space');
  await page.waitForFunction((t) => document.getElementById('champ-horaires').value === t, TARGET, { timeout: 5000 })
    .catch(async () => { throw new Error(`expression : ${await page.locator('#champ-horaires').inputValue()}`); });
  await page.waitForFunction(() => /samedi .* : 10 h – 12 h/.test(document.getElementById('horaires-apercu').textContent));
  const preview = await page.locator('#horaires-apercu').innerText();
  assert(/lundi .* : 9 h – 12 h et 14 h – 17 h/.test(preview) && /dimanche .* : fermé/.test(preview), `aperçu : ${preview}`);
  await axe(page, '/espace/lieu/{id} (grille remplie)', { all: true });

  // A second Saturday range that ends before it starts: the text keeps the right week, the server names the field.
  await typeInto('grille.sa.2.de', '13:00');
  await typeInto('grille.sa.2.a', '12:30');
  await page.keyboard.press('Enter'); // submits the form (the first submit button is « Enregistrer les modifications »)
  await page.waitForFunction(() => document.activeElement?.id === 'erreurs');
  const summary = await page.locator('#erreurs').innerText();
  assert(summary.includes('samedi, 2ᵉ plage : l\'heure de fin doit suivre l\'heure de début'), `résumé : ${summary}`);
  const described = await page.locator('#champ-grille-sa-2-a').getAttribute('aria-describedby');
  assert(described === 'champ-grille-sa-2-a-erreur', `aria-describedby : ${described}`);
  assert(await page.locator('#champ-grille-sa-2-a').getAttribute('aria-invalid') === 'true', 'le champ fautif n\'est pas marqué');
  assert((await page.locator('#champ-grille-sa-2-a-erreur').innerText()).startsWith('Samedi, 2ᵉ plage'), 'l\'erreur n\'est pas à côté du champ');
  await axe(page, '/espace/lieu/{id} (grille en erreur)', { all: true });

  // Corrected by keyboard (the range emptied), then saved with the button.
  await typeInto('grille.sa.2.de', '');
  await typeInto('grille.sa.2.a', '');
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    if ((await active()).text === 'Enregistrer les modifications') break;
  }
  assert((await active()).text === 'Enregistrer les modifications', 'le bouton d\'enregistrement n\'a pas été atteint au clavier');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.has('enregistre'));
  assert(await page.locator('#champ-horaires').inputValue() === TARGET, `enregistré : ${await page.locator('#champ-horaires').inputValue()}`);
  assert(await page.locator('#champ-grille-feries').isChecked(), '« fermé les jours fériés » n\'est plus coché');
  await axe(page, '/espace/lieu/{id} (grille enregistrée)', { all: true });

  // An expert's expression beyond the grid: the grid says so, the text rules.
  await typeInto('horaires', 'Mo-Fr 09:00-12:00 "sur rendez-vous"');
  await page.locator('#grille-etat').waitFor({ state: 'visible' });
  assert((await page.locator('#grille-etat').innerText()).includes('La grille ne peut pas montrer ces horaires'), 'pas de message');
  await axe(page, '/espace/lieu/{id} (expression hors grille)', { all: true });
  // And back to one it can show: the grid follows.
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Tu,Th 14:00-18:00');
  await page.waitForFunction(() => document.getElementById('champ-grille-th-1-de').value === '14:00' && document.getElementById('grille-etat').hidden);
  assert(await page.locator('#champ-grille-mo-ferme').isChecked(), 'le lundi devrait être fermé');
  return null;
});

await test('placer le point : le marqueur déplacé aux flèches, la latitude et la longitude suivent, enregistrement', async () => {
  await toEditPage();
  await page.waitForFunction(() => document.getElementById('carte-lieu')?.dataset.pret === '1');
  await page.locator('#carte-lieu path.contour-commune').first().waitFor({ state: 'attached' });
  await axe(page, '/espace/lieu/{id} (carte)', { all: true });
  const before = { lat: Number(await page.locator('#champ-location-latitude').inputValue()), lon: Number(await page.locator('#champ-location-longitude').inputValue()) };
  await tabTo('marqueur-lieu');
  for (const key of ['ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowRight', 'ArrowRight']) await page.keyboard.press(key);
  const moved = { lat: Number(await page.locator('#champ-location-latitude').inputValue()), lon: Number(await page.locator('#champ-location-longitude').inputValue()) };
  assert(moved.lat > before.lat && moved.lon > before.lon, `position : ${JSON.stringify(before)} → ${JSON.stringify(moved)}`);
  assert(moved.lat - before.lat < 0.01 && moved.lon - before.lon < 0.01, `pas trop grands : ${JSON.stringify(moved)}`);
  assert((await page.locator('#carte-lieu-etat').textContent()).includes(`latitude ${moved.lat}`), 'la position n\'est pas annoncée');
  await axe(page, '/espace/lieu/{id} (marqueur déplacé)', { all: true });
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    if ((await active()).text === 'Enregistrer les modifications') break;
  }
  assert((await active()).text === 'Enregistrer les modifications', 'le bouton d\'enregistrement n\'a pas été atteint au clavier');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.has('enregistre'));
  const saved = { lat: Number(await page.locator('#champ-location-latitude').inputValue()), lon: Number(await page.locator('#champ-location-longitude').inputValue()) };
  assert(Math.abs(saved.lat - moved.lat) < 1e-6 && Math.abs(saved.lon - moved.lon) < 1e-6, `enregistré : ${JSON.stringify(saved)} au lieu de ${JSON.stringify(moved)}`);
  await page.waitForFunction(() => document.getElementById('carte-lieu')?.dataset.pret === '1');
  await axe(page, '/espace/lieu/{id} (point enregistré)', { all: true });
  return { avant: before, apres: saved };
});

await test('aucune requête hors du serveur local, aucune erreur JavaScript ni de CSP', async () => {
  const foreign = requests.filter((u) => !u.startsWith(allowedOrigin) && !u.startsWith('data:'));
  assert(foreign.length === 0, `requêtes extérieures : ${foreign.join(', ')}`);
  assert(problems.length === 0, `erreurs : ${problems.join(' | ')}`);
  return null;
});

await finish();
