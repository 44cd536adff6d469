using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SigmaCompile.Tests.Generator;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// Malformed correlation and filter sections never crash the generator: seeded mutations of correlation and filter
/// documents (their values
/// replaced by values of every wrong shape, keys added and dropped, references that form cycles, and the detection
/// fuzz test's byte-level mutations) give diagnostics only, the other rules still compile, and whatever the generator
/// emits compiles.
/// </summary>
public sealed class CorrelationFuzzTests
{
    private static readonly string[] Seeds =
    {
        FailedLogonsYamlTests.Example,
        CorrelationSnapshotTests.AliasesExample,
        "title: Sum\nname: corr_a\ncorrelation:\n    type: value_sum\n    rules: [failed_logon, corr_b]\n    group-by: [User, Computer]\n    timespan: 1h\n    condition:\n        field: Bytes\n        gt: 100\n        lte: 1000\n",
        "title: Percentile\nname: corr_b\ngenerate: true\ncorrelation:\n    type: value_percentile\n    rules: [successful_logon, corr_a]\n    group-by: [User]\n    timespan: 30s\n    condition: { field: Bytes, percentile: 95, gte: 10 }\n",
        "title: Filter\nlogsource:\n    product: windows\n    service: security\nfilter:\n    rules: [failed_logon, 22222222-2222-4222-8222-222222222222]\n    selection:\n        User|startswith: adm_\n    condition: selection\n",
        "title: Ordered\nname: corr_c\ncorrelation:\n    type: temporal_ordered\n    rules:\n        - failed_logon\n        - 22222222-2222-4222-8222-222222222222\n        - corr_c\n    group-by: [u]\n    timespan: 2d\n    aliases:\n        u:\n            failed_logon: TargetUserName\n",
    };

    // Values of every shape a correlation key could wrongly hold.
    private static readonly string[] Values =
    {
        "", "~", "null", "[]", "{}", "-1", "0", "1e400", "NaN", ".inf", "true", "'10'", "10m", "10", "0s", "99999999999999999999d",
        "[a, b]", "{ gt: x }", "{ gte: 3 }", "{ field: F }", "{ field: [a], gt: 1 }", "{ percentile: 200, gt: 1 }", "{ between: 3 }",
        "event_count", "value_median", "temporal", "[failed_logon, failed_logon]", "[corr_a, corr_b, corr_c]", "[no_such_rule]",
        "[11111111-1111-4111-8111-111111111111]", "{ u: { failed_logon: [x] } }", "{ u: x }", "&anchor [x]", "*undefined", "!!binary AAAA",
    };

    private static readonly string[] Keys =
    {
        "type", "rules", "selection", "filter", "logsource", "group-by", "timespan", "condition", "aliases", "generate", "field", "percentile", "gt", "gte", "lt", "lte", "eq", "neq", "name", "id", "correlation",
    };

    private static string Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        int at = random.Next(lines.Count);
        string line = lines[at];
        int colon = line.IndexOf(':');
        switch (random.Next(5))
        {
            case 0 when colon > 0: // a wrong value
                lines[at] = line[..(colon + 1)] + " " + Values[random.Next(Values.Length)];
                break;
            case 1: // a key added at some indentation
                lines.Insert(at, new string(' ', 4 * random.Next(3)) + Keys[random.Next(Keys.Length)] + ": " + Values[random.Next(Values.Length)]);
                break;
            case 2: // a line dropped
                lines.RemoveAt(at);
                break;
            case 3 when colon > 0: // a key renamed
                lines[at] = new string(' ', line.Length - line.TrimStart().Length) + Keys[random.Next(Keys.Length)] + line[colon..];
                break;
            default:
                return RobustnessTests.Mutate(text, random);
        }
        return string.Join('\n', lines);
    }

    [Fact]
    public void A_thousand_seeded_mutations_of_correlation_and_filter_documents_give_diagnostics_never_a_crash()
    {
        const int Cases = 1000, Batch = 125;
        int reported = 0;
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        for (int start = 0; start < Cases; start += Batch)
        {
            var files = new List<AdditionalText> { GeneratorHarness.Rule("logons.yml", CorrelationDiagnosticTests.Logons) };
            for (int i = start; i < start + Batch; i++)
            {
                var random = new Random(i);
                string text = Seeds[random.Next(Seeds.Length)];
                for (int m = 0, n = random.Next(1, 4); m < n; m++)
                    text = Mutate(text, random);
                files.Add(GeneratorHarness.Rule($"mutant{i:D4}.yml", text));
            }
            (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(files);
            GeneratorRunResult run = result.Results.Single();
            Assert.Null(run.Exception);
            Assert.DoesNotContain(result.Diagnostics, d => d.Id is "CS8785" or "AD0001");
            Assert.Contains(run.GeneratedSources, s => s.HintName == "FailedLogon.g.cs");
            Assert.Contains(run.GeneratedSources, s => s.HintName == "SigmaRules.Correlations.g.cs");
            var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            Assert.DoesNotContain(result.Diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("internal error", StringComparison.Ordinal));
            reported += result.Diagnostics.Count(d => d.Id.StartsWith("SIGMA", StringComparison.Ordinal));
            ids.UnionWith(result.Diagnostics.Select(d => d.Id));
        }
        // The mutations do reach the correlation checks.
        Assert.True(reported > Cases / 2, $"only {reported} diagnostics for {Cases} mutants");
        string[] correlationIds = { "SIGMA022", "SIGMA023", "SIGMA024", "SIGMA025", "SIGMA026", "SIGMA027", "SIGMA028", "SIGMA030", "SIGMA032", "SIGMA033" };
        Assert.True(correlationIds.All(ids.Contains), "reached: " + string.Join(", ", ids));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_chain_of_five_thousand_correlations_is_reported_not_a_stack_overflow(bool cycle)
    {
        // c0 refers to the failed logon rule (or, closing a cycle, to c4999); each next one to the one before.
        const int Count = 5000;
        var documents = Enumerable.Range(0, Count).Select(i =>
            $"title: Chain {i}\nname: c{i}\ncorrelation:\n    type: event_count\n    rules: [{(i == 0 ? (cycle ? "c" + (Count - 1) : "failed_logon") : "c" + (i - 1))}]\n    timespan: 5m\n    condition: {{ gte: 1 }}\n");
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(new[]
        {
            GeneratorHarness.Rule("logons.yml", CorrelationDiagnosticTests.Logons),
            GeneratorHarness.Rule("chain.yml", string.Join("---\n", documents)),
        });
        Assert.Null(result.Results.Single().Exception);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        if (cycle)
        {
            Assert.Equal(Count, result.Diagnostics.Count(d => d.Id == "SIGMA030"));
        }
        else
        {
            Assert.Single(result.Diagnostics, d => d.Id == "SIGMA031");
            Assert.Equal(Count - 9, result.Diagnostics.Count(d => d.Id == "SIGMA028"));
            // The first eight levels compile.
            Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "Chain7.g.cs");
            Assert.DoesNotContain(result.Results.Single().GeneratedSources, s => s.HintName == "Chain8.g.cs");
        }
    }
}
