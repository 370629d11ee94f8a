using Microsoft.Extensions.Options;
using ScoranInclusion.Geo.Basemap;
using ScoranInclusion.Geo.Territories;

namespace ScoranInclusion.Web.Basemap;

/// <summary>
/// Bound from the <c>Basemap</c> section: the map's background, one PMTiles v3 archive served by this server at
/// <c>/fond-de-carte.pmtiles</c>. Empty <see cref="Path"/>: the project's own basemap of the territories
/// (<c>geodata/fond-de-carte.pmtiles</c>, borders and commune names). An OpenStreetMap extract of the region
/// (docs/deploiement.md says how to cut one) adds streets, places and their names.
/// </summary>
public sealed class BasemapOptions
{
    public const string Section = "Basemap";

    /// <summary>The operator's PMTiles file (absolute, or relative to the server's working folder); empty for the default.</summary>
    public string Path { get; set; } = "";

    /// <summary>How long a browser keeps a range of the archive before it revalidates it (ETag), in seconds.</summary>
    public int CacheSeconds { get; set; } = 3600;

    /// <summary>The file served: the configured one, or the default basemap of the geodata folder.</summary>
    public string FileFor(GeodataOptions geodata) =>
        Path.Length > 0 ? System.IO.Path.GetFullPath(Path) : System.IO.Path.Combine(geodata.Directory, DefaultFileName);

    public const string DefaultFileName = "fond-de-carte.pmtiles";
}

/// <summary>A configured file must exist and be a PMTiles v3 archive: a wrong path fails at start, not as a blank map.</summary>
internal sealed class BasemapOptionsValidation : IValidateOptions<BasemapOptions>
{
    public ValidateOptionsResult Validate(string? name, BasemapOptions options)
    {
        if (options.CacheSeconds < 0)
        {
            return ValidateOptionsResult.Fail($"Basemap:CacheSeconds = {options.CacheSeconds} : une durée en secondes, 0 ou plus.");
        }

        if (options.Path.Length == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var path = System.IO.Path.GetFullPath(options.Path);
        if (!File.Exists(path))
        {
            return ValidateOptionsResult.Fail($"Basemap:Path = « {options.Path} » : fichier introuvable ({path}) ; indiquez l'extrait OpenStreetMap au format PMTiles, ou laissez la clé vide pour le fond des territoires.");
        }

        try
        {
            using var stream = File.OpenRead(path);
            var header = new byte[PmTilesHeader.Length];
            stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            var parsed = PmTilesHeader.Parse(header);
            return parsed.TileType == 1
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Basemap:Path = « {options.Path} » : l'archive contient des tuiles images (type {parsed.TileType}) ; le fond de carte attend des tuiles vectorielles (MVT), comme celles de Protomaps.");
        }
        catch (InvalidDataException e)
        {
            return ValidateOptionsResult.Fail($"Basemap:Path = « {options.Path} » : {e.Message}");
        }
        catch (IOException e)
        {
            return ValidateOptionsResult.Fail($"Basemap:Path = « {options.Path} » : lecture impossible ({e.Message}).");
        }
        catch (UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"Basemap:Path = « {options.Path} » : le serveur n'a pas le droit de lire ce fichier.");
        }
    }
}
