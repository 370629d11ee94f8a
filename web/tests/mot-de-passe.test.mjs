// The forgotten password in chromium (issue 20): the mediator RESET_EMAIL (password RESET_OLD_PASSWORD, made by the
// xunit side) follows « Mot de passe oublié ? » from the login page, asks for a link by keyboard, reads the mail (a
// real SMTP server on 127.0.0.1, whose messages the xunit side serves as JSON at MAILBOX_URL), opens the link, chooses
// a new password and logs in with it. An unknown address gets the very same page and no mail; the link works once.
// axe-core must find no violation at all on the new pages. Prints « RESULT {json} » lines (shared code: kit.mjs).
import { BASE, allowedOrigin, requests, launch, assert, test, axe, finish } from './kit.mjs';

const EMAIL = process.env.RESET_EMAIL || '';
const OLD_PASSWORD = process.env.RESET_OLD_PASSWORD || '';
const MAILBOX = process.env.MAILBOX_URL || '';
if (!EMAIL || !OLD_PASSWORD || !MAILBOX) {
  console.error('RESET_EMAIL, RESET_OLD_PASSWORD et MAILBOX_URL sont nécessaires (le test xunit PasswordResetBrowserTests les donne).');
  process.exit(2);
}
const UNKNOWN = 'personne.inconnue@example.org';
const NEW_PASSWORD = 'une toute nouvelle phrase de passe';
const SUBJECT = 'Choisir un nouveau mot de passe';

const context = await launch();
const page = await context.newPage();
page.setDefaultTimeout(10000);
const problems = [];
page.on('pageerror', (e) => problems.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(m.text()); });

const text = (selector) => page.locator(selector).first().innerText();

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

/** Enter on the focused field or button, and the page it leads to (a form post: a new page, or a redirect). */
async function submit() {
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

/** The mails the SMTP server accepted for this address and subject. */
async function mailsTo(address) {
  const all = await (await fetch(MAILBOX)).json();
  return all.filter((m) => m.to === address && m.subject === SUBJECT);
}

async function ask(address) {
  await page.goto(`${BASE}/espace/mot-de-passe-oublie`);
  await tabTo((f) => f.id === 'champ-email');
  await page.keyboard.type(address);
  await submit();
  return { title: await page.title(), main: await text('main') };
}

let link = '';

await test('« Mot de passe oublié ? » depuis la connexion : la demande, au clavier, la même réponse pour une adresse inconnue', async () => {
  await page.goto(`${BASE}/espace/connexion`);
  await axe(page, '/espace/connexion', { all: true });
  await tabTo((f) => f.tag === 'A' && f.name === 'Mot de passe oublié ?');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/espace/mot-de-passe-oublie');
  await axe(page, '/espace/mot-de-passe-oublie', { all: true });

  // Sent empty: the error next to the field, in the title, the summary focused.
  await tabTo((f) => f.tag === 'BUTTON' && f.name === 'Recevoir un lien');
  await submit();
  assert((await page.title()).startsWith('Erreur : '), `titre : ${await page.title()}`);
  await axe(page, '/espace/mot-de-passe-oublie (erreur)', { all: true });

  const unknown = await ask(UNKNOWN);
  const known = await ask(EMAIL);
  assert(known.main.includes('Si un compte existe pour cette adresse'), `réponse : ${known.main}`);
  assert(unknown.title === known.title && unknown.main === known.main, 'la réponse diffère selon que l\'adresse a un compte');
  await axe(page, '/espace/mot-de-passe-oublie (demande enregistrée)', { all: true });

  for (let i = 0; i < 100 && (await mailsTo(EMAIL)).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  const mails = await mailsTo(EMAIL);
  assert(mails.length === 1, `${mails.length} courriel(s) reçu(s)`);
  assert((await mailsTo(UNKNOWN)).length === 0, 'un courriel est parti vers l\'adresse inconnue');
  const found = mails[0].text.match(/https?:\/\/\S+\/espace\/nouveau-mot-de-passe\?jeton=[A-Za-z0-9_-]+/);
  assert(found, `aucun lien dans le courriel : ${mails[0].text}`);
  // The mail's link names the configured public address; here the server listens on BASE: same path, same token.
  const url = new URL(found[0]);
  link = `${BASE}${url.pathname}${url.search}`;
  return { courriels: mails.length };
});

await test('le lien du courriel : un nouveau mot de passe, puis la connexion avec lui (et plus avec l\'ancien)', async () => {
  assert(link, 'pas de lien');
  await page.goto(link);
  assert((await text('h1')) === 'Choisir un nouveau mot de passe', `titre : ${await text('h1')}`);
  await axe(page, '/espace/nouveau-mot-de-passe', { all: true });

  // Two different passwords: the error next to the confirmation.
  await tabTo((f) => f.id === 'champ-password');
  await page.keyboard.type(NEW_PASSWORD);
  await tabTo((f) => f.id === 'champ-confirmation');
  await page.keyboard.type(NEW_PASSWORD + ' autre');
  await submit();
  assert((await page.title()).startsWith('Erreur : '), `titre : ${await page.title()}`);
  await axe(page, '/espace/nouveau-mot-de-passe (erreur)', { all: true });

  await page.locator('#champ-password').focus();
  await page.keyboard.type(NEW_PASSWORD);
  await tabTo((f) => f.id === 'champ-confirmation');
  await page.keyboard.type(NEW_PASSWORD);
  await tabTo((f) => f.tag === 'BUTTON' && f.name === 'Enregistrer le nouveau mot de passe');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/espace/connexion' && u.searchParams.has('mot-de-passe-change'));
  assert((await text('main')).includes('Votre nouveau mot de passe est enregistré'), 'pas de confirmation');
  await axe(page, '/espace/connexion (mot de passe changé)', { all: true });

  // The old password no longer opens the space; the new one does.
  await page.locator('#champ-email').fill(EMAIL);
  await page.locator('#champ-password').fill(OLD_PASSWORD);
  await submit();
  assert(new URL(page.url()).pathname === '/espace/connexion', `connecté avec l'ancien mot de passe : ${page.url()}`);
  await page.locator('#champ-email').fill(EMAIL);
  await page.locator('#champ-password').fill(NEW_PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/espace');
  assert((await text('h1')).length > 0, 'page vide');
  return null;
});

await test('le lien déjà servi ne marche plus', async () => {
  const response = await page.goto(link);
  // The form shows (the token is only checked when sent): sending it says the link no longer works.
  assert(response.status() === 200, `statut : ${response.status()}`);
  await page.locator('#champ-password').fill('encore une autre phrase de passe');
  await page.locator('#champ-confirmation').fill('encore une autre phrase de passe');
  await submit();
  assert((await text('h1')) === 'Ce lien ne marche plus', `titre : ${await text('h1')}`);
  await axe(page, '/espace/nouveau-mot-de-passe (lien expiré)', { all: true });
  return null;
});

await test('aucune requête hors du serveur local, aucune erreur JavaScript ni de CSP', async () => {
  const outside = requests.filter((u) => !u.startsWith(allowedOrigin + '/') && !u.startsWith('data:'));
  assert(outside.length === 0, `requêtes vers l'extérieur : ${outside.slice(0, 5).join(', ')}`);
  assert(problems.length === 0, `erreurs dans la console : ${problems.join(' | ')}`);
  return { requetes: requests.length };
});

await finish();
