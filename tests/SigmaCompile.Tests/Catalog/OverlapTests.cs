using System.Linq;
using SigmaCompile.Catalog;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Catalog;

/// <summary>The registry's cross-rule answers over a small rule set whose overlaps are known.</summary>
public sealed class OverlapTests
{
    private static string Rule(string title, string id, string logsource, string detection) => $"""
        title: {title}
        id: {id}
        logsource: {logsource}
        detection:
        {detection}
        """;

    // Which rule has what (field, operator, value), case-insensitively:
    //   eventSource eq lambda.amazonaws.com   A, B (upper case), C (in a filter)     → 3
    //   eventName starts_with Update          A                                      → 1
    //   eventName eq UpdateFunctionCode...    B                                      → 1
    //   CommandLine contains mimikatz         D (twice: counts once), E              → 2
    //   CommandLine eq mimikatz               E (another operator)                   → 1
    //   keyword mimikatz                      F (no field: another indicator)        → 1
    //   Image ends_with \procdump.exe         D, E                                   → 2
    private static readonly RuleCatalog Catalog = CatalogHarness.Compile(new[]
    {
        GeneratorHarness.Rule("a.yml", Rule("Rule A", "a0000000-0000-4000-8000-000000000000", "{product: aws, service: cloudtrail}", """
              sel:
                eventSource: lambda.amazonaws.com
                eventName|startswith: Update
              condition: sel
            """)),
        GeneratorHarness.Rule("b.yml", Rule("Rule B", "b0000000-0000-4000-8000-000000000000", "{product: aws, service: cloudtrail}", """
              sel:
                eventSource: LAMBDA.AMAZONAWS.COM
                eventName: UpdateFunctionCode20150331v2
              condition: sel
            """)),
        GeneratorHarness.Rule("c.yml", Rule("Rule C", "c0000000-0000-4000-8000-000000000000", "{product: aws, service: cloudtrail}", """
              sel:
                eventSource: s3.amazonaws.com
                eventName: PutBucketPolicy
              filter:
                eventSource: lambda.amazonaws.com
              condition: sel and not filter
            """)),
        GeneratorHarness.Rule("d.yml", Rule("Rule D", "d0000000-0000-4000-8000-000000000000", "{product: windows, category: process_creation}", """
              sel1:
                CommandLine|contains: mimikatz
              sel2:
                Image|endswith: '\procdump.exe'
                CommandLine|contains: MIMIKATZ
              condition: sel1 or sel2
            """)),
        GeneratorHarness.Rule("e.yml", Rule("Rule E", "e0000000-0000-4000-8000-000000000000", "{product: windows, category: process_creation}", """
              sel:
                Image|endswith: '\ProcDump.exe'
                CommandLine|contains: mimikatz
              exact:
                CommandLine: mimikatz
              condition: sel or exact
            """)),
        GeneratorHarness.Rule("f.yml", Rule("Rule F", "f0000000-0000-4000-8000-000000000000", "{product: windows, service: security}", """
              keywords:
                - mimikatz
              sel:
                EventID: 4688
              condition: keywords and sel
            """)),
        GeneratorHarness.Rule("g.yml", Rule("Rule G", "f1000000-0000-4000-8000-000000000000", "{product: windows, service: security}", """
              sel:
                EventID:
                  - 4688
                  - 4689
              filter:
                EventID: 4624
              condition: sel and not filter
            """)),
    });

    private static IDescribedRule R(string letter) => Catalog.Rule("Rule " + letter);

    [Theory]
    [InlineData("eventSource", IndicatorOperator.Equal, "lambda.amazonaws.com", 3)]
    [InlineData("EVENTSOURCE", IndicatorOperator.Equal, "Lambda.AmazonAWS.com", 3)]
    [InlineData("eventName", IndicatorOperator.StartsWith, "Update", 1)]
    [InlineData("eventName", IndicatorOperator.Equal, "UpdateFunctionCode20150331v2", 1)]
    [InlineData("CommandLine", IndicatorOperator.Contains, "mimikatz", 2)]
    [InlineData("CommandLine", IndicatorOperator.Equal, "mimikatz", 1)]
    [InlineData(null, IndicatorOperator.Keyword, "mimikatz", 1)]
    [InlineData("Image", IndicatorOperator.EndsWith, "\\procdump.exe", 2)]
    [InlineData("EventID", IndicatorOperator.Equal, "4688", 2)]
    [InlineData("CommandLine", IndicatorOperator.Contains, "not in any rule", 0)]
    public void Rules_sharing_an_indicator_are_counted_case_insensitively_once_per_rule(string? field, IndicatorOperator op, string value, int expected)
    {
        Assert.Equal(expected, Catalog.CountRulesWith(field, op, value));
    }

