namespace ScoranInclusion.Server.Cli;

/// <summary>The French help of the verbs, printed on <c>--help</c> and after a usage error.</summary>
internal static class CliUsage
{
    public const string Program = "dotnet run --project src/ScoranInclusion.Server --";

    public const string General = $"""
        ScoranInclusion : lieux de médiation numérique de Bourgogne-Franche-Comté.

        Usage : {Program} [import|export|validate|sync|reminders|merges|accounts|backup|restore|adresses] [options] (VERBE --help pour le détail)

        Sans verbe, le programme démarre le serveur GraphQL. Avec un verbe, il exécute une
        commande puis s'arrête (le serveur web n'est pas démarré) :

          import FICHIER... [--format F] [--dry-run] [--strict] [--report FICHIER] [--provenance NOM]
              Importe des lieux dans la base (voir « import --help »).
          export --format lmn-csv|lmn-json|geojson [--out FICHIER] [--commune INSEE|--epci SIREN|--departement CODE]
              Exporte les lieux au format du standard national ou en GeoJSON.
          validate FICHIER... [--format F] [--report FICHIER]
              Vérifie un fichier et imprime le rapport, sans rien écrire en base.
          sync [NOM...] [--dry-run] [--report FICHIER]
              Synchronise les sources configurées (Sources:NOM:…) : téléchargement, import, retraits.
          reminders [--dry-run]
              Relance par courriel les médiateurs des fiches ni confirmées ni mises à jour (Reminders:…).
          merges [pending|history|confirm N|reject N|undo N]
              Les doublons : paires incertaines à trancher, fusions faites, annulation.
          accounts create-admin COURRIEL | invite COURRIEL --role R ... | resend-invitation COURRIEL | revoke COURRIEL | mails
              Les comptes : invitation (lien à usage unique imprimé), révocation.
          backup FICHIER
              Sauvegarde la base SQLite dans FICHIER, même pendant que le serveur tourne.
          restore FICHIER
              Remplace la base SQLite par une sauvegarde vérifiée (serveur arrêté).
          adresses import FICHIER... | adresses status
              L'index local des adresses (fichiers de la Base Adresse Nationale, un par département).

        Exemples :
          {Program} import lieux.csv --dry-run
          {Program} export --format lmn-csv --out lieux.csv --departement 58

        La configuration est celle du serveur (appsettings.json, variables d'environnement,
        options --Clé:SousClé=valeur), par exemple --ConnectionStrings:Scoran="Data Source=/tmp/x.db".

        Codes de sortie : 0 succès ; 1 lignes rejetées (rapport imprimé) ; 2 commande mal formée
        (verbe ou option inconnus, fichier introuvable, format inconnu) ; 3 échec (base, disque).
        """;

    public const string Import = $"""
        Usage : {Program} import FICHIER... [options]

        Importe les lieux d'un ou plusieurs fichiers : lecture, validation ligne par ligne,
        fusion avec les lieux déjà en base (par provenance et identifiant), dans une transaction
        par fichier. Le rapport (texte) est imprimé sur la sortie standard, la progression sur
        la sortie d'erreur.

        Options :
          --format F         lmn-csv | lmn-json | data-inclusion | mednum-bfc | france-services
                             (par défaut : détecté d'après l'extension et le contenu)
          --dry-run          tout vérifier et compter, sans rien écrire en base
          --strict           une seule ligne rejetée annule l'import du fichier
          --report FICHIER   écrit aussi le rapport en JSON dans FICHIER
          --provenance NOM   le jeu de données d'origine, clé de fusion avec l'identifiant du lieu
                             (par défaut : le nom du format pour mednum-bfc, data-inclusion et
                             france-services, sinon le nom du fichier sans extension, en
                             minuscules, par ex. « lieux-21 »)
          --progress         imprime la progression ligne à ligne même quand la sortie d'erreur
                             n'est pas un terminal (journal) ; sur un terminal, elle est toujours là
          -h, --help         cette aide

        Code de sortie : 0 si toutes les lignes sont acceptées, 1 si des lignes sont rejetées,
        2 si la commande est mal formée.
        """;

    public const string Export = $"""
        Usage : {Program} export --format lmn-csv|lmn-json|geojson [options]

        Exporte les lieux de la base, dans l'ordre de leur enregistrement :
          lmn-csv    le CSV du standard national (32 colonnes dans l'ordre du schéma)
          lmn-json   le JSON « à plat » du standard (mêmes clés, valeurs multiples jointes par |)
          geojson    une FeatureCollection de points, propriétés du standard, licence ODbL et
                     attribution « MedNum BFC » en tête ; les lieux sans coordonnées sont omis

        Options :
          --format F          obligatoire : lmn-csv | lmn-json | geojson
          --out FICHIER       écrit dans FICHIER (par défaut : la sortie standard)
          --commune INSEE     seulement les lieux de cette commune (code INSEE)
          --epci SIREN        seulement les lieux de cet EPCI (SIREN)
          --departement CODE  seulement les lieux de ce département (21, 25, 39, 58, 70, 71, 89, 90)
          -h, --help          cette aide

        Les lieux MedNum BFC sont sous licence ODbL 1.0, attribution « MedNum BFC » : toute
        rediffusion doit la mentionner.
        """;

