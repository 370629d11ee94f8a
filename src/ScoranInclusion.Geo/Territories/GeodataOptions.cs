using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ScoranInclusion.Geo.Territories;

/// <summary>Bound from the <c>Geodata</c> section.</summary>
public sealed class GeodataOptions
{
    public const string Section = "Geodata";

    /// <summary>The folder holding communes.csv, the boundaries and the seed places; by default the copy shipped next to the server.</summary>
    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "geodata");
}

/// <summary>The folder must exist and hold the communes: without them nothing can be placed, so the server does not start.</summary>
internal sealed class GeodataOptionsValidation(IConfiguration? configuration = null) : IValidateOptions<GeodataOptions>
{
    public ValidateOptionsResult Validate(string? name, GeodataOptions options)
    {
        var folder = options.Directory;
        var configured = configuration?[GeodataOptions.Section + ":" + nameof(GeodataOptions.Directory)];
        var shown = configured is null && folder == new GeodataOptions().Directory ? $"(par défaut) « {folder} »" : $"« {configured ?? folder} »";
        if (!System.IO.Directory.Exists(folder))
        {
            return ValidateOptionsResult.Fail($"Geodata:Directory = {shown} : dossier introuvable ; indiquez le dossier geodata/ livré avec le serveur.");
        }

        return File.Exists(Path.Combine(folder, CommuneDirectory.CommunesFileName))
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Geodata:Directory = {shown} : le fichier {CommuneDirectory.CommunesFileName} manque ; indiquez le dossier geodata/ livré avec le serveur.");
    }
}
