// Every status sentence of <scoran-carte> (web/src/messages.js), for every combination of territory, origin,
// filters, count and fallback that produces one, in every language of web/i18n: in French a well-formed French
// sentence, and, when nothing is found or the filters matched nothing, one that says what to do; in every language a
// sentence with every placeholder filled, the count and the filters in it. No browser, no server:
// `node tests/messages.test.mjs`. Prints « RESULT {json} » lines and exits 1 on a failure (Web/WidgetMessagesTests).
import { resultsText, territoryScope, unknownTerritoryText } from '../src/messages.js';
import { texts, French, LANGUAGES } from '../src/i18n.js';

const scopesOf = (tx) => [
  ['recherche près de Dijon', { near: tx.t('results.nearCommune', { commune: new French('Dijon') }) }],
  ["recherche près d'Autun", { near: tx.t('results.nearCommune', { commune: new French('Autun') }) }],
  ['recherche près du Creusot', { near: tx.t('results.nearCommune', { commune: new French('Le Creusot') }) }],
  ['votre position', { near: tx.t('results.nearPosition') }],
  ['point indiqué', { near: tx.t('results.nearPoint') }],
  ['commune Chenôve', territoryScope(tx, 'commune', ['Chenôve'])],
  ['commune Le Creusot', territoryScope(tx, 'commune', ['Le Creusot'])],
  ['communes Les Rousses, Autun', territoryScope(tx, 'commune', ['Les Rousses', 'Autun'])],
  ['communes ×3', territoryScope(tx, 'commune', ['Dijon', 'Chenôve', 'Longvic'])],
  ['EPCI', territoryScope(tx, 'epci', ['CC du Grand Autunois Morvan'])],
  ...['21', '25', '39', '58', '70', '71', '89', '90'].map((code) => [`département ${code}`, territoryScope(tx, 'departement', [`D${code}`], [code])]),
  ['départements 21 et 58', territoryScope(tx, 'departement', ["Côte-d'Or", 'Nièvre'], ['21', '58'])],
];
const filterSetsOf = (tx) => [[], [tx.t('frais.GRATUIT')], [tx.t('service.AIDE_AUX_DEMARCHES_ADMINISTRATIVES'), tx.t('frais.GRATUIT')],
  [tx.p('search.workshops', 14)], [tx.t('results.filterOpenNow')]];

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

const fr = texts('fr');
const scopes = scopesOf(fr);
const filterSets = filterSetsOf(fr);
for (const [scopeName, scope] of scopes) {
  const isTerritory = !!scope.inside;
  for (const filters of filterSets) {
    const gratuit = filters.includes('Gratuit');
    for (const count of [0, 1, 2, 20]) {
      for (const outside of isTerritory ? [false, true] : [false]) {
        for (const relaxed of filters.length && count > 0 ? [false, true] : [false]) {
          const label = `${scopeName}, filtres [${filters.join(', ')}], ${count} lieu(x)${outside ? ', hors du territoire' : ''}${relaxed ? ', sans les filtres' : ''}`;
          const text = resultsText(fr, { count, scope, outside, filters, relaxed, gratuit });
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
  check(unknownTerritoryText(fr, type, codes), `territoire inconnu ${type} ${codes}`, true);
}

// The case of the audit: Chenôve, « Gratuit » and a service, no place declaring its fees.
const chenove = resultsText(fr, { count: 3, scope: territoryScope(fr, 'commune', ['Chenôve']), filters: ['Aide aux démarches administratives', 'Gratuit'], relaxed: true, gratuit: true });
if (!/^Aucun lieu à Chenôve ni alentour ne correspond à vos filtres/.test(chenove) || !chenove.includes('Voici les 3 lieux à Chenôve')) problems.push(`Chenôve : « ${chenove} »`);

const result = { name: 'messages du widget : une phrase correcte qui dit quoi faire, pour chaque combinaison', ok: problems.length === 0, detail: { combinaisons: checked, phrases: seen.size, exemple: chenove }, error: problems.slice(0, 20).join('\n') || null };
console.log('RESULT ' + JSON.stringify(result));

// Every language: the same combinations, every placeholder filled, the count and each filter named in the sentence.
const others = [];
const examples = {};
const fill = (text, label) => {
  if (/[{}]|undefined|null|NaN|\[object/.test(text)) others.push(`${label} : valeur manquante — « ${text} »`);
  if (/ {2}/.test(text.replace(/\u00a0/g, ' ').trim().replace(/\s+$/, '')) || text !== text.trim()) others.push(`${label} : espaces — « ${text} »`);
};
for (const lang of LANGUAGES) {
  const tx = texts(lang);
  for (const [scopeName, scope] of scopesOf(tx)) {
    for (const filters of filterSetsOf(tx)) {
      for (const count of [0, 1, 2, 3, 5, 11, 20, 21, 100]) {
        for (const outside of scope.inside ? [false, true] : [false]) {
          for (const relaxed of filters.length && count > 0 ? [false, true] : [false]) {
            const label = `${lang} ${scopeName}, [${filters.join(', ')}], ${count}${outside ? ', dehors' : ''}${relaxed ? ', sans filtres' : ''}`;
            const text = resultsText(tx, { count, scope, outside, filters, relaxed, gratuit: filters.length === 1 });
            fill(text, label);
            // 1 and 2 may be said in words (Arabic's « مكانان », two places); from 3 on the number is written.
            if (count > 2 && !text.includes(String(count))) others.push(`${label} : le nombre manque — « ${text} »`);
            if (relaxed && !filters.every((f) => text.includes(f))) others.push(`${label} : les filtres ne sont pas nommés — « ${text} »`);
            examples[lang] ??= text;
          }
        }
      }
    }
  }
  for (const [type, codes] of [['epci', ['123456789']], ['departement', ['75']], ['commune', ['99999']]]) {
    const text = unknownTerritoryText(tx, type, codes);
    fill(text, `${lang} territoire inconnu ${type}`);
    if (!text.includes(codes[0])) others.push(`${lang} territoire inconnu ${type} : le code manque — « ${text} »`);
  }
}
const languages = { name: 'messages du widget : chaque langue remplit chaque phrase', ok: others.length === 0, detail: { langues: LANGUAGES, exemples: examples }, error: others.slice(0, 20).join('\n') || null };
console.log('RESULT ' + JSON.stringify(languages));
process.exit(result.ok && languages.ok ? 0 : 1);
