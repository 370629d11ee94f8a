// Browser test of a place's freshness line (« Mis à jour le … · Source : … ») and of the amber « Informations à
// vérifier » once it is older than Freshness:StaleAfter: on /lieu/{id}, /lieux and in the widget's list and place
// detail. The server's clock is fixed by the xunit side (tests/ScoranInclusion.Server.Tests/Web/
// FreshnessBrowserTests.cs), the browser's here at the same instant (FR_NOW). FR_ANCIEN_*: a seeded place whose
// last sign is its source's old date_maj (stale); FR_RECENT_*: a place its team confirmed at FR_NOW (fresh).
import { BASE, launch, assert, test, axe, finish } from './kit.mjs';

const NOW = new Date(process.env.FR_NOW);
const place = (key) => ({
  id: process.env[`FR_${key}_ID`], nom: process.env[`FR_${key}_NOM`], date: process.env[`FR_${key}_DATE`], source: process.env[`FR_${key}_SOURCE`],
});
const old = place('ANCIEN');
const recent = place('RECENT');
assert(!Number.isNaN(NOW.getTime()) && [old, recent].every((p) => p.id && p.nom && p.date && p.source), 'FR_NOW, FR_ANCIEN_*, FR_RECENT_* manquants');

const context = await launch({});
const page = await context.newPage();
page.setDefaultTimeout(10000);
await page.clock.setFixedTime(NOW);
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));

/** What a screen reader reads of a freshness line: its text without what is hidden from it (the middle dot). */
const spoken = (locator) => locator.evaluate((p) => {
  const copy = p.cloneNode(true);
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return copy.textContent.replace(/\s+/g, ' ').trim();
});

/** Checks one place's line: the words, the badge when stale and only then, what a screen reader reads. */
async function checkLine(line, badge, expected, stale, where) {
  const text = (await line.innerText()).replace(/\s+/g, ' ');
  assert(text.includes(`Mis à jour le ${expected.date}`), `${where} : « ${text} » sans « Mis à jour le ${expected.date} »`);
  assert(text.includes(`Source : ${expected.source}`), `${where} : « ${text} » sans « Source : ${expected.source} »`);
  assert(text.includes(' · '), `${where} : « ${text} » sans le point médian`);
  assert(await badge.count() === (stale ? 1 : 0), `${where} : ${await badge.count()} badge(s) « Informations à vérifier »`);
  const read = await spoken(line);
  const sentence = `Mis à jour le ${expected.date}, Source : ${expected.source}`;
  if (stale) {
    assert((await badge.innerText()).trim() === 'Informations à vérifier', `${where} : badge « ${await badge.innerText()} »`);
    // In words, before the date: a screen reader says it first; the colour only repeats it.
    assert(read === `Informations à vérifier : ${sentence}`, `${where} : lu « ${read} »`);
  } else {
    assert(read === sentence, `${where} : lu « ${read} »`);
  }
  return read;
}

await test('fraîcheur : /lieu/{id} dit la date en mots et la source, et « Informations à vérifier » une fois trop ancienne', async () => {
  await page.goto(`${BASE}/lieu/${encodeURIComponent(old.id)}`);
  const read = await checkLine(page.locator('main .fraicheur'), page.locator('main .a-verifier'), old, true, `/lieu ${old.nom}`);
  const violations = await axe(page, 'page /lieu (à vérifier)', { all: true });
  await page.goto(`${BASE}/lieu/${encodeURIComponent(recent.id)}`);
  const readRecent = await checkLine(page.locator('main .fraicheur'), page.locator('main .a-verifier'), recent, false, `/lieu ${recent.nom}`);
  return { ancien: read, recent: readRecent, axe: violations.length };
});

await test('fraîcheur : /lieux montre la ligne de chaque lieu', async () => {
  await page.goto(`${BASE}/lieux?commune=71014`);
  const seen = {};
  for (const [expected, stale] of [[old, true], [recent, false]]) {
    const item = page.locator('ol.lieux > li').filter({ has: page.getByRole('link', { name: expected.nom, exact: true }) });
    assert(await item.count() === 1, `/lieux : ${expected.nom} introuvable`);
    seen[expected.nom] = await checkLine(item.locator('.fraicheur'), item.locator('.a-verifier'), expected, stale, `/lieux ${expected.nom}`);
  }
  await axe(page, 'page /lieux (fraîcheur)', { all: true });
  return seen;
});

await test('fraîcheur : la liste et la fiche du widget disent la date, la source et « Informations à vérifier »', async () => {
  await page.goto(`${BASE}/?commune=71014`);
  await page.waitForFunction(() => /lieux? près d'Autun/.test(document.querySelector('.sc-statut')?.textContent || ''));
  const seen = {};
  for (const [expected, stale] of [[old, true], [recent, false]]) {
    const item = page.locator(`.sc-lieu[data-id="${expected.id}"]`);
    seen[`liste ${expected.nom}`] = await checkLine(item.locator('.sc-fraicheur'), item.locator('.sc-a-verifier'), expected, stale, `widget, liste, ${expected.nom}`);
  }
  await axe(page, 'accueil (liste avec fraîcheur)', { all: true });
  for (const [expected, stale] of [[old, true], [recent, false]]) {
    await page.locator(`.sc-ouvrir[data-id="${expected.id}"]`).click();
    const detail = page.locator('.sc-detail');
    await detail.locator('.sc-detail-nom').waitFor();
    seen[`fiche ${expected.nom}`] = await checkLine(detail.locator('.sc-fraicheur'), detail.locator('.sc-a-verifier'), expected, stale, `widget, fiche, ${expected.nom}`);
    if (stale) await axe(page, 'accueil (fiche à vérifier)', { all: true });
    await page.getByRole('button', { name: '← Retour à la liste' }).click();
  }
  assert(errors.length === 0, `erreurs JavaScript : ${errors.join(' | ')}`);
  return seen;
});

await finish();
