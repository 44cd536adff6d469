using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using SigmaCompile.Correlations;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// Feeds JSON events through a <see cref="Correlator"/> over the fixture's detection rules and records what each call
/// produced. Events are written with <see cref="Event"/>, at a number of seconds after <see cref="Start"/>.
/// </summary>
internal sealed class CorrelationRun
{
    public static readonly DateTimeOffset Start = new(2024, 5, 6, 10, 0, 0, TimeSpan.Zero);

    private readonly CorrelatorOutput _output = new();
    private long _record;

    public CorrelationRun(params ICorrelationRule[] correlations)
        : this(null, correlations)
    {
    }

    public CorrelationRun(CorrelatorOptions? options, params ICorrelationRule[] correlations)
    {
        Correlator = new Correlator(CorrelationFixture.Set, correlations, options);
    }

    /// <summary>A run over other detection rules, such as a compiled registry's set and its generated correlations.</summary>
    public CorrelationRun(RuleSets.RuleSet set, IReadOnlyList<ICorrelationRule> correlations, CorrelatorOptions? options = null)
    {
        Correlator = new Correlator(set, correlations, options);
    }

    public Correlator Correlator { get; }

    /// <summary>Every alert so far, in the order produced.</summary>
    public List<CorrelationAlert> Alerts { get; } = new();

    /// <summary>Every reported detection so far, with the record number of its event.</summary>
    public List<(long Record, IDetectionRule Rule)> Detections { get; } = new();

    /// <summary>An event at <paramref name="seconds"/> after <see cref="Start"/> (in <c>@timestamp</c>) with the given fields.</summary>
    public static string Event(double seconds, params (string Name, object? Value)[] fields)
    {
        var map = new Dictionary<string, object?> { ["@timestamp"] = Time(seconds).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture) };
        foreach ((string name, object? value) in fields)
            map[name] = value;
        return JsonSerializer.Serialize(map);
    }

    /// <summary><see cref="Start"/> plus <paramref name="seconds"/>, to the tick.</summary>
    public static DateTimeOffset Time(double seconds) => Start.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    /// <summary>Processes one event; returns the alerts of this call.</summary>
    public IReadOnlyList<CorrelationAlert> Feed(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        Correlator.Process(document.RootElement, new EventReference("test", ++_record), _output);
        return Record();
    }

    public void FeedAll(IEnumerable<string> events)
    {
        foreach (string json in events)
            Feed(json);
    }

    /// <summary>Ends the input; returns the alerts of the windows it decided.</summary>
    public IReadOnlyList<CorrelationAlert> Flush()
    {
        Correlator.Flush(_output);
        return Record();
    }

    public IReadOnlyList<CorrelationAlert> AlertsOf(ICorrelationRule rule) => Alerts.Where(a => a.Rule == rule).ToList();

    private IReadOnlyList<CorrelationAlert> Record()
    {
        foreach (IDetectionRule rule in _output.Detections)
            Detections.Add((_record, rule));
        var alerts = _output.Alerts.ToList();
        Alerts.AddRange(alerts);
        return alerts;
    }
}
