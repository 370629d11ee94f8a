// What the browser scenario files share (browser, espace, moderation, couverture): Debian's chromium driven by
// playwright-core on a fresh profile, every request recorded, one « RESULT {json} » line per test (read by
// the xunit side, tests/ScoranInclusion.Server.Tests/Support/BrowserScript.cs), axe-core injected from
// node_modules. The server must already run: BASE_URL=http://127.0.0.1:PORT.
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const BASE = (process.env.BASE_URL || '').replace(/\/$/, '');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SHOTS = process.env.SCREENSHOTS || '';
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
if (!BASE) {
  console.error('BASE_URL manquant (par exemple http://127.0.0.1:5178).');
  process.exit(2);
}
export const allowedOrigin = new URL(BASE).origin;

export const results = [];
export const requests = [];
export const axeFigures = {};
const profiles = [];
const contexts = [];

/** A chromium of its own, on a fresh profile folder, every request recorded. */
export async function launch(options) {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'scoran-chromium-'));
  profiles.push(userDataDir);
  const launched = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    ...options,
  });
  launched.on('request', (request) => requests.push(request.url()));
  contexts.push(launched);
  return launched;
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export async function test(name, body) {
  const started = Date.now();
  try {
    const detail = await body();
    results.push({ name, ok: true, ms: Date.now() - started, detail: detail ?? null });
  } catch (error) {
    results.push({ name, ok: false, ms: Date.now() - started, error: String(error && error.stack || error) });
  }
  console.log('RESULT ' + JSON.stringify(results[results.length - 1]));
}

/**
 * Runs axe-core (injected from node_modules, not fetched) and returns the violations. Fails on a serious or
 * critical one; with { all: true }, on any violation at all.
 */
export async function axe(page, label, { all = false } = {}) {
  // Evaluated through the DevTools protocol, not as an inline <script>: the pages' CSP forbids those.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0]?.target?.join(' ') }));
  });
  const byImpact = {};
  for (const v of violations) byImpact[v.impact] = (byImpact[v.impact] || 0) + 1;
  axeFigures[label] = byImpact;
  const bad = all ? violations : violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert(bad.length === 0, `axe (${label}) : ${JSON.stringify(bad)}`);
  return violations;
}

/** Closes the browsers, removes their profiles, prints the summary and exits (1 when a test failed). */
export async function finish() {
  for (const context of contexts) await context.close();
  for (const dir of profiles) await rm(dir, { recursive: true, force: true });
  const failed = results.filter((r) => !r.ok).length;
  console.log(`SUMMARY ${JSON.stringify({ passed: results.length - failed, failed, axe: axeFigures })}`);
  process.exit(failed ? 1 : 0);
}
