// Browser test of what a citizen reads about a place closed on public holidays (« PH off »), on and before
// 11 November: the server's clock is fixed by the xunit side (tests/ScoranInclusion.Server.Tests/Web/
// HolidayBrowserTests.cs), the browser's here with Playwright's page.clock, at the same instant (JF_NOW).
// JF_LIEU_n / JF_NOM_n / JF_TEXTE_n: two places given « PH off » hours and the text saying when they really open
// (« Fermé, ouvre demain à 9 h 15. »), and one open until midnight (« Ouvert maintenant, jusqu'à minuit. »). No
// place of the list may say « ouvre … à 0 h » unless its hours open at midnight.
import { BASE, launch, assert, test, finish } from './kit.mjs';

const NOW = new Date(process.env.JF_NOW);
const places = [1, 2, 3].map((n) => ({ id: process.env[`JF_LIEU_${n}`], nom: process.env[`JF_NOM_${n}`], text: process.env[`JF_TEXTE_${n}`] }));
assert(!Number.isNaN(NOW.getTime()) && places.every((p) => p.id && p.nom && p.text), 'JF_NOW, JF_LIEU_n, JF_NOM_n, JF_TEXTE_n manquants');

const context = await launch({});
const page = await context.newPage();
page.setDefaultTimeout(10000);
await page.clock.setFixedTime(NOW);
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));

// « à 0 h », or « à h » as the widget once wrote midnight.
const MIDNIGHT = /ouvre [^.]*à (?:0 )?h\b/;

/** Whether a place's hours (from the API) really open at midnight on some day of the coming week. */
async function opensAtMidnight(id) {
  const response = await page.request.post(`${BASE}/graphql`, {
    data: { query: 'query($id: ID!) { site(id: $id) { openingHours { week { intervals { start } } } } }', variables: { id } },
  });
  const week = (await response.json()).data.site?.openingHours?.week || [];
  return week.some((day) => day.intervals.some((i) => i.start === '00:00'));
}

await test('jour férié : la liste du widget dit quand le lieu ouvre vraiment', async () => {
  await page.goto(`${BASE}/?commune=71014`);
  await page.waitForFunction(() => /lieux? près d'Autun/.test(document.querySelector('.sc-statut')?.textContent || ''));
  const seen = {};
  for (const place of places) {
    const item = page.locator(`.sc-lieu[data-id="${place.id}"]`);
    const text = await item.locator('.sc-ouverture').innerText();
    seen[place.nom] = text;
    assert(text === place.text, `${place.nom} : « ${text} » au lieu de « ${place.text} »`);
  }
  const items = page.locator('.sc-lieu');
  for (let i = 0; i < await items.count(); i++) {
    const text = await items.nth(i).locator('.sc-ouverture').innerText();
    if (MIDNIGHT.test(text)) {
      const id = await items.nth(i).getAttribute('data-id');
      assert(await opensAtMidnight(id), `« ${text} » pour ${id}, dont les horaires n'ouvrent pas à minuit`);
    }
  }
  return { maintenant: NOW.toISOString(), lieux: await items.count(), textes: seen };
});

await test('jour férié : la fiche du widget dit quand le lieu ouvre vraiment', async () => {
  const seen = {};
  for (const place of places) {
    await page.locator(`.sc-ouvrir[data-id="${place.id}"]`).click();
    const detail = page.locator('.sc-detail');
    await detail.locator('.sc-detail-nom').waitFor();
    const text = await detail.locator('.sc-ouverture').innerText();
    seen[place.nom] = text;
    assert(text === place.text, `fiche de ${place.nom} : « ${text} » au lieu de « ${place.text} »`);
    await page.getByRole('button', { name: '← Retour à la liste' }).click();
  }
  return seen;
});

await test('jour férié : /lieux et /lieu/{id} (rendus par le serveur) disent quand le lieu ouvre vraiment', async () => {
  const seen = {};
  for (const place of places) {
    await page.goto(`${BASE}/lieu/${encodeURIComponent(place.id)}`);
    const text = await page.locator('main .horaire').first().innerText();
    seen[`/lieu ${place.nom}`] = text;
    assert(text === place.text, `/lieu/${place.id} : « ${text} » au lieu de « ${place.text} »`);
  }
  await page.goto(`${BASE}/lieux?commune=71014`);
  const items = page.locator('ol.lieux > li');
  for (let i = 0; i < await items.count(); i++) {
    const item = items.nth(i);
    const text = await item.locator('.horaire').innerText();
    const name = await item.getByRole('link').first().innerText();
    const place = places.find((p) => p.nom === name);
    if (place) {
      seen[`/lieux ${name}`] = text;
      assert(text === place.text, `/lieux, ${name} : « ${text} » au lieu de « ${place.text} »`);
    }
    assert(!MIDNIGHT.test(text) || !places.some((p) => p.nom === name), `/lieux, ${name} : « ${text} »`);
  }
  assert(Object.keys(seen).length === 2 * places.length, `des lieux manquent dans /lieux : ${JSON.stringify(seen)}`);
  assert(errors.length === 0, `erreurs JavaScript : ${errors.join(' | ')}`);
  return seen;
});

await finish();
