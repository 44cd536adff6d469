using System;

namespace SigmaCompile.Correlations;

/// <summary>
/// The window of one group of one correlation: its entries sorted by event time (equal times in arrival order), and,
/// for a correlation decided early, the aggregate of the entries within one timespan of the newest.
/// </summary>
internal sealed class GroupState
{
    private WindowEntry[] _entries = new WindowEntry[4];
    private int _start;

    public GroupState(CorrelationPlan plan, string key, string[] values, long sequence)
    {
        Plan = plan;
        Key = key;
        Values = values;
        Sequence = sequence;
        Tail = plan.DecidesEarly ? plan.CreateAggregate() : null;
    }

    public CorrelationPlan Plan { get; }

    /// <summary>The group's key in <see cref="CorrelationPlan.Groups"/>.</summary>
    public string Key { get; }

    /// <summary>The group-by values, in group-by order.</summary>
    public string[] Values { get; }

    /// <summary>Creation order: breaks ties between groups due at the same time, so decisions come in one order.</summary>
    public long Sequence { get; }

    public int Count { get; private set; }

    /// <summary>For a correlation decided early: the aggregate of the entries from <see cref="TailStart"/> to the newest.</summary>
    public WindowAggregate? Tail { get; }

    /// <summary>The first entry within one timespan of the newest (the others have left <see cref="Tail"/>).</summary>
    public int TailStart { get; set; }

    /// <summary>The due time this group is queued under (see WindowEngine).</summary>
    public long QueuedDue { get; set; }

    /// <summary>Dropped (fired, expired or evicted): a new group takes its key.</summary>
    public bool Removed { get; set; }

    // Links of the list of groups from least to most recently fed, which eviction takes from the front of.
    public GroupState? Older { get; set; }
    public GroupState? Newer { get; set; }

    public ref WindowEntry this[int index] => ref _entries[_start + index];

    /// <summary>Inserts after every entry of the same or an earlier time; returns the entry's index.</summary>
    public int Insert(in WindowEntry entry)
    {
        int index = UpperBound(entry.Ticks);
        if (_start + Count == _entries.Length)
            MakeRoom();
        int at = _start + index;
        if (index < Count)
            Array.Copy(_entries, at, _entries, at + 1, Count - index);
        _entries[at] = entry;
        Count++;
        return index;
    }

    /// <summary>Removes the oldest <paramref name="count"/> entries.</summary>
    public void RemoveFirst(int count)
    {
        Array.Clear(_entries, _start, count);
        _start += count;
        Count -= count;
        TailStart = Math.Max(0, TailStart - count);
        if (Count == 0)
            _start = 0;
    }

    /// <summary>The index of the first entry at or after <paramref name="ticks"/>.</summary>
    public int LowerBound(long ticks) => Search(ticks, pastEqual: false);

    /// <summary>The index of the first entry after <paramref name="ticks"/>.</summary>
    public int UpperBound(long ticks) => Search(ticks, pastEqual: true);

    private int Search(long ticks, bool pastEqual)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            long at = this[middle].Ticks;
            if (at < ticks || (pastEqual && at == ticks))
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    private void MakeRoom()
    {
        if (_start > 0 && Count <= _entries.Length / 2)
        {
            Array.Copy(_entries, _start, _entries, 0, Count);
            Array.Clear(_entries, Count, _start);
            _start = 0;
            return;
        }
        var larger = new WindowEntry[_entries.Length * 2];
        Array.Copy(_entries, _start, larger, 0, Count);
        _entries = larger;
        _start = 0;
    }
}
