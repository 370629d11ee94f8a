// Browser test of /couverture (issue 10), in Debian's chromium driven by playwright-core through the shared
// kit (kit.mjs), in a file of its own so that each scenario file grows on its own. The server must already run:
// BASE_URL=http://127.0.0.1:PORT. Prints one line « RESULT {json} » per scenario, exits 1 when one fails.
// SCREENSHOTS=dir saves docs/screenshots/couverture.png there.
import path from 'node:path';
import { BASE, SHOTS, allowedOrigin, assert, axe, finish, launch, requests, test } from './kit.mjs';

const context = await launch();
const page = await context.newPage();
page.setDefaultTimeout(20000);
const problems = [];
page.on('pageerror', (e) => problems.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });

await test('/couverture : carte choroplèthe, légende, tableau trié, clavier, axe-core sans violation', async () => {
  // Keyboard only: choose the Nièvre in the territory list, a service, then send the form.
  await page.goto(`${BASE}/couverture`);
  await page.locator('#territoire').focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowDown');
  assert(await page.locator('#territoire').inputValue() === 'departement:58', `choix au clavier : ${await page.locator('#territoire').inputValue()}`);
  await page.keyboard.press('Tab');
  assert(await page.evaluate(() => document.activeElement.id) === 'services', 'Tab ne mène pas au choix du service');
  await page.keyboard.press('ArrowDown');
  const service = await page.locator('#services').inputValue();
  assert(service !== '', 'la flèche n\'a choisi aucun service');
  let reached = false;
  for (let i = 0; i < 8 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement.type === 'submit');
  }
  assert(reached, 'le bouton « Afficher la couverture » ne se rejoint pas au clavier');
  await Promise.all([page.waitForURL(/territoire=departement%3A58/), page.keyboard.press('Enter')]);
  assert((await page.locator('h2#chiffres').innerText()).includes('Nièvre'), 'le titre ne nomme pas la Nièvre');
  assert(new URL(page.url()).searchParams.getAll('services').join('|') === service, `le service choisi au clavier (${service}) manque : ${page.url()}`);

  // The map draws every commune of the table, with the legend's classes.
  await page.waitForFunction(() => document.querySelector('#carte-couverture').dataset.communes);
  const rows = await page.locator('#table-communes tbody tr').count();
  const drawn = Number(await page.locator('#carte-couverture').getAttribute('data-communes'));
  const paths = await page.locator('#carte-couverture path.commune').count();
  assert(rows === 309 && drawn === 309 && paths === 309, `309 communes attendues : tableau ${rows}, carte ${drawn}, tracés ${paths}`);
  const shaded = await page.evaluate(() => [...document.querySelectorAll('#carte-couverture path.commune')].filter((p) => /teinte-\d/.test(p.getAttribute('class'))).length);
  assert(shaded === 309, `communes sans couleur de classe : ${309 - shaded}`);
  const legend = await page.locator('#legende li').allInnerTexts();
  assert(legend.length === 4 && /5\s*km au plus/.test(legend[0]) && /zone blanche/.test(legend[3]), `légende : ${legend.join(' | ')}`);
  const fill = await page.evaluate(() => getComputedStyle(document.querySelector('#carte-couverture path.hachure') || document.querySelector('.pastille .hachure')).fill);
  assert(fill.includes('url('), `la classe la plus éloignée n'est pas hachurée : ${fill}`);

  // The table: sorted by distance (farthest first), then by population with a keyboard press.
  const distances = await page.$$eval('#table-communes tbody tr td:nth-of-type(3)', (cells) => cells.map((c) => Number(c.dataset.valeur)));
  assert(distances.every((d, i) => i === 0 || distances[i - 1] >= d), 'le tableau n\'est pas trié par distance décroissante');
  const populationButton = page.getByRole('button', { name: 'Population' });
  await populationButton.focus();
  await page.keyboard.press('Enter');
  const populations = await page.$$eval('#table-communes tbody tr td:nth-of-type(2)', (cells) => cells.map((c) => Number(c.dataset.valeur)));
  assert(populations.every((p, i) => i === 0 || populations[i - 1] <= p), 'le tri par population croissante ne marche pas');
  assert(await page.locator('th:has(button:text-is("Population"))').getAttribute('aria-sort') === 'ascending', 'aria-sort absent après le tri');
  await page.keyboard.press('Enter');
  const descending = await page.$$eval('#table-communes tbody tr td:nth-of-type(2)', (cells) => cells.map((c) => Number(c.dataset.valeur)));
  assert(descending[0] >= descending[descending.length - 1], 'le second appui ne renverse pas le tri');
  assert(/trié par « Population »/.test(await page.locator('#tri-etat').innerText()), 'le tri n\'est pas annoncé');

  // The map is reachable and movable with the keyboard (Leaflet: focus, arrows, + and -).
  await page.locator('#carte-couverture').focus();
  const before = await page.evaluate(() => document.querySelector('.leaflet-map-pane').style.transform);
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(400);
  const after = await page.evaluate(() => document.querySelector('.leaflet-map-pane').style.transform);
  assert(before !== after, 'les flèches ne déplacent pas la carte');

  if (SHOTS) {
    await page.evaluate(() => document.querySelector('h2#carte').scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(SHOTS, 'couverture.png'), fullPage: false });
  }

  await axe(page, '/couverture', { all: true });

  const outside = requests.filter((u) => !u.startsWith(allowedOrigin + '/') && !u.startsWith('data:'));
  assert(outside.length === 0, `requêtes vers l'extérieur : ${outside.slice(0, 5).join(', ')}`);
  assert(problems.length === 0, `erreurs dans la console (CSP comprise) : ${problems.join(' | ')}`);
  return { communes: rows, legende: legend.length, requetes: requests.length };
});

await finish();
