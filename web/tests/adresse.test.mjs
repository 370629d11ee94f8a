// Browser tests of the search by address (issue 21): the combobox of <scoran-carte> suggests addresses of the local
// index, the places are sorted by distance from the chosen one, the address goes into no URL; the phone layout (375 px)
// puts the list first, the map behind « Voir sur la carte », and moves the focus to the results' heading.
// The server must already run, with the fixture address index loaded (geodata/adresses-lieux-bfc.csv):
// BASE_URL=http://127.0.0.1:PORT. Prints one « RESULT {json} » line per test.
import path from 'node:path';
import { BASE, SHOTS, allowedOrigin, requests, launch, assert, test, axe, finish } from './kit.mjs';

const TYPED = '40 rue de la prefecture nevers';
const LABEL = '40 Rue de la Préfecture, Nevers';
// Folded words of the typed addresses: none may appear in any URL the browser asks for.
const SECRETS = ['prefecture', 'arquebuse'];
const fold = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

const context = await launch();
const graphql = [];
context.on('request', (request) => {
  if (new URL(request.url()).pathname === '/graphql') graphql.push({ method: request.method(), url: request.url(), body: request.postData() || '' });
});
const consoleErrors = [];
const watch = (page) => {
  page.setDefaultTimeout(10000);
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) consoleErrors.push(m.text()); });
  return page;
};

/** nearestSites from the address, asked of the API directly (POST): the order the page must show. */
async function apiOrder(address, first = 20) {
  const response = await fetch(`${BASE}/graphql`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: 'query($a: String!, $n: Int) { nearestSites(near: { address: $a }, first: $n) { edges { distanceMeters node { id } } } }', variables: { a: address, n: first } }),
  });
  const body = await response.json();
  assert(!body.errors, `nearestSites : ${JSON.stringify(body.errors)}`);
  return body.data.nearestSites.edges;
}

/** Tab from the top of the page to the search box. */
async function tabToSearch(page) {
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.classList.contains('sc-q'))) return;
  }
  throw new Error('le champ de recherche ne se rejoint pas au clavier');
}

const activeOption = (page) => page.evaluate(() => {
  const q = document.querySelector('.sc-q');
  const id = q.getAttribute('aria-activedescendant');
  return id ? document.getElementById(id)?.textContent : null;
});

const page = watch(await context.newPage());

