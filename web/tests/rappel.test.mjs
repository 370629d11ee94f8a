// A listing reminder's « Rien n'a changé » in chromium (issue 20): the xunit side (ReminderBrowserTests) ran the
// reminders on a clock where the place PLACE_ID is long forgotten; its mediator REMINDER_EMAIL got the mail on a real
// SMTP server on 127.0.0.1, served as JSON at MAILBOX_URL. Opening the link changes nothing (mail scanners open every
// link); the button, reached by keyboard, confirms the place without any login, and its freshness date moves to NOW.
// axe-core must find no violation at all on the new pages. Prints « RESULT {json} » lines (shared code: kit.mjs).
import { BASE, allowedOrigin, requests, launch, assert, test, axe, finish } from './kit.mjs';

const EMAIL = process.env.REMINDER_EMAIL || '';
const PLACE = process.env.PLACE_ID || '';
const MAILBOX = process.env.MAILBOX_URL || '';
const NOW = process.env.NOW || '';
if (!EMAIL || !PLACE || !MAILBOX || !NOW) {
  console.error('REMINDER_EMAIL, PLACE_ID, MAILBOX_URL et NOW sont nécessaires (le test xunit ReminderBrowserTests les donne).');
  process.exit(2);
}

const context = await launch();
const page = await context.newPage();
page.setDefaultTimeout(10000);
const problems = [];
page.on('pageerror', (e) => problems.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(m.text()); });

const text = (selector) => page.locator(selector).first().innerText();

/** The place's freshness as the public API gives it (no login). */
async function freshness() {
  const response = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: 'query($id: ID!) { site(id: $id) { freshness { lastVerifiedAt source stale } } }', variables: { id: PLACE } }),
  });
  const body = await response.json();
  assert(!body.errors, `erreur GraphQL : ${JSON.stringify(body.errors)}`);
  return body.data.site.freshness;
}

/** Presses Tab until the focused element matches, checking that every stop has a name and a visible focus. */
async function tabTo(matches, limit = 100) {
  for (let stops = 0; stops < limit; stops++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      const name = el.labels?.[0]?.textContent || el.getAttribute('aria-label') || el.textContent || '';
      return { id: el.id, tag: el.tagName, name: name.trim(), outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    if (!focused.outline) throw new Error(`focus invisible sur ${focused.tag}#${focused.id}`);
    if (matches(focused)) return stops + 1;
  }
  throw new Error('élément non atteint au clavier');
}

let link = '';
let before = null;

await test('le courriel de relance arrive une fois, avec ses deux liens', async () => {
  const mine = async () => (await (await fetch(MAILBOX)).json()).filter((m) => m.to === EMAIL && m.subject.includes('est-elle toujours juste ?'));
  for (let i = 0; i < 100 && (await mine()).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 500));
  const mails = await mine();
  assert(mails.length === 1, `${mails.length} courriel(s) reçu(s)`);
  const found = mails[0].text.match(/https?:\/\/\S+\/espace\/rappel\?jeton=[A-Za-z0-9_-]+/);
  assert(found, `aucun lien « Rien n'a changé » : ${mails[0].text}`);
  assert(mails[0].text.includes(`/espace/lieu/${PLACE}`), 'aucun lien « Mettre à jour »');
  // The mail names the configured public address; here the server listens on BASE: same path, same token.
  const url = new URL(found[0]);
  link = `${BASE}${url.pathname}${url.search}`;
  before = await freshness();
  assert(before.stale === true, `le lieu devrait être « à vérifier » : ${JSON.stringify(before)}`);
  return { courriels: mails.length };
});

await test('ouvrir le lien ne change rien (même deux fois, même sans cookie)', async () => {
  // A mail scanner: a bare GET, twice.
  for (let i = 0; i < 2; i++) assert((await fetch(link)).status === 200, 'le lien ne s\'ouvre pas');
  const response = await page.goto(link);
  assert(response.status() === 200, `statut : ${response.status()}`);
  assert((await text('h1')).includes('est-elle toujours juste ?'), `titre : ${await text('h1')}`);
  await axe(page, '/espace/rappel', { all: true });
  const after = await freshness();
  assert(JSON.stringify(after) === JSON.stringify(before), `la fraîcheur a changé à l'ouverture : ${JSON.stringify(after)}`);
  return { derniereVerification: after.lastVerifiedAt };
});

await test('« Rien n\'a changé » au clavier, sans connexion : la date de fraîcheur avance', async () => {
  await tabTo((f) => f.tag === 'BUTTON' && f.name === 'Rien n\'a changé');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert((await text('h1')).includes('est confirmée'), `titre : ${await text('h1')}`);
  await axe(page, '/espace/rappel (confirmée)', { all: true });
  const after = await freshness();
  assert(Date.parse(after.lastVerifiedAt) === Date.parse(NOW), `date de fraîcheur : ${after.lastVerifiedAt}, attendu ${NOW}`);
  assert(after.stale === false && after.source === 'l\'équipe du lieu', `fraîcheur : ${JSON.stringify(after)}`);
  // The public page says it too.
  await page.goto(`${BASE}/lieu/${PLACE}`);
  const line = await text('.fraicheur');
  assert(line.includes('Mis à jour le 3 mars 2031') && !line.includes('Informations à vérifier'), `ligne de fraîcheur : ${line}`);
  return { avant: before.lastVerifiedAt, apres: after.lastVerifiedAt };
});

await test('le lien déjà servi le dit, et ne change plus rien', async () => {
  const response = await page.goto(link);
  assert(response.status() === 410, `statut : ${response.status()}`);
  assert((await text('h1')) === 'Ce lien a déjà servi', `titre : ${await text('h1')}`);
  await axe(page, '/espace/rappel (déjà servi)', { all: true });
  const forged = await page.goto(`${BASE}/espace/rappel?jeton=inventé`);
  assert(forged.status() === 404 && (await text('h1')) === 'Lien inconnu', `lien inventé : ${forged.status()}`);
  await axe(page, '/espace/rappel (lien inconnu)', { all: true });
  return null;
});

await test('aucune requête hors du serveur local, aucune erreur JavaScript ni de CSP', async () => {
  const outside = requests.filter((u) => !u.startsWith(allowedOrigin + '/') && !u.startsWith('data:'));
  assert(outside.length === 0, `requêtes vers l'extérieur : ${outside.slice(0, 5).join(', ')}`);
  assert(problems.length === 0, `erreurs dans la console : ${problems.join(' | ')}`);
  return { requetes: requests.length };
});

await finish();
