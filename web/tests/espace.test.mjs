// The whole mediator flow in chromium (issue 6): an invitation link made by the xunit side
// (ESPACE_INVITATION, for the account ESPACE_EMAIL, mediator of the place ESPACE_LIEU), choose a password,
// log out and in again, see my place, edit its hours with the live preview, keyboard only, save, add a
// session, see it in search, see the history entry. axe-core must find no violation at all on each
// /espace page. Prints « RESULT {json} » lines like browser.test.mjs (shared code: kit.mjs).
import path from 'node:path';
import { BASE, SHOTS, allowedOrigin, requests, launch, assert, test, axe, finish } from './kit.mjs';

const INVITATION = process.env.ESPACE_INVITATION || '';
const EMAIL = process.env.ESPACE_EMAIL || '';
const PLACE = process.env.ESPACE_LIEU || '';
if (!INVITATION || !EMAIL || !PLACE) {
  console.error('ESPACE_INVITATION, ESPACE_EMAIL et ESPACE_LIEU sont nécessaires (le test xunit EspaceBrowserTests les donne).');
  process.exit(2);
}
const PASSWORD = 'une phrase de passe pour le test';
const HOURS = 'Mo-Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00';
const TITLE = 'Premiers pas sur tablette (test)';

const context = await launch();
const page = await context.newPage();
page.setDefaultTimeout(10000);
const problems = [];
page.on('pageerror', (e) => problems.push(String(e)));
// A refused form is a 4xx page on purpose (400, 409): chromium logs it as a failed load, which is no problem.
page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(m.text()); });
const previewQueries = [];
context.on('request', (request) => {
  if (request.url().endsWith('/graphql') && request.method() === 'POST') previewQueries.push({ body: request.postData() || '', cookie: request.headers().cookie || '' });
});

const text = (selector) => page.locator(selector).first().innerText();

await test('invitation : choisir son mot de passe, arriver connecté sur « Mes lieux »', async () => {
  await page.goto(INVITATION);
  assert(new URL(page.url()).pathname === '/espace/invitation', `adresse inattendue : ${page.url()}`);
  await axe(page, '/espace/invitation', { all: true });
  await page.getByLabel('Mot de passe', { exact: false }).first().fill(PASSWORD);
  await page.getByLabel('Le même mot de passe, une seconde fois').fill(PASSWORD + ' mais autre');
  await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
  // The mismatch: the summary receives the focus (espace.js) and leads to the field.
  await page.waitForFunction(() => document.activeElement?.id === 'erreurs', null, { timeout: 3000 })
    .catch(() => { throw new Error('le résumé des erreurs n\'a pas reçu le focus'); });
  assert((await page.title()).startsWith('Erreur : '), `titre sans « Erreur » : ${await page.title()}`);
  await axe(page, '/espace/invitation (erreur)', { all: true });
  await page.getByLabel('Mot de passe', { exact: false }).first().fill(PASSWORD);
  await page.getByLabel('Le même mot de passe, une seconde fois').fill(PASSWORD);
  await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
  await page.waitForURL((u) => u.pathname === '/espace');
  assert((await text('h1')) === 'Mes lieux', `titre : ${await text('h1')}`);
  assert((await text('.succes')).includes('Votre mot de passe est enregistré'), 'pas de confirmation');
  assert(await page.locator(`a[href="/espace/lieu/${PLACE}"]`).count() === 1, 'mon lieu n\'est pas dans la liste');
  const cookies = await context.cookies(`${BASE}/espace`);
  const session = cookies.find((c) => c.name === 'scoran_espace');
  assert(session && session.httpOnly && session.sameSite === 'Strict' && session.path === '/espace', `cookie : ${JSON.stringify(session)}`);
  assert(await page.evaluate(() => document.cookie) === '', 'un cookie est lisible par JavaScript');
  await axe(page, '/espace', { all: true });
  return { cookie: { httpOnly: session.httpOnly, sameSite: session.sameSite, path: session.path } };
});

