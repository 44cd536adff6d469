using System;
using System.Collections.Generic;

namespace SigmaCompile.Correlations;

/// <summary>
/// <c>value_count</c>: how many distinct texts, compared ordinally (case-sensitive, as SIEM distinct counts are:
/// <c>Admin</c> and <c>admin</c> are two accounts on many systems).
/// </summary>
internal sealed class DistinctValueAggregate : WindowAggregate
{
    // How many counted entries hold each text.
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public override void Add(in WindowEntry entry)
    {
        string text = entry.Text ?? "";
        _counts[text] = _counts.GetValueOrDefault(text) + 1;
    }

    public override void Remove(in WindowEntry entry)
    {
        string text = entry.Text ?? "";
        int left = _counts.GetValueOrDefault(text) - 1;
        if (left > 0)
            _counts[text] = left;
        else
            _counts.Remove(text);
    }

    public override void Clear() => _counts.Clear();

    public override double Value => _counts.Count;
}
