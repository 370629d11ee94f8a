using System.Runtime.InteropServices;
using ScoranInclusion.Domain;

namespace ScoranInclusion.Geo.Indexing;

internal readonly record struct IndexedEntry<TKey>(TKey Key, GeoPoint Point);

/// <summary>A node covering the points [Start, End) of its tree; children at FirstChild and FirstChild + 1.</summary>
internal readonly record struct KdNode(Box3 Bounds, int Start, int End, int FirstChild)
{
    public bool IsLeaf => FirstChild < 0;
}

/// <summary>
/// An immutable, balanced KD-tree over the unit-sphere vectors of its points. Three flat
/// arrays of structs in tree order (about 56 bytes a point plus the key, and 64 bytes a node
/// for every ~6 points): no object per point, and a leaf's points are contiguous in memory.
/// </summary>
internal sealed class KdTree<TKey>
{
    // Small leaves keep the boxes tight (fewer points scored per query); 8 is where the node
    // array stays a fraction of the point arrays.
    private const int LeafSize = 8;

    public static readonly KdTree<TKey> Empty = new([], [], []);

    private KdTree(IndexedEntry<TKey>[] entries, UnitVector[] vectors, KdNode[] nodes)
    {
        Entries = entries;
        Vectors = vectors;
        Nodes = nodes;
    }

    /// <summary>The points, in tree order.</summary>
    public IndexedEntry<TKey>[] Entries { get; }

    /// <summary>The unit vector of <c>Entries[i]</c>.</summary>
    public UnitVector[] Vectors { get; }

    /// <summary>The nodes; the root is at 0 when there is any point.</summary>
    public KdNode[] Nodes { get; }

    public int Count => Entries.Length;

    public static KdTree<TKey> Build(ReadOnlySpan<IndexedEntry<TKey>> source)
    {
        if (source.IsEmpty)
            return Empty;

        var items = new BuildItem[source.Length];
        for (var i = 0; i < items.Length; i++)
            items[i] = new BuildItem(UnitVector.From(source[i].Point), i);

        var nodes = new List<KdNode>(2 * (items.Length / (LeafSize / 2) + 1)) { default };
        var outline = Box3.Empty;
        foreach (var item in items)
            outline = outline.Including(item.Vector);
        Fill(items, nodes, 0, 0, items.Length, outline);

        var entries = new IndexedEntry<TKey>[items.Length];
        var vectors = new UnitVector[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            entries[i] = source[items[i].Source];
            vectors[i] = items[i].Vector;
        }

        return new KdTree<TKey>(entries, vectors, [.. nodes]);
    }

    /// <summary>
    /// Builds the subtree of items [start, end) at <paramref name="nodeIndex"/> and returns its
    /// tight bounds. <paramref name="outline"/> contains the items but may be loose (the parent's
    /// box cut at the split value); it only chooses the split axis, which saves recomputing
    /// exact boxes on the way down.
    /// </summary>
    private static Box3 Fill(BuildItem[] items, List<KdNode> nodes, int nodeIndex, int start, int end, Box3 outline)
    {
        if (end - start <= LeafSize)
        {
            var leafBounds = Box3.Empty;
            for (var i = start; i < end; i++)
                leafBounds = leafBounds.Including(items[i].Vector);
            nodes[nodeIndex] = new KdNode(leafBounds, start, end, -1);
            return leafBounds;
        }

        var spanX = outline.MaxX - outline.MinX;
        var spanY = outline.MaxY - outline.MinY;
        var spanZ = outline.MaxZ - outline.MinZ;
        var middle = start + (end - start) / 2;
        var range = items.AsSpan(start, end - start);
        Box3 lowerOutline, upperOutline;
        if (spanX >= spanY && spanX >= spanZ)
        {
            var split = Select<XAxis>(range, middle - start);
            lowerOutline = outline with { MaxX = split };
            upperOutline = outline with { MinX = split };
        }
        else if (spanY >= spanZ)
        {
            var split = Select<YAxis>(range, middle - start);
            lowerOutline = outline with { MaxY = split };
            upperOutline = outline with { MinY = split };
        }
        else
        {
            var split = Select<ZAxis>(range, middle - start);
            lowerOutline = outline with { MaxZ = split };
            upperOutline = outline with { MinZ = split };
        }

        var firstChild = nodes.Count;
        nodes.Add(default);
        nodes.Add(default);
        var lower = Fill(items, nodes, firstChild, start, middle, lowerOutline);
        var upper = Fill(items, nodes, firstChild + 1, middle, end, upperOutline);
        var bounds = lower.Union(upper);
        nodes[nodeIndex] = new KdNode(bounds, start, end, firstChild);
        return bounds;
    }

    /// <summary>
    /// Quickselect (Hoare partition, median-of-three pivot): afterwards items[k] has its final
    /// sorted position on the axis, smaller-or-equal items before it and greater-or-equal after.
    /// Stopping on equal keys on both sides keeps it linear when many points share a coordinate.
    /// Returns the coordinate of items[k].
    /// </summary>
    private static double Select<TAxis>(Span<BuildItem> items, int k)
        where TAxis : struct, IAxis
    {
        var low = 0;
        var high = items.Length - 1;
        while (low < high)
        {
            var a = TAxis.Of(items[low].Vector);
            var b = TAxis.Of(items[low + (high - low) / 2].Vector);
            var c = TAxis.Of(items[high].Vector);
            var pivot = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));

            var i = low;
            var j = high;
            while (i <= j)
            {
                while (TAxis.Of(items[i].Vector) < pivot)
                    i++;
                while (TAxis.Of(items[j].Vector) > pivot)
                    j--;
                if (i <= j)
                {
                    (items[i], items[j]) = (items[j], items[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
                high = j;
            else if (k >= i)
                low = i;
            else
                break;
        }

        return TAxis.Of(items[k].Vector);
    }

    // Generic struct parameters get a specialized, inlined copy of Select for each axis.
    private interface IAxis
    {
        static abstract double Of(in UnitVector v);
    }

    private readonly struct XAxis : IAxis
    {
        public static double Of(in UnitVector v) => v.X;
    }

    private readonly struct YAxis : IAxis
    {
        public static double Of(in UnitVector v) => v.Y;
    }

    private readonly struct ZAxis : IAxis
    {
        public static double Of(in UnitVector v) => v.Z;
    }

    [StructLayout(LayoutKind.Auto)]
    private readonly record struct BuildItem(UnitVector Vector, int Source);
}
