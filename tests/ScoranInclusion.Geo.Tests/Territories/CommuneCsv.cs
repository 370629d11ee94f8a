using ScoranInclusion.Geo.Territories;

namespace ScoranInclusion.Geo.Tests.Territories;

/// <summary>
/// A few real rows of the geodata files (names, codes and populations as in the 2026 COG), in
/// the format <see cref="CommuneDirectory"/> reads.
/// </summary>
internal static class CommuneCsv
{
    public const string Header =
        "code_insee,nom,codes_postaux,code_departement,epci_siren,epci_nom,population,latitude,longitude";

    public const string AnciennesHeader = "ancien_code,ancien_nom,type,code_insee";

    public static readonly string[] Rows =
    [
        "21003,Ahuy,21121,21,242100410,Dijon Métropole,1718,47.37112,5.02048",
        "21060,Belleneuve,21310,21,200072825,CC Mirebellois et Fontenois,1571,47.35755,5.27406",
        "21121,Bussy-la-Pesle,21540,21,200039055,CC Ouche et Montagne,73,47.35629,4.71355",
        "21132,Chambœuf,21220,21,200070894,CC de Gevrey-Chambertin et de Nuits-Saint-Georges,374,47.22762,4.90250",
        "21166,Chenôve,21300,21,242100410,Dijon Métropole,14244,47.29260,5.00491",
        "21183,Collonges-et-Premières,21110,21,200000925,CC de la Plaine Dijonnaise,1067,47.22860,5.29225",
        "21231,Dijon,21000,21,242100410,Dijon Métropole,161830,47.32286,5.03748",
        "21272,Le Val-Larrey,21140|21390,21,200071017,CC des Terres d'Auxois,275,47.43304,4.32021",
        "21278,Fontaine-lès-Dijon,21121,21,242100410,Dijon Métropole,9252,47.34737,5.02456",
        "21461,Nolay,21340,21,200006682,\"CA Beaune, Côte et Sud - Communauté Beaune-Chagny-Nolay\",1409,46.95920,4.61980",
        "21540,Saint-Apollinaire,21850,21,242100410,Dijon Métropole,7544,47.33600,5.09312",
        "21553,Saint-Jean-de-Bœuf,21410,21,200039055,CC Ouche et Montagne,102,47.21156,4.76356",
        "21617,Talant,21240,21,242100410,Dijon Métropole,11896,47.33912,4.99752",
        "25056,Besançon,25000,25,242500361,CU Grand Besançon Métropole,118489,47.25521,6.01937",
        "25147,Chemaudin et Vaux,25320|25770,25,242500361,CU Grand Besançon Métropole,2113,47.22552,5.88954",
        "25186,Cussey-sur-l'Ognon,25870,25,242500361,CU Grand Besançon Métropole,1055,47.32778,5.94029",
        "25315,L'Isle-sur-le-Doubs,25250,25,200068294,CC des Deux Vallées Vertes,2780,47.42385,6.58922",
        "25527,Saint-Vit,25410,25,242500361,CU Grand Besançon Métropole,5133,47.18549,5.82074",
        "25616,Villars-Saint-Georges,25410,25,242500361,CU Grand Besançon Métropole,283,47.12460,5.82222",
        "39114,Château-Chalon,39210,39,200069615,CC Bresse Haute Seille,149,46.75921,5.64853",
        "39478,Saint-Claude,39200,39,200026573,CC Haut-Jura Saint-Claude,8386,46.40864,5.87611",
        "71076,Chalon-sur-Saône,71100,71,247100589,CA Le Grand Chalon,45102,46.78977,4.85230",
        "71104,Charnay-lès-Chalon,71350,71,200040038,CC Saône Doubs Bresse,197,46.93437,5.08407",
        "71204,Fragnes-La Loyère,71530,71,247100589,CA Le Grand Chalon,1411,46.83728,4.83645",
        "71426,Sainte-Hélène,71390,71,247104094,CC Sud Côte Chalonnaise,511,46.75760,4.63435",
        "71486,Saint-Vallier,71230,71,247100290,CU Le Creusot Montceau-les-Mines,8508,46.64271,4.35992",
        "89024,Auxerre,89000|89290,89,200067114,CA de l'Auxerrois,35097,47.79374,3.58170",
        "89204,L'Isle-sur-Serein,89440,89,200039709,CC du Serein,666,47.58763,4.01809",
        "89403,Stigny,89160,89,200039642,CC Le Tonnerrois en Bourgogne,89,47.77945,4.23841",
        "90010,Belfort,90000,90,200069052,CA Grand Belfort,45912,47.64691,6.84503",
        // Not in the region: a Corsican code, and a population left empty.
        "2A004,Ajaccio,20000|20090,2A,242010056,CA du Pays Ajaccien,,41.93520,8.70110",
    ];

    public static readonly string[] AnciennesRows =
    [
        "21019,,ancien-code,21060",
        "21073,Bierre-lès-Semur,commune-deleguee,21272",
        "21174,,ancien-code,21461",
        "21183,Collonges-lès-Premières,commune-deleguee,21183",
        "21272,Flée,commune-deleguee,21272",
        "21507,Premières,commune-deleguee,21183",
        // Not in the real file: an old code that is also a current code pointing elsewhere.
        "21166,,ancien-code,21231",
    ];

    public static string Communes(params string[] rows) => string.Join("\n", [Header, .. rows]) + "\n";

    public static string Anciennes(params string[] rows) => string.Join("\r\n", [AnciennesHeader, .. rows]) + "\r\n";

    public static CommuneDirectory Directory() =>
        CommuneDirectory.FromCsv(new StringReader(Communes(Rows)), new StringReader(Anciennes(AnciennesRows)));
}
