using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using SigmaCompile.Benchmarks.Rules;
using SigmaCompile.Correlations;
using SigmaCompile.Matching;
using SigmaCompile.Tests.Correlations;

namespace SigmaCompile.Benchmarks;

/// <summary>
/// What correlations add to matching, per event: <c>SigmaRules.Set.Match</c> alone against a <see cref="Correlator"/>
/// over the same set running four correlations (event_count, value_count, temporal, and an lt decided at window
/// close) on the three corpus rules for the sample's product that match it most often. Events are pre-parsed; the correlator reads
/// each event's time itself, or is given increasing times so that every match feeds a window.
/// </summary>
[MemoryDiagnoser]
public class CorrelatorBenchmarks
{
    private const int Events = 1000;
    private List<JsonDocument> _documents = new();
    private readonly List<IDetectionRule> _results = new(256);
    private readonly CorrelatorOutput _output = new();
    private ICorrelationRule[] _correlations = Array.Empty<ICorrelationRule>();

    [Params("windows", "cloudtrail")]
    public string Kind { get; set; } = "windows";

    [GlobalSetup]
    public void Setup()
    {
        _documents = EventSamples.Load(Kind, Events).Select(l => JsonDocument.Parse(l)).ToList();
        _correlations = Correlations(Kind, _documents);
        foreach (JsonDocument document in _documents)
        {
            _results.Clear();
            SigmaRules.Set.Match(document.RootElement, _results);
        }
        EventTime(); // warm up
    }

    [GlobalCleanup]
    public void Cleanup() => _documents.ForEach(d => d.Dispose());

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public int RuleSet()
    {
        int total = 0;
        foreach (JsonDocument document in _documents)
        {
            _results.Clear();
            SigmaRules.Set.Match(document.RootElement, _results);
            total += _results.Count;
        }
        return total;
    }

    // A fresh correlator per pass: replaying the same events into one would make them all late.
    [Benchmark(OperationsPerInvoke = Events)]
    public int EventTime()
    {
        var correlator = new Correlator(SigmaRules.Set, _correlations);
        int total = 0;
        for (int i = 0; i < _documents.Count; i++)
        {
            correlator.Process(_documents[i].RootElement, new EventReference(Kind, i), _output);
            total += _output.Detections.Count + _output.Alerts.Count;
        }
        return total;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int GivenTime()
    {
        var correlator = new Correlator(SigmaRules.Set, _correlations);
        var start = new DateTimeOffset(2024, 5, 6, 0, 0, 0, TimeSpan.Zero);
        int total = 0;
        for (int i = 0; i < _documents.Count; i++)
        {
            correlator.Process(_documents[i].RootElement, start.AddSeconds(i), new EventReference(Kind, i), _output);
            total += _output.Detections.Count + _output.Alerts.Count;
        }
        return total;
    }

    /// <summary>
    /// Four correlations over the three rules written for the sample's product (windows or aws) that match it most
    /// often (rules of other products whose condition is only a negation match every event, and are left out).
    /// </summary>
    internal static ICorrelationRule[] Correlations(string kind, IEnumerable<JsonDocument> documents)
    {
        string product = kind == "windows" ? "windows" : "aws";
        var counts = new Dictionary<IDetectionRule, int>();
        var matches = new List<IDetectionRule>();
        foreach (JsonDocument document in documents)
        {
            matches.Clear();
            SigmaRules.Set.Match(document.RootElement, matches);
            foreach (IDetectionRule rule in matches)
            {
                if (rule.LogSource.Product == product)
                    counts[rule] = counts.GetValueOrDefault(rule) + 1;
            }
        }
        IDetectionRule[] top = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key.Id).Take(3).Select(c => c.Key).ToArray();
        (string group, string value) = kind == "windows"
            ? ("Event.System.Computer", "Event.System.EventID")
            : ("userIdentity.arn", "eventName");
        CorrelationSource Source(IDetectionRule rule, bool withValue = false) =>
            CorrelationSource.Detection(rule.Id.ToString(), rule.Id, new[] { new FieldPath(group) }, withValue ? new FieldPath(value) : null);
        CorrelationCondition Condition(CorrelationOperator op, double bound, string? field = null) =>
            new(new[] { new CorrelationBound(op, bound) }, field);
        string[] groupBy = { "host" };
        return new ICorrelationRule[]
        {
            new HandWrittenCorrelation
            {
                Title = "burst", Type = CorrelationType.EventCount, Timespan = TimeSpan.FromMinutes(5),
                Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 10), GroupBy = groupBy, Sources = new[] { Source(top[0]) },
            },
            new HandWrittenCorrelation
            {
                Title = "variety", Type = CorrelationType.ValueCount, Timespan = TimeSpan.FromMinutes(10),
                Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 3, value), GroupBy = groupBy,
                Sources = new[] { Source(top[0], withValue: true), Source(top[1], withValue: true) },
            },
            new HandWrittenCorrelation
            {
                Title = "together", Type = CorrelationType.Temporal, Timespan = TimeSpan.FromMinutes(10),
                Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 3), GroupBy = groupBy,
                Sources = top.Select(r => Source(r)).ToArray(),
            },
            new HandWrittenCorrelation
            {
                Title = "rare", Type = CorrelationType.EventCount, Timespan = TimeSpan.FromMinutes(1),
                Condition = Condition(CorrelationOperator.LessThan, 2), GroupBy = groupBy, Sources = new[] { Source(top[2]) },
            },
        };
    }
}
