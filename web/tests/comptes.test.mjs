// The accounts page in chromium (issue 20): the administrator COMPTES_EMAIL (password COMPTES_PASSWORD, made by the
// xunit side, on a server without SMTP) opens « Comptes » from the navigation, sends the « Inviter » form by keyboard
// with mistakes (errors next to their fields, the summary's links lead to them), corrects them, reads the one-time
// link shown once, then resends the invitation (a new link; the old one no longer opens the page). axe-core must find
// no violation at all on each state of the page. Prints « RESULT {json} » lines (shared code: kit.mjs).
import { BASE, allowedOrigin, requests, launch, assert, test, axe, finish } from './kit.mjs';

const EMAIL = process.env.COMPTES_EMAIL || '';
const PASSWORD = process.env.COMPTES_PASSWORD || '';
if (!EMAIL || !PASSWORD) {
  console.error('COMPTES_EMAIL et COMPTES_PASSWORD sont nécessaires (le test xunit AccountsBrowserTests les donne).');
  process.exit(2);
}
const INVITED = 'moderation.clavier@example.org';

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
      return { id: el.id, tag: el.tagName, type: el.type, value: el.value, name: name.trim(), outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    if (!focused.outline) throw new Error(`focus invisible sur ${focused.tag}#${focused.id}`);
    if (!focused.name) unlabelled.push(`${focused.tag}#${focused.id}`);
    if (matches(focused)) {
      assert(unlabelled.length === 0, `sans nom accessible : ${unlabelled.join(', ')}`);
      return focused;
    }
  }
  throw new Error('élément non atteint au clavier');
}

/** Enter on the focused button, and the page it leads to. */
async function submit() {
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

let firstLink = '';

await test('l\'administration ouvre « Comptes » et invite au clavier, avec des erreurs à côté de leurs champs', async () => {
  await page.goto(`${BASE}/espace/connexion`);
  await page.getByLabel('Adresse électronique').fill(EMAIL);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((u) => u.pathname === '/espace');
  await tabTo((f) => f.tag === 'A' && f.name === 'Comptes');
  await submit();
  assert(new URL(page.url()).pathname === '/espace/comptes', `adresse : ${page.url()}`);
  await axe(page, '/espace/comptes', { all: true });
  assert(await page.locator('table caption', { hasText: 'Comptes' }).count() === 1, 'pas de tableau des comptes');

  // A bad address, « Modération », a département that is not one: the API's error comes back next to its field.
  await tabTo((f) => f.id === 'champ-email');
  await page.keyboard.type('pas-une-adresse');
  await tabTo((f) => f.type === 'radio');
  // Arrow keys move among the radio buttons: the second one is « Modération ».
  await page.keyboard.press('ArrowDown');
  assert(await page.locator('#champ-role-1').isChecked(), 'la modération n\'est pas choisie');
  await tabTo((f) => f.id === 'champ-departement');
  await page.keyboard.type('21');
  await tabTo((f) => f.tag === 'BUTTON' && f.name === 'Inviter');
  await submit();
  assert((await page.title()).startsWith('Erreur'), `titre : ${await page.title()}`);
  assert((await text('#erreurs')).includes('Adresse électronique invalide'), `résumé : ${await text('#erreurs')}`);
  assert(await page.locator('#champ-email').getAttribute('aria-invalid') === 'true', 'champ non marqué invalide');
  assert(await page.locator('#champ-role-1').isChecked(), 'le rôle choisi est perdu');
  await axe(page, '/espace/comptes (erreurs)', { all: true });

  // The summary's link leads to the field.
  await tabTo((f) => f.tag === 'A' && f.name.startsWith('Adresse électronique :'));
  await page.keyboard.press('Enter');
  assert(await page.evaluate(() => document.activeElement.id) === 'champ-email', 'le lien du résumé ne mène pas au champ');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(INVITED);
  await tabTo((f) => f.tag === 'BUTTON' && f.name === 'Inviter');
  await submit();
  const shown = await page.locator('#lien-invitation').inputValue();
  assert(/\/espace\/invitation\?jeton=[A-Za-z0-9_-]+$/.test(shown), `lien : ${shown}`);
  assert((await text('#resultat')).includes(`Compte créé pour ${INVITED}`), `résultat : ${await text('#resultat')}`);
  const row = page.locator('tr', { hasText: INVITED });
  assert((await row.innerText()).includes('Département 21'), `ligne : ${await row.innerText()}`);
  assert((await row.innerText()).includes('Invité'), `ligne : ${await row.innerText()}`);
  await axe(page, '/espace/comptes (lien montré)', { all: true });
  firstLink = shown;
  return { lien: shown.replace(/jeton=.*/, 'jeton=…') };
});

await test('« Renvoyer l\'invitation » au clavier donne un nouveau lien, l\'ancien ne marche plus', async () => {
  await page.goto(`${BASE}/espace/comptes`);
  assert(await page.locator('#lien-invitation').count() === 0, 'le lien est montré de nouveau');
  await tabTo((f) => f.tag === 'BUTTON' && f.name === `Renvoyer l'invitation : ${INVITED}`);
  await submit();
  const shown = await page.locator('#lien-invitation').inputValue();
  assert(shown !== firstLink && /jeton=/.test(shown), 'pas de nouveau lien');
  assert((await text('#resultat')).includes('ne marchent plus'), `résultat : ${await text('#resultat')}`);
  await axe(page, '/espace/comptes (renvoyée)', { all: true });

  const local = (link) => `${BASE}${new URL(link).pathname}${new URL(link).search}`;
  const invitee = await context.newPage();
  await invitee.goto(local(firstLink));
  await invitee.locator('#champ-password').fill('une phrase de passe pour le vieux lien');
  await invitee.locator('#champ-confirmation').fill('une phrase de passe pour le vieux lien');
  await Promise.all([invitee.waitForNavigation(), invitee.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click()]);
  const refused = await invitee.locator('h1').innerText();
  assert(refused.includes('ne marche plus'), `l'ancien lien marche encore : ${refused}`);
  await invitee.goto(local(shown));
  assert((await invitee.title()).includes('Choisir votre mot de passe'), 'le nouveau lien n\'ouvre pas la page');
  await invitee.close();
  return null;
});

await test('aucune requête hors du serveur local, aucune erreur JavaScript ni de CSP', async () => {
  const outside = requests.filter((u) => !u.startsWith(allowedOrigin + '/') && !u.startsWith('data:'));
  assert(outside.length === 0, `requêtes vers l'extérieur : ${outside.slice(0, 5).join(', ')}`);
  assert(problems.length === 0, `erreurs dans la console : ${problems.join(' | ')}`);
  return { requetes: requests.length };
});

await finish();