await test('déconnexion puis connexion avec l\'adresse et le mot de passe', async () => {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL((u) => u.pathname === '/espace/connexion');
  assert((await text('.succes')).includes('déconnecté'), 'pas de message de déconnexion');
  await axe(page, '/espace/connexion', { all: true });
  await page.goto(`${BASE}/espace`);
  assert(new URL(page.url()).pathname === '/espace/connexion', 'sans connexion, /espace devrait mener à la connexion');
  await page.getByLabel('Adresse électronique').fill(EMAIL);
  await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.locator('#erreurs').waitFor();
  assert((await text('#erreurs')).includes('adresse ou mot de passe incorrect'), `message : ${await text('#erreurs')}`);
  await axe(page, '/espace/connexion (erreur)', { all: true });
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((u) => u.pathname === '/espace');
  return null;
});

await test('modifier les horaires au clavier seul : aperçu en direct, erreur et suggestion, enregistrement', async () => {
  await page.locator(`a[href="/espace/lieu/${PLACE}"]`).click();
  await page.waitForURL((u) => u.pathname === `/espace/lieu/${PLACE}`);
  await axe(page, '/espace/lieu/{id}', { all: true });
  assert(await page.locator('#horaires-apercu').getAttribute('aria-live') === 'polite', 'l\'aperçu n\'est pas une zone aria-live');

  // Keyboard only, from the top of the page: the skip link first, then every control of the form in order,
  // each with a label and a visible focus, up to the hours field.
  await page.keyboard.press('Tab');
  assert(await page.evaluate(() => document.activeElement?.textContent) === 'Aller au contenu', 'le lien d\'évitement n\'est pas le premier arrêt');
  await page.keyboard.press('Enter');
  let stops = 0;
  const unlabelled = [];
  for (; stops < 400; stops++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      const name = el.labels?.[0]?.textContent || el.getAttribute('aria-label') || el.textContent || '';
      return { id: el.id, tag: el.tagName, name: name.trim(), outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    if (!focused.outline) throw new Error(`focus invisible sur ${focused.tag}#${focused.id}`);
    if (!focused.name) unlabelled.push(`${focused.tag}#${focused.id}`);
    if (focused.id === 'champ-horaires') break;
  }
  assert(unlabelled.length === 0, `sans nom accessible : ${unlabelled.join(', ')}`);
  assert(await page.evaluate(() => document.activeElement?.id) === 'champ-horaires', 'le champ des horaires n\'a pas été atteint au clavier');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Mo-Fr 9h-12h');
  await page.waitForFunction(() => /pas compris/.test(document.getElementById('horaires-apercu').textContent));
  const invalid = await text('#horaires-apercu');
  assert(/Suggestion/.test(invalid), `pas de suggestion : ${invalid}`);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(HOURS);
  await page.waitForFunction(() => /samedi .* : 10 h – 12 h/.test(document.getElementById('horaires-apercu').textContent));
  const preview = await text('#horaires-apercu');
  assert(/lundi .* : 9 h – 12 h et 14 h – 17 h/.test(preview) && /dimanche .* : fermé/.test(preview), `aperçu : ${preview}`);
  const calls = previewQueries.filter((q) => q.body.includes('validateOpeningHours'));
  assert(calls.length >= 2 && calls.length <= 6, `le champ devrait être vérifié après une pause de la frappe, pas à chaque touche (${calls.length} requêtes)`);
  assert(calls.every((q) => q.cookie === ''), 'un cookie est parti avec la requête d\'aperçu');
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'espace-lieu.png'), fullPage: false });

  // Then on to the submit button, still by keyboard.
  for (let more = 0; more < 400; more++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.textContent) === 'Enregistrer les modifications') break;
  }
  assert(await page.evaluate(() => document.activeElement?.textContent) === 'Enregistrer les modifications', 'le bouton d\'enregistrement n\'a pas été atteint au clavier');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.has('enregistre'));
  assert((await text('.succes')).includes('Modifications enregistrées'), 'pas de confirmation');
  assert(await page.locator('#champ-horaires').inputValue() === HOURS, 'les horaires ne sont pas enregistrés');
  await axe(page, '/espace/lieu/{id} (enregistré)', { all: true });
  return { arrets: stops + 1, apercus: calls.length };
});

