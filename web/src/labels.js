// The standard's exact labels for the GraphQL enum values the widget shows or filters on.
export const SERVICES = {
  AIDE_AUX_DEMARCHES_ADMINISTRATIVES: 'Aide aux démarches administratives',
  MAITRISE_DES_OUTILS_NUMERIQUES_DU_QUOTIDIEN: 'Maîtrise des outils numériques du quotidien',
  INSERTION_PROFESSIONNELLE_VIA_LE_NUMERIQUE: 'Insertion professionnelle via le numérique',
  UTILISATION_SECURISEE_DU_NUMERIQUE: 'Utilisation sécurisée du numérique',
  PARENTALITE_ET_EDUCATION_AVEC_LE_NUMERIQUE: 'Parentalité et éducation avec le numérique',
  LOISIRS_ET_CREATIONS_NUMERIQUES: 'Loisirs et créations numériques',
  COMPREHENSION_DU_MONDE_NUMERIQUE: 'Compréhension du monde numérique',
  ACCES_INTERNET_ET_MATERIEL_INFORMATIQUE: 'Accès internet et matériel informatique',
  ACQUISITION_DE_MATERIEL_INFORMATIQUE_A_PRIX_SOLIDAIRE: 'Acquisition de matériel informatique à prix solidaire',
};

export const PUBLICS = {
  JEUNES: 'Jeunes',
  ETUDIANTS: 'Étudiants',
  FAMILLES_ET_OU_ENFANTS: 'Familles et/ou enfants',
  SENIORS: 'Seniors',
  FEMMES: 'Femmes',
};

export const FRAIS = {
  GRATUIT: 'Gratuit',
  GRATUIT_SOUS_CONDITION: 'Gratuit sous condition',
  PAYANT: 'Payant',
};

export const ACCOMPAGNEMENT = {
  EN_AUTONOMIE: 'En autonomie',
  ACCOMPAGNEMENT_INDIVIDUEL: 'Accompagnement individuel',
  DANS_UN_ATELIER_COLLECTIF: 'Dans un atelier collectif',
  A_DISTANCE: 'À distance',
};

export const PRISE_EN_CHARGE = {
  SURDITE: 'Surdité',
  HANDICAPS_MOTEURS: 'Handicaps moteurs',
  HANDICAPS_MENTAUX: 'Handicaps mentaux',
  ILLETTRISME: 'Illettrisme',
  LANGUES_ETRANGERES_ANGLAIS: 'Langues étrangères (anglais)',
  LANGUES_ETRANGERES_AUTRES: 'Langues étrangères (autres)',
  DEFICIENCE_VISUELLE: 'Déficience visuelle',
};

export const ACCES = {
  SE_PRESENTER: 'Se présenter',
  TELEPHONER: 'Téléphoner',
  CONTACTER_PAR_MAIL: 'Contacter par mail',
  PRENDRE_UN_RDV_EN_LIGNE: 'Prendre un RDV en ligne',
  CE_LIEU_N_ACCUEILLE_PAS_DE_PUBLIC: "Ce lieu n'accueille pas de public",
  ENVOYER_UN_MAIL_AVEC_UNE_FICHE_DE_PRESCRIPTION: 'Envoyer un mail avec une fiche de prescription',
};

const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Values from an attribute or a URL parameter, as the Cartographie nationale writes them (the
 * standard's labels joined with | or ,) or as GraphQL enum names: the enum names that match.
 */
export function parseValues(text, labels) {
  if (!text) return [];
  const byLabel = new Map(Object.entries(labels).map(([name, label]) => [fold(label), name]));
  const out = [];
  for (const raw of String(text).split(/[|,]/)) {
    const value = raw.trim();
    if (!value) continue;
    const name = labels[value] ? value : byLabel.get(fold(value));
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}
