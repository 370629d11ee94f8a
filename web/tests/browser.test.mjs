// Browser tests of the citizen pages, the widget and /integrer, in Debian's chromium driven by
// playwright-core. The server must already run: BASE_URL=http://127.0.0.1:PORT.
// Prints one line « RESULT {json} » per test and exits 1 when one fails.
// SCREENSHOTS=dir saves the README's screenshots there.
import path from 'node:path';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { BASE, SHOTS, allowedOrigin, requests, axeFigures, launch, assert, test, axe, finish } from './kit.mjs';

const context = await launch({ geolocation: { latitude: 46.9512345, longitude: 4.2987654 }, permissions: ['geolocation'] });
let noJsContext = null;
async function noJsPage() {
  noJsContext ??= await launch({ javaScriptEnabled: false });
  return noJsContext.newPage();
}
const graphqlBodies = [];
context.on('request', (request) => {
  if (request.url().endsWith('/graphql') && request.method() === 'POST') graphqlBodies.push(request.postData() || '');
});

const page = await context.newPage();
page.setDefaultTimeout(10000);
const consoleErrors = [];
page.on('pageerror', (e) => consoleErrors.push(String(e)));
// The pages' Content-Security-Policy must not block anything the widget does.
page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) consoleErrors.push(m.text()); });
const statut = page.locator('.sc-statut').first();

await test('accueil : chercher une commune par autocomplétion (Autun)', async () => {
  await page.goto(`${BASE}/`);
  await page.getByRole('combobox', { name: 'Votre commune ou votre code postal' }).fill('Autun');
  const option = page.getByRole('option', { name: /Autun/ }).first();
  await option.waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /lieux? près d'Autun/.test(document.querySelector('.sc-statut').textContent));
  const items = page.locator('.sc-lieu');
  const count = await items.count();
  assert(count === 20, `20 lieux attendus dans la liste, ${count} trouvés`);
  const first = await items.first().innerText();
  assert(/à moins de 100 m|à \d+ m|à [\d,]+ km/.test(first), `la distance manque : ${first}`);
  assert(/Ouvert maintenant|Fermé|Sur rendez-vous|Horaires non renseignés/.test(first), `l'ouverture manque : ${first}`);
  const markers = await page.locator('.sc-repere, .sc-grappe').count();
  assert(markers > 0, 'aucun repère sur la carte');
  assert(new URL(page.url()).searchParams.get('commune') === '71014', `l'adresse de la page ne garde pas la commune : ${page.url()}`);
  return { lieux: count, reperes: markers };
});

let filteredCount = 0;
await test('filtres : un service et un jour d\'ouverture', async () => {
  await page.locator('.sc-filtres summary').click();
  await page.getByRole('checkbox', { name: 'Aide aux démarches administratives' }).check();
  await page.waitForFunction(() => /avec vos filtres/.test(document.querySelector('.sc-statut').textContent));
  const items = page.locator('.sc-lieu');
  for (const text of await items.allInnerTexts()) {
    assert(text.includes('Aide aux démarches administratives'), `un lieu sans le service filtré : ${text.slice(0, 120)}`);
  }
  // A weekday of the coming week: Monday to Friday, not today (the hours of today may be over).
  const day = await page.evaluate(() => {
    const options = [...document.querySelectorAll('select[name=jour] option')];
    return options.slice(1).map((o) => o.value).find((v) => ![0, 6].includes(new Date(`${v}T12:00:00Z`).getUTCDay()));
  });
  await page.getByLabel("Jour d'ouverture").selectOption(day);
  await page.waitForFunction(() => document.querySelector('.sc-nb-filtres').textContent.includes('2 actifs'));
  await page.waitForFunction(() => /avec vos filtres/.test(document.querySelector('.sc-statut').textContent));
  filteredCount = await items.count();
  assert(filteredCount > 0, 'aucun lieu ouvert ce jour-là avec ce service');
  const status = await statut.innerText();
  return { jour: day, lieux: filteredCount, statut: status };
});

