// The widget's status sentences (results, empty states), as pure functions of the texts of a language (./i18n.js):
// web/tests/messages.test.mjs builds every combination of territory, filters and origin in every language, and checks
// that the French ones are well-formed French sentences that say what to do when nothing is found.
import { French } from './i18n.js';

export { de, a } from './i18n.js';

/** « Dijon », « Dijon et Chenôve », « Dijon, Chenôve et Longvic » (in the language's words). */
export function list(tx, items) {
  if (items.length <= 1) return items.join('');
  return tx.t('results.and', { a: items.slice(0, -1).join(tx.t('list.separator')), b: items[items.length - 1] });
}

const DEPARTEMENTS = ['21', '25', '39', '58', '70', '71', '89', '90'];

/**
 * Where a territory's places are, and what « near » means for it: { inside: 'à Chenôve' | "en Côte-d'Or" | …,
 * near: 'de Chenôve' | … }, the near part as the language's results.near and results.nearest take it.
 */
export function territoryScope(tx, type, names, codes = []) {
  if (type === 'epci') return { inside: tx.t('results.inEpci', { name: names[0] }), near: tx.t('results.nearEpci', { name: names[0] }) };
  if (type === 'departement') {
    const known = codes.filter((c) => DEPARTEMENTS.includes(c));
    const inside = known.length === codes.length && known.length
      ? list(tx, known.map((c) => tx.t(`dep.${c}.in`)))
      : tx.t('results.inDepartement', { name: list(tx, names) });
    const near = known.length ? tx.t(`dep.${known[0]}.near`) : tx.t('results.nearDepartementCenter', { name: names[0] });
    return { inside, near };
  }
  return {
    inside: names.length > 1 ? tx.t('results.inCommunes', { communes: list(tx, names.map((n) => tx.t('results.inCommuneName', { commune: new French(n) }))) })
      : tx.t('results.inCommune', { commune: new French(names[0]) }),
    near: tx.t('results.nearCommune', { commune: new French(names[0]) }),
  };
}

/**
 * The status line after a search, in the language of tx.
 * count: places shown; scope: { inside?, near } (inside only for a territory); outside: the territory has none, the
 * nearest are shown; filters: the names of the active filters (« Gratuit »…); relaxed: the filters matched nothing,
 * the places shown are those without them; gratuit: the « Gratuit » filter is on.
 */
export function resultsText(tx, { count, scope, outside = false, filters = [], relaxed = false, gratuit = false }) {
  const filtered = filters.length > 0;
  const where = scope.inside || tx.t('results.near', { near: scope.near });
  const nearest = tx.p('results.nearest', count, { near: scope.near });
  if (count === 0) return tx.t(filtered ? 'results.noneFiltered' : 'results.none', { where });
  if (relaxed) {
    const shown = scope.inside && !outside ? tx.p('results.inside', count, { inside: scope.inside }) : nearest;
    const names = filters.map((f) => tx.t('results.quoted', { text: f })).join(tx.t('list.separator'));
    const text = scope.inside
      ? tx.t('results.relaxedInside', { inside: scope.inside, filters: names, shown })
      : tx.t('results.relaxedRegion', { filters: names, shown });
    return gratuit ? `${text} ${tx.t('results.freeNote')}` : text;
  }
  if (outside) {
    return filtered ? tx.p('results.outsideFiltered', count, { inside: scope.inside, nearest }) : tx.t('results.outside', { inside: scope.inside, nearest });
  }
  return tx.p(filtered ? 'results.countFiltered' : 'results.count', count, { where });
}

/** A territory the embed names that the region does not have: what to fix, for the municipality's webmaster. */
export function unknownTerritoryText(tx, type, codes) {
  if (type === 'epci') return tx.t('results.unknownEpci', { code: codes[0] });
  if (type === 'departement') return tx.t('results.unknownDepartement', { code: codes.join(tx.t('list.separator')) });
  return tx.t('results.unknownCommune', { code: codes[0] });
}