await test('clavier seul : une adresse tapée vite, choisie, les lieux triés par distance depuis elle', async () => {
  await page.goto(`${BASE}/`);
  await tabToSearch(page);
  const before = graphql.length;
  const partial = '40 rue de la prefecture';
  await page.keyboard.type(partial, { delay: 35 });
  await page.getByRole('option', { name: /40 Rue de la Préfecture/ }).waitFor();
  await page.waitForFunction(() => /^\d+ propositions : flèches/.test(document.querySelector('.sc-choix-statut').textContent));
  const announced = await page.locator('.sc-choix-statut').textContent();
  await page.waitForTimeout(400);
  const suggestions = graphql.slice(before).filter((r) => r.body.includes('addresses('));
  assert(suggestions.length >= 1 && suggestions.length <= 2, `une requête par pause, pas une par touche : ${suggestions.length} requêtes pour ${partial.length} touches`);

  // Down, up (wraps to the last); Escape closes; the commune typed on narrows to one address.
  await page.keyboard.press('ArrowDown');
  assert(/^40 Rue de la Préfecture/.test(await activeOption(page)), `première proposition : ${await activeOption(page)}`);
  const count = await page.locator('.sc-choix [role=option]').count();
  assert(count >= 3, `plusieurs rues de la Préfecture attendues (Nevers, Lons-le-Saunier, Vesoul) : ${count}`);
  const activeId = () => page.locator('.sc-q').getAttribute('aria-activedescendant');
  assert((await activeId()).endsWith('-choix-0'), `Flèche bas ne va pas à la première proposition : ${await activeId()}`);
  await page.keyboard.press('ArrowUp');
  assert((await activeId()).endsWith(`-choix-${count - 1}`), `Flèche haut ne revient pas à la dernière proposition : ${await activeId()}`);
  const options = await page.locator('.sc-choix [role=option]').allInnerTexts();
  await page.keyboard.press('Escape');
  assert(await page.locator('.sc-q').getAttribute('aria-expanded') === 'false', 'Échap ne ferme pas les propositions');
  await page.keyboard.type(' nevers', { delay: 35 });
  await page.waitForFunction(() => document.querySelector('.sc-choix-statut').textContent.startsWith('1 proposition :'));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');

  await page.waitForFunction((label) => document.querySelector('.sc-statut').textContent.includes(`près de ${label}`), LABEL);
  const heading = await page.locator('.sc-titre-liste').textContent();
  assert(heading === `20 lieux près de ${LABEL}`, `titre des résultats : ${heading}`);
  const shown = await page.locator('.sc-ouvrir').evaluateAll((buttons) => buttons.map((b) => b.dataset.id));
  const expected = await apiOrder(TYPED);
  assert(JSON.stringify(shown) === JSON.stringify(expected.map((e) => e.node.id)), `ordre différent de nearestSites : ${shown.slice(0, 3)} / ${expected.slice(0, 3).map((e) => e.node.id)}`);
  const distances = expected.map((e) => e.distanceMeters);
  assert(distances.every((d, i) => i === 0 || d >= distances[i - 1]), 'les distances ne croissent pas');
  const first = await page.locator('.sc-lieu').first().innerText();
  assert(first.includes('Nevers'), `le premier lieu devrait être à Nevers : ${first.slice(0, 200)}`);

  // The search itself sent the address's point, never its text in a URL; the page's URL keeps nothing of it.
  const search = graphql.slice(before).find((r) => r.body.includes('nearestSites'));
  assert(search && JSON.parse(search.body).variables.near.point, `recherche envoyée : ${search?.body.slice(0, 200)}`);
  assert(graphql.every((r) => r.method === 'POST' && !new URL(r.url).search), 'une requête GraphQL autre qu\'un POST sans paramètres');
  assert(!SECRETS.some((s) => fold(decodeURIComponent(page.url())).includes(s)), `l'adresse est dans l'URL de la page : ${page.url()}`);

  // The desktop layout is unchanged: the map beside the list, no « Voir sur la carte ».
  assert(!(await page.locator('.sc-bascule').isVisible()), 'le bouton « Voir sur la carte » apparaît sur grand écran');
  const list = await page.locator('.sc-zone-liste').boundingBox();
  const map = await page.locator('.sc-carte').boundingBox();
  assert(map && map.width > 300 && map.x > list.x + list.width - 1, `la carte n'est plus à côté de la liste : ${JSON.stringify({ list, map })}`);
  await axe(page, 'adresse (grand écran)', { all: true });
  return { annonce: announced, propositions: options, requetes: suggestions.length, premier: first.split('\n')[0], titre: heading };
});