await test('fiche d\'un lieu : horaires, contact, itinéraire, signalement, source', async () => {
  const button = page.locator('.sc-ouvrir').first();
  const name = await button.innerText();
  await button.click();
  const heading = page.locator('.sc-detail-nom');
  await heading.waitFor();
  assert((await heading.innerText()) === name, 'la fiche ne montre pas le lieu choisi');
  assert(await page.evaluate(() => document.activeElement?.classList.contains('sc-detail-nom')), 'le focus ne va pas au titre de la fiche');
  const detail = page.locator('.sc-detail');
  const text = await detail.innerText();
  for (const expected of ['Adresse', 'Horaires', 'Mises à jour le', 'Source :', "On peut vous aider pour", 'Aide aux démarches administratives']) {
    assert(text.includes(expected), `« ${expected} » manque dans la fiche`);
  }
  assert(await detail.locator('tr[aria-current="date"]').count() === 1, "aujourd'hui n'est pas mis en avant dans les horaires");
  assert(await detail.locator('a[href^="geo:"]').count() === 1, "le lien d'itinéraire geo: manque");
  assert(await detail.getByRole('link', { name: 'Signaler une erreur sur ce lieu' }).count() === 1, 'le lien « Signaler une erreur » manque');
  const own = await detail.getByRole('link', { name: /Page de ce lieu/ }).getAttribute('href');
  assert(new URL(page.url()).searchParams.get('lieu'), "l'adresse de la page ne garde pas le lieu ouvert");
  await page.getByRole('button', { name: '← Retour à la liste' }).click();
  assert(await page.evaluate((n) => document.activeElement?.textContent === n, name), 'le focus ne revient pas sur le lieu dans la liste');
  return { lieu: name, page: own };
});

await test('page d\'un lieu (/lieu/{id}) lisible sans JavaScript', async () => {
  const href = await page.locator('.sc-ouvrir').first().getAttribute('data-id');
  const target = await noJsPage();
  await target.goto(`${BASE}/lieu/${encodeURIComponent(href)}`);
  const text = await target.locator('main').innerText();
  assert(/Horaires/.test(text) && /Adresse/.test(text) && /Signaler une erreur/.test(text), 'la page du lieu est incomplète');
  await target.close();
  // axe runs in the page's JavaScript: the same page, in the browser with JavaScript.
  const withJs = await context.newPage();
  await withJs.goto(`${BASE}/lieu/${encodeURIComponent(href)}`);
  await axe(withJs, 'page /lieu');
  await withJs.close();
  return { id: href };
});

await test('axe-core : accueil avec résultats et fiche ouverte', async () => {
  await axe(page, 'accueil (liste)');
  await page.locator('.sc-ouvrir').first().click();
  await page.locator('.sc-detail-nom').waitFor();
  await axe(page, 'accueil (fiche)');
  await page.getByRole('button', { name: '← Retour à la liste' }).click();
  return axeFigures;
});

