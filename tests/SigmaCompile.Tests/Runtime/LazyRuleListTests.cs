using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SigmaCompile.RuleSets;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// The generated <c>SigmaRules.All</c> creates each rule when it is first read, and the rule set reads only the
/// rules that match (it evaluates candidates from its tables): a process pays for the rules events reach, not for
/// every rule before the first event.
/// </summary>
public sealed class LazyRuleListTests
{
    private static readonly string[] Detections3 =
    {
        "sel:\n  Image|endswith: '\\whoami.exe'\ncondition: sel",
        "sel:\n  CommandLine|contains: 'mimikatz'\ncondition: sel",
        "sel:\n  eventName: 'ConsoleLogin'\ncondition: sel",
    };

    private static Type Compile() =>
        GeneratorHarness.CompileRegistry(Detections3.Select((d, i) => GeneratorHarness.Rule($"lazy{i}.yml",
            Detections.Rule(d).Replace("11111111-2222-4333-8444-555555555555", $"{i:D8}-2222-4333-8444-555555555555").Replace("Test Rule", $"Lazy {i}"))));

    private sealed class Stub(int number) : IDetectionRule
    {
        public int Number { get; } = number;
        public Guid Id => Guid.Empty;
        public string Title => $"stub {Number}";
        public RuleStatus Status => RuleStatus.Test;
        public RuleLevel Level => RuleLevel.Low;
        public string Description => "";
        public string Author => "";
        public DateOnly? Date => null;
        public DateOnly? Modified => null;
        public IReadOnlyList<string> References => Array.Empty<string>();
        public IReadOnlyList<RuleTag> Tags => Array.Empty<RuleTag>();
        public AttackCoverage Attack => new(Array.Empty<string>(), Array.Empty<string>());
        public LogSource LogSource => new(null, null, null);
        public IReadOnlyList<string> FalsePositives => Array.Empty<string>();
        public string Condition => "sel";
        public bool IsMatch(JsonElement evt) => false;
    }

    [Fact]
    public void A_rule_is_created_when_first_read_and_the_same_instance_is_returned_after()
    {
        var made = new List<int>();
        var list = new LazyRuleList(3, i => { made.Add(i); return new Stub(i); });
        Assert.Equal(3, list.Count);
        Assert.Empty(made);
        IDetectionRule second = list[1];
        Assert.Equal(new[] { 1 }, made);
        Assert.Same(second, list[1]);
        Assert.Equal(new[] { 1 }, made);
        Assert.Equal(1, list.CreatedCount);
        Assert.Equal(new[] { 0, 1, 2 }, list.Select(r => ((Stub)r).Number));
        Assert.Equal(new[] { 1, 0, 2 }, made);
        Assert.Equal(3, list.CreatedCount);
    }

    [Fact]
    public void Bad_indices_and_a_factory_that_returns_nothing_are_clear_errors()
    {
        var list = new LazyRuleList(2, i => i == 0 ? new Stub(0) : null!);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[2]);
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => list[1]);
        Assert.Contains("index 1", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LazyRuleList(-1, i => new Stub(i)));
        Assert.Throws<ArgumentNullException>(() => new LazyRuleList(1, null!));
    }

    [Fact]
    public void Threads_reading_at_once_all_see_the_first_rule_stored()
    {
        int made = 0;
        var list = new LazyRuleList(64, i => { Interlocked.Increment(ref made); Thread.SpinWait(200); return new Stub(i); });
        var seen = new IDetectionRule[8][];
        Parallel.For(0, seen.Length, t => seen[t] = Enumerable.Range(0, list.Count).Select(i => list[i]).ToArray());
        for (int i = 0; i < list.Count; i++)
            Assert.All(seen, reader => Assert.Same(seen[0][i], reader[i]));
        Assert.Equal(64, list.CreatedCount);
        Assert.True(made >= 64, $"every rule should have been made at least once, {made} were");
    }

    [Fact]
    public void The_generated_registry_creates_no_rule_until_one_is_read_and_the_set_creates_only_rules_that_match()
    {
        Type registry = Compile();
        var all = Assert.IsType<LazyRuleList>(registry.GetProperty("All")!.GetValue(null));
        var set = (RuleSet)registry.GetProperty("Set")!.GetValue(null)!;
        Assert.Equal(3, all.Count);
        Assert.Equal(0, all.CreatedCount);

        // Only rule 2 (eventName) is a candidate on a CloudTrail-like event; it matches, and only it was created.
        using JsonDocument login = JsonDocument.Parse("{\"eventName\":\"ConsoleLogin\",\"eventSource\":\"signin.amazonaws.com\"}");
        var results = new List<IDetectionRule>();
        set.Match(login.RootElement, results);
        Assert.Equal("Lazy 2", Assert.Single(results).Title);
        Assert.Equal(1, all.CreatedCount);

        // An event whose values fire no rule's atom creates nothing more.
        using JsonDocument notepad = JsonDocument.Parse("{\"Image\":\"C:\\\\Windows\\\\notepad.exe\"}");
        results.Clear();
        set.Match(notepad.RootElement, results);
        Assert.Empty(results);
        Assert.Equal(1, all.CreatedCount);

        // A candidate that does not match (rule 0's atom fires, its endswith does not hold) is not created either.
        using JsonDocument backup = JsonDocument.Parse("{\"Image\":\"C:\\\\Windows\\\\whoami.exe.bak\"}");
        Assert.Equal(1, set.CandidateCount(backup.RootElement));
        results.Clear();
        set.Match(backup.RootElement, results);
        Assert.Empty(results);
        Assert.Equal(1, all.CreatedCount);

        using JsonDocument whoami = JsonDocument.Parse("{\"Image\":\"C:\\\\Windows\\\\WhoAmI.exe\"}");
        results.Clear();
        set.Match(whoami.RootElement, results);
        Assert.Equal("Lazy 0", Assert.Single(results).Title);
        Assert.Equal(2, all.CreatedCount);

        // Reading the list creates the rest; the set's answers are still every rule's own.
        foreach (JsonDocument document in new[] { login, notepad, whoami })
        {
            results.Clear();
            set.Match(document.RootElement, results);
            Assert.Equal(all.Where(r => r.IsMatch(document.RootElement)), results);
        }
        Assert.Equal(3, all.CreatedCount);
    }
}
