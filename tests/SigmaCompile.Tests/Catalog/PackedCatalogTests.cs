using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SigmaCompile.Catalog;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Catalog;

/// <summary>
/// A rule's catalog entry and the registry's cross-rule answers are packed UTF-8 literals in the generated code,
/// which <see cref="RuleCatalogEntry.Unpack"/> and <see cref="RuleCatalog.Unpack"/> read on first use: text with the
/// packing's own marks, nulls and empty lists come back as written, and text that is not packed so is refused with
/// a <see cref="FormatException"/>.
/// </summary>
public sealed class PackedCatalogTests
{
    // The packing's marks: field end, escape, null.
    private const string End = "\u241F";
    private const string Esc = "\u241B";
    private const string Nul = "\u2418";

    private const string OddRule = """
        title: Odd Catalog Text
        id: 5a5a5a5a-0000-4000-8000-000000000001
        logsource:
            category: process_creation
            product: windows
        detection:
            selection:
                CommandLine|contains:
                    - 'a␟b'
                    - '␛'
                    - '␘'
                    - 'quote " backslash \ tab	end'
                    - '😀 emoji'
                Image: ''
            keywords:
                - '␘'
                - 'plain'
            condition: selection or keywords
        tags:
            - attack.execution
            - attack.t1059.001
            - attack.g0016
            - attack.s0002
            - cve.2021-44228
            - detection.odd␟tag
        """;

    // Compiled once for the tests that read it.
    private static readonly Lazy<IDescribedRule> Odd = new(() =>
        CatalogHarness.Compile(new List<AdditionalText> { GeneratorHarness.Rule("odd.yml", OddRule) }).Rule("Odd Catalog Text"));

    [Fact]
    public void Text_with_the_packings_own_marks_quotes_and_emoji_comes_back_as_written()
    {
        IDescribedRule rule = Odd.Value;
        string[] values = { "a␟b", "␛", "␘", "quote \" backslash \\ tab\tend", "😀 emoji" };

        StagePredicate contains = rule.Stages[1].Predicates[0];
        Assert.Equal("CommandLine|contains", contains.Written);
        // Stage values are in YAML notation (quoted where YAML needs it); the marks need no quotes.
        Assert.Equal(new[] { "a␟b", "␛", "␘" }, contains.Values.Take(3));
        Assert.Equal(5, contains.Values.Count);
        Assert.Contains("😀 emoji", contains.Values[4]);
        RuleIndicator indicator = rule.Indicators.Single(i => i.Field == "CommandLine");
        Assert.Equal(values, indicator.Values);
        Assert.Equal(IndicatorOperator.Contains, indicator.Operator);

        // An empty value is a field of no characters, not a null one.
        RuleIndicator empty = rule.Indicators.Single(i => i.Field == "Image");
        Assert.Equal(new[] { "" }, empty.Values);

        // A keyword list has no field (null), and its value ␘ is text, not the null mark.
        RuleIndicator keywords = rule.Indicators.Single(i => i.Operator == IndicatorOperator.Keyword);
        Assert.Null(keywords.Field);
        Assert.Equal(new[] { "␘", "plain" }, keywords.Values);
        StagePredicate keywordStage = Assert.Single(rule.Stages.Single(s => s.Name == "keywords").Predicates);
        Assert.Null(keywordStage.Field);
        Assert.Empty(keywordStage.MappedTo);
    }

    [Fact]
    public void Every_coverage_list_and_the_event_rows_come_back()
    {
        IDescribedRule rule = Odd.Value;
        Assert.Equal(new[] { new AttackTactic("execution", "Execution", "TA0002") }, rule.Coverage.Tactics);
        Assert.Equal(new[] { "T1059.001" }, rule.Coverage.Techniques.Select(t => t.Id));
        Assert.Equal(new[] { "G0016" }, rule.Coverage.Groups);
        Assert.Equal(new[] { "S0002" }, rule.Coverage.Software);
        Assert.Equal(new[] { "CVE-2021-44228" }, rule.Coverage.Cves);
        RuleTag other = Assert.Single(rule.Coverage.OtherTags);
        Assert.Equal(("detection", "odd␟tag"), (other.Namespace, other.Name));
        Assert.NotEmpty(rule.EventCoverage);
        Assert.Empty(rule.AppliedFilters);
    }

