// Browser test of the basemap with an operator's OpenStreetMap extract (Basemap:Path; the xunit side writes a small
// one in the Protomaps basemap's schema): the widget draws it with the OpenStreetMap style of @protomaps/basemaps,
// a street's name is drawn (canvas text, read through a wrapped fillText), the ODbL credit is shown, and every
// request stays on 127.0.0.1. BASE_URL=http://127.0.0.1:PORT.
import { BASE, allowedOrigin, assert, axe, finish, launch, requests, test } from './kit.mjs';

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
const page = await context.newPage();
page.setDefaultTimeout(20000);
const problems = [];
page.on('pageerror', (e) => problems.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });

await test('extrait OpenStreetMap : style OpenStreetMap, nom de rue dessiné, mention ODbL, aucune requête hors du serveur', async () => {
  await page.goto(`${BASE}/?latitude=47.3217&longitude=5.0415&zoom=14`);
  await page.waitForFunction(() => document.querySelector('scoran-carte .leaflet-container')?.dataset.fond);
  const kind = await page.evaluate(() => document.querySelector('scoran-carte .leaflet-container').dataset.fond);
  assert(kind === 'osm', `fond attendu : osm, obtenu : ${kind}`);
  await page.waitForFunction(() => window.__textesDessines.has('Rue de la Préfecture'))
    .catch(async () => { throw new Error(`nom de rue absent ; dessinés : ${(await page.evaluate(() => [...window.__textesDessines])).join(', ')}`); });
  const attribution = await page.locator('scoran-carte .leaflet-control-attribution').innerText();
  assert(/OpenStreetMap/.test(attribution) && /ODbL/.test(attribution), `mention OpenStreetMap absente : ${attribution}`);
  await axe(page, '/ (extrait OpenStreetMap)', { all: true });
  const outside = requests.filter((u) => !u.startsWith(allowedOrigin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert(outside.length === 0, `requêtes vers l'extérieur : ${outside.slice(0, 5).join(', ')}`);
  assert(problems.length === 0, `erreurs : ${problems.slice(0, 5).join(' | ')}`);
  return { fond: kind, zoom: await page.evaluate(() => document.querySelector('scoran-carte')._map.getZoom()) };
});

await finish();
