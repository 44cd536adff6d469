using System;
using System.Collections.Generic;

namespace SigmaCompile.Correlations;

/// <summary>
/// <c>temporal_ordered</c>: how many of the referenced rules matched in the order they are listed, that is the
/// longest chain of entries, in time order, whose sources strictly increase in list order. With rules [A, B, C],
/// entries B, A, C give 2 (A then C, or B then C); A, B, C give 3.
/// </summary>
internal sealed class OrderedRuleAggregate : WindowAggregate
{
    private readonly Queue<int> _sources = new();
    // _longest[s]: the longest chain found so far that ends with source s.
    private readonly int[] _longest;

    public OrderedRuleAggregate(int sourceCount) => _longest = new int[sourceCount];

    public override void Add(in WindowEntry entry) => _sources.Enqueue(entry.Source);

    public override void Remove(in WindowEntry entry) => _sources.Dequeue();

    public override void Clear() => _sources.Clear();

    // O(entries × sources): windows of temporal correlations hold few entries, and there are few sources.
    public override double Value
    {
        get
        {
            Array.Clear(_longest);
            int best = 0;
            foreach (int source in _sources)
            {
                int before = 0;
                for (int s = 0; s < source; s++)
                    before = Math.Max(before, _longest[s]);
                _longest[source] = Math.Max(_longest[source], before + 1);
                best = Math.Max(best, _longest[source]);
            }
            return best;
        }
    }
}