const WORKSHOP_LINE = /^Prochain atelier : (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (1er|\d{1,2}) [a-zéû]+ à \d{1,2} h( \d\d)? — .+/;
let workshopPlace = null;
await test('ateliers : filtre des 14 prochains jours, prochain atelier dans la liste, « Prochains ateliers » dans la fiche (Chenôve)', async () => {
  await page.goto(`${BASE}/?commune=21166`);
  await page.waitForFunction(() => /lieux? près de Chenôve/.test(document.querySelector('.sc-statut').textContent));
  const before = await page.locator('.sc-lieu').count();
  await page.locator('.sc-filtres summary').click();
  await page.getByRole('checkbox', { name: 'Avec un atelier dans les 14 prochains jours' }).check();
  await page.waitForFunction(() => /avec vos filtres/.test(document.querySelector('.sc-statut').textContent));
  const items = page.locator('.sc-lieu');
  const count = await items.count();
  assert(count > 0 && count < before, `le filtre des ateliers devrait garder quelques lieux sur ${before} (${count} gardés)`);
  const lines = await page.locator('.sc-lieu .sc-prochain-atelier').allInnerTexts();
  assert(lines.length === count, `chaque lieu gardé devrait annoncer son prochain atelier (${lines.length} sur ${count})`);
  for (const line of lines) assert(WORKSHOP_LINE.test(line), `prochain atelier mal écrit : ${line}`);
  const first = await items.first().innerText();
  assert(first.includes('Chenôve') && /Premiers pas sur smartphone, \d+ places?/.test(first), `le premier lieu devrait être à Chenôve avec son atelier et ses places : ${first.slice(0, 300)}`);
  assert(new URL(page.url()).searchParams.get('ateliers') === '14', `l'adresse de la page ne garde pas le filtre des ateliers : ${page.url()}`);

  await page.locator('.sc-ouvrir').first().click();
  const detail = page.locator('.sc-detail');
  await detail.getByRole('heading', { name: 'Prochains ateliers' }).waitFor();
  const sessions = detail.locator('.sc-atelier');
  const n = await sessions.count();
  assert(n >= 1 && n <= 4, `de 1 à 4 séances attendues dans la fiche, ${n} trouvées`);
  const text = await sessions.first().innerText();
  for (const expected of ['Exemple — Premiers pas sur smartphone', 'Exemple (pas une vraie annonce)', '(2 h)', 'Gratuit sous condition : Gratuit avec un Pass numérique', 'Atelier en groupe, sur place', "Inscription : sur place, à l'accueil du lieu."]) {
    assert(text.includes(expected), `« ${expected} » manque dans la séance : ${text}`);
  }
  assert(/^(Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche) (1er|\d{1,2}) [a-zéû]+ à 10 h \(2 h\) · (\d+ places?|complet)$/m.test(text), `date, durée ou places mal écrites : ${text}`);
  const agenda = detail.getByRole('link', { name: 'Ajouter à mon agenda' });
  const href = await agenda.getAttribute('href');
  workshopPlace = await page.locator('.sc-detail-nom').innerText();
  const id = new URL(page.url()).searchParams.get('lieu');
  assert(href === `${BASE}/calendar/${encodeURIComponent(id)}.ics`, `lien d'agenda inattendu : ${href}`);
  const ics = await page.request.get(href);
  assert(ics.ok() && /text\/calendar/.test(ics.headers()['content-type'] || ''), `le calendrier ne répond pas en text/calendar (${ics.status()})`);
  assert((await ics.text()).includes('Premiers pas sur smartphone'), "le calendrier du lieu n'a pas son atelier");
  await axe(page, 'accueil (fiche avec ateliers)');

  // The same filter read back from the address of the page.
  await page.goto(`${BASE}/?commune=21166&ateliers=14`);
  await page.waitForFunction(() => /avec vos filtres/.test(document.querySelector('.sc-statut').textContent));
  assert(await page.locator('input[name=ateliers]').isChecked(), "le paramètre ateliers=14 ne coche pas le filtre");
  assert(await page.locator('.sc-lieu').count() === count, 'le paramètre ateliers=14 ne donne pas les mêmes lieux que le filtre');
  return { avant: before, avecAtelier: count, seances: n, premier: lines[0] };
});

await test('ateliers sans JavaScript : /lieux?ateliers=14 et « Prochains ateliers » de /lieu/{id}', async () => {
  const target = await noJsPage();
  await target.goto(`${BASE}/lieux?commune=21166`);
  await target.getByRole('checkbox', { name: 'Avec un atelier dans les 14 prochains jours' }).check();
  await target.getByRole('button', { name: 'Chercher' }).click();
  await target.waitForURL(/ateliers=14/);
  const items = target.locator('ol.lieux > li');
  const count = await items.count();
  const lines = await target.locator('ol.lieux .prochain-atelier').allInnerTexts();
  assert(count > 0 && lines.length === count, `chaque lieu de la liste filtrée devrait annoncer son atelier (${lines.length} sur ${count})`);
  for (const line of lines) assert(WORKSHOP_LINE.test(line), `prochain atelier mal écrit : ${line}`);
  await items.first().getByRole('link').click();
  const main = target.locator('main');
  await main.getByRole('heading', { name: 'Prochains ateliers' }).waitFor();
  const text = await main.innerText();
  assert(text.includes('Exemple (pas une vraie annonce)') && text.includes('Premiers pas sur smartphone'), "l'atelier d'exemple ou sa mention manque sur la page du lieu");
  assert(await main.getByRole('link', { name: 'Ajouter à mon agenda' }).count() === 1, "le lien « Ajouter à mon agenda » manque");
  const url = target.url();
  await target.close();
  const withJs = await context.newPage();
  await withJs.goto(url);
  await axe(withJs, 'page /lieu (ateliers)');
  await withJs.close();
  return { lieux: count, page: url };
});

await test('clavier seul : tabulation, code postal, Entrée, ouverture d\'une fiche', async () => {
  await page.goto(`${BASE}/`);
  let reached = false;
  // Skip link, the site's name, the language menu (6 languages), the main menu (4 links), then the search.
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.classList.contains('sc-q'));
  }
  assert(reached, 'le champ de recherche ne se rejoint pas au clavier');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert(outline !== 'none', 'le focus du champ n\'est pas visible');
  await page.keyboard.type('21000');
  await page.getByRole('option', { name: /Dijon/ }).first().waitFor();
  await page.keyboard.press('Enter'); // without choosing: the form searches the first commune
  await page.waitForFunction(() => /lieux? près de Dijon/.test(document.querySelector('.sc-statut').textContent));
  // Tab onwards to the first place of the list and open it with Enter.
  let onPlace = false;
  for (let i = 0; i < 40 && !onPlace; i++) {
    await page.keyboard.press('Tab');
    onPlace = await page.evaluate(() => document.activeElement?.classList.contains('sc-ouvrir'));
  }
  assert(onPlace, 'aucun lieu de la liste ne se rejoint au clavier');
  await page.keyboard.press('Enter');
  await page.locator('.sc-detail-nom').waitFor();
  assert(await page.evaluate(() => document.activeElement?.classList.contains('sc-detail-nom')), 'Entrée n\'ouvre pas la fiche');
});

