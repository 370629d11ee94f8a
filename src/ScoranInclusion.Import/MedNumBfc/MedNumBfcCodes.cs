using System.Collections.Frozen;
using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Import.MedNumBfc;

/// <summary>
/// What one code of the MedNum BFC columns <c>code_typo</c>, <c>code_label</c> and
/// <c>code_accomp</c> becomes in the national standard. An entry with no effect is a code
/// that is known but deliberately not carried over (its reason says why).
/// </summary>
/// <param name="Column">The source column.</param>
/// <param name="Code">The code as the source writes it.</param>
/// <param name="Meaning">Its meaning from the source's own code list, or null when the source does not define it.</param>
/// <param name="Reason">Why it maps (or does not map) the way it does; printed in geodata/README.md.</param>
public sealed record MedNumBfcCode(string Column, string Code, string? Meaning, string Reason)
{
    public IReadOnlyList<Typologie> Typologie { get; init; } = [];

    public IReadOnlyList<Service> Services { get; init; } = [];

    public IReadOnlyList<ModaliteAccompagnement> ModalitesAccompagnement { get; init; } = [];

    public IReadOnlyList<ModaliteAcces> ModalitesAcces { get; init; } = [];

    public IReadOnlyList<DispositifProgrammeNational> Dispositifs { get; init; } = [];

    public IReadOnlyList<FormationLabel> FormationsLabels { get; init; } = [];

    public IReadOnlyList<string> AutresFormationsLabels { get; init; } = [];

    public bool HasEffect =>
        Typologie.Count + Services.Count + ModalitesAccompagnement.Count + ModalitesAcces.Count
        + Dispositifs.Count + FormationsLabels.Count + AutresFormationsLabels.Count > 0;
}

/// <summary>
/// The code tables of the MedNum BFC export (<c>bfc-ternum-fields-custom-props.json</c>, codes
/// joined with <c>-</c>) and the decisions taken for each. Conservative on purpose: a code only
/// becomes a value of the standard when its meaning says so; the others are kept out rather
/// than guessed, so that nothing in the converted file claims what MedNum BFC did not say.
/// </summary>
public static class MedNumBfcCodes
{
    public const string CodeTypo = "code_typo";
    public const string CodeLabel = "code_label";
    public const string CodeAccomp = "code_accomp";

    private const string NoTypologie =
        "No typologie of the standard's list says this: the code describes what the place does, not what kind of structure runs it.";

    private const string UndefinedLabel =
        "Not defined in the source's code list; too few rows, too mixed, to infer a meaning with confidence: nothing is carried over.";

