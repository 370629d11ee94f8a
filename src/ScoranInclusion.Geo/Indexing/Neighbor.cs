using ScoranInclusion.Domain;

namespace ScoranInclusion.Geo.Indexing;

/// <summary>An indexed point and its geodesic distance from the query origin, in metres.</summary>
public readonly record struct Neighbor<TKey>(TKey Key, GeoPoint Point, double DistanceMeters);
