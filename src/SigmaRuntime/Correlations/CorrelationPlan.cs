using System;
using System.Collections.Generic;
using System.Linq;

namespace SigmaCompile.Correlations;

/// <summary>A correlation rule as a <see cref="Correlator"/> runs it: how it decides, how long it waits, what it feeds, and its live groups.</summary>
internal sealed class CorrelationPlan
{
    public CorrelationPlan(ICorrelationRule rule, int index, long latenessTicks)
    {
        Rule = rule;
        Index = index;
        TimespanTicks = rule.Timespan.Ticks;
        LatenessTicks = latenessTicks;
        // Only counts that can only grow as events join a window (event and distinct-value counts, rules seen,
        // sums) are decided as soon as a lower bound is met; an average or percentile can fall again, so it waits
        // for the window to close like every upper bound.
        DecidesEarly = rule.Condition.CanDecideEarly && rule.Type is CorrelationType.EventCount or CorrelationType.ValueCount
            or CorrelationType.Temporal or CorrelationType.TemporalOrdered or CorrelationType.ValueSum;
        NeedsText = rule.Type == CorrelationType.ValueCount;
        NeedsNumber = rule.Type is CorrelationType.ValueSum or CorrelationType.ValueAvg or CorrelationType.ValuePercentile or CorrelationType.ValueMedian;
        Scratch = CreateAggregate();
        Shape = string.Join("|",
            rule.Type.ToString(),
            rule.Timespan.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            rule.Condition.ToString(),
            string.Join("\u001f", rule.GroupBy),
            string.Join("\u001f", rule.Sources.Select(s => (s.IsCorrelation ? "c:" : "d:") + s.RuleId.ToString("D"))));
    }

    public ICorrelationRule Rule { get; }

    /// <summary>The position among the plans: inner correlations of a chain come before the outer ones.</summary>
    public int Index { get; }

    public long TimespanTicks { get; }

    /// <summary>How far behind the watermark an event may be and still count.</summary>
    public long LatenessTicks { get; }

    /// <summary>
    /// How much longer than the lateness windows are kept, because alerts of inner correlations arrive later than
    /// their time: an inner correlation decided early can be up to its own wait behind, one decided at window close a
    /// timespan more. Zero without correlation sources.
    /// </summary>
    public long ChainDelayTicks { get; set; }

    /// <summary>How long behind the watermark a window stays open: lateness plus chain delay.</summary>
    public long WaitTicks => TickMath.Later(LatenessTicks, ChainDelayTicks);

    /// <summary>Whether the condition is decided as soon as events meet it (else when the window closes).</summary>
    public bool DecidesEarly { get; }

    /// <summary><c>value_count</c>: entries keep the field's text.</summary>
    public bool NeedsText { get; }

    /// <summary>The <c>value_*</c> types: entries keep the field's number.</summary>
    public bool NeedsNumber { get; }

    /// <summary>Whether its alerts are reported (no correlation refers to it, or one with <c>generate</c> does).</summary>
    public bool Reported { get; set; } = true;

    /// <summary>The outer correlations its alerts feed, with the source index they arrive through.</summary>
    public List<(CorrelationPlan Outer, int Source)> Outers { get; } = new();

    /// <summary>The live groups by key.</summary>
    public Dictionary<string, GroupState> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Measures windows from scratch (when a window closes, or after an event arrived out of order).</summary>
    public WindowAggregate Scratch { get; }

    /// <summary>The sources the event being processed came through (scratch of the correlator).</summary>
    public List<int> PendingSources { get; } = new();

    /// <summary>
    /// What a checkpoint must agree on for this correlation's windows to be restored: type, timespan, condition,
    /// group-by and sources.
    /// </summary>
    public string Shape { get; }

    public WindowAggregate CreateAggregate() => WindowAggregate.Create(Rule.Type, Rule.Sources.Count, Rule.Condition.Percentile ?? 50);
}
