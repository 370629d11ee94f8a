// Browser test of the languages (issue 21, item 3): the citizen pages and <scoran-carte> in Arabic (right to left:
// dir="rtl", the layout mirrored, the map itself not) and in Ukrainian (chosen by the browser's Accept-Language), the
// language kept from page to page, the menu naming each language in itself, /integrer adding langue to its code,
// axe-core with no violation at all in every language on every citizen page and the widget. LG_LIEU: a place near
// Autun (its id); LG_NOM: its name. Run by tests/ScoranInclusion.Server.Tests/Languages/LanguagesBrowserTests.cs.
import { BASE, launch, assert, test, finish, axe, requests, allowedOrigin } from './kit.mjs';

const place = { id: process.env.LG_LIEU, nom: process.env.LG_NOM };
assert(place.id && place.nom, 'LG_LIEU et LG_NOM manquants');
const LANGUAGES = ['fr', 'en', 'ar', 'uk', 'tr', 'ro'];
const NAMES = { fr: 'Français', en: 'English', ar: 'العربية', uk: 'Українська', tr: 'Türkçe', ro: 'Română' };
const lieu = encodeURIComponent(place.id);

const context = await launch({});
const page = await context.newPage();
page.setDefaultTimeout(10000);
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));

const box = (locator) => locator.boundingBox();

await test('langues : /lieux, /lieu et /signaler en arabe, de droite à gauche, la langue gardée de page en page', async () => {
  await page.goto(`${BASE}/lieux?commune=71014&langue=ar`);
  const html = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir, direction: getComputedStyle(document.querySelector('main')).direction }));
  assert(html.lang === 'ar' && html.dir === 'rtl' && html.direction === 'rtl', `html ${JSON.stringify(html)}`);
  const heading = await page.locator('h1').innerText();
  assert(heading === 'أقرب أماكن المساعدة الرقمية', `titre « ${heading} »`);
  // The menu: each language in itself, with its own lang; Arabic is the current one.
  for (const code of LANGUAGES) {
    const link = page.locator(`nav.langues a[lang="${code}"]`);
    assert((await link.innerText()) === NAMES[code], `menu : ${code}`);
  }
  assert(await page.locator('nav.langues a[lang="ar"][aria-current="true"]').count() === 1, 'العربية n\'est pas la langue courante du menu');
  // Mirrored: the numbered list's indent is on the right, the text starts at the right edge.
  const list = await page.evaluate(() => {
    const ol = getComputedStyle(document.querySelector('ol.lieux'));
    return { right: parseFloat(ol.paddingRight), left: parseFloat(ol.paddingLeft) };
  });
  assert(list.right > list.left, `la liste n'est pas en retrait à droite : ${JSON.stringify(list)}`);
  const main = await box(page.locator('main'));
  const title = await box(page.locator('h1'));
  assert(main.x + main.width - (title.x + title.width) < 40, 'le titre ne commence pas à droite');
  // The places' names are French, marked so; the link to a place keeps the language.
  const link = page.getByRole('link', { name: place.nom, exact: true }).first();
  assert((await link.getAttribute('lang')) === 'fr', 'le nom du lieu n\'est pas marqué lang="fr"');
  await axe(page, '/lieux ar', { all: true });
  await link.click();
  await page.waitForURL(/\/lieu\/[^/]+\?langue=ar$/);
  assert((await page.evaluate(() => document.documentElement.dir)) === 'rtl', '/lieu n\'est plus en arabe');
  assert((await page.locator('h1').getAttribute('lang')) === 'fr', 'le titre du lieu n\'est pas marqué lang="fr"');
  const caption = await page.locator('table.semaine caption').innerText();
  assert(caption === 'ساعات العمل هذا الأسبوع', `légende « ${caption} »`);
  await axe(page, '/lieu ar', { all: true });
  await page.getByRole('link', { name: 'الإبلاغ عن خطأ في هذا المكان' }).click();
  await page.waitForURL(/\/signaler\?langue=ar$/);
  assert(await page.getByRole('button', { name: 'إرسال البلاغ' }).count() === 1, 'le bouton d\'envoi n\'est pas en arabe');
  // Sending nothing: the errors in Arabic, the language kept by the form.
  await page.getByRole('button', { name: 'إرسال البلاغ' }).click();
  await page.locator('#erreurs').waitFor();
  assert(/\?langue=ar$/.test(page.url()), `le formulaire perd la langue : ${page.url()}`);
  const summary = await page.locator('#erreurs h2').innerText();
  assert(summary === 'خطأ واحد يمنع الإرسال', `résumé des erreurs « ${summary} »`);
  await axe(page, '/signaler ar (erreur)', { all: true });
  return { titre: heading, legende: caption, erreurs: summary };
});

