// Browser test of issue 21, items 4 to 6, in the widget: the language filter and a place's languages (item 4), the
// first action of a place's detail, « Prendre rendez-vous » or « Appeler », full width on a phone (item 5), and the
// digital bus's next stops near the searched commune, in the list and on the map (item 6). The server's clock is fixed
// by the xunit side (tests/ScoranInclusion.Server.Tests/Web/LieuBrowserTests.cs), the browser's here (LI_NOW).
// LI_RDV / LI_RDV_NOM / LI_RDV_URL: the place that books online and speaks Ukrainian; LI_TEL / LI_TEL_NOM / LI_TEL_NUMERO:
// the place that only gives a number and speaks Turkish; LI_BUS: the sentence of the bus's first stop near Corbigny.
import { BASE, allowedOrigin, requests, launch, assert, test, finish, axe } from './kit.mjs';

const NOW = new Date(process.env.LI_NOW);
const rdv = { id: process.env.LI_RDV, nom: process.env.LI_RDV_NOM, url: process.env.LI_RDV_URL };
const tel = { id: process.env.LI_TEL, nom: process.env.LI_TEL_NOM, numero: process.env.LI_TEL_NUMERO };
const bus = process.env.LI_BUS;
assert(!Number.isNaN(NOW.getTime()) && rdv.id && rdv.url && tel.id && tel.numero && bus, 'LI_NOW, LI_RDV, LI_RDV_URL, LI_TEL, LI_TEL_NUMERO, LI_BUS manquants');

const context = await launch({});
const page = await context.newPage();
page.setDefaultTimeout(15000);
await page.clock.setFixedTime(NOW);
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
const status = () => page.locator('.sc-statut').innerText();

/** Opens a place's detail from the list, by keyboard, and gives the detail. */
async function openByKeyboard(id) {
  await page.locator(`.sc-lieu[data-id="${id}"] .sc-ouvrir`).focus();
  await page.keyboard.press('Enter');
  const detail = page.locator('.sc-detail');
  await detail.locator('.sc-detail-nom').waitFor();
  return detail;
}

await test('langues : le filtre du widget (lire-url langues=uk) et les langues d\'un lieu', async () => {
  await page.goto(`${BASE}/?commune=71014&langues=uk`);
  await page.waitForFunction(() => /lieux? près d'Autun/.test(document.querySelector('.sc-statut')?.textContent || ''));
  const items = page.locator('.sc-lieu');
  assert(await items.count() === 1, `${await items.count()} lieux au lieu d'un avec langues=uk (${await status()})`);
  assert(await items.first().getAttribute('data-id') === rdv.id, 'le lieu qui parle ukrainien n\'est pas celui de la liste');
  const line = (await items.first().locator('.sc-langues').innerText()).trim();
  assert(line === 'Langues : ukrainien — українська', `ligne des langues : « ${line} »`);
  assert(await items.first().locator('.sc-langues span[lang="uk"]').count() === 1, 'le nom natif n\'a pas lang="uk"');
  const select = page.getByLabel('Langue parlée dans le lieu');
  assert(await select.inputValue() === 'uk', 'le filtre de langue ne montre pas « uk »');
  assert(/ukrainien/.test(await page.locator('.sc-nb-filtres').innerText()) || /1 actif/.test(await page.locator('.sc-nb-filtres').innerText()), 'le filtre de langue n\'est pas compté');
  // Another language, through the filter: the other place, and the URL follows (never a position, only the choice).
  await page.locator('.sc-filtres summary').focus();
  await page.keyboard.press('Enter');
  await select.selectOption('tr');
  await page.waitForFunction((id) => document.querySelectorAll('.sc-lieu').length === 1 && document.querySelector('.sc-lieu').dataset.id === id, tel.id);
  assert(new URL(page.url()).searchParams.get('langues') === 'tr', `URL sans langues=tr : ${page.url()}`);
  await axe(page, 'widget filtre de langue', { all: true });
  return { statut: await status(), ligne: line };
});

await test('rendez-vous : la fiche du widget commence par « Prendre rendez-vous », sinon « Appeler » ; pleine largeur sur téléphone', async () => {
  await page.goto(`${BASE}/?commune=71014&langues=uk`);
  await page.locator(`.sc-lieu[data-id="${rdv.id}"]`).waitFor();
  let detail = await openByKeyboard(rdv.id);
  const first = detail.locator('a').first();
  assert((await first.innerText()).startsWith('Prendre rendez-vous'), `premier lien de la fiche : « ${await first.innerText()} »`);
  assert(await first.getAttribute('href') === rdv.url, `lien de rendez-vous : ${await first.getAttribute('href')}`);
  const langues = (await detail.locator('ul.sc-langues').innerText()).trim();
  assert(langues === 'ukrainien — українська', `langues de la fiche : « ${langues} »`);
  await axe(page, 'widget fiche rendez-vous', { all: true });

  await page.goto(`${BASE}/?commune=71014&langues=tr`);
  await page.locator(`.sc-lieu[data-id="${tel.id}"]`).waitFor();
  detail = await openByKeyboard(tel.id);
  const call = detail.locator('a').first();
  assert((await call.innerText()) === `Appeler le ${tel.numero}`, `premier lien de la fiche : « ${await call.innerText()} »`);
  assert((await call.getAttribute('href')).startsWith('tel:+33'), `lien d'appel : ${await call.getAttribute('href')}`);
  assert(await detail.getByText('Prendre rendez-vous').count() === 0, 'un lieu sans lien de rendez-vous propose « Prendre rendez-vous »');

  // On a phone: the call is a button across the detail.
  await page.setViewportSize({ width: 375, height: 740 });
  const [button, box] = [await call.boundingBox(), await detail.boundingBox()];
  assert(button.width >= box.width * 0.85 && button.height >= 44, `bouton d'appel à 375 px : ${Math.round(button.width)}×${Math.round(button.height)} px pour ${Math.round(box.width)} px`);
  await axe(page, 'widget fiche appel 375 px', { all: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  return { largeur: Math.round(button.width), hauteur: Math.round(button.height) };
});

await test('bus : les prochains arrêts près de la commune cherchée, dans la liste et sur la carte', async () => {
  await page.goto(`${BASE}/?commune=58083`);
  await page.waitForFunction(() => /lieux? près de Corbigny/.test(document.querySelector('.sc-statut')?.textContent || ''));
  const block = page.locator('.sc-bus');
  await block.locator('li').first().waitFor();
  const heading = (await block.locator('.sc-bus-titre').innerText()).trim();
  assert(heading === 'Le bus numérique passe près de chez vous', `titre : « ${heading} »`);
  const firstStop = (await block.locator('li').first().innerText()).trim();
  assert(firstStop.startsWith(bus), `premier arrêt : « ${firstStop} » au lieu de « ${bus} … »`);
  const stops = await block.locator('li').count();
  const markers = page.locator('.sc-arret-bus');
  assert(await markers.count() === stops, `${await markers.count()} arrêts sur la carte pour ${stops} dans la liste`);
  const title = await markers.first().getAttribute('title');
  assert(title === `Arrêt du bus numérique : ${bus}`, `titre du repère : « ${title} »`);
  await axe(page, 'widget bus', { all: true });
  const foreign = requests.filter((u) => !u.startsWith(allowedOrigin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert(foreign.length === 0, `requêtes hors de ${allowedOrigin} : ${foreign.slice(0, 3).join(' ')}`);
  assert(errors.length === 0, `erreurs JavaScript : ${errors.join(' | ')}`);
  return { arrets: stops, premier: firstStop };
});

await finish();
