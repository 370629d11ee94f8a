// Suggestions of the search box, shared by <scoran-carte> and the /lieux page (recherche.js): communes, postal codes and
// addresses of the server's local index (issue 21), in one list. The typed text goes in a POST body only, never in a URL.

// ---- Search by address (issue 21): the texts of the combobox and of the phone layout, in one block. --------------
// French defaults of the address search; its messages in the six languages are the catalogues' address.* keys.
export const ADDRESS_TEXTS = {
  label: 'Votre adresse, votre commune ou votre code postal',
  /** The count of suggestions, said by the combobox's live region. */
  choices: (n) => (n === 0 ? 'Aucune proposition.' : `${n} proposition${n > 1 ? 's' : ''} : flèches haut et bas pour choisir, Entrée pour valider.`),
  listTitle: 'Liste des lieux',
  showMap: 'Voir sur la carte',
  showList: 'Voir la liste',
};

const COMMUNE_FIELDS = 'codeInsee nom codesPostaux codeDepartement location { latitude longitude }';
const SUGGEST_ALL = `query Propositions($s: String!, $n: Int) { communes(search: $s, first: $n) { ${COMMUNE_FIELDS} }
  addresses(search: $s, first: $n) { label numero voie codePostal commune kind location { latitude longitude } } }`;
const SUGGEST_COMMUNES = `query Communes($s: String!, $n: Int) { communes(search: $s, first: $n) { ${COMMUNE_FIELDS} } }`;
export const SUGGEST_DELAY_MS = 250;
const STREET_WORDS = /^(rue|r|avenue|av|ave|boulevard|bd|bld|place|pl|chemin|ch|che|allee|all|impasse|imp|route|rte|quai|cours|crs|square|sq|passage|faubourg|fg|fbg|sentier|voie|ruelle|montee|promenade|prom|esplanade|parvis|cite|clos|lotissement|residence|res|hameau|lieu-dit|rond-point|grande-rue|grand-rue)$/;
/** « 12 rue… », « rue de la Gare autun », « … 21 bis »: a house number (not a 5-digit code) or a street type comes first. */
export function looksLikeAddress(text) {
  const words = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[\s,.;']+/).filter(Boolean);
  return words.some((w) => (/^\d{1,4}[a-z]*$/.test(w) && !/^\d{5}$/.test(w)) || STREET_WORDS.test(w));
}
/** « 12 Rue de la Préfecture » (the street line of an address). */
export const streetLine = (a) => (a.numero ? `${a.numero} ${a.voie}` : a.voie);

/** « 12 Rue de la Préfecture, 21000 Dijon ». */
export const addressLine = (a) => `${streetLine(a)}, ${a.codePostal} ${a.commune}`;

const esc = (value) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** The inside of one option: « 12 Rue de la Préfecture <span>21000 Dijon</span> », « Autun <span>(71400)</span> ». */
export function optionHtml(choice) {
  return choice.address
    ? `${esc(streetLine(choice.address))} <span>${esc(`${choice.address.codePostal} ${choice.address.commune}`)}</span>`
    : `${esc(choice.commune.nom)} <span>(${esc(choice.commune.codesPostaux[0] || choice.commune.codeDepartement)})</span>`;
}

/**
 * Communes and addresses for a text: [{ commune } | { address }], addresses first when the text looks like one.
 * graphql(query, variables) throws an Error whose code is the GraphQL error's extensions.code. state.addressIndex is set
 * to false when the server says it has no address index (ADDRESS_INDEX_EMPTY): communes only from then on, silently.
 */
export async function lookup(graphql, text, n, state) {
  const withAddresses = state._addressIndex !== false && text.length >= 3;
  let data;
  try {
    data = await graphql(withAddresses ? SUGGEST_ALL : SUGGEST_COMMUNES, { s: text, n });
  } catch (error) {
    if (!withAddresses || error.code !== 'ADDRESS_INDEX_EMPTY') throw error;
    state._addressIndex = false;
    data = await graphql(SUGGEST_COMMUNES, { s: text, n });
  }
  const communes = data.communes.map((commune) => ({ commune }));
  const addresses = (data.addresses || []).map((address) => ({ address }));
  return (looksLikeAddress(text) ? [...addresses, ...communes] : [...communes, ...addresses]).slice(0, n);
}
