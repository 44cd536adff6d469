using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using SigmaCompile;
using SigmaCompile.Correlations;
using SigmaCompile.RuleSets;

namespace SigmaScan.Correlating;

/// <summary>
/// The correlation half of a scan. Matching runs on several threads, but correlation state must see events in input
/// order, so the work is split: a matching thread reads each event's time and keeps a copy of the few events that a
/// correlation will read group and value fields from (<see cref="Read"/>); the writing thread, which sees records in
/// input order, feeds them to one <see cref="Correlator"/> (<see cref="Process"/>). The result is exactly that of
/// <see cref="Correlator.Process(JsonElement, EventReference, CorrelatorOutput)"/> called on every event in order.
/// </summary>
internal sealed class CorrelationStep
{
    private readonly RuleSet _rules;
    private readonly Correlator _correlator;
    // The time reader keeps scratch state, so each matching thread reads times with a correlator of its own.
    private readonly ThreadLocal<Correlator> _clocks;
    private readonly HashSet<Guid> _fedRules;
    private readonly CorrelatorOutput _output = new();
    private readonly List<IDetectionRule> _matches = new();

    /// <exception cref="ArgumentException">A correlation is invalid or refers to a rule that is not in <paramref name="rules"/>.</exception>
    public CorrelationStep(RuleSet rules, IReadOnlyList<ICorrelationRule> correlations, CorrelatorOptions options)
    {
        _rules = rules;
        _correlator = new Correlator(rules, correlations, options);
        _clocks = new ThreadLocal<Correlator>(() => Correlator.FromRules(Array.Empty<IDetectionRule>(), Array.Empty<ICorrelationRule>(), options));
        _fedRules = correlations.SelectMany(c => c.Sources).Where(s => !s.IsCorrelation).Select(s => s.RuleId).ToHashSet();
    }

    /// <summary>The correlator's counters (events without a time, late events, evictions).</summary>
    public Correlator Correlator => _correlator;

    /// <summary>
    /// On a matching thread: what the writing thread will need of <paramref name="evt"/>, whose matches are
    /// <paramref name="matches"/>[<paramref name="first"/>..]. The event is copied only when a correlation reads it.
    /// </summary>
    public EventForCorrelation Read(JsonElement evt, List<MatchedRule> matches, int first)
    {
        DateTimeOffset? time = _clocks.Value!.TryReadEventTime(evt, out DateTimeOffset read) ? read : null;
        for (int i = first; i < matches.Count; i++)
        {
            if (_fedRules.Contains(matches[i].Rule.Id))
                return new EventForCorrelation(time, evt.Clone());
        }
        return new EventForCorrelation(time, null);
    }

    /// <summary>
    /// On the writing thread, in input order: feeds one event. Returns the alerts that the event closed or completed;
    /// which of its matches to report, ask <see cref="IsReported"/> (the output's detections are filled only for an
    /// event a correlation read).
    /// </summary>
    public CorrelatorOutput Process(EventForCorrelation evt, List<MatchedRule> matches, int first, int count, EventReference reference)
    {
        if (evt.Copy is { } copy)
        {
            _matches.Clear();
            for (int i = first; i < first + count; i++)
                _matches.Add(_rules.Rules[matches[i].Rule.Index]);
            _correlator.ProcessMatches(copy, evt.Time, _matches, reference, _output);
            return _output;
        }

        // No rule that feeds a correlation matched: every match is reported, and the event only moves time on.
        if (evt.Time is { } time)
            _correlator.AdvanceTo(time, _output);
        else
            _output.Clear();
        return _output;
    }

    /// <summary>
    /// Whether the match of <paramref name="rule"/> is reported, after <see cref="Process"/> of the same event: rules
    /// that feed no correlation always are; rules that feed one only when it generates them.
    /// </summary>
    public bool IsReported(EventForCorrelation evt, RuleSummary rule)
    {
        if (evt.Copy is null)
            return true;
        IDetectionRule matched = _rules.Rules[rule.Index];
        foreach (IDetectionRule reported in _output.Detections)
        {
            if (ReferenceEquals(reported, matched))
                return true;
        }
        return false;
    }

    /// <summary>At the end of input: decides the windows still open.</summary>
    public CorrelatorOutput Flush()
    {
        _correlator.Flush(_output);
        return _output;
    }
}

/// <summary>What the writing thread needs of an event for correlations.</summary>
/// <param name="Time">The event's time, or null when none of the time fields holds one.</param>
/// <param name="Copy">A copy of the event when a rule that feeds a correlation matched it, else null.</param>
internal readonly record struct EventForCorrelation(DateTimeOffset? Time, JsonElement? Copy);