await test('langues : la carte en arabe, la liste à droite, la carte elle-même pas inversée', async () => {
  await page.goto(`${BASE}/?commune=71014&langue=ar`);
  const sc = page.locator('.sc');
  await page.waitForFunction(() => /قرب/.test(document.querySelector('.sc-statut')?.textContent || ''));
  assert((await sc.getAttribute('dir')) === 'rtl' && (await sc.getAttribute('lang')) === 'ar', 'le widget n\'a pas lang="ar" dir="rtl"');
  const status = await page.locator('.sc-statut').innerText();
  const listBox = await box(page.locator('.sc-zone-liste'));
  const mapBox = await box(page.locator('.sc-carte'));
  assert(listBox.x > mapBox.x, `la liste n'est pas à droite de la carte (liste ${listBox.x}, carte ${mapBox.x})`);
  // The map is not mirrored: left to right inside, its zoom buttons on its left as always.
  assert((await page.locator('.sc-carte').getAttribute('dir')) === 'ltr', 'la carte n\'est pas dir="ltr"');
  const zoom = await box(page.locator('.leaflet-control-zoom'));
  assert(zoom.x - mapBox.x < 40, 'les boutons de zoom ne sont plus à gauche de la carte');
  const zoomTitle = await page.locator('.leaflet-control-zoom-in').getAttribute('title');
  assert(zoomTitle === 'تكبير', `bouton de zoom « ${zoomTitle} »`);
  // Services with their icons beside the words, the icons hidden from screen readers.
  const services = page.locator('.sc-lieu .sc-services li').first();
  assert(await services.locator('svg[aria-hidden="true"]').count() === 1, 'pas d\'icône à côté du service');
  assert((await services.innerText()).trim().length > 3, 'l\'icône remplace le texte');
  await axe(page, 'widget ar liste', { all: true });
  const item = page.locator(`.sc-lieu[data-id="${place.id}"] .sc-ouvrir`);
  assert((await item.getAttribute('lang')) === 'fr', 'le nom du lieu dans la liste n\'est pas marqué lang="fr"');
  await item.focus();
  await page.keyboard.press('Enter');
  await page.locator('.sc-detail-nom').waitFor();
  const back = await page.locator('.sc-retour').innerText();
  assert(back === '→ العودة إلى القائمة', `bouton retour « ${back} »`);
  await axe(page, 'widget ar fiche', { all: true });
  return { statut: status };
});