await test('« Utiliser ma position » : position arrondie, jamais dans l\'adresse de la page', async () => {
  await page.goto(`${BASE}/`);
  graphqlBodies.length = 0;
  await page.getByRole('button', { name: 'Utiliser ma position' }).click();
  await page.waitForFunction(() => /lieux? près de votre position/.test(document.querySelector('.sc-statut').textContent));
  const sent = graphqlBodies.find((b) => b.includes('"point"'));
  assert(sent, 'aucune recherche par position envoyée');
  const point = JSON.parse(sent).variables.near.point;
  assert(point.latitude === 46.951 && point.longitude === 4.299, `position non arrondie : ${JSON.stringify(point)}`);
  assert(!page.url().includes('46.95'), "la position apparaît dans l'adresse de la page");
  return point;
});

await test('liste simple sans JavaScript (/lieux?commune=21231)', async () => {
  const target = await noJsPage();
  await target.goto(`${BASE}/lieux?commune=21231`);
  const count = await target.locator('ol.lieux > li').count();
  assert(count === 20, `20 lieux attendus, ${count} trouvés`);
  assert((await target.locator('h2#resultats').innerText()).includes('Dijon'), 'le titre ne nomme pas la commune');
  await target.close();
  const withJs = await context.newPage();
  await withJs.goto(`${BASE}/lieux?commune=21231`);
  await axe(withJs, 'page /lieux');
  await withJs.close();
  return { lieux: count };
});

