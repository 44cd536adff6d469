using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SigmaCompile.Correlations;

/// <summary>
/// The windows of every correlation and group, and what moves them: entries joining, the watermark (the latest event
/// time seen) closing them, alerts feeding outer correlations, and the limits on state.
/// </summary>
/// <remarks>
/// A correlation decided early checks, at each entry, the windows of one timespan that end at an entry and hold the
/// new one (in order, just the one ending at it); when one meets the condition it fires and the group starts afresh.
/// A correlation decided at close anchors its window at the group's oldest entry: the entries up to one timespan
/// later (inclusive) are decided together once the watermark is past the window's end by the wait, and the entries
/// after it start the next window.
/// </remarks>
internal sealed class WindowEngine
{
    private readonly CorrelationPlan[] _plans;
    private readonly CorrelatorOptions _options;
    // One entry per live group, under the due time it was queued with; a group's due time only moves later, or the
    // group is dropped, so stale entries are skipped when they come up. Ties go by creation order.
    private readonly PriorityQueue<GroupState, (long Due, long Sequence)> _due = new();
    private GroupState? _oldest;
    private GroupState? _newest;

    public WindowEngine(CorrelationPlan[] plans, CorrelatorOptions options)
    {
        _plans = plans;
        _options = options;
    }

    public bool HasWatermark { get; private set; }

    /// <summary>The latest event time seen, in UTC ticks.</summary>
    public long Watermark { get; private set; }

    /// <summary>The last group sequence number given.</summary>
    public long Sequence { get; private set; }

    public int LiveGroups { get; private set; }

    public int StoredEvents { get; private set; }

    public long EventsWithoutTime { get; set; }

    public long LateEvents { get; set; }

    public long EventsWithoutGroup { get; set; }

    public long EventsWithoutValue { get; set; }

    public long EvictedGroups { get; private set; }

    public long DroppedEvents { get; private set; }

    public int QueuedGroups => _due.Count;

    /// <summary>The live groups from least to most recently fed.</summary>
    public IEnumerable<GroupState> GroupsOldestFirst
    {
        get
        {
            for (GroupState? group = _oldest; group is not null; group = group.Newer)
                yield return group;
        }
    }

    /// <summary>Moves the watermark forward (never back) and decides the windows it closes.</summary>
    public void Advance(long ticks, CorrelatorOutput output)
    {
        if (!HasWatermark || ticks > Watermark)
        {
            Watermark = ticks;
            HasWatermark = true;
        }
        Sweep(output);
    }

    /// <summary>Whether an event of this time is too far behind the watermark to count for <paramref name="plan"/>.</summary>
    public bool IsLate(CorrelationPlan plan, long ticks) => ticks < TickMath.Earlier(Watermark, plan.LatenessTicks);

    /// <summary>Adds an entry to the group with these values (creating it), and decides what it completes.</summary>
    public void Add(CorrelationPlan plan, string[] values, in WindowEntry entry, CorrelatorOutput output)
    {
        string key = GroupKey.Of(values);
        bool created = !plan.Groups.TryGetValue(key, out GroupState? group);
        if (created)
        {
            group = new GroupState(plan, key, values, ++Sequence);
            plan.Groups.Add(key, group);
            LiveGroups++;
            Link(group);
        }
        else
        {
            Unlink(group!);
            Link(group!);
        }
        int index = group!.Insert(entry);
        StoredEvents++;
        if (created)
            Enqueue(group, Due(group));
        if (plan.DecidesEarly)
            DecideEarly(group, index, output);
        if (!group.Removed)
            EnforceLimits(group);
    }

    /// <summary>Decides every window still open and drops all groups: the end of the input.</summary>
    public void Flush(CorrelatorOutput output)
    {
        // Inner correlations first, so that their last alerts still reach the outer ones.
        foreach (CorrelationPlan plan in _plans)
        {
            foreach (GroupState group in plan.Groups.Values.OrderBy(g => g.Sequence).ToList())
            {
                while (!plan.DecidesEarly && !group.Removed && group.Count > 0)
                    DecideWindow(group, output);
                if (!group.Removed)
                    Drop(group);
            }
        }
        _due.Clear();
    }