await test("sans index des adresses (ADDRESS_INDEX_EMPTY) : les communes, comme avant, sans message", async () => {
  const other = watch(await context.newPage());
  let refused = 0;
  await other.route(`${BASE}/graphql`, (route) => {
    if (!(route.request().postData() || '').includes('addresses(')) return route.continue();
    refused++;
    return route.fulfill({
      status: 200, contentType: 'application/json',
      body: JSON.stringify({ errors: [{ message: "L'index des adresses de ce serveur est vide : cherchez par commune ou code postal.", extensions: { code: 'ADDRESS_INDEX_EMPTY' } }], data: null }),
    });
  });
  await other.goto(`${BASE}/`);
  await tabToSearch(other);
  await other.keyboard.type('Autun', { delay: 35 });
  await other.getByRole('option', { name: /Autun/ }).first().waitFor();
  await other.keyboard.press('Backspace');
  await other.getByRole('option', { name: /Autun/ }).first().waitFor();
  await other.keyboard.press('ArrowDown');
  await other.keyboard.press('Enter');
  await other.waitForFunction(() => /lieux? près d'Autun/.test(document.querySelector('.sc-statut').textContent));
  assert(refused === 1, `l'index vide devrait être demandé une fois, puis plus : ${refused}`);
  assert(!(await other.locator('.sc-statut').getAttribute('class')).includes('sc-erreur'), 'un message d\'erreur est montré');
  await other.close();
  return { refus: refused };
});

await test('téléphone (375 px) : la liste d\'abord, la carte derrière « Voir sur la carte », le focus sur le titre des résultats', async () => {
  const phone = await launch({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const small = watch(await phone.newPage());
  await small.goto(`${BASE}/`);
  await tabToSearch(small);
  await small.keyboard.type('21 rue de l arquebuse autun', { delay: 35 });
  await small.getByRole('option', { name: /21 Rue de l'Arquebuse/ }).waitFor();
  await small.keyboard.press('ArrowDown');
  await small.keyboard.press('Enter');
  await small.waitForFunction(() => document.activeElement?.classList.contains('sc-titre-liste'));
  const heading = await small.evaluate(() => {
    const h = document.activeElement;
    const r = h.getBoundingClientRect();
    return { text: h.textContent, tag: h.tagName, top: r.top, height: r.height, inView: r.top >= 0 && r.bottom <= window.innerHeight };
  });
  assert(heading.text === "20 lieux près de 21 Rue de l'Arquebuse, Autun", `titre : ${heading.text}`);
  assert(heading.height > 0 && heading.inView, `le titre focalisé n'est pas visible à l'écran : ${JSON.stringify(heading)}`);
  assert(await small.locator('.sc-lieu').first().isVisible(), 'la liste ne vient pas d\'abord');
  assert(!(await small.locator('.sc-carte').isVisible()), 'la carte est montrée avant la liste');
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 0, `la page défile en largeur (${overflow} px de trop)`);
  if (SHOTS) await small.screenshot({ path: path.join(SHOTS, 'telephone-liste.png') });
  await axe(small, 'adresse (375 px, liste)', { all: true });

  // « Voir sur la carte » is just before the heading: Shift+Tab, Enter; then « Voir la liste » (and back).
  await small.keyboard.press('Shift+Tab');
  assert(await small.evaluate(() => document.activeElement?.textContent) === 'Voir sur la carte', 'le bouton « Voir sur la carte » ne précède pas la liste');
  await small.keyboard.press('Enter');
  await small.waitForFunction(() => document.activeElement?.textContent === 'Voir la liste');
  const map = await small.locator('.sc-carte').boundingBox();
  assert(map && map.width > 300 && map.height > 300, `la carte n'est pas montrée : ${JSON.stringify(map)}`);
  assert(!(await small.locator('.sc-zone-liste').isVisible()), 'la liste reste sous la carte');
  await small.waitForFunction(() => document.querySelectorAll('.sc-repere, .sc-grappe').length > 0);
  const markers = await small.locator('.sc-repere, .sc-grappe').count();
  if (SHOTS) await small.screenshot({ path: path.join(SHOTS, 'telephone-carte.png') });
  await axe(small, 'adresse (375 px, carte)', { all: true });
  await small.keyboard.press('Enter');
  await small.waitForFunction(() => document.activeElement?.textContent === 'Voir sur la carte');
  assert(await small.locator('.sc-lieu').first().isVisible() && !(await small.locator('.sc-carte').isVisible()), '« Voir la liste » ne revient pas à la liste');
  await small.close();
  return { titre: heading.text, reperes: markers, carte: map };
});

await test('sans JavaScript : /lieux cherche une adresse par le formulaire (POST), l\'adresse dans aucune URL', async () => {
  const noJs = await launch({ javaScriptEnabled: false });
  const plain = watch(await noJs.newPage());
  await plain.goto(`${BASE}/lieux`);
  await plain.getByLabel('Votre adresse, votre commune ou votre code postal').fill(TYPED);
  await plain.getByRole('button', { name: 'Chercher' }).click();
  const title = plain.locator('h2#resultats');
  await title.waitFor();
  assert((await title.innerText()) === `20 lieux près de ${LABEL}`, `titre : ${await title.innerText()}`);
  assert(plain.url() === `${BASE}/lieux`, `l'adresse de la page a changé : ${plain.url()}`);
  const ids = await plain.locator('ol.lieux h3 a').evaluateAll((links) => links.map((a) => decodeURIComponent(a.getAttribute('href').slice('/lieu/'.length))));
  const expected = (await apiOrder(TYPED)).map((e) => e.node.id);
  assert(JSON.stringify(ids) === JSON.stringify(expected), 'ordre différent de nearestSites');
  await plain.getByRole('button', { name: 'Voir plus de lieux' }).click();
  await plain.waitForFunction(() => document.querySelectorAll('ol.lieux > li').length === 40);
  assert(plain.url() === `${BASE}/lieux`, `« Voir plus » a mis la recherche dans l'URL : ${plain.url()}`);
  // axe runs in the page's JavaScript: the same search, posted from the page with JavaScript.
  const withJs = watch(await context.newPage());
  await withJs.goto(`${BASE}/lieux`);
  await withJs.locator('#q').fill(TYPED);
  await withJs.keyboard.press('Enter');
  await withJs.locator('h2#resultats').waitFor();
  await axe(withJs, 'page /lieux (adresse)', { all: true });
  await withJs.close();
  return { lieux: ids.length };
});

await test('/lieux avec JavaScript : la même case propose les adresses ; une adresse est envoyée par le formulaire, une commune ouvre sa page', async () => {
  const lieux = watch(await context.newPage());
  await lieux.goto(`${BASE}/lieux`);
  await lieux.locator('#q').focus();
  await lieux.keyboard.type(TYPED, { delay: 35 });
  await lieux.getByRole('option', { name: /40 Rue de la Préfecture/ }).waitFor();
  assert(/^1 proposition : flèches/.test(await lieux.locator('.lieux-combo [role=status]').textContent()), 'le nombre de propositions n\'est pas annoncé');
  await lieux.keyboard.press('ArrowDown');
  await lieux.keyboard.press('Enter');
  await lieux.waitForFunction((label) => document.querySelector('h2#resultats')?.textContent === `20 lieux près de ${label}`, LABEL);
  assert(lieux.url() === `${BASE}/lieux`, `l'adresse de la page a changé : ${lieux.url()}`);
  await axe(lieux, 'page /lieux (adresse, avec JavaScript)', { all: true });
  await lieux.locator('#q').fill('');
  await lieux.locator('#q').focus();
  await lieux.keyboard.type('Autun', { delay: 35 });
  await lieux.getByRole('option', { name: /Autun/ }).first().waitFor();
  await lieux.keyboard.press('ArrowDown');
  await lieux.keyboard.press('Enter');
  await lieux.waitForURL(/commune=71014/);
  assert((await lieux.locator('h2#resultats').innerText()).includes("près d'Autun"), 'la commune choisie ne donne pas ses lieux');
  await lieux.close();
});

await test('aucune requête ne quitte 127.0.0.1, aucune URL ne porte une adresse, aucune erreur JavaScript', async () => {
  const outside = requests.filter((u) => !u.startsWith(allowedOrigin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert(new URL(allowedOrigin).hostname === '127.0.0.1', `serveur inattendu : ${allowedOrigin}`);
  assert(requests.length > 10, `trop peu de requêtes observées (${requests.length})`);
  assert(outside.length === 0, `requêtes vers l'extérieur : ${outside.slice(0, 5).join(', ')}`);
  const leaking = requests.filter((u) => SECRETS.some((s) => fold(decodeURIComponent(u)).includes(s)));
  assert(leaking.length === 0, `une adresse dans une URL : ${leaking.slice(0, 3).join(', ')}`);
  assert(consoleErrors.length === 0, `erreurs JavaScript : ${consoleErrors.join(' | ')}`);
  return { requetes: requests.length, graphql: graphql.length };
});

await finish();