    [Fact]
    public void An_entry_written_by_hand_in_lines_unpacks_to_the_objects_it_names()
    {
        // Rows on lines of their own, as the generator writes them (line breaks before a field are not text).
        string packed = string.Join("\r\n",
            "2" + End,
            "0" + End + "Condition" + End + "condition" + End + "sel" + End + "sel" + End + "0" + End,
            "1" + End + "Selection" + End + "sel" + End + End + End + "1" + End,
            "0" + End + Nul + End + End + "1" + End + "x" + Esc + "241F" + "y" + End + "0" + End,
            "1" + End,
            "sel" + End + Nul + End + "Keyword" + End + "1" + End + "x" + Esc + "241F" + "y" + End + End + "caf" + End,
            "0" + End, "0" + End, "0" + End, "0" + End, "0" + End, "0" + End,
            "1" + End + "Security" + End + "4625" + End + "An account failed to log on" + End + "Event" + End,
            "2" + End,
            "Admins" + End + Nul + End + "rules/filters/a.yml" + End + "_filter1_" + End,
            "Backup" + End + "0b000000-0000-4000-8000-00000000000b" + End + "rules/filters/b.yml" + End + "_filter2_" + End);

        RuleCatalogEntry entry = RuleCatalogEntry.Unpack(Encoding.UTF8.GetBytes(packed));

        Assert.Equal(2, entry.Stages.Count);
        Assert.Equal((RuleStageKind.Condition, "sel", "sel"), (entry.Stages[0].Kind, entry.Stages[0].Text, entry.Stages[0].Expanded));
        StagePredicate predicate = Assert.Single(entry.Stages[1].Predicates);
        Assert.Null(predicate.Field);
        Assert.Equal(new[] { "x" + End + "y" }, predicate.Values);
        RuleIndicator indicator = Assert.Single(entry.Indicators);
        Assert.Equal((true, true, false, true), (indicator.Cased, indicator.All, indicator.Negated, indicator.Filter));
        Assert.Equal(new[] { "x" + End + "y" }, indicator.Values);
        Assert.Equal(new CoveredEvent("Security", "4625", "An account failed to log on", EventCoverageKind.Event), Assert.Single(entry.EventCoverage));
        Assert.Equal(new[] { null, (Guid?)new Guid("0b000000-0000-4000-8000-00000000000b") }, entry.AppliedFilters.Select(f => f.Id));
        Assert.Equal(RuleCoverage.None.Tactics, entry.Coverage.Tactics);
    }

    // Ten empty lists: stages, indicators, tactics, techniques, groups, software, CVEs, other tags, events, filters.
    private static readonly string Empty = string.Concat(Enumerable.Repeat("0" + End, 10));

    [Fact]
    public void The_smallest_entry_is_ten_empty_lists()
    {
        RuleCatalogEntry entry = RuleCatalogEntry.Unpack(Encoding.UTF8.GetBytes(Empty));
        Assert.Empty(entry.Stages);
        Assert.Empty(entry.AppliedFilters);
    }