await test('/integrer : intercommunalité, aperçu et code à copier', async () => {
  await page.goto(`${BASE}/integrer`);
  await page.getByRole('radio', { name: 'Une intercommunalité' }).check();
  await page.getByRole('combobox').first().fill('autun');
  await page.getByRole('option', { name: /Grand Autunois/ }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByRole('checkbox', { name: 'Aide aux démarches administratives' }).check();
  const code = await page.locator('#extrait').innerText();
  assert(code.includes('territoire-type="epci"') && code.includes('territoires="200070530"'), `code à copier incorrect : ${code}`);
  assert(code.includes('services="Aide aux démarches administratives"'), `le service manque dans le code : ${code}`);
  assert(code.includes(`src="${allowedOrigin}/widget/scoran-carte.js"`), `le script manque dans le code : ${code}`);
  await page.waitForFunction(() => /dans l'intercommunalité CC du Grand Autunois Morvan/.test(document.querySelector('#apercu .sc-statut').textContent));
  const previewCount = await page.locator('#apercu .sc-lieu').count();
  assert(previewCount > 0, "l'aperçu ne montre aucun lieu");
  await page.getByRole('button', { name: 'Copier le code' }).click();
  await page.waitForFunction(() => document.querySelector('#copie-etat').textContent.length > 0);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'integrer.png'), fullPage: true });
  await axe(page, '/integrer');
  await page.getByRole('checkbox', { name: 'Seulement les lieux avec un atelier dans les 14 prochains jours' }).check();
  const withWorkshops = await page.locator('#extrait').innerText();
  assert(withWorkshops.includes('ateliers="14"'), `le filtre des ateliers manque dans le code : ${withWorkshops}`);
  assert(new URL(await page.locator('#lien-direct').getAttribute('href'), BASE).searchParams.get('ateliers') === '14', 'le filtre des ateliers manque dans le lien direct');
  return { apercu: previewCount };
});

await test('widget intégré avec les paramètres de la Cartographie nationale', async () => {
  await page.goto(`${BASE}/?territoire_type=commune&territoires=21231&services=${encodeURIComponent('Aide aux démarches administratives')}`);
  await page.waitForFunction(() => /lieux? à Dijon/.test(document.querySelector('.sc-statut').textContent));
  const texts = await page.locator('.sc-lieu').allInnerTexts();
  assert(texts.length > 0, 'aucun lieu dans Dijon');
  assert(texts.every((t) => t.includes('21000') || t.includes('Dijon')), 'un lieu hors de Dijon dans la liste du territoire');
  assert(await page.locator('input[name=services][value=AIDE_AUX_DEMARCHES_ADMINISTRATIVES]').isChecked(), 'le filtre services n\'est pas repris');
  return { lieux: texts.length };
});

// The README's embed example, pasted as is into a municipality's page: the map shows places. Then the example
// the audit tried (Chenôve with « Gratuit », which no place of the seed declares): the widget says so, names the
// filters, shows the places without them and offers to remove them.
await test('exemple du README collé dans une page : des lieux, et des filtres qui ne retiennent rien', async () => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const snippet = readme.match(/```html\n(<script src="https:\/\/ADRESSE-DU-SERVEUR[\s\S]*?)```/)[1].replaceAll('https://ADRESSE-DU-SERVEUR', BASE);
  const embed = await context.newPage();
  embed.setDefaultTimeout(15000);
  await embed.setContent(`<!doctype html><html lang="fr"><head><title>Mairie</title></head><body><h1>Aide au numérique</h1>${snippet}</body></html>`);
  const status = embed.locator('.sc-statut');
  await embed.waitForFunction(() => /\d+ lieux? dans l'intercommunalité/.test(document.querySelector('.sc-statut')?.textContent || ''));
  const count = await embed.locator('.sc-lieu').count();
  assert(count > 0, `aucun lieu avec l'exemple du README : ${await status.innerText()}`);
  const texts = await embed.locator('.sc-lieu').allInnerTexts();
  assert(texts.every((t) => t.includes('Aide aux démarches administratives')), 'un lieu sans le service de l\'exemple');

  await embed.setContent(`<!doctype html><html lang="fr"><head><title>Chenôve</title></head><body>
    <script src="${BASE}/widget/scoran-carte.js" defer></script>
    <scoran-carte territoire-type="commune" territoires="21166" services="Aide aux démarches administratives" frais-a-charge="Gratuit"></scoran-carte></body></html>`);
  await embed.waitForFunction(() => /vos filtres/.test(document.querySelector('.sc-statut')?.textContent || ''));
  const relaxed = await status.innerText();
  assert(/^Aucun lieu à Chenôve ni alentour ne correspond à vos filtres \(« Aide aux démarches administratives », « Gratuit »\)\. Voici les \d+ lieux à Chenôve, sans ces filtres : appelez avant de venir pour vérifier, ou effacez les filtres\./.test(relaxed), `statut : ${relaxed}`);
  const shown = await embed.locator('.sc-lieu').count();
  assert(shown > 0, 'aucun lieu montré sans les filtres');
  const button = embed.locator('.sc-sans-filtres button');
  assert(await button.isVisible(), 'pas de bouton « Effacer les filtres » visible');
  await button.click();
  await embed.waitForFunction(() => /^\d+ lieux? à Chenôve\.$/.test(document.querySelector('.sc-statut')?.textContent || ''));
  assert(await embed.locator('.sc-sans-filtres').isHidden(), 'le bouton reste après avoir effacé les filtres');
  assert(!(await embed.locator('input[name=frais]').isChecked()), 'le filtre « Gratuit » reste coché');
  await axe(embed, 'exemple du README, filtres sans résultat');
  await embed.close();
  return { readme: count, chenove: shown, statut: relaxed };
});

