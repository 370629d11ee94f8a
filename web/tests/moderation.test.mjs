// The moderation flow in chromium (issue 6): a citizen, without account nor cookie, reports an error on the
// place MODERATION_LIEU from its public page, by keyboard only; the moderator MODERATION_EMAIL (of that place's
// département, password MODERATION_PASSWORD: the xunit side made the account) logs in, finds the report in the
// queue, rejects it without a reason (the error is shown next to the field), then approves it. axe-core must find
// no violation at all on the new pages (also « Proposer un nouveau lieu », « Mes demandes », « C'est mon lieu »). Prints « RESULT {json} » lines (shared code: kit.mjs).
import { BASE, allowedOrigin, requests, launch, assert, test, axe, finish } from './kit.mjs';

const EMAIL = process.env.MODERATION_EMAIL || '';
const PASSWORD = process.env.MODERATION_PASSWORD || '';
const PLACE = process.env.MODERATION_LIEU || '';
if (!EMAIL || !PASSWORD || !PLACE) {
  console.error('MODERATION_EMAIL, MODERATION_PASSWORD et MODERATION_LIEU sont nécessaires (le test xunit ModerationBrowserTests les donne).');
  process.exit(2);
}
const MESSAGE = 'Le lieu est fermé le lundi (signalé dans le navigateur).';

const context = await launch();
const page = await context.newPage();
page.setDefaultTimeout(10000);
const problems = [];
page.on('pageerror', (e) => problems.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(m.text()); });

const text = (selector) => page.locator(selector).first().innerText();

/** Presses Tab until the focused element matches, checking that every stop has a name and a visible focus. */
async function tabTo(matches, limit = 300) {
  const unlabelled = [];
  for (let stops = 0; stops < limit; stops++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      const name = el.labels?.[0]?.textContent || el.getAttribute('aria-label') || el.textContent || '';
      return { id: el.id, tag: el.tagName, type: el.type || '', value: el.value || '', name: name.trim(), outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
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

await test('un citoyen signale une erreur depuis la fiche du lieu, au clavier seul et sans cookie', async () => {
  await page.goto(`${BASE}/lieu/${PLACE}`);
  await axe(page, '/lieu/{id}');
  await tabTo((f) => f.tag === 'A' && f.name === 'Signaler une erreur sur ce lieu');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === `/lieu/${PLACE}/signaler`);
  await axe(page, '/lieu/{id}/signaler', { all: true });

  // Sent empty: the API's refusal next to the boxes, the summary gets the focus.
  await tabTo((f) => f.tag === 'BUTTON' && f.name === 'Envoyer le signalement');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'erreurs', null, { timeout: 5000 })
    .catch(() => { throw new Error('le résumé des erreurs n\'a pas reçu le focus'); });
  assert((await page.title()).startsWith('Erreur : '), `titre : ${await page.title()}`);
  assert((await text('#champ-champs-erreur')).length > 0, 'pas d\'erreur à côté des cases');
  await axe(page, '/lieu/{id}/signaler (erreur)', { all: true });

  // The summary's link leads to the boxes; tick « horaires » with the space bar, write the message, send.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await tabTo((f) => f.type === 'checkbox' && f.value === 'horaires');
  await page.keyboard.press('Space');
  assert(await page.locator('input[value="horaires"]').isChecked(), 'la case des horaires n\'est pas cochée');
  await tabTo((f) => f.id === 'champ-message');
  await page.keyboard.type(MESSAGE);
  await tabTo((f) => f.tag === 'BUTTON' && f.name === 'Envoyer le signalement');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.has('merci'));
  assert((await text('h1')).includes('votre signalement est envoyé'), `titre : ${await text('h1')}`);
  await axe(page, '/lieu/{id}/signaler (merci)', { all: true });
  const cookies = await context.cookies(BASE);
  assert(cookies.length === 0, `cookies déposés : ${cookies.map((c) => c.name).join(', ')}`);
  return null;
});

await test('la modération voit le signalement, refuse sans raison (erreur), puis accepte au clavier', async () => {
  await page.goto(`${BASE}/espace/connexion`);
  await page.getByLabel('Adresse électronique').fill(EMAIL);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((u) => u.pathname === '/espace');
  await page.getByRole('link', { name: 'Modération', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/espace/moderation');
  await axe(page, '/espace/moderation', { all: true });
  const item = page.locator('article.demande', { hasText: MESSAGE });
  assert(await item.count() === 1, 'le signalement n\'est pas dans la file');
  const details = await item.innerText();
  assert(details.includes('Les horaires d\'ouverture'), `champs signalés absents : ${details}`);
  assert(await item.locator(`a[href="/espace/lieu/${PLACE}"]`).count() === 1, 'pas de lien pour corriger la fiche');

  // Reject without a reason, by keyboard: focus the reason, Tab to « Refuser », Enter.
  await item.getByLabel('Raison de la décision').focus();
  await tabTo((f) => f.tag === 'BUTTON' && f.name.startsWith('Refuser'));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'erreurs', null, { timeout: 5000 })
    .catch(() => { throw new Error('le résumé des erreurs n\'a pas reçu le focus'); });
  const reason = page.locator('article.demande', { hasText: MESSAGE }).getByLabel('Raison de la décision');
  const described = await reason.getAttribute('aria-describedby');
  assert(/-erreur/.test(described || ''), `le champ ne nomme pas son erreur : ${described}`);
  assert((await text('#erreurs')).includes('Un refus se motive'), `message : ${await text('#erreurs')}`);
  await axe(page, '/espace/moderation (erreur)', { all: true });

  // Then approve, by keyboard: the summary's link to the reason, a word, Tab to « Accepter », Enter.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert(await page.evaluate(() => document.activeElement?.tagName) === 'TEXTAREA', 'le lien du résumé ne mène pas au champ de la raison');
  await page.keyboard.type('Horaires corrigés sur la fiche.');
  await tabTo((f) => f.tag === 'BUTTON' && f.name.startsWith('Accepter'));
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('fait') === 'accepte');
  assert((await text('.succes')).includes('Demande acceptée'), 'pas de confirmation');
  assert(await page.locator('article.demande', { hasText: MESSAGE }).count() === 0, 'le signalement est toujours en attente');
  await axe(page, '/espace/moderation (acceptée)', { all: true });
  await page.goto(`${BASE}/espace/moderation?statut=APPROVED&nature=REPORT`);
  assert((await page.locator('article.demande', { hasText: MESSAGE }).innerText()).includes('Acceptée'), 'le signalement accepté n\'est pas listé');
  // The other new pages of the space, as this account sees them.
  for (const path of ['/espace/proposer', '/espace/demandes', `/espace/revendiquer?lieu=${PLACE}`]) {
    const response = await page.goto(`${BASE}${path}`);
    assert(response.status() === 200, `${path} : ${response.status()}`);
    await axe(page, path.split('?')[0], { all: true });
  }
  return null;
});

await test('aucune requête hors du serveur local, aucune erreur JavaScript ni de CSP', async () => {
  const outside = requests.filter((u) => !u.startsWith(allowedOrigin + '/') && !u.startsWith('data:'));
  assert(outside.length === 0, `requêtes vers l'extérieur : ${outside.slice(0, 5).join(', ')}`);
  assert(problems.length === 0, `erreurs dans la console : ${problems.join(' | ')}`);
  return { requetes: requests.length };
});

await finish();