    /// <summary>Replaces all state with restored groups, given from least to most recently fed.</summary>
    public void Restore(bool hasWatermark, long watermark, long sequence, long[] counters, IEnumerable<GroupState> groups)
    {
        foreach (CorrelationPlan plan in _plans)
            plan.Groups.Clear();
        _due.Clear();
        _oldest = _newest = null;
        LiveGroups = StoredEvents = 0;
        HasWatermark = hasWatermark;
        Watermark = watermark;
        Sequence = sequence;
        (EventsWithoutTime, LateEvents, EventsWithoutGroup, EventsWithoutValue, EvictedGroups, DroppedEvents) =
            (counters[0], counters[1], counters[2], counters[3], counters[4], counters[5]);
        foreach (GroupState group in groups)
        {
            group.Plan.Groups.Add(group.Key, group);
            LiveGroups++;
            StoredEvents += group.Count;
            Link(group);
            Enqueue(group, group.QueuedDue);
        }
        EnforceLimits(null);
    }

    /// <summary>The counters in the order <see cref="Restore"/> takes them.</summary>
    public long[] Counters() => new[] { EventsWithoutTime, LateEvents, EventsWithoutGroup, EventsWithoutValue, EvictedGroups, DroppedEvents };

    private void Sweep(CorrelatorOutput output)
    {
        while (_due.TryPeek(out GroupState? group, out (long Due, long Sequence) queued) && queued.Due < Watermark)
        {
            _due.Dequeue();
            if (group.Removed)
                continue;
            long due = Due(group);
            if (due >= Watermark)
            {
                Enqueue(group, due);
                continue;
            }
            if (group.Plan.DecidesEarly)
            {
                // Every entry is too old to share a window with any event still to come.
                Drop(group);
                continue;
            }
            DecideWindow(group, output);
            if (group.Removed)
                continue;
            if (group.Count == 0)
                Drop(group);
            else
                Enqueue(group, Due(group));
        }
    }

    // When the group has nothing left to wait for: for a correlation decided early, when its newest entry can share
    // a window with no event still to come; else when its first window has closed.
    private static long Due(GroupState group)
    {
        CorrelationPlan plan = group.Plan;
        long anchor = plan.DecidesEarly ? group[group.Count - 1].Ticks : group[0].Ticks;
        return TickMath.Later(TickMath.Later(anchor, plan.TimespanTicks), plan.WaitTicks);
    }

    private void Enqueue(GroupState group, long due)
    {
        group.QueuedDue = due;
        _due.Enqueue(group, (due, group.Sequence));
        // Dropped groups leave their entry behind until it comes up; rebuild when those outnumber the live ones.
        if (_due.Count > 2 * LiveGroups + 64)
        {
            _due.Clear();
            for (GroupState? live = _oldest; live is not null; live = live.Newer)
                _due.Enqueue(live, (live.QueuedDue, live.Sequence));
        }
    }

    private void DecideEarly(GroupState group, int index, CorrelatorOutput output)
    {
        CorrelationPlan plan = group.Plan;
        WindowAggregate tail = group.Tail!;
        long span = plan.TimespanTicks;
        long time = group[index].Ticks;
        if (index == group.Count - 1)
        {
            // In order: the one new window is the timespan ending at this entry; slide the tail to it.
            tail.Add(group[index]);
            while (group[group.TailStart].Ticks < TickMath.Earlier(time, span))
            {
                tail.Remove(group[group.TailStart]);
                group.TailStart++;
            }
            double value = tail.Value;
            if (plan.Rule.Condition.IsSatisfiedBy(value))
            {
                Fire(group, group.TailStart, group.Count, value, output);
                return;
            }
        }
        else
        {
            // Out of order: the new windows are those ending at this entry or a later one up to a timespan after it.
            WindowAggregate scratch = plan.Scratch;
            for (int end = index; end < group.Count && group[end].Ticks <= TickMath.Later(time, span);)
            {
                long endTime = group[end].Ticks;
                int stop = group.UpperBound(endTime);
                int start = group.LowerBound(TickMath.Earlier(endTime, span));
                double value = Measure(scratch, group, start, stop);
                if (plan.Rule.Condition.IsSatisfiedBy(value))
                {
                    Fire(group, start, stop, value, output);
                    return;
                }
                end = stop;
            }
            group.TailStart = group.LowerBound(TickMath.Earlier(group[group.Count - 1].Ticks, span));
            Measure(tail, group, group.TailStart, group.Count);
        }
        Prune(group);
    }

    // Entries before the tail that no event still to come can share a window with.
    private void Prune(GroupState group)
    {
        long horizon = TickMath.Earlier(TickMath.Earlier(Watermark, group.Plan.WaitTicks), group.Plan.TimespanTicks);
        int count = 0;
        while (count < group.TailStart && group[count].Ticks < horizon)
            count++;
        if (count > 0)
        {
            group.RemoveFirst(count);
            StoredEvents -= count;
        }
    }

