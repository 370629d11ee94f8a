// The sources page and the withdrawn places in chromium (issue 19): the administrator SOURCES_EMAIL (password
// SOURCES_PASSWORD: the xunit side made the account, configured the source SOURCES_NOM, ran it once and withdrew the
// place RETRAIT_NOM) opens « Sources » from the navigation, launches a run by keyboard, reads a run's report, then
// restores the withdrawn place from « Lieux retirés ». axe-core must find no violation at all on these pages. Prints
// « RESULT {json} » lines (shared code: kit.mjs).
import { BASE, allowedOrigin, requests, launch, assert, test, axe, finish } from './kit.mjs';

const EMAIL = process.env.SOURCES_EMAIL || '';
const PASSWORD = process.env.SOURCES_PASSWORD || '';
const SOURCE = process.env.SOURCES_NOM || '';
const WITHDRAWN = process.env.RETRAIT_NOM || '';
if (!EMAIL || !PASSWORD || !SOURCE || !WITHDRAWN) {
  console.error('SOURCES_EMAIL, SOURCES_PASSWORD, SOURCES_NOM et RETRAIT_NOM sont nécessaires (le test xunit SourcesBrowserTests les donne).');
  process.exit(2);
}

const context = await launch();
const page = await context.newPage();
page.setDefaultTimeout(10000);
const problems = [];
page.on('pageerror', (e) => problems.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(m.text()); });

const text = (selector) => page.locator(selector).first().innerText();

/** Presses Tab until the focused element matches, checking that every stop has a name and a visible focus. */
async function tabTo(matches, limit = 200) {
  const unlabelled = [];
  for (let stops = 0; stops < limit; stops++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      const labelled = el.getAttribute('aria-labelledby');
      const name = el.labels?.[0]?.textContent || el.getAttribute('aria-label')
        || (labelled ? document.getElementById(labelled)?.textContent : '') || el.textContent || '';
      return { id: el.id, tag: el.tagName, name: name.trim(), outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    if (!focused.outline) throw new Error(`focus invisible sur ${focused.tag}#${focused.id}`);
    if (!focused.name) unlabelled.push(`${focused.tag}#${focused.id}`);
    if (matches(focused)) {
      assert(unlabelled.length === 0, `sans nom accessible : ${unlabelled.join(', ')}`);
      return stops + 1;
    }
  }
  throw new Error('élément non atteint au clavier');
}

await test('l\'administration lance une source au clavier et lit le rapport d\'un passage', async () => {
  await page.goto(`${BASE}/espace/connexion`);
  await page.getByLabel('Adresse électronique').fill(EMAIL);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((u) => u.pathname === '/espace');
  await page.getByRole('link', { name: 'Sources', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/espace/sources');
  await axe(page, '/espace/sources', { all: true });
  const table = page.locator('table.passages caption', { hasText: SOURCE });
  assert(await table.count() === 1, 'pas de tableau des passages de la source');
  const before = await page.locator('table.passages tbody tr').count();

  await tabTo((f) => f.tag === 'BUTTON' && f.name === `Lancer maintenant : ${SOURCE}`);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('lance') === SOURCE);
  assert((await text('.succes')).includes('lancé'), `pas de confirmation : ${await text('main')}`);
  await axe(page, '/espace/sources (lancée)', { all: true });
  // The run goes on in the background: reload until it is listed as ended.
  for (let i = 0; i < 20 && (await page.locator('table.passages tbody tr').count() <= before
    || (await page.locator('table.passages tbody tr').first().innerText()).includes('En cours')); i++) {
    await page.waitForTimeout(250);
    await page.reload();
  }
  assert(await page.locator('table.passages tbody tr').count() === before + 1, 'le passage lancé n\'est pas listé');

  await tabTo((f) => f.tag === 'A' && f.name.startsWith('Détails du passage'));
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname.startsWith('/espace/sources/passage/'));
  assert((await text('h1')).includes(SOURCE), `titre : ${await text('h1')}`);
  await axe(page, '/espace/sources/passage/{id}', { all: true });
  return { passages: before + 1 };
});

await test('la modération rétablit un lieu retiré au clavier', async () => {
  await page.goto(`${BASE}/espace/sources`);
  await tabTo((f) => f.tag === 'A' && f.name === 'Lieux retirés');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/espace/retraits');
  await axe(page, '/espace/retraits', { all: true });
  const item = page.locator('article', { hasText: WITHDRAWN });
  assert(await item.count() === 1, 'le lieu retiré n\'est pas listé');
  assert((await item.innerText()).includes('Retiré le'), 'pas de date de retrait');

  await tabTo((f) => f.tag === 'BUTTON' && f.name === `Rétablir : ${WITHDRAWN}`);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.has('retabli'));
  assert((await text('.succes')).includes('est rétabli'), `pas de confirmation : ${await text('main')}`);
  assert(await page.locator('article', { hasText: WITHDRAWN }).count() === 0, 'le lieu est toujours listé');
  await axe(page, '/espace/retraits (rétabli)', { all: true });
  return null;
});

await test('aucune requête hors du serveur local, aucune erreur JavaScript ni de CSP', async () => {
  const outside = requests.filter((u) => !u.startsWith(allowedOrigin + '/') && !u.startsWith('data:'));
  assert(outside.length === 0, `requêtes vers l'extérieur : ${outside.slice(0, 5).join(', ')}`);
  assert(problems.length === 0, `erreurs dans la console : ${problems.join(' | ')}`);
  return { requetes: requests.length };
});

await finish();
