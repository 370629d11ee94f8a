// Browser test of a place's temporary closure and dated notice (issue 20, item 8): the banner on /lieu/{id}, on /lieux and
// in the widget (list and place detail) during their dates, and nowhere after. The server's clock is fixed by the xunit
// side (tests/ScoranInclusion.Server.Tests/Web/ClosureBrowserTests.cs), the browser's here with page.clock (FE_NOW).
// FE_LIEU / FE_NOM: the place; FE_FERMETURE: the closure's wording; FE_AVIS: the notice's text; FE_PENDANT: 1 during
// their dates (the banner must show), 0 after (it must not); FE_HORAIRE: the opening line the pages must show.
import { BASE, launch, assert, test, finish, axe } from './kit.mjs';

const NOW = new Date(process.env.FE_NOW);
const place = { id: process.env.FE_LIEU, nom: process.env.FE_NOM };
const closure = process.env.FE_FERMETURE;
const notice = process.env.FE_AVIS;
const during = process.env.FE_PENDANT === '1';
const opening = process.env.FE_HORAIRE;
assert(!Number.isNaN(NOW.getTime()) && place.id && place.nom && closure && notice && opening, 'FE_NOW, FE_LIEU, FE_NOM, FE_FERMETURE, FE_AVIS, FE_HORAIRE manquants');

const context = await launch({});
const page = await context.newPage();
page.setDefaultTimeout(10000);
await page.clock.setFixedTime(NOW);
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));

/** The banner's text inside `scope` ('' when there is none), and checks it against the dates. */
async function checkBanner(scope, selector, where) {
  const banners = scope.locator(selector);
  const count = await banners.count();
  const text = count ? (await banners.first().innerText()).replace(/\s+/g, ' ').trim() : '';
  if (during) {
    assert(count === 1, `${where} : ${count} bandeau(x) au lieu d'un pendant la fermeture`);
    assert(text.includes(closure), `${where} : le bandeau « ${text} » ne dit pas « ${closure} »`);
    assert(text.includes(notice), `${where} : le bandeau « ${text} » ne dit pas l'avis « ${notice} »`);
  } else {
    assert(count === 0, `${where} : un bandeau « ${text} » après la fin de la fermeture et de l'avis`);
  }
  return text;
}

await test('fermeture : /lieu/{id} et /lieux montrent le bandeau pendant ses dates, pas après', async () => {
  await page.goto(`${BASE}/lieu/${encodeURIComponent(place.id)}`);
  const onPage = await checkBanner(page.locator('main'), '.bandeau-avis', `/lieu/${place.id}`);
  const line = await page.locator('main .horaire').first().innerText();
  assert(line === opening, `/lieu/${place.id} : « ${line} » au lieu de « ${opening} »`);
  if (during) {
    // The banner is a region named by its heading: screen readers list it.
    const region = page.getByRole('region', { name: 'Fermeture temporaire' });
    assert(await region.count() === 1, 'le bandeau de /lieu/{id} n\'est pas une région nommée « Fermeture temporaire »');
  }
  await axe(page, `/lieu/{id} ${during ? 'pendant' : 'après'}`, { all: true });
  await page.goto(`${BASE}/lieux?commune=71014`);
  const item = page.locator('ol.lieux > li').filter({ has: page.getByRole('link', { name: place.nom, exact: true }) });
  assert(await item.count() === 1, `/lieux : ${place.nom} absent`);
  const inList = await checkBanner(item, '.bandeau-avis', '/lieux');
  const listLine = await item.locator('.horaire').innerText();
  assert(listLine === opening, `/lieux : « ${listLine} » au lieu de « ${opening} »`);
  await axe(page, `/lieux ${during ? 'pendant' : 'après'}`, { all: true });
  return { maintenant: NOW.toISOString(), lieu: onPage, liste: inList, horaire: line };
});

await test('fermeture : le widget montre le bandeau dans la liste et la fiche pendant ses dates, pas après', async () => {
  await page.goto(`${BASE}/?commune=71014`);
  await page.waitForFunction(() => /lieux? près d'Autun/.test(document.querySelector('.sc-statut')?.textContent || ''));
  const item = page.locator(`.sc-lieu[data-id="${place.id}"]`);
  const inList = await checkBanner(item, '.sc-bandeau-avis', 'liste du widget');
  await axe(page, `widget liste ${during ? 'pendant' : 'après'}`, { all: true });
  // By keyboard: the place's button, Enter.
  await item.locator('.sc-ouvrir').focus();
  await page.keyboard.press('Enter');
  const detail = page.locator('.sc-detail');
  await detail.locator('.sc-detail-nom').waitFor();
  const inDetail = await checkBanner(detail, '.sc-bandeau-avis', 'fiche du widget');
  if (during) {
    const closedDays = await detail.locator('table.sc-semaine td', { hasText: 'fermeture temporaire' }).count();
    assert(closedDays > 0, 'la semaine de la fiche du widget ne montre aucun jour de fermeture temporaire');
  }
  await axe(page, `widget fiche ${during ? 'pendant' : 'après'}`, { all: true });
  assert(errors.length === 0, `erreurs JavaScript : ${errors.join(' | ')}`);
  return { liste: inList, fiche: inDetail };
});

await finish();