    [Fact]
    public void The_shared_indicators_are_listed_with_their_counts_spelled_as_the_lowest_id_rule_wrote_them()
    {
        Assert.Equal(
            new[]
            {
                "CommandLine contains mimikatz 2",
                "EventID eq 4688 2",
                "eventSource eq lambda.amazonaws.com 3",
                "Image ends_with \\procdump.exe 2",
            },
            Catalog.SharedIndicators.Select(s => $"{s.Field} {IndicatorOperators.Name(s.Operator)} {s.Value} {s.RuleCount}"));
    }

    [Fact]
    public void Cloud_rules_on_the_same_event_source_and_event_name_prefix_detect_the_same_action()
    {
        // A's prefix Update covers B's dated UpdateFunctionCode call; C is another source (its lambda filter does not count).
        Assert.Equal(new[] { "Rule B" }, Catalog.RulesDetectingSameAction(R("A")).Select(r => r.Title));
        Assert.Equal(new[] { "Rule A" }, Catalog.RulesDetectingSameAction(R("B")).Select(r => r.Title));
        Assert.Empty(Catalog.RulesDetectingSameAction(R("C")));
        Assert.Equal(new[] { "aws/cloudtrail: s3.amazonaws.com PutBucketPolicy" }, Catalog.OperationsOf(R("C")).Select(o => o.Name));
    }

    [Fact]
    public void Host_rules_on_the_same_executable_or_event_id_detect_the_same_action()
    {
        Assert.Equal(new[] { "Rule E" }, Catalog.RulesDetectingSameAction(R("D")).Select(r => r.Title));
        Assert.Equal(new[] { "windows/process_creation: process procdump.exe" }, Catalog.OperationsOf(R("E")).Select(o => o.Name));
        Assert.Equal(new[] { "Rule G" }, Catalog.RulesDetectingSameAction(R("F")).Select(r => r.Title));
        // The filtered-out 4624 is not an action of G.
        Assert.Equal(new[] { "windows/security: EventID 4688", "windows/security: EventID 4689" }, Catalog.OperationsOf(R("G")).Select(o => o.Name));
    }

    [Fact]
    public void Dated_versions_of_one_api_call_overlap()
    {
        RuleCatalog catalog = CatalogHarness.Compile(new[]
        {
            GeneratorHarness.Rule("v1.yml", Rule("Versioned One", "10000000-0000-4000-8000-000000000000", "{product: aws, service: cloudtrail}", """
                  sel:
                    eventSource: lambda.amazonaws.com
                    eventName: AddPermission20150331
                  condition: sel
                """)),
            GeneratorHarness.Rule("v2.yml", Rule("Versioned Two", "20000000-0000-4000-8000-000000000000", "{product: aws, service: cloudtrail}", """
                  sel:
                    eventSource: lambda.amazonaws.com
                    eventName: AddPermission20150331v2
                  condition: sel
                """)),
            GeneratorHarness.Rule("v3.yml", Rule("Other Call", "30000000-0000-4000-8000-000000000000", "{product: aws, service: cloudtrail}", """
                  sel:
                    eventSource: lambda.amazonaws.com
                    eventName: AddLayerVersionPermission20181031
                  condition: sel
                """)),
        });
        Assert.Equal(new[] { "Versioned Two" }, catalog.RulesDetectingSameAction(catalog.Rule("Versioned One")).Select(r => r.Title));
        Assert.Empty(catalog.RulesDetectingSameAction(catalog.Rule("Other Call")));
    }
}