    public const string Validate = $"""
        Usage : {Program} validate FICHIER... [options]

        Lit et vérifie un fichier comme le ferait un import, puis imprime le rapport ligne par
        ligne. N'écrit rien en base (la base n'est même pas ouverte).

        Options :
          --format F         lmn-csv | lmn-json | data-inclusion | mednum-bfc | france-services
                             (par défaut : détecté)
          --report FICHIER   écrit aussi le rapport en JSON dans FICHIER
          --progress         la progression même hors d'un terminal
          -h, --help         cette aide

        Code de sortie : 0 si le fichier est valide, 1 si des lignes sont rejetées, 2 si la
        commande est mal formée.
        """;

    public const string Addresses = $"""
        Usage : {Program} adresses import FICHIER... | adresses status

        L'index local des adresses, pour chercher depuis une adresse sans l'envoyer à personne.
        Les fichiers sont ceux de la Base Adresse Nationale (Licence Ouverte), un par
        département : https://adresse.data.gouv.fr/data/ban/adresses/latest/csv/adresses-21.csv.gz
        (21, 25, 39, 58, 70, 71, 89, 90 pour la région). Un .csv ou un .csv.gz, lu au fil de l'eau.

          import FICHIER...  remplace, dans une transaction par fichier, les adresses des
                             départements du fichier (réimporter le même fichier ne change rien) ;
                             les lignes rejetées sont listées avec leur numéro et leur champ
          status             les départements de l'index, leurs adresses, leur fichier, leur date

        Codes de sortie : 0 succès ; 1 lignes rejetées (les autres importées) ; 2 commande mal
        formée ; 3 fichier illisible (rien importé de lui) ou base inaccessible.
        """;

    public const string Merges = $"""
        Usage : {Program} merges [ACTION] [options]

        Un import fusionne de lui-même un lieu déjà connu d'une autre source quand la
        ressemblance est sûre (même commune, nom, rue et position proches). Quand elle ne l'est
        pas, il crée le lieu et garde la paire pour une personne :

          pending            les paires incertaines en attente (action par défaut)
          confirm N          c'est le même lieu : fusionne la paire N (annulable)
          reject N           ce sont deux lieux différents : la paire N quitte la liste
          history            les fusions faites, les plus récentes d'abord
          undo N             annule la fusion N : chaque lieu reprend ses propres valeurs

        Options :
          --site NUMÉRO      avec history : seulement les fusions de ce lieu
          --by NOM           qui décide (gardé dans l'historique)
          -h, --help         cette aide

        Code de sortie : 0 succès ; 2 commande mal formée, numéro inconnu ou déjà traité.
        """;

    public const string Accounts = $"""
        Usage : {Program} accounts ACTION COURRIEL [options]

        Les comptes se créent par invitation : la commande met le lien à usage unique dans la
        file d'envoi des courriels (le serveur l'envoie si Email:Smtp:Host est configuré ;
        sinon il attend) et l'imprime aussi, à transmettre à la main sans serveur de courriel ;
        la personne y choisit son mot de passe (mutation acceptInvitation). Aucun mot de passe
        ne passe par la ligne de commande.

          create-admin COURRIEL                              un administrateur
          invite COURRIEL --role mediator --sites ID,ID      un médiateur de ces lieux
          invite COURRIEL --role mediator --siret SIRET      un médiateur des lieux de ce SIRET
          invite COURRIEL --role moderator [--departement 21]  un modérateur (sans département : la région)
          resend-invitation COURRIEL                         un nouveau lien (les précédents ne marchent plus)
          revoke COURRIEL [--disable]                        révoque ses jetons (et désactive le compte)
          mails [--failed]                                   la file d'envoi : en attente, envoyés, en échec

        Les lieux se donnent par leur identifiant global (U2l0ZTox) ou leur numéro interne.
        Le lien part de Auth:PublicBaseUrl ; il vaut Auth:InvitationLifetime (14 jours).

        Code de sortie : 0 succès ; 2 commande mal formée, adresse déjà prise, lieu inconnu.
        """;