    public static IReadOnlyList<MedNumBfcCode> All { get; } =
    [
        // code_typo: "typologie" in the source, but a typology of activities, not of structures.
        new(CodeTypo, "M", "Lieux de médiation publique", NoTypologie + " (EPN would be a guess: the code also covers libraries, town halls and youth information points)."),
        new(CodeTypo, "I", "Lieux d'information et d'accès aux droits",
            NoTypologie + " Access to rights is, on a digital-inclusion map, help with online administrative procedures: service « Aide aux démarches administratives ».")
        {
            Services = [Service.AideAuxDemarchesAdministratives],
        },
        new(CodeTypo, "T", "Lieux de travail et de collaboration", NoTypologie + " (coworking spaces are TIERS_LIEUX only when the source also says TL)."),
        new(CodeTypo, "O", "Lieux de formation", NoTypologie + " (OF would be a guess: the code also covers schools and family houses)."),
        new(CodeTypo, "F", "Lieux de médiation et de fabrication",
            NoTypologie + " FABLAB was considered and rejected: in the 2022-12-30 file 149 rows carry F, including 12 Crédit Agricole bank branches, MJCs and Maisons familiales rurales."),
        new(CodeTypo, "TL", "Tiers-lieux", "The standard's list has TIERS_LIEUX (« Tiers lieu & coworking »): same meaning.")
        {
            Typologie = [Domain.Sites.Typologie.TiersLieux],
        },
        new(CodeTypo, "C", null, "Not a code_typo value in the source's list; appears only in rows whose code_typo repeats their code_label codes (e.g. F-TL-C-FO-FTL). Ignored."),
        new(CodeTypo, "FO", null, "As C: a code_label code written in code_typo. Ignored."),
        new(CodeTypo, "FTL", null, "As C: a code_label code written in code_typo. Ignored."),

        // code_label
        new(CodeLabel, "APTIC", "APTIC", "A regional/national label with no value in formations_labels: kept verbatim in autres_formations_labels.")
        {
            AutresFormationsLabels = ["APTIC"],
        },
        new(CodeLabel, "CTL", "Charte régionale des Tiers Lieux", "No standard value: kept with its meaning in autres_formations_labels (no row uses it in this file).")
        {
            AutresFormationsLabels = ["Charte régionale des Tiers Lieux"],
        },
        new(CodeLabel, "FTL", "France Tiers Lieu", "No standard value: kept with its meaning in autres_formations_labels.")
        {
            AutresFormationsLabels = ["France Tiers Lieu"],
        },
        new(CodeLabel, "MSAP", "Maison de Services Au Public",
            "MSAPs became France Services (2019 reform; the MSAP label ended on 1 January 2022 for those not relabelled): dispositif « France Services »; their core mission is help with administrative procedures: service « Aide aux démarches administratives ».")
        {
            Dispositifs = [DispositifProgrammeNational.FranceServices],
            Services = [Service.AideAuxDemarchesAdministratives],
        },
        new(CodeLabel, "MFS", "Maison France Services",
            "dispositif « France Services »; help with administrative procedures is the programme's core mission: service « Aide aux démarches administratives ».")
        {
            Dispositifs = [DispositifProgrammeNational.FranceServices],
            Services = [Service.AideAuxDemarchesAdministratives],
        },
        new(CodeLabel, "NMM", "Nièvre médiation numérique", "Local network: kept with its meaning in autres_formations_labels.")
        {
            AutresFormationsLabels = ["Nièvre médiation numérique"],
        },
        new(CodeLabel, "DM", "Réseau Dijon métropole", "Local network: kept with its meaning in autres_formations_labels.")
        {
            AutresFormationsLabels = ["Réseau Dijon métropole"],
        },
        new(CodeLabel, "RIN", "Réseau inclusion numérique Chalon-Louhans", "Local network: kept with its meaning in autres_formations_labels.")
        {
            AutresFormationsLabels = ["Réseau inclusion numérique Chalon-Louhans"],
        },
        new(CodeLabel, "BFC", null,
            "Undefined. In the 2022-12-30 file, 121 of its 123 rows are tiers-lieux (code_typo TL) and 121 of the 125 tiers-lieux carry it: it goes with being a tiers-lieu (perhaps a regional tiers-lieux census), not with a training. "
            + "The formations_labels value « Arnia/MedNum BFC (Bourgogne-Franche-Comté) » means mediators trained or labelled by the regional hub, which nothing here shows; not carried over."),
        new(CodeLabel, "F", null, "Undefined; in the 2022-12-30 file, 55 of its 58 rows also have code_typo F, which it seems to repeat. Not carried over."),
        new(CodeLabel, "P", null, "Undefined; only on the 9 « PANDA » places of Dijon, all of which also carry DM (Réseau Dijon métropole), which is kept. Not carried over."),
        new(CodeLabel, "FO", null, UndefinedLabel + " (only on fablabs)."),
        new(CodeLabel, "C", null, UndefinedLabel),
        new(CodeLabel, "CO", null, UndefinedLabel),
        new(CodeLabel, "TL", null, "Undefined; 1 row, which is already a tiers-lieu by code_typo TL. Not carried over."),

        // code_accomp
        new(CodeAccomp, "A", "En autonomie",
            "modalites_accompagnement « En autonomie »; using the place's equipment on one's own is the service « Accès internet et matériel informatique ».")
        {
            ModalitesAccompagnement = [ModaliteAccompagnement.EnAutonomie],
            Services = [Service.AccesInternetEtMaterielInformatique],
        },
        new(CodeAccomp, "L", "Accès libre avec accompagnement",
            "Walk-in (« accès libre »: modalites_acces « Se présenter ») use of the equipment (service « Accès internet et matériel informatique ») with a mediator's help (« Accompagnement individuel »).")
        {
            ModalitesAccompagnement = [ModaliteAccompagnement.AccompagnementIndividuel],
            ModalitesAcces = [ModaliteAcces.SePresenter],
            Services = [Service.AccesInternetEtMaterielInformatique],
        },
        new(CodeAccomp, "RDV", "Accompagnement individuel sur rendez-vous",
            "« Accompagnement individuel ». How the appointment is made (phone, e-mail, online) is not said, so no modalites_acces; what the help is about is not said, so no service.")
        {
            ModalitesAccompagnement = [ModaliteAccompagnement.AccompagnementIndividuel],
        },
        new(CodeAccomp, "G", "Accompagnement en groupe sur inscription",
            "« Dans un atelier collectif ». The topic of the workshops is not said, so no service.")
        {
            ModalitesAccompagnement = [ModaliteAccompagnement.DansUnAtelierCollectif],
        },
        new(CodeAccomp, "R", "Atelier de réparation informatique",
            "Repairing one's computer is none of the standard's 9 services nor a way of being accompanied (it may be individual or collective). Not carried over."),
    ];

    private static readonly FrozenDictionary<(string Column, string Code), MedNumBfcCode> _byCode =
        All.ToFrozenDictionary(c => (c.Column, c.Code));

    /// <summary>The entry of a code, matched exactly, else ignoring case (<paramref name="caseCorrected"/> then true).</summary>
    public static MedNumBfcCode? Find(string column, string code, out bool caseCorrected)
    {
        caseCorrected = false;
        if (_byCode.TryGetValue((column, code), out var exact))
        {
            return exact;
        }

        var other = All.FirstOrDefault(c => c.Column == column && string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));
        caseCorrected = other is not null;
        return other;
    }
}
