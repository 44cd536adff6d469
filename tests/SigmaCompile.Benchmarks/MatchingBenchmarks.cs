using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using SigmaCompile.Benchmarks.Rules;

namespace SigmaCompile.Benchmarks;

/// <summary>
/// Per-event costs on real events: parsing the event (the baseline), the whole compiled rule set through
/// <c>SigmaRules.Set</c>, and the same rules called one by one. Each benchmark processes the same sample of events;
/// the numbers are per event (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class MatchingBenchmarks
{
    private const int Events = 1000;
    private List<string> _lines = new();
    private List<JsonDocument> _documents = new();
    private readonly List<IDetectionRule> _results = new(256);
    private IDetectionRule[] _all = System.Array.Empty<IDetectionRule>();

    [Params("windows", "cloudtrail", EventSamples.LongCommandLine)]
    public string Kind { get; set; } = "windows";

    [GlobalSetup]
    public void Setup()
    {
        _lines = EventSamples.Load(Kind, Events);
        _documents = _lines.Select(l => JsonDocument.Parse(l)).ToList();
        _all = SigmaRules.All.ToArray();
        foreach (JsonDocument document in _documents)
        {
            _results.Clear();
            SigmaRules.Set.Match(document.RootElement, _results);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _documents.ForEach(d => d.Dispose());

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public int Parse()
    {
        int total = 0;
        foreach (string line in _lines)
        {
            using JsonDocument document = JsonDocument.Parse(line);
            total += document.RootElement.ValueKind == JsonValueKind.Object ? 1 : 0;
        }
        return total;
    }

    [Benchmark(OperationsPerInvoke = Events)]
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

    [Benchmark(OperationsPerInvoke = Events)]
    public int ParseAndRuleSet()
    {
        int total = 0;
        foreach (string line in _lines)
        {
            using JsonDocument document = JsonDocument.Parse(line);
            _results.Clear();
            SigmaRules.Set.Match(document.RootElement, _results);
            total += _results.Count;
        }
        return total;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int LoopOverAll()
    {
        int total = 0;
        foreach (JsonDocument document in _documents)
        {
            foreach (IDetectionRule rule in _all)
            {
                if (rule.IsMatch(document.RootElement))
                    total++;
            }
        }
        return total;
    }
}
