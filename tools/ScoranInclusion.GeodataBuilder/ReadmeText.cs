using System.Globalization;
using System.Text;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.MedNumBfc;

namespace ScoranInclusion.GeodataBuilder;

/// <summary>
/// geodata/README.md, written from the build's own results so that every count, table and
/// listed row is the one of the files beside it.
/// </summary>
internal static class ReadmeText
{
    public static string Build(SourceData source, TerritoryLayers layers, IReadOnlyList<LayerStats> stats, PlacesReport places, int addresses, BasemapStats basemap)
    {
        var md = new StringBuilder();
        Header(md);
        Files(md, source, stats, places, addresses, basemap);
        Sources(md);
        Territories(md, source, layers, stats);
        Basemap(md, basemap);
        Places(md, source, places);
        return md.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static void Header(StringBuilder md)
    {
        md.Append("""
            # geodata: territories and seed places of Bourgogne-Franche-Comté

            The territory files the server loads (communes, former commune codes, boundaries for the
            map) and the places it seeds its database with on first start (the MedNum BFC help points,
            converted to the national standard "lieux de médiation numérique" v1.0.2).

            **Generated, do not edit by hand.** Every file here, this README included, is written by
            `tools/ScoranInclusion.GeodataBuilder` from `../shared/geodata-src` (its own README describes
            each source file and how it was made). From the repository root:

            ```sh
            dotnet run --project tools/ScoranInclusion.GeodataBuilder -- --source ../shared/geodata-src --out geodata
            ```

            (`--source` and `--out` default to these paths.) The same input gives byte-identical files:
            sorted rows, fixed number formats, UTF-8 without BOM, LF line ends. The builder re-reads its
            own `lieux-mednum-bfc.csv` with the server's `LmnCsvReader` and fails if a row would be
            rejected or corrected.


            """);
    }

    private static void Files(StringBuilder md, SourceData source, IReadOnlyList<LayerStats> stats, PlacesReport places, int addresses, BasemapStats basemap)
    {
        string Size(string file) => stats.FirstOrDefault(s => s.File == file) is { } s ? Kb(s.Bytes) : "";
        md.Append("""
            ## Files

            | file | content | rows / features | size | licence |
            | --- | --- | --- | --- | --- |

            """);
        md.Append(CultureInfo.InvariantCulture, $"| `{GeodataBuild.CommunesCsv}` | current communes (COG 2026) with postal codes, EPCI, population and a representative point | {source.Communes.Count:N0} | | Licence Ouverte 2.0 |\n");
        md.Append(CultureInfo.InvariantCulture, $"| `{GeodataBuild.AnciennesCsv}` | former, delegated and associated commune codes → current INSEE code | {source.Anciennes.Count:N0} | | Licence Ouverte 2.0 |\n");
        foreach (var s in stats)
        {
            var what = s.File switch
            {
                GeodataBuild.CommunesGeoJson => "commune polygons, simplified for web display",
                GeodataBuild.EpcisGeoJson => "EPCI à fiscalité propre, dissolved from the communes",
                GeodataBuild.DepartementsGeoJson => "the 8 départements, dissolved from the communes",
                _ => "the region, dissolved from the communes",
            };
            md.Append(CultureInfo.InvariantCulture, $"| `{s.File}` | {what} | {s.Features:N0} | {Size(s.File)} | Licence Ouverte 2.0 |\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"| `{BasemapBuild.File}` | the default basemap: region, borders and commune names as vector tiles z{BasemapBuild.MinZoom}–z{BasemapBuild.MaxZoom} in one PMTiles v3 archive (see « Basemap » below) | {basemap.Tiles:N0} tiles | {Kb(basemap.Bytes)} | Licence Ouverte 2.0 |\n");
        md.Append(CultureInfo.InvariantCulture, $"| `{GeodataBuild.PlacesCsv}` | MedNum BFC places in the national standard's CSV (32 columns) | {places.ReRead.Count:N0} | | **ODbL 1.0**, attribution « MedNum BFC » |\n");
        md.Append(CultureInfo.InvariantCulture, $"| `{AddressFixture.File}` | the numbered addresses of those places (`adresse`, postal code, INSEE code, commune, coordinates) in the Base Adresse Nationale's CSV format (`;`, the BAN's 23 columns, unknown ones empty): the test fixture of the address index (`adresses import`), not a BAN extract | {addresses:N0} | | **ODbL 1.0**, attribution « MedNum BFC » (derived from `{GeodataBuild.PlacesCsv}`) |\n");
        md.Append("| `README.md` | this file | | | |\n\n");
    }

    private static void Sources(StringBuilder md)
    {
        md.Append("""
            ## Sources and licences

            **Territories — Licence Ouverte / Open Licence 2.0 (etalab-2.0).** Attribution: « IGN, INSEE,
            DGCL, La Poste — via decoupage-administratif et france-geojson ».

            - Geometry: IGN ADMIN EXPRESS COG, édition 2018, as published by the GitHub repository
              `gregoiredavid/france-geojson` (HEAD `5d34ee6d0140c29f785fdb047d9329f1aab58833`, 2018-10-16;
              the per-département commune files last changed in `45daa2d069a8da3ec4efb6672388fc3dc02e36e2`,
              2018-08-01), dissolved to the 2026 communes in `geodata-src`.
            - Attributes: npm package `@etalab/decoupage-administratif@6.0.0` (data: Licence Ouverte,
              code: MIT), i.e. INSEE Code officiel géographique 2026, the DGCL list of EPCI à fiscalité
              propre 2026, INSEE populations légales, and La Poste's *base officielle des codes postaux*.
            - Département and region names: `france-geojson` (same commit).

            **Places — Open Database License 1.0 (ODbL).** © MedNum BFC (GIP Territoires Numériques BFC).
            Source: GitHub `multi-coop/data-bfc-ternum`, `csv/bfc-ternum-dataset.csv`, last changed in
            commit `55b70165f8e74ee7d9ccfb86ba66c06f14151e06` (2022-12-30; repository HEAD
            `c1625dfeac616a588a10f1734215ff1f0d2044c2`, 2023-03-29); licence and *Conditions Particulières
            d'Utilisation* in that repository's `markdown/les-donnees.md` (the share-alike clause, art. 4.4,
            applies to information of the same nature, granularity, period and geographic extent).
            `lieux-mednum-bfc.csv` is a derived database and is itself under ODbL 1.0; so is the server's
            database of places built from it, whenever it is redistributed (exports, API dumps). Any map
            or page showing these places must credit « MedNum BFC » (ARCHITECTURE.md requires the widget to show it).

            **Format — the national standard** « Schéma de données des lieux de médiation numérique »
            v1.0.2, `LaMednum/standard-mediation-num` (HEAD `e347ff40a0072ed2e0caf7f04384dfd2c84dbaff`,
            2024-07-25), etalab-2.0.


            """);
    }

    private static void Territories(StringBuilder md, SourceData source, TerritoryLayers layers, IReadOnlyList<LayerStats> stats)
    {
        var byDepartement = string.Join(", ", source.Communes.GroupBy(c => c.CodeDepartement).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}: {g.Count()}")));
        var byType = string.Join(", ", source.Anciennes.GroupBy(a => a.Type).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}: {g.Count()}")));
        md.Append(CultureInfo.InvariantCulture, $"""
            ## Territory files

            ### `communes.csv`

            `code_insee,nom,codes_postaux,code_departement,epci_siren,epci_nom,population,latitude,longitude`
            — {source.Communes.Count:N0} current communes sorted by `code_insee` ({byDepartement}), from
            `communes-bfc.csv`: same values, columns renamed, `codes_postaux` joined with `|` (a postal code
            can serve several communes), `latitude`/`longitude` the representative point with 5 decimals
            (invariant culture): the centroid, or a point on the surface for the 12 communes whose
            centroid falls outside them. Names are kept exactly as in the source (including the double
            space of « CA ECLA  (Espace Communautaire Lons Agglomération) »). The server's
            `CommuneDirectory` reads this file; its format is fixed.

            ### `communes-anciennes.csv`

            `ancien_code,ancien_nom,type,code_insee` — {source.Anciennes.Count:N0} former codes ({byType}) mapped to the
            current commune, sorted by `ancien_code`; `ancien_nom` is empty when the source had no name.
            A few codes are both a current commune and a commune déléguée of it (e.g. 21183).

            ### GeoJSON layers

            All FeatureCollections in WGS84 longitude/latitude (RFC 7946: outer rings counter-clockwise,
            holes clockwise), coordinates rounded to 5 decimals (about 1 m), one feature per line,
            sorted by code. Properties:

            - `communes.geojson`: `code_insee`, `nom`, `code_departement`, `epci_siren`;
            - `epcis.geojson`: `siren`, `nom` — only the BFC part of an EPCI that crosses the region's border;
            - `departements.geojson`: `code`, `nom`;
            - `region.geojson`: `code`, `nom` (a FeatureCollection of one feature, unlike the source's single Feature).

            The communes are simplified **as one coverage** with NetTopologySuite 2.6.0's
            `CoverageSimplifier` (Visvalingam-Whyatt on the shared edges; tolerance
            {TerritoryLayers.SimplifyTolerance.ToString(CultureInfo.InvariantCulture)}°), so that neighbours keep exactly the same border: no gaps, no overlaps.
            The source coverage was checked first with `CoverageValidator`
            ({layers.InvalidSourceCoverageElements} invalid commune(s)); {layers.RepairedGeometries} simplified geometry needed repair.
            EPCIs, départements and the region are then **dissolved from the simplified communes**
            (`CoverageUnion`) instead of copying `departements-bfc.geojson` and `region-bfc.geojson`, which
            were simplified separately and do not match the commune borders (in the source, the point of
            the exclave Chêne-Sec, 39140, falls outside département 39): here every layer shares the
            commune edges exactly.

            | file | source file | source vertices | vertices | source size | size | features |
            | --- | --- | ---: | ---: | ---: | ---: | ---: |

            """);
        foreach (var s in stats)
        {
            md.Append(CultureInfo.InvariantCulture, $"| `{s.File}` | `{s.SourceFile}` | {s.SourceVertices:N0} | {s.Vertices:N0} | {Kb(s.SourceBytes)} | {Kb(s.Bytes)} | {s.Features:N0} |\n");
        }

        md.Append('\n');
        var outside = layers.CommunesWhosePointLeftThePolygon;
        md.Append(CultureInfo.InvariantCulture, $"""
            (The EPCI layer's "source" is the commune layer it is dissolved from.) Simplification moves
            borders by up to a few hundred metres: use these layers to draw, not to decide which commune a
            point is in near a border. {outside.Count} commune representative point(s) of `communes.csv` fall just
            outside their simplified polygon: {(outside.Count == 0 ? "none" : string.Join(", ", outside))}.


            """);
    }

    private static void Places(StringBuilder md, SourceData source, PlacesReport places)
    {
        var conversions = places.Conversions;
        var records = ReadSource(source.MedNumPath);
        var kept = conversions.Where(c => c.Row.Site is not null).ToList();
        var rejected = conversions.Where(c => c.Row.Site is null).ToList();
        int Outcome(CommuneCheckOutcome o) => conversions.Count(c => c.Commune.Outcome == o);
        var hoursConverted = kept.Count(c => c.Row.Site!.Horaires is not null);
        var hoursDropped = conversions.Count(c => c.Row.Issues.Any(i => i.Field == SiteFields.Horaires && i.Severity == ValidationSeverity.Error));
        var withServices = kept.Count(c => c.Row.Site!.Services.Count > 0);
        var serviceCounts = Vocabularies.Services.Values.Order()
            .Select(s => (Label: Vocabularies.Services.Label(s), Count: kept.Count(c => c.Row.Site!.Services.Contains(s))))
            .Where(x => x.Count > 0)
            .ToList();
        var phones = records.Count(r => r["contact_tel"].Length > 0);
        var phonesKept = kept.Count(c => c.Row.Site!.Telephone is not null);
        var warnings = places.ReRead.SelectMany(r => r.Issues).Where(i => i.Severity == ValidationSeverity.Warning)
            .GroupBy(i => i.Field).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();

        md.Append(CultureInfo.InvariantCulture, $"""
            ## `lieux-mednum-bfc.csv`: the MedNum BFC places in the national standard

            The national standard's CSV v1.0.2 written by `LmnCsvWriter` (32 columns in the standard's
            order, `|` between values, exact labels), converted by `MedNumBfcConverter`
            (`src/ScoranInclusion.Import/MedNumBfc/`), the same code an `import --format mednum-bfc`
            verb will use. Rows keep the source's order.

            ### Counts

            | | rows |
            | --- | ---: |
            | source rows | {conversions.Count} |
            | written | {kept.Count} |
            | excluded | {rejected.Count} |
            | commune: point and address agree | {Outcome(CommuneCheckOutcome.Consistent)} |
            | commune: town name not recognised, point's commune has the postal code | {Outcome(CommuneCheckOutcome.PostalCodeOnly)} |
            | commune: point just across the border of the address's commune (≤ {new MedNumBfcOptions().BorderToleranceMetres:0} m), kept | {Outcome(CommuneCheckOutcome.NearBorder)} |
            | **flagged: point in another commune, moved** | **{Outcome(CommuneCheckOutcome.Flagged)}** |
            | commune from the point only / from the address only / unresolved | {Outcome(CommuneCheckOutcome.PointOnly)} / {Outcome(CommuneCheckOutcome.AddressOnly)} / {Outcome(CommuneCheckOutcome.Unresolved)} |
            | `horaires` converted | {hoursConverted} |
            | `horaires` dropped (a cell could not be read) | {hoursDropped} |
            | no hours in the source | {conversions.Count - hoursConverted - hoursDropped} |
            | `date_maj` from `mise_a_jour` / set to 2022-12-30 (empty) | {conversions.Count(c => !c.DateMajDefaulted)} / {conversions.Count(c => c.DateMajDefaulted)} |
            | `telephone`: source numbers / kept | {phones} / {phonesKept} |
            | with at least one derived `services` value | {withServices} |

            Derived services: {string.Join("; ", serviceCounts.Select(x => $"« {x.Label} » {x.Count}"))}.
            The {kept.Count - withServices} places without a service get the validator's warning (the standard's library
            treats a place without services as not open to the public); MedNum BFC's update form
            (https://www.mednum-bfc.fr/maj-lieu/) is where they can be completed.
            Validator warnings on re-reading the written file, by field: {string.Join(", ", warnings.Select(g => $"`{g.Key}` {g.Count()}"))}.


            """);

        FieldMapping(md);
        CodeTables(md, records);
        Hours(md, records, conversions);
        Flagged(md, conversions);
        IssuesTable(md, conversions);
    }

    private static void FieldMapping(StringBuilder md)
    {
        md.Append("""
            ### Field mapping

            Rules applied to every row alike are documented here and not repeated per row below.

            | standard field | from | rule |
            | --- | --- | --- |
            | `id` | `bfc_id` | as is (unique in the source). |
            | `pivot` | – | `00000000000000`: the source has no SIRET; the standard's placeholder for "unknown", which mednum-cli and data·inclusion ignore when merging. |
            | `nom` | `nom_structure` | trimmed, runs of spaces collapsed. |
            | `commune` | `ville` + point | the **official name** of the commune settled below (not the source's upper-case text). |
            | `code_postal` | `code_postal` | as is, also when it is a CEDEX code or not one of the commune's (reported as a warning). |
            | `code_insee` | point + address | see "Commune of each place". |
            | `adresse` | `adresse` | trimmed, spaces collapsed; when empty (required by the standard), the place's name, as the source already does for 60 places without a street address (reported). |
            | `latitude`, `longitude` | `lat`, `lon` | as is, except for flagged rows (moved to the commune's representative point). |
            | `typologie` | `code_typo` | see the code tables. |
            | `telephone` | `contact_tel` | `Telephone.TryNormalize`: French national number → international (`03 80 48 84 14` → `+33380488414`); anything else dropped (reported). |
            | `courriels` | `contact_email` | split on `,` `;` and spaces; each address must be valid (`StandardPatterns.IsEmail`), otherwise dropped (reported). |
            | `site_web` | `url_lieu` | split on spaces; `https://` added when the scheme is missing and the result is a valid URL (reported); invalid URLs dropped (reported). |
            | `horaires` | the 14 half-day columns | OSM `opening_hours`, see "Opening hours". |
            | `source` | – | `MedNum BFC`. |
            | `date_maj` | `mise_a_jour` | `dd/mm/yyyy` → `yyyy-mm-dd`; when empty (required by the standard), **2022-12-30**, the date of the source file's last commit (55b70165): the data cannot be more recent than that. |
            | `structure_parente`, `itinerance`, `presentation_*`, `publics_specifiquement_adresses`, `prise_en_charge_specifique`, `frais_a_charge`, `formations_labels`, `fiche_acces_libre`, `prise_rdv` | – | empty: the source says nothing about them (see `BFC` below for `formations_labels`). |
            | `services`, `modalites_accompagnement`, `modalites_acces`, `dispositif_programmes_nationaux`, `autres_formations_labels` | `code_typo`, `code_label`, `code_accomp` | see the code tables; services only where a code says what is offered. |

            ### Commune of each place

            The source has no INSEE code. For each row the builder finds (1) the commune whose polygon
            (source geometry, `communes-bfc.geojson`) contains the point and (2) the commune(s) that the
            postal code and the town name designate: among the communes of that postal code, same name
            (ignoring case, accents, hyphens, `ST`/`STE` for Saint/Sainte and `CEDEX`), else a former
            commune's name (`communes-anciennes`), else a close name (one name is the other with words
            added after the first word, e.g. LOUHANS / Louhans-Châteaurenaud, or at most two letters
            differ, e.g. NUIT-SAINT-GEORGES); when the postal code names none (CEDEX codes, typos), the
            same name is looked for in the postal code's département. Then:

            - point and address agree → that commune;
            - the name matches nothing but the point's commune has the postal code → the point's commune;
            - they disagree and the point is at most 1 km outside the address's commune → the address's
              commune, point kept (geocoding on a border street, simplified polygons);
            - they disagree by more → **flagged**: the address's commune is kept (a person wrote it; a
              wrong point is typically a geocoding of another row), and the point is moved to that
              commune's representative point (`communes.csv`), so that the place is found in the right
              town, at commune precision, until MedNum BFC corrects it.

            The source README knew two such rows (`mednumBFC_TL_615_`, AUTUN placed in the Yonne, and
            `mednumBFC_TL_692_`, MACON placed in Dijon: the only ones outside their département); the
            check finds more, listed below — mostly rows whose `adresse` holds the place's name instead
            of a street, whose coordinates repeat those of a neighbouring row of the file.


            """);
    }

    private static void CodeTables(StringBuilder md, IReadOnlyList<MedNumBfcRecord> records)
    {
        md.Append("""
            ### Code tables

            `code_typo`, `code_label` and `code_accomp` hold codes joined with `-`; their meanings come from
            the source's `bfc-ternum-fields-custom-props.json` ("–" when the source does not define the
            code). A code carried over nowhere is a decision, explained in its row. Codes are matched
            exactly, then ignoring case (reported). "rows" counts the source rows carrying the code.

            | column | code | source meaning | rows | becomes | why |
            | --- | --- | --- | ---: | --- | --- |

            """);
        foreach (var code in MedNumBfcCodes.All)
        {
            var rows = records.Count(r => r[code.Column].Split('-', StringSplitOptions.TrimEntries)
                .Any(c => string.Equals(c, code.Code, StringComparison.OrdinalIgnoreCase)));
            md.Append(CultureInfo.InvariantCulture, $"| `{code.Column}` | `{code.Code}` | {Cell(code.Meaning ?? "–")} | {rows} | {Cell(Effects(code))} | {Cell(code.Reason)} |\n");
        }

        var unknown = records
            .SelectMany(r => new[] { MedNumBfcCodes.CodeTypo, MedNumBfcCodes.CodeLabel, MedNumBfcCodes.CodeAccomp }
                .SelectMany(col => r[col].Split('-', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(c => MedNumBfcCodes.Find(col, c, out _) is null)
                    .Select(c => $"`{col}` « {c} »")))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        md.Append(CultureInfo.InvariantCulture, $"""

            Codes in no table (ignored, reported per row): {(unknown.Count == 0 ? "none" : string.Join(", ", unknown))}.
            A `code_typo` `i` (lower case) is read as `I`. The ANCT pipeline (mednum-cli) maps `BFC` to
            « Arnia/MedNum BFC (Bourgogne-Franche-Comté) » and `R`, `G` to collective workshops; this file
            does not, for the reasons given: should MedNum BFC confirm those meanings, the change is one
            line in `MedNumBfcCodes`. `MSAP` → « France Services » assumes the MSAP was relabelled, as the
            2019 reform required by 2022; a place whose MSAP closed instead would be wrong here, and the
            data's age (2020–2022) does not allow telling them apart.


            """);
    }

    private static string Effects(MedNumBfcCode code)
    {
        var parts = new List<string>();
        void Add<T>(string field, IEnumerable<string> labels)
        {
            var list = labels.ToList();
            if (list.Count > 0)
            {
                parts.Add($"`{field}` " + string.Join(", ", list.Select(l => $"« {l} »")));
            }
        }

        Add<Typologie>(SiteFields.Typologie, code.Typologie.Select(Vocabularies.Typologies.Label));
        Add<Service>(SiteFields.Services, code.Services.Select(Vocabularies.Services.Label));
        Add<ModaliteAccompagnement>(SiteFields.ModalitesAccompagnement, code.ModalitesAccompagnement.Select(Vocabularies.ModalitesAccompagnement.Label));
        Add<ModaliteAcces>(SiteFields.ModalitesAcces, code.ModalitesAcces.Select(Vocabularies.ModalitesAcces.Label));
        Add<DispositifProgrammeNational>(SiteFields.DispositifProgrammesNationaux, code.Dispositifs.Select(Vocabularies.Dispositifs.Label));
        Add<FormationLabel>(SiteFields.FormationsLabels, code.FormationsLabels.Select(Vocabularies.FormationsLabels.Label));
        Add<string>(SiteFields.AutresFormationsLabels, code.AutresFormationsLabels);
        return parts.Count == 0 ? "nothing" : string.Join("; ", parts);
    }

    private static void Hours(StringBuilder md, IReadOnlyList<MedNumBfcRecord> records, IReadOnlyList<MedNumBfcConversion> conversions)
    {
        var values = records.SelectMany(r => HalfDayHours.Columns.Select(c => r[c]))
            .GroupBy(v => HalfDayHours.ParseCell(v).Kind)
            .ToDictionary(g => g.Key, g => g.GroupBy(v => v, StringComparer.Ordinal).OrderBy(x => x.Key, StringComparer.Ordinal).ToList());
        string List(HalfDayCellKind kind) => values.TryGetValue(kind, out var list)
            ? string.Join(", ", list.Select(g => $"`{g.Key}` ({g.Count()})"))
            : "none";
        string Count(HalfDayCellKind kind) => values.TryGetValue(kind, out var list)
            ? string.Create(CultureInfo.InvariantCulture, $"{list.Count:N0} distinct values in {list.Sum(g => g.Count()):N0} cells")
            : "none";
        var example = conversions.Select(c => c.Row.Site?.Horaires).FirstOrDefault(h => h is not null && h.Contains(';', StringComparison.Ordinal));

        md.Append(CultureInfo.InvariantCulture, $"""
            ### Opening hours

            The 14 columns `lundi matin` … `dimanche après-midi` hold free text. Every distinct value of
            the file was classified by `HalfDayHours.ParseCell`:

            - time ranges ({Count(HalfDayCellKind.Open)}): `8h30-12h`, `9h-12h`, `13h15-16h45`, and the
              variants without a dash `9h12h`, `12h17h`, `14h18h` (the minutes are optional, the end must be
              after the start, 24:00 at most); all of them, with their number of cells: {List(HalfDayCellKind.Open)};
            - closed marks: {List(HalfDayCellKind.Closed)} — `x` is read as closed because the Crédit
              Agricole rows that use it have it exactly on Monday and Saturday afternoon, the usual closing
              times of a French bank branch;
            - empty cells: {values.GetValueOrDefault(HalfDayCellKind.Empty)?.Sum(g => g.Count()) ?? 0:N0} (closed on that half-day when the row has other hours);
            - unreadable: {List(HalfDayCellKind.Invalid)}.

            A row's half-days become one OSM `opening_hours` string: the morning and afternoon ranges of a
            day are merged when they overlap or touch (`9h-12h` + `12h-17h` → `09:00-17:00`), identical
            consecutive days are grouped, closed days are left out, e.g. `{example}`.
            A row with one unreadable cell gets **no** `horaires` (wrong hours would send people to a
            closed door; missing ones only make them call), and a row with no hours at all stays without
            `horaires` (unknown, not "closed").


            """);
    }

    private static void Flagged(StringBuilder md, IReadOnlyList<MedNumBfcConversion> conversions)
    {
        var flagged = conversions.Where(c => c.Commune.Outcome == CommuneCheckOutcome.Flagged).ToList();
        var near = conversions.Where(c => c.Commune.Outcome == CommuneCheckOutcome.NearBorder).ToList();
        md.Append(CultureInfo.InvariantCulture, $"""
            ### Flagged rows: point in another commune ({flagged.Count})

            | bfc_id | name | address (source) | source point (lat, lon) | point's commune | address's commune | distance | new point |
            | --- | --- | --- | --- | --- | --- | ---: | --- |

            """);
        foreach (var c in flagged)
        {
            md.Append(CultureInfo.InvariantCulture, $"| `{c.Row.Id}` | {Cell(c.Row.Site?.Nom)} | {Cell(AddressOf(c))} | {Point(c.Commune.SourcePoint)} | {CommuneOf(c.Commune.PointCommune)} | {CommuneOf(c.Commune.AddressCommune?.Commune)} | {c.Commune.DistanceMetres / 1000:0.0} km | {Point(c.Row.Site?.Location)} |\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"""

            ### Points just across a border, kept ({near.Count})

            | bfc_id | name | address (source) | point (lat, lon) | point's commune | address's commune (kept) | distance |
            | --- | --- | --- | --- | --- | --- | ---: |

            """);
        foreach (var c in near)
        {
            md.Append(CultureInfo.InvariantCulture, $"| `{c.Row.Id}` | {Cell(c.Row.Site?.Nom)} | {Cell(AddressOf(c))} | {Point(c.Commune.SourcePoint)} | {CommuneOf(c.Commune.PointCommune)} | {CommuneOf(c.Commune.AddressCommune?.Commune)} | {c.Commune.DistanceMetres:0} m |\n");
        }

        md.Append('\n');
    }

    private static void IssuesTable(StringBuilder md, IReadOnlyList<MedNumBfcConversion> conversions)
    {
        var issues = conversions.SelectMany(c => c.Row.Issues.Select(i => (c.Row, Issue: i))).ToList();
        var bySeverity = string.Join(", ", issues.GroupBy(x => x.Issue.Severity).OrderBy(g => g.Key)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{Severity(g.Key)} {g.Count()}")));
        md.Append(CultureInfo.InvariantCulture, $"""
            ### Every corrected, dropped or doubtful value ({issues.Count}: {bySeverity})

            In source order. "corrected": the value was changed and kept; "dropped": the value was not
            carried over (the row is kept); "warning": kept as is, but doubtful. The reason is the
            converter's own message (French, as an import report shows it).

            | bfc_id | field | value | kind | reason |
            | --- | --- | --- | --- | --- |

            """);
        foreach (var (row, issue) in issues)
        {
            md.Append(CultureInfo.InvariantCulture, $"| `{row.Id}` | `{issue.Field}` | {Cell(issue.Value ?? "")} | {Severity(issue.Severity)} | {Cell(issue.Message)} |\n");
        }
    }

    private static List<MedNumBfcRecord> ReadSource(string path)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return MedNumBfcReader.Read(reader).ToList();
    }

    private static string AddressOf(MedNumBfcConversion c) =>
        c.Row.Site is { } s ? $"{s.Adresse.Voie}, {s.Adresse.CodePostal} {(c.Row.Issues.FirstOrDefault(i => i.Field == SiteFields.Commune)?.Value ?? s.Adresse.Commune)}" : "";

    private static string CommuneOf(Commune? commune) => commune is null ? "–" : $"{commune.Nom} ({commune.CodeInsee})";

    private static string Point(Domain.GeoPoint? point) => point is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"{p.Latitude:0.######}, {p.Longitude:0.######}")
        : "–";

    private static string Severity(ValidationSeverity severity) => severity switch
    {
        ValidationSeverity.Correction => "corrected",
        ValidationSeverity.Error => "dropped",
        _ => "warning",
    };

    private static void Basemap(StringBuilder md, BasemapStats basemap)
    {
        md.Append(CultureInfo.InvariantCulture, $"""
            ## `{BasemapBuild.File}`: the default basemap

            The map the server shows when its operator installed no OpenStreetMap extract
            (`Basemap:Path`, see docs/deploiement.md): served at `/fond-de-carte.pmtiles` with HTTP range
            requests and drawn by the widget and the pages with their own simple style. Built by
            `BasemapBuild` from the layers above (same borders as `/geodata/*.geojson`), cut into
            Mapbox Vector Tiles (extent 4096) by NetTopologySuite.IO.VectorTiles 1.1.0 and written as
            one PMTiles v3 archive by the project's own writer (`src/ScoranInclusion.Geo/Basemap/`:
            gzip-compressed tiles and directories, identical tiles stored once, tiles in Hilbert order).

            Layers (each geometry simplified to one pixel of the zoom with Douglas-Peucker, or the
            topology-preserving simplifier for the region):

            - `region` (polygon, `nom`): the region's area, z{BasemapBuild.MinZoom}–z{BasemapBuild.MaxZoom};
            - `limites` (lines, `niveau` = `departement` from z{BasemapBuild.MinZoom}, `epci` from z7, `commune` from z9):
              each border once, shared by its two sides;
            - `departements` (points, `nom`, `code`): the départements' names, z{BasemapBuild.MinZoom}–z9;
            - `communes` (points, `nom`, `code_insee`, `population`): the commune names at their
              representative point of `communes.csv`, from a zoom that depends on the population
              (≥ 30,000: z5; ≥ 10,000: z7; ≥ 3,000: z8; ≥ 1,000: z9; ≥ 300: z10; every commune from z11).

            Beyond z{BasemapBuild.MaxZoom} the map enlarges the z{BasemapBuild.MaxZoom} tiles. The archive's metadata holds
            `scoran:inputs_sha256`, the SHA-256 of {string.Join(", ", BasemapBuild.Inputs.Select(i => $"`{i}`"))}
            (names and bytes): a test fails when those files change without the basemap being rebuilt.
            Licence and attribution: those of the territories, Licence Ouverte 2.0, « IGN, INSEE ».


            """);
        md.Append("| zoom | tiles |\n| ---: | ---: |\n");
        foreach (var (zoom, count) in basemap.TilesPerZoom)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {zoom} | {count:N0} |\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"\n{basemap.Tiles:N0} tiles, {basemap.Contents:N0} distinct contents, {Kb(basemap.Bytes)}.\n\n");
    }

    private static string Kb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:N0} KB");

    /// <summary>Text safe in a Markdown table cell.</summary>
    private static string Cell(string? text) =>
        (text ?? "").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
