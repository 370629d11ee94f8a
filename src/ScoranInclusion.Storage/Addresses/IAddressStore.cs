using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Addresses;

namespace ScoranInclusion.Storage.Addresses;

/// <summary>
/// The address index in one provider's database (<see cref="SqliteAddressStore"/>: FTS5,
/// <see cref="PostgresAddressStore"/>: full-text with the <c>simple</c> configuration). Both find the
/// same candidates for a query — every searched word, as a whole word or the beginning of one, in the
/// street's indexed words, the first ones by street id or the nearest to a point — and leave the ranking to
/// <see cref="AddressMatching"/>, so that they give the same answers (the conformance tests say so).
/// The tables are the index's own (<c>adresse_voies</c>, <c>adresse_numeros</c>,
/// <c>adresse_departements</c>), created by the first import, outside the EF model: a full-text
/// virtual table or a generated tsvector is no entity.
/// </summary>
public interface IAddressStore
{
    /// <summary>True when no address was ever imported (or all were removed).</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The streets holding every word of the query, at most <paramref name="limit"/>: by id, or the nearest to
    /// <paramref name="near"/> when it is given (<see cref="AddressIndex.CandidateOrder"/>).
    /// </summary>
    Task<IReadOnlyList<AddressStreet>> CandidatesAsync(AddressQuery query, int limit, GeoPoint? near, CancellationToken cancellationToken);

    /// <summary>The same question answered by a <c>LIKE '%word%'</c> scan of the same table: the benchmark's baseline.</summary>
    Task<IReadOnlyList<AddressStreet>> CandidatesByLikeAsync(AddressQuery query, int limit, GeoPoint? near, CancellationToken cancellationToken);

    /// <summary>The addresses numbered <paramref name="numero"/> in these streets.</summary>
    Task<IReadOnlyList<AddressNumber>> NumbersAsync(IReadOnlyCollection<long> streetIds, int numero, CancellationToken cancellationToken);

    /// <summary>Replaces the addresses of every département of the batch by the batch's, in one transaction.</summary>
    Task ReplaceAsync(AddressBatch batch, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<AddressDepartementStatus>> StatusAsync(CancellationToken cancellationToken);
}
