using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;

namespace SigmaCompile.Streaming.Correlation;

/// <summary>Reads a list of partitions such as <c>0-3,6</c>.</summary>
public static class PartitionList
{
    /// <summary>
    /// Reads <paramref name="text"/>: numbers and ranges (<c>a-b</c>, both included) separated by commas, each below
    /// <paramref name="count"/>. Empty means every partition.
    /// </summary>
    /// <returns>Whether it could be read; <paramref name="partitions"/> are sorted and distinct.</returns>
    public static bool TryParse(string text, int count, [NotNullWhen(true)] out IReadOnlyList<int>? partitions, [NotNullWhen(false)] out string? problem)
    {
        partitions = null;
        if (count < 1)
        {
            problem = "the number of partitions must be at least 1";
            return false;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            partitions = Enumerable.Range(0, count).ToArray();
            problem = null;
            return true;
        }

        var set = new SortedSet<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int dash = part.IndexOf('-', 1 < part.Length ? 1 : 0);
            string first = dash < 0 ? part : part[..dash];
            string last = dash < 0 ? part : part[(dash + 1)..];
            if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out int from)
                || !int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out int to) || from > to)
            {
                problem = $"'{part}' is not a partition or a range such as 0-3";
                return false;
            }
            if (to >= count)
            {
                problem = $"partition {to} does not exist: there are {count} (0 to {count - 1})";
                return false;
            }
            for (int p = from; p <= to; p++)
                set.Add(p);
        }
        partitions = set.ToArray();
        problem = null;
        return true;
    }
}