    public const string Backup = $"""
        Usage : {Program} backup FICHIER

        Sauvegarde la base SQLite dans FICHIER avec l'API de sauvegarde en ligne de SQLite :
        une copie cohérente d'un instant, prise même pendant que le serveur tourne et écrit
        (il n'est pas bloqué). La copie est écrite à côté de FICHIER puis renommée (jamais de
        fichier à moitié écrit), vérifiée par PRAGMA integrity_check, et forme un seul fichier
        (sans journal WAL à côté). Un FICHIER existant est remplacé.

        Imprime la taille, le nombre de lieux et la dernière migration de la copie.
        Sur PostgreSQL : utilisez pg_dump (voir docs/deploiement-postgresql.md).

        Code de sortie : 0 succès ; 2 commande mal formée (fichier manquant, dossier absent,
        base inexistante, PostgreSQL) ; 3 échec (disque, copie abîmée).
        """;

    public const string Restore = $"""
        Usage : {Program} restore FICHIER

        Remplace la base SQLite par la sauvegarde FICHIER (faite par « backup »). Le serveur
        doit être arrêté : la commande refuse tant qu'un serveur ou une autre commande utilise
        la base. Avant de toucher à la base, elle vérifie FICHIER : en-tête SQLite,
        PRAGMA integrity_check, base de ScoranInclusion, migrations toutes connues de ce
        programme (une sauvegarde d'une version plus récente est refusée). Puis elle garde la
        base actuelle sous BASE.avant-restauration-DATE et met la sauvegarde à sa place d'un
        seul renommage. Les migrations manquantes s'appliquent au démarrage suivant.
        Sur PostgreSQL : utilisez pg_restore (voir docs/deploiement-postgresql.md).

        Code de sortie : 0 succès ; 2 commande mal formée ou restauration refusée (fichier
        abîmé, étranger ou plus récent, base utilisée, PostgreSQL) : la base n'a pas changé ;
        3 échec (disque).
        """;

    public const string Sync = $"""
        Usage : {Program} sync [NOM...] [options]

        Synchronise les sources configurées (Sources:NOM:Url, Sources:NOM:Format… ; voir
        docs/deploiement.md), comme le serveur le fait chaque nuit avec Sync:Enabled=true : toutes
        les sources actives, ou celles nommées. Pour chacune : téléchargement conditionnel (une
        source inchangée, réponse 304 ou même contenu, n'écrit rien et le dit), import par le même
        chemin que « import » (validation, rapport, fusion, provenance, historique), lignes hors des
        départements de la source ignorées et comptées, puis retrait des lieux que la source ne
        liste plus et que rien d'autre ne tient. Si trop de lieux seraient retirés
        (Sync:MaxWithdrawShare) ou si le fichier a moins de la moitié des lignes de la dernière
        synchronisation, aucun n'est retiré et la synchronisation est marquée suspecte.

        Options :
          --dry-run          tout faire et compter, puis tout annuler : rien n'est écrit en base
                             (sauf la trace de la synchronisation)
          --report FICHIER   écrit aussi la synchronisation et son rapport en JSON dans FICHIER
                             (plusieurs sources : FICHIER-nom.json)
          -h, --help         cette aide

        Code de sortie : 0 fait ou inchangé, 1 des lignes rejetées (les autres importées), 2
        commande mal formée (source inconnue), 3 une source n'a pas pu être lue ou importée, ou une
        autre synchronisation la tient : rien n'a changé pour elle.
        """;

    public const string Reminders = $"""
        Usage : {Program} reminders [--dry-run]

        Relance par courriel, comme le serveur le fait chaque jour avec Reminders:Enabled=true, les
        médiateurs des lieux ni confirmés ni mis à jour depuis Reminders:After mois (6 par défaut) :
        un courriel par médiateur, avec un lien « Rien n'a changé » (valable 30 jours, une fois) et un
        lien « Mettre à jour » ; au plus Reminders:MaxReminders relances (4), espacées de
        Reminders:Interval (14 jours). Une confirmation ou une modification arrête les relances.
        Avec Reminders:ContactPlaces=true, un lieu sans compte médiateur est relancé à son adresse
        publique (courriels), avec un lien « C'est mon lieu ». Les courriels passent par la file
        d'envoi (Email:…) : sans serveur SMTP, ils y attendent.

        Options :
          --dry-run          compter et lister les lieux qui seraient relancés : rien n'est écrit
                             ni envoyé
          -h, --help         cette aide

        Code de sortie : 0 fait (même sans rien à relancer), 2 commande mal formée, 3 d'autres
        relances sont en cours (le serveur ou une autre commande) : rien n'a été fait.
        """;

    public static string For(string? verb) => verb switch
    {
        RemindersCommand.Verb => Reminders,
        SyncCommand.Verb => Sync,
        BackupCommand.BackupVerb => Backup,
        BackupCommand.RestoreVerb => Restore,
        AccountsCommand.Verb => Accounts,
        MergesCommand.Verb => Merges,
        AddressesCommand.Verb => Addresses,
        CliVerbs.ImportVerb => Import,
        CliVerbs.ExportVerb => Export,
        CliVerbs.ValidateVerb => Validate,
        _ => General,
    };
}
