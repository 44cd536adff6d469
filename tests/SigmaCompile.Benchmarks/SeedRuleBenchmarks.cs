using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace SigmaCompile.Benchmarks;

/// <summary>The seed rule's IsMatch on the Stratus Red Team record it must flag (line 36) and on one it must not.</summary>
[MemoryDiagnoser]
public class SeedRuleBenchmarks
{
    private readonly IDetectionRule _rule = Rules.AwsNewLambdaLayerAttached.Instance;
    private JsonDocument _match = null!;
    private JsonDocument _other = null!;

    [GlobalSetup]
    public void Setup()
    {
        var lines = EventSamples.Load("cloudtrail", int.MaxValue);
        _match = JsonDocument.Parse(lines.Find(l => l.Contains("\"layers\":[\"arn:", System.StringComparison.Ordinal))!);
        _other = JsonDocument.Parse(lines[0]);
    }

    [Benchmark]
    public bool Matching() => _rule.IsMatch(_match.RootElement);

    [Benchmark]
    public bool NotMatching() => _rule.IsMatch(_other.RootElement);
}
