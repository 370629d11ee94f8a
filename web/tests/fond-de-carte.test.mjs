// Browser test of the basemap (issue 21, item 7): the map's background comes from the instance's own origin, one
// PMTiles archive read in byte ranges (/fond-de-carte.pmtiles), with the names of the communes drawn on it, and the
// map moves and zooms with the keyboard. Canvas text is not in the DOM: the names drawn are read by wrapping
// CanvasRenderingContext2D.fillText before the page's scripts run. The server must already run:
// BASE_URL=http://127.0.0.1:PORT (ESPACE_INVITATION and ESPACE_LIEU for the place's map of /espace, given by
// FondDeCarteBrowserTests). SCREENSHOTS=dir saves fond-de-carte.png there.
import path from 'node:path';
import { BASE, SHOTS, allowedOrigin, assert, axe, finish, launch, requests, test } from './kit.mjs';

const INVITATION = process.env.ESPACE_INVITATION || '';
const PLACE = process.env.ESPACE_LIEU || '';

const context = await launch();
await context.addInitScript(() => {
  const drawn = new Set();
  window.__textesDessines = drawn;
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function wrapped(text, ...rest) {
    drawn.add(String(text));
    return fillText.call(this, text, ...rest);
  };
});
const ranges = [];
context.on('response', (response) => {
  if (new URL(response.url()).pathname === '/fond-de-carte.pmtiles') {
    ranges.push({ status: response.status(), range: response.request().headers().range || '', bytes: Number(response.headers()['content-length'] || 0) });
  }
});
const page = await context.newPage();
page.setDefaultTimeout(20000);
const problems = [];
page.on('pageerror', (e) => problems.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });

const drawnNames = () => page.evaluate(() => [...window.__textesDessines]);
const waitForName = (name) => page.waitForFunction((n) => window.__textesDessines.has(n), name)
  .catch(async () => { throw new Error(`« ${name} » n'est pas dessiné ; noms dessinés : ${(await drawnNames()).slice(0, 30).join(', ')}`); });
const zoom = () => page.evaluate(() => document.querySelector('scoran-carte')._map.getZoom());
const paneTransform = () => page.evaluate(() => document.querySelector('scoran-carte .leaflet-map-pane').style.transform);

await test('widget : fond de carte du serveur (plages 206), noms des communes, clavier, axe-core sans violation', async () => {
  await page.goto(`${BASE}/`);
  const map = page.locator('scoran-carte .sc-carte, scoran-carte .leaflet-container').first();
  await page.waitForFunction(() => document.querySelector('scoran-carte .leaflet-container')?.dataset.fond);
  const kind = await page.evaluate(() => document.querySelector('scoran-carte .leaflet-container').dataset.fond);
  assert(kind === 'territoires', `fond attendu : territoires, obtenu : ${kind}`);
  await page.waitForSelector('scoran-carte .sc-fond-de-carte canvas.leaflet-tile-loaded');
  // At the region's scale, the big towns' names are on the basemap; the départements' names too.
  await waitForName('Dijon');
  await waitForName('Besançon');
  const attribution = await page.locator('scoran-carte .leaflet-control-attribution').innerText();
  assert(/IGN, INSEE/.test(attribution), `attribution du fond absente : ${attribution}`);

  // Ranges of one archive, answered 206, and not one request anywhere else.
  assert(ranges.length >= 2 && ranges.every((r) => r.status === 206 && /^bytes=\d+-\d+$/.test(r.range)),
    `requêtes du fond : ${JSON.stringify(ranges.slice(0, 6))}`);

  // Keyboard: the map takes the focus, the arrows move it, + and - zoom.
  await map.focus();
  const focused = await page.evaluate(() => document.activeElement?.closest?.('scoran-carte') !== null && document.activeElement.classList.contains('leaflet-container'));
  assert(focused, 'la carte ne prend pas le focus');
  const before = await paneTransform();
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(400);
  assert(before !== await paneTransform(), 'les flèches ne déplacent pas la carte');
  const z0 = await zoom();
  const requested = ranges.length;
  const namesAtRegionScale = (await drawnNames()).length;
  await page.keyboard.press('+');
  await page.waitForFunction((z) => document.querySelector('scoran-carte')._map.getZoom() > z, z0);
  // Leaflet ignores a key pressed while it animates the previous zoom.
  await page.waitForTimeout(600);
  await page.keyboard.press('+');
  await page.waitForFunction((z) => document.querySelector('scoran-carte')._map.getZoom() > z + 1, z0);
  const z2 = await zoom();
  // Closer, more names: towns of a few thousand inhabitants appear (their tiles come as new ranges).
  await page.waitForFunction((n) => window.__textesDessines.size > n, namesAtRegionScale);
  await page.waitForFunction((n) => document.querySelectorAll('scoran-carte .sc-fond-de-carte canvas.leaflet-tile-loaded').length > 0, null);
  assert(ranges.length > requested, 'zoomer n\'a demandé aucune nouvelle tuile');
  await page.waitForTimeout(600);
  await page.keyboard.press('-');
  await page.waitForFunction((z) => document.querySelector('scoran-carte')._map.getZoom() < z, z2);

  if (SHOTS) {
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(SHOTS, 'fond-de-carte.png'), fullPage: false });
  }
  await axe(page, '/ (fond de carte)', { all: true });
  const atRegionScale = ranges.slice(0, requested);
  return {
    fond: kind, plagesAOuverture: atRegionScale.length, octetsAOuverture: atRegionScale.reduce((sum, r) => sum + r.bytes, 0),
    plages: ranges.length, noms: (await drawnNames()).length, zoom: [z0, z2],
  };
});

await test('espace : la carte de la position du lieu a le même fond, avec les noms', async () => {
  assert(INVITATION && PLACE, 'ESPACE_INVITATION et ESPACE_LIEU manquent');
  const password = 'une phrase de passe pour le fond de carte';
  await page.goto(INVITATION);
  await page.getByLabel('Mot de passe', { exact: false }).first().fill(password);
  await page.getByLabel('Le même mot de passe, une seconde fois').fill(password);
  await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
  await page.waitForURL((u) => u.pathname === '/espace');
  await page.evaluate(() => window.__textesDessines.clear());
  await page.goto(`${BASE}/espace/lieu/${PLACE}`);
  await page.waitForFunction(() => document.getElementById('carte-lieu')?.dataset.fond);
  const kind = await page.evaluate(() => document.getElementById('carte-lieu').dataset.fond);
  assert(kind === 'territoires', `fond attendu : territoires, obtenu : ${kind}`);
  await page.waitForSelector('#carte-lieu .sc-fond-de-carte canvas.leaflet-tile-loaded');
  // The place is near Beaune (zoom 14: the z12 tiles enlarged): Beaune's name is on the map.
  await waitForName('Beaune');
  await axe(page, '/espace/lieu/{id} (fond de carte)', { all: true });
  return { fond: kind };
});

await test('aucune requête hors du serveur local, aucune erreur JavaScript', async () => {
  const outside = requests.filter((u) => !u.startsWith(allowedOrigin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert(outside.length === 0, `requêtes vers l'extérieur : ${outside.slice(0, 5).join(', ')}`);
  assert(problems.length === 0, `erreurs : ${problems.slice(0, 5).join(' | ')}`);
  return { requetes: requests.length };
});

await finish();
