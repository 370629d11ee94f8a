// Every status sentence of <scoran-carte> (web/src/messages.js), for every combination of territory, origin,
// filters, count and fallback that produces one: a well-formed French sentence, and, when nothing is found or the
// filters matched nothing, one that says what to do. No browser, no server: `node tests/messages.test.mjs`.
// Prints one « RESULT {json} » line and exits 1 on a failure (run by Web/WidgetMessagesTests under xunit).
import { resultsText, territoryScope, unknownTerritoryText } from '../src/messages.js';

const scopes = [
  ['recherche près de Dijon', { near: 'de Dijon' }],
  ["recherche près d'Autun", { near: "d'Autun" }],
  ['recherche près du Creusot', { near: 'du Creusot' }],
  ['votre position', { near: 'de votre position' }],
  ['point indiqué', { near: 'du point indiqué' }],
  ['commune Chenôve', territoryScope('commune', ['Chenôve'])],
  ['commune Le Creusot', territoryScope('commune', ['Le Creusot'])],
  ['communes Les Rousses, Autun', territoryScope('commune', ['Les Rousses', 'Autun'])],
  ['communes ×3', territoryScope('commune', ['Dijon', 'Chenôve', 'Longvic'])],
  ['EPCI', territoryScope('epci', ['CC du Grand Autunois Morvan'])],
  ...['21', '25', '39', '58', '70', '71', '89', '90'].map((code) => [`département ${code}`, territoryScope('departement', [`D${code}`], [code])]),
  ['départements 21 et 58', territoryScope('departement', ["Côte-d'Or", 'Nièvre'], ['21', '58'])],
];
const filterSets = [[], ['Gratuit'], ['Aide aux démarches administratives', 'Gratuit'], ['avec un atelier dans les 14 prochains jours'], ['ouvert maintenant']];

const problems = [];
let checked = 0;
const seen = new Set();

function check(text, label, mustSayWhatToDo) {
  checked += 1;
  seen.add(text);
  const fail = (why) => problems.push(`${label} : ${why} — « ${text} »`);
  if (!/^[A-ZÀÂÉÈÊÎÔÛÇ0-9]/.test(text)) fail('ne commence pas par une majuscule ou un nombre');
  if (!/[.!?]$/.test(text)) fail('ne finit pas par un point');
  if (/ {2}|\s[,.)]|\S[:;!?]|\(\s|«\S|\S»/.test(text)) fail('espaces mal placées');
  if (/undefined|null|NaN|\[object/.test(text)) fail('valeur manquante');
  if (/\b(de|à) (le|les) /i.test(text) || /\bde [AEIOUYÉÈÊÂÎÔ]/.test(text) || /\bque (il|elle)/.test(text)) fail('élision ou contraction manquante');
  if (/\b1 lieux\b/.test(text) || /\b([2-9]|\d{2,}) lieu\b/.test(text) || /\b0 lieu/.test(text)) fail('accord du nombre');
  if ((text.match(/«/g) || []).length !== (text.match(/»/g) || []).length) fail('guillemets déséquilibrés');
  if ((text.match(/\(/g) || []).length !== (text.match(/\)/g) || []).length) fail('parenthèses déséquilibrées');
  if (/plus proches? .*\(aucun/.test(text) || /recherche les plus proches/.test(text)) fail('ancienne tournure');
  if (/\b(\w{3,}) \1\b/i.test(text)) fail('mot répété');
  if (mustSayWhatToDo && !/\b(Vérifiez|refaites|Essayez|essayez|Cherchez|cherchez|appelez|Appelez|effacez|Effacez|utilisez|Utilisez|Choisissez|choisissez)\b/.test(text)) fail('ne dit pas quoi faire');
}

for (const [scopeName, scope] of scopes) {
  const isTerritory = !!scope.inside;
  for (const filters of filterSets) {
    const gratuit = filters.includes('Gratuit');
    for (const count of [0, 1, 2, 20]) {
      for (const outside of isTerritory ? [false, true] : [false]) {
        for (const relaxed of filters.length && count > 0 ? [false, true] : [false]) {
          const label = `${scopeName}, filtres [${filters.join(', ')}], ${count} lieu(x)${outside ? ', hors du territoire' : ''}${relaxed ? ', sans les filtres' : ''}`;
          const text = resultsText({ count, scope, outside, filters, relaxed, gratuit });
          check(text, label, count === 0 || relaxed);
          if (relaxed && !filters.every((f) => text.includes(`« ${f} »`))) problems.push(`${label} : les filtres ne sont pas nommés — « ${text} »`);
          if (count > 1 && !text.includes(String(count))) problems.push(`${label} : le nombre manque — « ${text} »`);
        }
      }
    }
  }
}

// A territory the region does not have (a typo in the embed).
for (const [type, codes] of [['epci', ['123456789']], ['departement', ['75']], ['departement', ['75', '13']], ['commune', ['99999']]]) {
  check(unknownTerritoryText(type, codes), `territoire inconnu ${type} ${codes}`, true);
}

// The case of the audit: Chenôve, « Gratuit » and a service, no place declaring its fees.
const chenove = resultsText({ count: 3, scope: territoryScope('commune', ['Chenôve']), filters: ['Aide aux démarches administratives', 'Gratuit'], relaxed: true, gratuit: true });
if (!/^Aucun lieu à Chenôve ni alentour ne correspond à vos filtres/.test(chenove) || !chenove.includes('Voici les 3 lieux à Chenôve')) problems.push(`Chenôve : « ${chenove} »`);

const result = { name: 'messages du widget : une phrase correcte qui dit quoi faire, pour chaque combinaison', ok: problems.length === 0, detail: { combinaisons: checked, phrases: seen.size, exemple: chenove }, error: problems.slice(0, 20).join('\n') || null };
console.log('RESULT ' + JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