await test('captures d\'écran de l\'accueil', async () => {
  // Without SCREENSHOTS (under xunit), the same pages are shot into a temporary folder and the images checked:
  // the scenario always runs the README's two views, it never passes by doing nothing.
  const dir = SHOTS || await mkdtemp(path.join(tmpdir(), 'scoran-captures-'));
  await page.goto(`${BASE}/?commune=71014`);
  await page.waitForFunction(() => /lieux? près d'Autun/.test(document.querySelector('.sc-statut').textContent));
  await page.screenshot({ path: path.join(dir, 'accueil.png') });
  // The detail view of a place with (example) workshops: the Chenôve library.
  await page.goto(`${BASE}/?commune=21166&ateliers=14`);
  await page.waitForFunction(() => /avec vos filtres/.test(document.querySelector('.sc-statut').textContent));
  const id = await page.locator('.sc-ouvrir').first().getAttribute('data-id');
  await page.goto(`${BASE}/?commune=21166&lieu=${encodeURIComponent(id)}`);
  await page.locator('.sc-atelier').first().waitFor();
  await page.waitForTimeout(300);
  // The widget at the top of the window, its detail scrolled to « Prochains ateliers ».
  await page.evaluate(() => {
    document.querySelector('.sc-statut').scrollIntoView({ block: 'start' });
    const detail = document.querySelector('.sc-detail');
    const heading = [...detail.querySelectorAll('h3')].find((h) => h.textContent === 'Prochains ateliers');
    detail.scrollTop += heading.getBoundingClientRect().top - detail.getBoundingClientRect().top - 8;
  });
  await page.screenshot({ path: path.join(dir, 'fiche.png') });
  // Each image is a PNG of the whole window (1280 × 900), not an empty file.
  const sizes = {};
  for (const name of ['accueil.png', 'fiche.png']) {
    const png = await readFile(path.join(dir, name));
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert(png.subarray(1, 4).toString('latin1') === 'PNG' && width === 1280 && height === 900 && png.length > 20000,
      `${name} : ${png.length} octets, ${width} × ${height}`);
    sizes[name] = png.length;
  }
  if (!SHOTS) await rm(dir, { recursive: true, force: true });
  return { dossier: SHOTS || 'temporaire', octets: sizes };
});

await test('aucune requête ne quitte le serveur local, aucune erreur JavaScript', async () => {
  const outside = requests.filter((u) => !u.startsWith(allowedOrigin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert(requests.length > 20, `trop peu de requêtes observées (${requests.length})`);
  assert(outside.length === 0, `requêtes vers l'extérieur : ${outside.slice(0, 5).join(', ')}`);
  assert(consoleErrors.length === 0, `erreurs JavaScript : ${consoleErrors.join(' | ')}`);
  return { requetes: requests.length };
});

await finish();
