using ScoranInclusion.Domain.Addresses;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.Addresses;

namespace ScoranInclusion.Web.Espace;

/// <summary>
/// The point of the address itself, from the local address index (<c>adresses import</c>, the Base Adresse Nationale):
/// asked before the commune's point. A numbered address gives the door's point; a street alone its mean point (still to
/// be checked on the map). No index, no match, or a match in another postal code: no answer, the commune's point follows.
/// The address is looked up in the process's own database: nothing leaves the server.
/// </summary>
public sealed class AddressIndexPointSource(AddressIndex index) : IAddressPointSource
{
    public int Priority => 100;

    public async Task<AddressPoint?> FindAsync(Adresse adresse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(adresse);
        if (string.IsNullOrWhiteSpace(adresse.Voie))
        {
            return null;
        }

        var text = string.Join(' ', new[] { adresse.Voie, adresse.CodePostal, adresse.Commune }.Where(part => !string.IsNullOrWhiteSpace(part)));

        IReadOnlyList<AddressMatch> found;
        try
        {
            found = await index.SearchAsync(text, 1, null, cancellationToken);
        }
        catch (AddressIndexEmptyException)
        {
            return null;
        }

        if (found is not [var best] || (adresse.CodePostal.Trim() is { Length: > 0 } postal && best.Street.CodePostal != postal))
        {
            return null;
        }

        return best.Kind == AddressKind.HouseNumber
            ? new AddressPoint(best.Location, $"le point de l'adresse {best.Label} (Base Adresse Nationale)", Approximate: false)
            : new AddressPoint(best.Location, $"le point de la voie {best.Label} (Base Adresse Nationale, sans le numéro)", Approximate: true);
    }
}