await test('langues : en ukrainien par la langue du navigateur, recherche au clavier, dates en ukrainien', async () => {
  const uk = await launch({ locale: 'uk-UA', extraHTTPHeaders: { 'Accept-Language': 'uk-UA,uk;q=0.9' } });
  const p = await uk.newPage();
  p.setDefaultTimeout(10000);
  p.on('pageerror', (e) => errors.push(String(e)));
  await p.goto(`${BASE}/`);
  assert((await p.evaluate(() => document.documentElement.lang)) === 'uk', 'la page d\'accueil n\'est pas en ukrainien');
  assert((await p.locator('scoran-carte').getAttribute('langue')) === 'uk', 'le widget ne reçoit pas langue="uk"');
  const input = p.getByRole('combobox', { name: 'Ваша адреса, громада або поштовий індекс' });
  await input.focus();
  await p.keyboard.type('71400');
  await p.getByRole('option').first().waitFor();
  // The suggestions' count, said by the live region, in Ukrainian too.
  await p.waitForFunction(() => [...document.querySelectorAll('scoran-carte [role=status]')].some((e) => /пропозиц/.test(e.textContent)));
  await p.keyboard.press('ArrowDown');
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => /місц/.test(document.querySelector('.sc-statut').textContent));
  const status = await p.locator('.sc-statut').innerText();
  assert(/^\d+ місц(е|я|ь) поблизу Autun\.$/.test(status), `statut « ${status} »`);
  // The list's heading says the same without its full stop; the basemap's credit line is Ukrainian.
  const listHeading = await p.locator('.sc-titre-liste').innerText();
  assert(listHeading === status.replace(/\.$/, ''), `titre de la liste « ${listHeading} »`);
  await p.waitForFunction(() => /Фон: IGN, INSEE/.test(document.querySelector('.leaflet-control-attribution')?.textContent || ''));
  const fresh = await p.locator('.sc-fraicheur').first().innerText();
  assert(/Оновлено \d{1,2} (січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня) \d{4} р\./.test(fresh), `fraîcheur « ${fresh} »`);
  assert(!new URL(p.url()).searchParams.has('langue'), 'la langue du navigateur est mise dans l\'adresse');
  await axe(p, 'widget uk liste', { all: true });
  await p.goto(`${BASE}/lieux?commune=71014`);
  const heading = await p.locator('h2#resultats').innerText();
  assert(/місц(е|я|ь) поблизу Autun \(71400\)/.test(heading), `titre « ${heading} »`);
  await axe(p, '/lieux uk', { all: true });
  return { statut: status, fraicheur: fresh, titre: heading };
});

await test('langues : axe sans aucune violation dans chaque langue, sur chaque page citoyenne et le widget', async () => {
  const figures = {};
  for (const code of LANGUAGES) {
    await page.goto(`${BASE}/?commune=71014&langue=${code}`);
    await page.locator('.sc-lieu').first().waitFor();
    assert((await page.locator('.sc').getAttribute('lang')) === code, `widget ${code}`);
    await axe(page, `/ ${code}`, { all: true });
    for (const path of [`/lieux?commune=71014&langue=${code}`, `/lieu/${lieu}?langue=${code}`, `/lieu/${lieu}/signaler?langue=${code}`]) {
      await page.goto(`${BASE}${path}`);
      assert((await page.evaluate(() => document.documentElement.lang)) === code, `${path} : lang`);
      assert(!/\{[a-zA-Z]+\}/.test(await page.locator('body').innerText()), `${path} : une valeur manque`);
      await axe(page, `${path}`, { all: true });
    }
    figures[code] = 'ok';
  }
  return figures;
});

await test('langues : /integrer ajoute la langue au code et l\'aperçu la prend', async () => {
  await page.goto(`${BASE}/integrer`);
  await page.getByLabel('Langue de la carte').selectOption('uk');
  const code = await page.locator('#extrait').innerText();
  assert(code.includes('langue="uk"'), `le code ne donne pas la langue : ${code}`);
  await page.waitForFunction(() => document.querySelector('#apercu .sc')?.getAttribute('lang') === 'uk');
  const label = await page.locator('#apercu .sc-champ label').first().innerText();
  assert(label === 'Ваша адреса, громада або поштовий індекс', `aperçu « ${label} »`);
  await page.getByLabel('Langue de la carte').selectOption('');
  const plain = await page.locator('#extrait').innerText();
  assert(!plain.includes('langue='), 'le code garde une langue après « langue du navigateur »');
  return { code };
});

await test('langues : aucune requête ne quitte le serveur local, aucune erreur JavaScript', async () => {
  const outside = requests.filter((u) => !u.startsWith(allowedOrigin) && !u.startsWith('data:'));
  assert(outside.length === 0, `requêtes externes : ${outside.slice(0, 5).join(', ')}`);
  assert(errors.length === 0, `erreurs JavaScript : ${errors.join(' | ')}`);
  return { requetes: requests.length };
});

await finish();