    private void DecideWindow(GroupState group, CorrelatorOutput output)
    {
        CorrelationPlan plan = group.Plan;
        int stop = group.UpperBound(TickMath.Later(group[0].Ticks, plan.TimespanTicks));
        double value = Measure(plan.Scratch, group, 0, stop);
        CorrelationAlert? alert = plan.Rule.Condition.IsSatisfiedBy(value) ? Alert(group, 0, stop, value) : null;
        group.RemoveFirst(stop);
        StoredEvents -= stop;
        if (alert is not null)
            Emit(plan, alert, output);
    }

    private static double Measure(WindowAggregate aggregate, GroupState group, int start, int stop)
    {
        aggregate.Clear();
        for (int i = start; i < stop; i++)
            aggregate.Add(group[i]);
        return aggregate.Value;
    }

    private void Fire(GroupState group, int start, int stop, double value, CorrelatorOutput output)
    {
        CorrelationAlert alert = Alert(group, start, stop, value);
        // The group starts afresh: one burst, one alert.
        Drop(group);
        Emit(group.Plan, alert, output);
    }

    private CorrelationAlert Alert(GroupState group, int start, int stop, double value)
    {
        ICorrelationRule rule = group.Plan.Rule;
        var events = new EventReference[Math.Min(stop - start, _options.MaxEventReferencesPerAlert)];
        for (int i = 0; i < events.Length; i++)
            events[i] = group[start + i].Reference;
        var names = new KeyValuePair<string, string>[group.Values.Length];
        for (int i = 0; i < names.Length; i++)
            names[i] = new KeyValuePair<string, string>(rule.GroupBy[i], group.Values[i]);
        return new CorrelationAlert(rule, Array.AsReadOnly(names), value, Time(group[start].Ticks), Time(group[stop - 1].Ticks),
            stop - start, Array.AsReadOnly(events), group[stop - 1].Reference);
    }

    private void Emit(CorrelationPlan plan, CorrelationAlert alert, CorrelatorOutput output)
    {
        if (plan.Reported)
            output.AlertList.Add(alert);
        foreach ((CorrelationPlan outer, int source) in plan.Outers)
            FeedAlert(outer, source, alert, output);
    }

    // An inner alert joins the outer correlation as one event at its last time. It is never late: it comes when its
    // window is decided, and the outer waits long enough for that (ChainDelayTicks).
    private void FeedAlert(CorrelationPlan outer, int source, CorrelationAlert alert, CorrelatorOutput output)
    {
        IReadOnlyList<string> names = outer.Rule.Sources[source].GroupNames;
        var values = new string[names.Count];
        for (int i = 0; i < values.Length; i++)
        {
            string? value = alert.GroupValue(names[i]);
            if (value is null)
            {
                EventsWithoutGroup++;
                return;
            }
            values[i] = value;
        }
        var entry = new WindowEntry
        {
            Ticks = alert.LastTime.UtcTicks,
            Source = source,
            Number = alert.Value,
            Text = outer.NeedsText ? alert.Value.ToString("R", CultureInfo.InvariantCulture) : null,
            Reference = alert.LastEvent,
        };
        Add(outer, values, entry, output);
    }

    // Past a limit, the least recently fed groups go (never the one just fed); when that one alone holds too many
    // events, its oldest go.
    private void EnforceLimits(GroupState? fed)
    {
        while (_oldest is not null && _oldest != fed && (LiveGroups > _options.MaxLiveGroups || StoredEvents > _options.MaxStoredEvents))
        {
            EvictedGroups++;
            Drop(_oldest);
        }
        while (fed is not null && StoredEvents > _options.MaxStoredEvents && fed.Count > 1)
        {
            if (fed.Tail is not null && fed.TailStart == 0)
                fed.Tail.Remove(fed[0]);
            fed.RemoveFirst(1);
            StoredEvents--;
            DroppedEvents++;
        }
    }

    private void Drop(GroupState group)
    {
        group.Removed = true;
        group.Plan.Groups.Remove(group.Key);
        Unlink(group);
        LiveGroups--;
        StoredEvents -= group.Count;
    }

    private void Link(GroupState group)
    {
        group.Older = _newest;
        group.Newer = null;
        if (_newest is not null)
            _newest.Newer = group;
        else
            _oldest = group;
        _newest = group;
    }

    private void Unlink(GroupState group)
    {
        if (group.Older is not null)
            group.Older.Newer = group.Newer;
        else
            _oldest = group.Newer;
        if (group.Newer is not null)
            group.Newer.Older = group.Older;
        else
            _newest = group.Older;
        group.Older = group.Newer = null;
    }

    private static DateTimeOffset Time(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
