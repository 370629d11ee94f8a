using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Addresses;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Storage.Addresses;

namespace ScoranInclusion.GraphQL.Addresses;

public sealed class AddressKindEnumType : EnumerationGraphType
{
    public AddressKindEnumType()
    {
        Name = "AddressKind";
        Description = "Nature d'une adresse trouvée.";
        Add("HOUSENUMBER", AddressKind.HouseNumber, "Une adresse numérotée du fichier.");
        Add("STREET", AddressKind.Street, "Une voie (sans numéro, ou le numéro demandé n'est pas dans le fichier : le point moyen de la voie).");
        Add("LOCALITY", AddressKind.Locality, "Un lieu-dit sans numéro.");
    }
}

public sealed class AddressType : ObjectGraphType<AddressMatch>
{
    public AddressType()
    {
        Name = "Address";
        Description = "Une adresse de l'index local (Base Adresse Nationale, Licence Ouverte).";
        Field<NonNullGraphType<StringGraphType>>("label").Description("L'adresse complète : « 21 Rue de l'Arquebuse 71400 Autun ».").Resolve(c => c.Source.Label);
        Field<StringGraphType>("numero").Description("Le numéro et son indice (« 12 bis ») ; null pour une voie ou un lieu-dit.").Resolve(c => c.Source.NumeroText);
        Field<NonNullGraphType<StringGraphType>>("voie").Description("Le nom de la voie ou du lieu-dit.").Resolve(c => c.Source.Street.Voie);
        Field<NonNullGraphType<StringGraphType>>("codePostal").Resolve(c => c.Source.Street.CodePostal);
        Field<NonNullGraphType<StringGraphType>>("codeInsee").Description("Code INSEE de la commune.").Resolve(c => c.Source.Street.CodeInsee);
        Field<NonNullGraphType<StringGraphType>>("commune").Resolve(c => c.Source.Street.Commune);
        Field<NonNullGraphType<GeoPointType>>("location").Description("Le point de l'adresse (WGS84) ; pour une voie, le point moyen de ses adresses.").Resolve(c => c.Source.Location);
        Field<NonNullGraphType<FloatGraphType>>("score").Description("Qualité de la correspondance, de 0 à 1 (1 : tous les mots tapés sont des mots entiers de l'adresse, qui est entière).").Resolve(c => c.Source.Score);
        Field<NonNullGraphType<AddressKindEnumType>>("kind").Resolve(c => c.Source.Kind);
    }
}

/// <summary>The <c>addresses</c> query, and the address origin of <c>near</c>. The text searched is neither logged nor stored.</summary>
public static class AddressFields
{
    public const int MaxSearchLength = AddressQuery.MaxLength;

    public static void AddQuery(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AddressType>>>>("addresses")
            .Description("Autocomplétion d'adresses dans l'index local (Base Adresse Nationale), sans tenir compte des accents, de la casse ni des abréviations (av, bd, st, r.) : numéro (bis, ter), voie, code postal ou commune dans n'importe quel ordre. Un numéro absent du fichier donne la voie. ADDRESS_INDEX_EMPTY si aucun fichier n'a été importé.")
            .Argument<NonNullGraphType<StringGraphType>>("search")
            .Argument<IntGraphType>("first", a => { a.DefaultValue = 5; a.Description = $"Nombre d'adresses (0 à {AddressIndex.MaxFirst})."; })
            .Argument<GeoPointInputType>("near", "À correspondance égale, les adresses les plus proches de ce point d'abord (jamais enregistré).")
            .ResolveAsync(async c =>
            {
                var search = Search(c.GetArgument<string>("search"));
                var first = c.GetArgument("first", 5);
                if (first < 0 || first > AddressIndex.MaxFirst)
                {
                    throw new ScoranError(ErrorCodes.InvalidPagination, $"first doit être compris entre 0 et {AddressIndex.MaxFirst} (reçu {first}).");
                }

                GeoPoint? near = c.GetArgument<GeoPoint?>("near");
                if (near is { IsValid: false })
                {
                    throw new ScoranError(ErrorCodes.InvalidCoordinates, "Coordonnées invalides dans near : la latitude doit être entre -90 et 90, la longitude entre -180 et 180.");
                }

                return await SearchAsync(c.RequestServices!, search, first, near, c.CancellationToken);
            });
    }

    /// <summary>The point of the best match of a typed address, for <c>near: { address }</c>.</summary>
    public static async Task<GeoPoint> LocateAsync(IServiceProvider services, string address, CancellationToken cancellationToken)
    {
        var matches = await SearchAsync(services, Search(address), 1, null, cancellationToken);
        return matches.Count > 0
            ? matches[0].Location
            : throw new ScoranError(ErrorCodes.UnknownAddress, "Aucune adresse de l'index ne correspond au texte donné : vérifiez la voie et la commune, ou cherchez par commune.");
    }

    private static string Search(string text)
    {
        var search = text.Trim();
        if (search.Length == 0 || search.Length > MaxSearchLength)
        {
            throw new ScoranError(ErrorCodes.InvalidSearch, $"Le texte recherché doit comporter de 1 à {MaxSearchLength} caractères.");
        }

        return search;
    }

    private static async Task<IReadOnlyList<AddressMatch>> SearchAsync(IServiceProvider services, string search, int first, GeoPoint? near, CancellationToken cancellationToken)
    {
        try
        {
            return await services.GetRequiredService<AddressIndex>().SearchAsync(search, first, near, cancellationToken);
        }
        catch (AddressIndexEmptyException e)
        {
            throw new ScoranError(ErrorCodes.AddressIndexEmpty, "L'index des adresses de ce serveur est vide : cherchez par commune ou code postal.", e);
        }
    }
}
