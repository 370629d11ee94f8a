using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Storage.Sources;

/// <summary>
/// A source record as received, kept as a JSON object of the standard's own fields and values
/// (<c>{"id": "…", "nom": "…", "services": "Aide aux démarches administratives|…"}</c>, empty
/// fields left out): readable by a person, and independent of the C# model, so that renaming
/// a property never makes stored records unreadable.
/// </summary>
public static class SiteSnapshot
{
    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        // Stored in the database, never embedded in a page: keep accents readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static string Serialize(Site site) => Write(site, null);

    /// <summary>
    /// Serialises <paramref name="site"/>, and gives the place as <see cref="Deserialize"/> would read
    /// the snapshot back (<paramref name="asStored"/>), without parsing it: the same columns, assigned
    /// the same way (a column left out of the snapshot keeps the entity's default).
    /// </summary>
    public static string Serialize(Site site, out Site asStored)
    {
        var read = new SiteEntity();
        var snapshot = Write(site, read);
        asStored = read.ToDomain();
        return snapshot;
    }

    // Writes the snapshot; assigns what it writes to read (when given) as Deserialize would.
    private static string Write(Site site, SiteEntity? read)
    {
        ArgumentNullException.ThrowIfNull(site);
        var probe = new SiteEntity();
        probe.CopyFrom(site);
        // One buffer and writer per thread, reset for each snapshot (an import writes one per row).
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, s_writerOptions);
        writer.Reset(buffer);
        {
            writer.WriteStartObject();
            foreach (var (field, value) in probe.StandardColumns())
            {
                switch (value)
                {
                    case null:
                        break;
                    case string text:
                        writer.WriteString(field, text);
                        if (read is not null)
                        {
                            AssignText(read, field, text);
                        }

                        break;
                    case double number:
                        writer.WriteNumber(field, number);
                        if (read is not null)
                        {
                            AssignNumber(read, field, number);
                        }

                        break;
                    case DateOnly date:
                        writer.WriteString(field, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                        if (read is not null)
                        {
                            read.DateMaj = field == SiteFields.DateMaj ? date : throw new InvalidOperationException($"Champ date inattendu : {field}.");
                        }

                        break;
                    default:
                        throw new InvalidOperationException($"Type de colonne inattendu pour {field} : {value.GetType()}.");
                }
            }

            writer.WriteEndObject();
            writer.Flush();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static Site Deserialize(string snapshot)
    {
        var entity = new SiteEntity();
        using var document = JsonDocument.Parse(snapshot);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            Assign(entity, property.Name, property.Value);
        }

        return entity.ToDomain();
    }

    /// <summary>
    /// What an import compares to tell an identical row: the snapshot, and the point the record
    /// gives the place (which depends on the commune directory when the row has no coordinates).
    /// </summary>
    public static string Hash(string snapshot, GeoPoint? location, LocationPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        // The UTF-8 of "{snapshot}\n{precision}\n{latitude:R},{longitude:R}", encoded in one pooled
        // buffer rather than through a joined string (the snapshot ends with '}': no surrogate pair is split).
        var suffix = string.Create(CultureInfo.InvariantCulture, $"\n{precision}\n{location?.Latitude:R},{location?.Longitude:R}");
        var length = Encoding.UTF8.GetByteCount(snapshot) + Encoding.UTF8.GetByteCount(suffix);
        var material = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(snapshot, material);
            written += Encoding.UTF8.GetBytes(suffix, material.AsSpan(written));
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(material.AsSpan(0, written), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(material);
        }
    }

    private static void Assign(SiteEntity e, string field, JsonElement value)
    {
        switch (field)
        {
            case SiteFields.Latitude:
            case SiteFields.Longitude:
                AssignNumber(e, field, value.GetDouble());
                return;
            case SiteFields.DateMaj:
                e.DateMaj = DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                return;
        }

        AssignText(e, field, value.GetString());
    }

    private static void AssignNumber(SiteEntity e, string field, double number)
    {
        switch (field)
        {
            case SiteFields.Latitude: e.Latitude = number; break;
            case SiteFields.Longitude: e.Longitude = number; break;
            default: throw new InvalidOperationException($"Champ numérique « {field} » inconnu dans un enregistrement source.");
        }
    }

    private static void AssignText(SiteEntity e, string field, string? text)
    {
        switch (field)
        {
            case SiteFields.Id: e.SourceId = text ?? ""; break;
            case SiteFields.Pivot: e.Pivot = text ?? ""; break;
            case SiteFields.Nom: e.Nom = text ?? ""; break;
            case SiteFields.Commune: e.Commune = text ?? ""; break;
            case SiteFields.CodePostal: e.CodePostal = text ?? ""; break;
            case SiteFields.CodeInsee: e.CodeInsee = text; break;
            case SiteFields.Adresse: e.Adresse = text ?? ""; break;
            case SiteFields.ComplementAdresse: e.ComplementAdresse = text; break;
            case SiteFields.Typologie: e.Typologie = text; break;
            case SiteFields.Telephone: e.Telephone = text; break;
            case SiteFields.Courriels: e.Courriels = text; break;
            case SiteFields.SiteWeb: e.SiteWeb = text; break;
            case SiteFields.Horaires: e.Horaires = text; break;
            case SiteFields.PresentationResume: e.PresentationResume = text; break;
            case SiteFields.PresentationDetail: e.PresentationDetail = text; break;
            case SiteFields.Source: e.Source = text; break;
            case SiteFields.Itinerance: e.Itinerance = text; break;
            case SiteFields.StructureParente: e.StructureParente = text; break;
            case SiteFields.Services: e.Services = text; break;
            case SiteFields.PublicsSpecifiquementAdresses: e.PublicsSpecifiquementAdresses = text; break;
            case SiteFields.PriseEnChargeSpecifique: e.PriseEnChargeSpecifique = text; break;
            case SiteFields.FraisACharge: e.FraisACharge = text; break;
            case SiteFields.DispositifProgrammesNationaux: e.DispositifProgrammesNationaux = text; break;
            case SiteFields.FormationsLabels: e.FormationsLabels = text; break;
            case SiteFields.AutresFormationsLabels: e.AutresFormationsLabels = text; break;
            case SiteFields.ModalitesAcces: e.ModalitesAcces = text; break;
            case SiteFields.ModalitesAccompagnement: e.ModalitesAccompagnement = text; break;
            case SiteFields.FicheAccesLibre: e.FicheAccesLibre = text; break;
            case SiteFields.PriseRdv: e.PriseRdv = text; break;
            default:
                throw new InvalidOperationException($"Champ « {field} » inconnu dans un enregistrement source stocké.");
        }
    }
}
