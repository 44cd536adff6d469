using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SigmaScan.RuntimeRules;
using SigmaScan.Tests.Infrastructure;
using Xunit;

namespace SigmaScan.Tests;

/// <summary>
/// The cache of run-time compiles: hit when nothing that changes the output changed, missed when something did,
/// and never a reason for a scan to fail or to be wrong.
/// </summary>
public sealed class CacheTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _rules;
    private readonly string _cache;
    private readonly string _events;

    public CacheTests()
    {
        _rules = _folder.CopyFolder(RuleFolders.Repository, "rules");
        _cache = _folder.Of("cache");
        _events = RuleFolders.Fixture("inputs");
    }

    public void Dispose() => _folder.Dispose();

    private SigmaScanRun Scan(CompilerIdentity? identity = null, params string[] extra) =>
        SigmaScanRun.Start(new[] { "--rules", _rules, "--cache-dir", _cache }.Concat(extra).Append(_events), identity: identity);

    private static string ExpectedOutput => File.ReadAllText(RuleFolders.Fixture("expected/inputs.jsonl"));

    private void AssertScannedRightly(SigmaScanRun run)
    {
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(ExpectedOutput, run.Output.Replace(_events, "inputs", StringComparison.Ordinal));
    }

    private string[] Entries() => Directory.GetFiles(_cache, "*.rules");

    [Fact]
    public void The_second_run_loads_the_rules_from_the_cache()
    {
        SigmaScanRun first = Scan();
        SigmaScanRun second = Scan();

        Assert.EndsWith("(cache: miss, stored)", first.CompileSummary, StringComparison.Ordinal);
        Assert.EndsWith("(cache: hit)", second.CompileSummary, StringComparison.Ordinal);
        AssertScannedRightly(first);
        AssertScannedRightly(second);
        Assert.Single(Entries());
    }

    [Fact]
    public void A_rule_edit_misses_the_cache()
    {
        Scan();
        string rule = Path.Combine(_rules, "aws", "aws_lambda_layer_attached.yml");
        File.WriteAllText(rule, File.ReadAllText(rule).Replace("level: low", "level: high", StringComparison.Ordinal));

        SigmaScanRun edited = Scan();

        Assert.Contains("(cache: miss", edited.CompileSummary, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"AWS New Lambda Layer Attached\",\"level\":\"high\"", edited.Output, StringComparison.Ordinal);
        Assert.EndsWith("(cache: hit)", Scan().CompileSummary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_added_or_removed_rule_file_misses_the_cache()
    {
        Scan();
        string copy = Path.Combine(_rules, "extra.yml");
        File.Copy(Path.Combine(_rules, "aws", "aws_lambda_layer_attached.yml"), copy);
        Assert.Contains("(cache: miss", Scan().CompileSummary, StringComparison.Ordinal);
        File.Delete(copy);
        Assert.EndsWith("(cache: hit)", Scan().CompileSummary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipeline_change_misses_the_cache()
    {
        string pipeline = _folder.Write("pipeline.yml", "name: p\npriority: 10\ntransformations:\n  - type: field_name_prefix\n    prefix: 'data.'\n");
        Assert.Contains("(cache: miss", Scan(null, "--pipeline", pipeline).CompileSummary, StringComparison.Ordinal);
        Assert.EndsWith("(cache: hit)", Scan(null, "--pipeline", pipeline).CompileSummary, StringComparison.Ordinal);

        File.WriteAllText(pipeline, File.ReadAllText(pipeline).Replace("data.", "detail.", StringComparison.Ordinal));
        Assert.Contains("(cache: miss", Scan(null, "--pipeline", pipeline).CompileSummary, StringComparison.Ordinal);
        Assert.Contains("(cache: miss", Scan(null, "--pipeline", "cloudtrail").CompileSummary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_placeholder_change_misses_the_cache()
    {
        string placeholders = _folder.Write("placeholders.yml", "Admins: [alice]\n");
        Assert.Contains("(cache: miss", Scan(null, "--placeholders", placeholders).CompileSummary, StringComparison.Ordinal);
        Assert.EndsWith("(cache: hit)", Scan(null, "--placeholders", placeholders).CompileSummary, StringComparison.Ordinal);

        File.WriteAllText(placeholders, "Admins: [alice, bob]\n");
        Assert.Contains("(cache: miss", Scan(null, "--placeholders", placeholders).CompileSummary, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_generator_version_misses_the_cache()
    {
        Scan();
        CompilerIdentity newer = CompilerIdentity.Current with { Generator = CompilerIdentity.Current.Generator + "-next" };

        Assert.Contains("(cache: miss", Scan(newer).CompileSummary, StringComparison.Ordinal);
        Assert.EndsWith("(cache: hit)", Scan(newer).CompileSummary, StringComparison.Ordinal);
        Assert.EndsWith("(cache: hit)", Scan().CompileSummary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("checksum mismatch")]
    [InlineData("not a SigmaScan cache entry")]
    public void A_damaged_cache_entry_is_detected_rebuilt_and_the_scan_is_right(string damage)
    {
        Scan();
        string entry = Assert.Single(Entries());
        byte[] content = File.ReadAllBytes(entry);
        switch (damage)
        {
            case "truncated":
                File.WriteAllBytes(entry, content[..(content.Length / 2)]);
                break;
            case "checksum mismatch":
                content[^100] ^= 0xFF;
                File.WriteAllBytes(entry, content);
                break;
            default:
                File.WriteAllText(entry, "garbage");
                break;
        }

        SigmaScanRun rebuilt = Scan();

        Assert.EndsWith($"(cache: miss, a damaged entry was replaced ({damage}); stored)", rebuilt.CompileSummary, StringComparison.Ordinal);
        AssertScannedRightly(rebuilt);
        Assert.EndsWith("(cache: hit)", Scan().CompileSummary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cached_compile_prints_its_diagnostics_again()
    {
        File.WriteAllText(Path.Combine(_rules, "broken.yml"), "title: Broken\ndetection:\n  condition: nothing\n");
        SigmaScanRun first = Scan();
        SigmaScanRun second = Scan();

        string diagnostic = Assert.Single(first.ErrorLines, l => l.Contains(": error SIGMA", StringComparison.Ordinal));
        Assert.EndsWith("(cache: hit)", second.CompileSummary, StringComparison.Ordinal);
        Assert.Contains(diagnostic, second.ErrorLines);
        Assert.Equal(2, SigmaScanRun.Start(new[] { "--rules", _rules, "--cache-dir", _cache, "--strict", _events }).ExitCode);
    }

    [Fact]
    public async Task Two_concurrent_runs_sharing_a_cache_folder_both_succeed_and_leave_a_valid_entry()
    {
        SigmaScanRun[] runs = await Task.WhenAll(Task.Run(() => Scan()), Task.Run(() => Scan()));

        Assert.All(runs, AssertScannedRightly);
        Assert.Single(Entries());
        Assert.Empty(Directory.GetFiles(_cache, "*.tmp"));
        Assert.EndsWith("(cache: hit)", Scan().CompileSummary, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_most_recently_used_entries_are_kept()
    {
        for (int i = 0; i < RuleCache.MaxEntries + 2; i++)
        {
            File.WriteAllText(Path.Combine(_rules, "extra.yml"), $"title: Extra {i}\nlogsource: {{product: x}}\ndetection:\n  s:\n    a: '{i}'\n  condition: s\n");
            Scan();
        }

        Assert.Equal(RuleCache.MaxEntries, Entries().Length);
        Assert.EndsWith("(cache: hit)", Scan().CompileSummary, StringComparison.Ordinal); // the last one is kept
    }

    [Fact]
    public void No_cache_neither_reads_nor_writes_it()
    {
        SigmaScanRun run = Scan(null, "--no-cache");

        Assert.EndsWith("(cache: off)", run.CompileSummary, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cache));
        AssertScannedRightly(run);
    }

    [Fact]
    public void A_cache_folder_that_cannot_be_written_is_noted_and_the_scan_goes_on()
    {
        string notAFolder = _folder.Write("occupied", "a file where the cache folder would be");
        SigmaScanRun run = SigmaScanRun.Start(new[] { "--rules", _rules, "--cache-dir", notAFolder, _events });

        Assert.Contains("(cache: miss, not stored: cannot write to " + notAFolder, run.CompileSummary, StringComparison.Ordinal);
        AssertScannedRightly(run);
    }
}