    public static TheoryData<string, string> NotEntries() => new()
    {
        { "", "no field at all" },
        { Empty[..^1], "ends inside a field" },
        { Empty + "0" + End, "goes on after its filters" },
        { "x" + Empty[2..], "a count that is not a number" },
        { "-1" + Empty[2..], "a negative count" },
        { "1" + End + "0" + End + "Nonsense" + End + "c" + End + End + End + "0" + End + Empty[2..], "a stage kind that is not one" },
        { "1" + End + "0" + End + "1" + End + "c" + End + End + End + "0" + End + Empty[2..], "a stage kind as a number" },
        { "1" + End + "0" + End + " 1" + End + "c" + End + End + End + "0" + End + Empty[2..], "a stage kind as a number after a space" },
        { "1" + End + "0" + End + "Selection, Filter" + End + "c" + End + End + End + "0" + End + Empty[2..], "two stage kinds joined" },
        { "1" + End + "0" + End + "selection" + End + "c" + End + End + End + "0" + End + Empty[2..], "a stage kind in another case" },
        { "1" + End + "0" + End + "Condition" + End + "c" + Nul + "x" + End + End + End + "0" + End + Empty[2..], "an unescaped null mark inside a field" },
        { "1" + End + "0" + End + "Condition" + End + "c" + Esc, "an escape at the end" },
        { "1" + End + "0" + End + "Condition" + End + "c" + Esc + "24" + End + End + End + "0" + End + Empty[2..], "an escape with two hex digits" },
        { "1" + End + "0" + End + "Condition" + End + "c" + Esc + "zzzz" + End + End + End + "0" + End + Empty[2..], "an escape without hex digits" },
        { "0" + End + "1" + End + "s" + End + "f" + End + "Equal" + End + "0" + End + "w" + End + "z" + End + Empty[4..], "an unknown indicator flag" },
        { Empty[..^2] + "1" + End + "t" + End + "not-a-guid" + End + "p" + End + "_filter1_" + End, "a filter id that is not a GUID" },
    };

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Empty);
        bytes[0] = 0xC3; // starts a two-byte sequence that the field end's first byte does not continue
        Assert.Throws<FormatException>(() => RuleCatalogEntry.Unpack(bytes));
    }

    [Theory]
    [MemberData(nameof(NotEntries))]
    public void Text_that_is_not_an_entry_is_refused(string packed, string what)
    {
        Assert.False(string.IsNullOrEmpty(what));
        Assert.Throws<FormatException>(() => RuleCatalogEntry.Unpack(Encoding.UTF8.GetBytes(packed)));
    }

    [Fact]
    public void Cross_rule_answers_written_by_hand_unpack_to_a_catalog_that_answers_from_them()
    {
        IDescribedRule[] rules = { Odd.Value };
        string packed = string.Join("\n",
            "2" + End,
            "CommandLine" + End + "Contains" + End + "a" + Esc + "241F" + "b" + End + "3" + End,
            Nul + End + "Keyword" + End + "plain" + End + "2" + End,
            "1" + End,
            "windows/process_creation: process x.exe" + End + "1" + End + "0" + End + "0" + End,
            "1" + End,
            "Security" + End + "4688" + End + "A new process" + End + "Event" + End + "1" + End + "0" + End);

        RuleCatalog catalog = RuleCatalog.Unpack(rules, Encoding.UTF8.GetBytes(packed));

        Assert.Equal(3, catalog.CountRulesWith("commandline", IndicatorOperator.Contains, "A␟B"));
        Assert.Equal(2, catalog.CountRulesWith(null, IndicatorOperator.Keyword, "plain"));
        Assert.Equal(new[] { "windows/process_creation: process x.exe" }, catalog.OperationsOf(rules[0]).Select(o => o.Name));
        EventChecklistEntry entry = Assert.Single(catalog.EventChecklist);
        Assert.Equal(("Security", "4688", EventCoverageKind.Event), (entry.Provider, entry.Event, entry.Kind));
        Assert.Equal(new[] { 0 }, entry.RuleIndexes);
    }

    [Fact]
    public void Cross_rule_answers_that_are_not_packed_so_or_name_a_rule_not_there_are_refused()
    {
        IDescribedRule[] rules = { Odd.Value };
        string none = "0" + End + "0" + End + "0" + End;
        Assert.Empty(RuleCatalog.Unpack(rules, Encoding.UTF8.GetBytes(none)).SharedIndicators);
        Assert.Throws<FormatException>(() => RuleCatalog.Unpack(rules, Encoding.UTF8.GetBytes(none + "0" + End)));
        Assert.Throws<FormatException>(() => RuleCatalog.Unpack(rules, Encoding.UTF8.GetBytes("1" + End + "f" + End + "Equal" + End + "v" + End + "two" + End + "0" + End + "0" + End)));
        Assert.Throws<FormatException>(() => RuleCatalog.Unpack(rules, Encoding.UTF8.GetBytes(none[..^1])));
        // Operation 0 names rule 1 of one rule.
        Assert.Throws<ArgumentException>(() => RuleCatalog.Unpack(rules, Encoding.UTF8.GetBytes("0" + End + "1" + End + "op" + End + "1" + End + "1" + End + "0" + End + "0" + End)));
    }

    // The catalog's raw UTF-8 literals are C# 11; without the catalog, the generated code compiles under C# 10 (docs/catalog.md).
    [Theory]
    [InlineData(LanguageVersion.CSharp11, true, true)]
    [InlineData(LanguageVersion.CSharp10, false, true)]
    [InlineData(LanguageVersion.CSharp10, true, false)]
    public void The_catalog_needs_csharp_11_and_the_rest_compiles_under_csharp_10(LanguageVersion version, bool catalog, bool compiles)
    {
        var parseOptions = new CSharpParseOptions(version);
        Dictionary<string, string> options = GeneratorHarness.DefaultOptions();
        options["build_property.SigmaCatalog"] = catalog ? "true" : "false";
        (_, Compilation output) = GeneratorHarness.Run(new AdditionalText[] { GeneratorHarness.Rule("odd.yml", OddRule) }, options, parseOptions);

        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Equal(compiles, errors.Count == 0);
        if (!compiles)
            Assert.All(errors, e => Assert.EndsWith(".Catalog.g.cs", e.Location.SourceTree!.FilePath, StringComparison.Ordinal));
    }
}