await test('ajouter une offre et une séance, les voir dans la recherche', async () => {
  await page.getByRole('link', { name: 'Ateliers et séances' }).click();
  await page.waitForURL((u) => u.pathname === `/espace/lieu/${PLACE}/ateliers`);
  await axe(page, '/espace/lieu/{id}/ateliers', { all: true });
  await page.getByLabel('Titre').fill(TITLE);
  await page.getByLabel('En quelques mots').fill('Allumer, toucher, écrire un message.');
  await page.getByRole('checkbox', { name: 'Maîtrise des outils numériques du quotidien' }).check();
  await page.getByRole('button', { name: 'Créer l\'offre' }).click();
  await page.waitForURL((u) => u.searchParams.get('ok') === 'offre');
  const day = new Date(Date.now() + 5 * 86400000);
  const iso = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
  const form = page.locator('form.seance', { hasText: TITLE });
  await form.getByLabel('Date').fill(iso);
  await form.getByLabel('Début').fill('14:00');
  await form.getByLabel('Fin').fill('16:00');
  await form.getByLabel('Nombre de places').fill('8');
  await form.getByRole('button', { name: 'Ajouter la séance' }).click();
  await page.waitForURL((u) => u.searchParams.get('ok') === 'seance');
  const offer = await page.locator('section.offre', { hasText: TITLE }).innerText();
  assert(/14 h – 16 h/.test(offer) && /8 sur 8/.test(offer), `séance absente : ${offer}`);
  await axe(page, '/espace/lieu/{id}/ateliers (séance ajoutée)', { all: true });

  // In search: the public page's « Prochains ateliers », and upcomingSessions near the place.
  await page.goto(`${BASE}/lieu/${PLACE}`);
  const upcoming = await page.locator('main').innerText();
  assert(upcoming.includes('Prochains ateliers') && upcoming.includes(TITLE), 'la séance n\'est pas dans « Prochains ateliers »');
  const found = await page.evaluate(async ({ place, title }) => {
    const site = await (await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: 'query($id: ID!) { site(id: $id) { location { latitude longitude } } }', variables: { id: place } }) })).json();
    const point = site.data.site.location;
    const r = await (await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: 'query($p: GeoPointInput!) { upcomingSessions(near: { point: $p, radiusKm: 1 }, first: 50) { nodes { offer { title } site { id } } } }', variables: { p: point } }) })).json();
    return r.data.upcomingSessions.nodes.some((n) => n.offer.title === title && n.site.id === place);
  }, { place: PLACE, title: TITLE });
  assert(found, 'upcomingSessions ne trouve pas la séance près du lieu');
  return { date: iso };
});

await test('historique : qui, quand, horaires avant → après', async () => {
  await page.goto(`${BASE}/espace/lieu/${PLACE}/historique`);
  await axe(page, '/espace/lieu/{id}/historique', { all: true });
  const newest = await page.locator('ol.historique > li').first().innerText();
  assert(newest.startsWith('Modification — ') && newest.includes('Par vous.'), `dernière entrée : ${newest}`);
  const row = await page.locator('ol.historique > li').first().locator('tr', { hasText: 'Horaires d\'ouverture' }).innerText();
  assert(row.includes(HOURS), `ligne des horaires : ${row}`);
  assert(!(await page.locator('main').innerText()).includes(EMAIL), 'l\'adresse du compte apparaît dans l\'historique');
  return { entree: newest.split('\n')[0] };
});

await test('aucune requête hors du serveur local, aucune erreur JavaScript ni de CSP, pages no-store', async () => {
  const outside = requests.filter((u) => !u.startsWith(allowedOrigin + '/') && !u.startsWith('data:'));
  assert(outside.length === 0, `requêtes vers l'extérieur : ${outside.slice(0, 5).join(', ')}`);
  assert(problems.length === 0, `erreurs dans la console : ${problems.join(' | ')}`);
  const response = await page.goto(`${BASE}/espace`);
  const headers = response.headers();
  assert(headers['cache-control'] === 'no-store' && /noindex/.test(headers['x-robots-tag'] || ''), `en-têtes : ${JSON.stringify(headers)}`);
  // The script-src directive itself (not a prefix of the header, not a neighbouring directive): 'self', never 'unsafe-inline'.
  const csp = headers['content-security-policy'] || '';
  const scriptSrc = csp.split(';').map((d) => d.trim().split(/\s+/)).find((d) => d[0] === 'script-src') || [];
  assert(scriptSrc.includes("'self'") && !scriptSrc.includes("'unsafe-inline'"), `CSP des scripts relâchée : ${csp}`);
  return { requetes: requests.length };
});

await finish();
