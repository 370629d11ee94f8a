// The widget's status sentences (results, empty states), as pure functions: web/tests/messages.test.mjs builds
// every combination of territory, filters and origin and checks that each is a well-formed French sentence
// that says what to do when nothing is found.

/** « de Dijon », « d'Autun », « du Creusot », « des Rousses ». */
export function de(nom) {
  if (/^Le /.test(nom)) return `du ${nom.slice(3)}`;
  if (/^Les /.test(nom)) return `des ${nom.slice(4)}`;
  if (/^[AEIOUYÉÈÊÂÎÔH]/i.test(nom)) return `d'${nom}`;
  return `de ${nom}`;
}

/** « à Dijon », « au Creusot », « aux Rousses ». */
export function a(nom) {
  if (/^Le /.test(nom)) return `au ${nom.slice(3)}`;
  if (/^Les /.test(nom)) return `aux ${nom.slice(4)}`;
  return `à ${nom}`;
}

/** « Dijon », « Dijon et Chenôve », « Dijon, Chenôve et Longvic ». */
export function list(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

/** The region's départements: « en Côte-d'Or » (where), « de la Côte-d'Or » (of). */
const DEPARTEMENTS = {
  21: ["en Côte-d'Or", "de la Côte-d'Or"],
  25: ['dans le Doubs', 'du Doubs'],
  39: ['dans le Jura', 'du Jura'],
  58: ['dans la Nièvre', 'de la Nièvre'],
  70: ['en Haute-Saône', 'de la Haute-Saône'],
  71: ['en Saône-et-Loire', 'de la Saône-et-Loire'],
  89: ["dans l'Yonne", "de l'Yonne"],
  90: ['dans le Territoire de Belfort', 'du Territoire de Belfort'],
};

/**
 * Where a territory's places are, and what « near » means for it:
 * { inside: 'à Chenôve' | "dans l'intercommunalité …" | "en Côte-d'Or", near: 'de Chenôve' | … }.
 */
export function territoryScope(type, names, codes = []) {
  if (type === 'epci') return { inside: `dans l'intercommunalité ${names[0]}`, near: `de l'intercommunalité ${names[0]}` };
  if (type === 'departement') {
    const known = codes.map((c) => DEPARTEMENTS[c]).filter(Boolean);
    const inside = known.length === codes.length && known.length ? list(known.map((d) => d[0])) : `dans le département ${list(names)}`;
    const near = known.length ? `du centre ${known[0][1]}` : `du centre du département ${names[0]}`;
    return { inside, near };
  }
  return { inside: list(names.map(a)), near: de(names[0]) };
}

const lieux = (n) => `${n} lieu${n > 1 ? 'x' : ''}`;
const GRATUIT = " Peu de lieux indiquent leurs tarifs : appelez le lieu pour savoir s'il est gratuit (il l'est le plus souvent).";

/**
 * The status line after a search.
 * count: places shown; scope: { inside?, near } (inside only for a territory); outside: the territory has none, the
 * nearest are shown; filters: the names of the active filters (« Gratuit »…); relaxed: the filters matched nothing,
 * the places shown are those without them; gratuit: the « Gratuit » filter is on.
 */
export function resultsText({ count, scope, outside = false, filters = [], relaxed = false, gratuit = false }) {
  const filtered = filters.length > 0;
  const here = scope.inside || `près ${scope.near}`;
  const nearest = count > 1 ? `les ${count} lieux les plus proches ${scope.near}` : `le lieu le plus proche ${scope.near}`;
  if (count === 0) {
    return filtered
      ? `Aucun lieu trouvé ${here}, avec ou sans vos filtres. Cherchez depuis une autre commune, ou utilisez votre position.`
      : `Aucun lieu trouvé ${here}. Cherchez depuis une autre commune, ou utilisez votre position.`;
  }
  if (relaxed) {
    const where = scope.inside ? `${scope.inside} ni alentour` : 'dans la région';
    const shown = scope.inside && !outside ? (count > 1 ? `les ${count} lieux ${scope.inside}` : `le seul lieu ${scope.inside}`) : nearest;
    return `Aucun lieu ${where} ne correspond à vos filtres (${filters.map((f) => `« ${f} »`).join(', ')}). `
      + `Voici ${shown}, sans ces filtres : appelez avant de venir pour vérifier, ou effacez les filtres.${gratuit ? GRATUIT : ''}`;
  }
  if (outside) {
    return filtered
      ? `Aucun lieu ${scope.inside} ne correspond à vos filtres : voici ${nearest} qui y ${count > 1 ? 'correspondent' : 'correspond'}.`
      : `Il n'y a aucun lieu ${scope.inside} : voici ${nearest}.`;
  }
  return `${lieux(count)} ${here}${filtered ? ', avec vos filtres' : ''}.`;
}

/** A territory the embed names that the region does not have: what to fix, for the municipality's webmaster. */
export function unknownTerritoryText(type, codes) {
  const what = type === 'epci' ? `Intercommunalité inconnue (SIREN ${codes[0]})`
    : type === 'departement' ? `Département inconnu (${codes.join(', ')})` : `Commune inconnue (code INSEE ${codes[0]})`;
  return `${what} en Bourgogne-Franche-Comté. Vérifiez l'attribut « territoires » de la carte, ou refaites le code sur la page /integrer du serveur.`;
}
