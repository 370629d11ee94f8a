using GraphQL.Types;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Export.JsonLd;

namespace ScoranInclusion.GraphQL.Offers;

public sealed class OfferFormatEnumType : EnumerationGraphType
{
    public OfferFormatEnumType()
    {
        Name = "OfferFormat";
        Description = "Forme de l'offre.";
        Add("INDIVIDUAL_HELP", OfferFormat.IndividualHelp, "Accompagnement individuel.");
        Add("COLLECTIVE_WORKSHOP", OfferFormat.CollectiveWorkshop, "Atelier collectif, dans un lieu, à heure fixe.");
        Add("REMOTE", OfferFormat.Remote, "À distance (visioconférence ou téléphone).");
    }
}

public sealed class OfferFeeEnumType : EnumerationGraphType
{
    public OfferFeeEnumType()
    {
        Name = "OfferFee";
        Description = "Ce que paie la personne.";
        Add("FREE", OfferFee.Free, "Gratuit.");
        Add("FREE_UNDER_CONDITION", OfferFee.FreeUnderCondition, "Gratuit sous condition (Pass numérique, inscription à un dispositif…), précisée dans feeCondition.");
        Add("PAID", OfferFee.Paid, "Payant.");
    }
}

public sealed class OfferLevelEnumType : EnumerationGraphType
{
    public OfferLevelEnumType()
    {
        Name = "OfferLevel";
        Description = "Niveau attendu.";
        Add("ALL_LEVELS", OfferLevel.AllLevels, "Tous niveaux.");
        Add("BEGINNER", OfferLevel.Beginner, "Débutant : jamais ou presque utilisé un ordinateur, une tablette ou un smartphone.");
        Add("INTERMEDIATE", OfferLevel.Intermediate, "Intermédiaire.");
        Add("ADVANCED", OfferLevel.Advanced, "Confirmé.");
    }
}

public sealed class SessionStatusEnumType : EnumerationGraphType
{
    public SessionStatusEnumType()
    {
        Name = "SessionStatus";
        Description = "État d'une séance. FULL et DONE se déduisent des places et de l'heure de fin.";
        Add("SCHEDULED", SessionStatus.Scheduled, "Programmée, des places restent (ou sans limite).");
        Add("FULL", SessionStatus.Full, "Complète : plus de place.");
        Add("CANCELLED", SessionStatus.Cancelled, "Annulée (gardée dans l'historique).");
        Add("DONE", SessionStatus.Done, "Terminée.");
    }
}

public sealed class OfferStatusEnumType : EnumerationGraphType
{
    public OfferStatusEnumType()
    {
        Name = "OfferStatus";
        Description = "État d'une offre.";
        Add("ACTIVE", OfferStatus.Active, "Proposée.");
        Add("CANCELLED", OfferStatus.Withdrawn, "Annulée (retirée) : ses séances à venir sont annulées, l'historique reste.");
    }
}

/// <summary>The order of upcomingSessions.</summary>
public enum SessionOrder
{
    StartTime,
    Distance,
}

public sealed class SessionOrderEnumType : EnumerationGraphType
{
    public SessionOrderEnumType()
    {
        Name = "SessionOrder";
        Description = "Ordre des séances.";
        Add("START_TIME", SessionOrder.StartTime, "Par heure de début (puis identifiant).");
        Add("DISTANCE", SessionOrder.Distance, "Par distance croissante, puis heure de début ; les séances à distance en dernier.");
    }
}
