namespace ScoranInclusion.Geo.Indexing;

/// <summary>
/// Counts the exact geodesic distances one enumeration computes, so that tests can prove the
/// traversal prunes. One per enumeration rather than a shared counter: no contention between
/// concurrent queries and nothing to reset.
/// </summary>
internal sealed class DistanceEvaluationCounter
{
    public int Count { get; private set; }

    public void Increment() => Count++;
}
