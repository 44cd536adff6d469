using System.Linq;
using Microsoft.CodeAnalysis;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Generator;

/// <summary>
/// A rule file with several YAML documents (<c>---</c>): each document compiles as if it were a file of its own, with
/// diagnostics at the right line and column, and one broken document leaves the others compiled.
/// </summary>
public sealed class MultiDocumentTests
{
    private const string Two = """
        title: First Rule
        id: 10000000-0000-4000-8000-000000000001
        logsource:
          product: test
        detection:
          sel:
            F: one
          condition: sel
        ---
        title: Second Rule
        id: 10000000-0000-4000-8000-000000000002
        logsource:
          product: test
        detection:
          sel:
            F: two
          condition: sel
        ---
        """;

    [Fact]
    public void Every_document_of_a_file_compiles_and_matches_on_its_own()
    {
        var rules = GeneratorHarness.CompileRules(new[] { GeneratorHarness.Rule("two.yml", Two) });
        Assert.Equal(new[] { "First Rule", "Second Rule" }, rules.Select(r => r.Title).OrderBy(t => t));
        using var one = System.Text.Json.JsonDocument.Parse("""{"F":"one"}""");
        Assert.Equal(new[] { "First Rule" }, rules.Where(r => r.IsMatch(one.RootElement)).Select(r => r.Title));
    }

    [Fact]
    public void A_broken_document_is_reported_at_its_own_line_and_the_others_still_compile()
    {
        string text = Two.Replace("    F: two", "    F|contians: two");
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new[] { GeneratorHarness.Rule("two.yml", text) });
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SIGMA005", diagnostic.Id);
        // Line 16 of the file: the second document's item (its own line 7).
        Assert.Equal((16, 5), (diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, diagnostic.Location.GetLineSpan().StartLinePosition.Character + 1));
        var sources = result.Results.Single().GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Contains("FirstRule.g.cs", sources);
        Assert.DoesNotContain("SecondRule.g.cs", sources);
    }

    [Fact]
    public void Two_documents_of_one_file_with_one_id_report_the_second()
    {
        string text = Two.Replace("10000000-0000-4000-8000-000000000002", "10000000-0000-4000-8000-000000000001");
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new[] { GeneratorHarness.Rule("two.yml", text) });
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SIGMA004", diagnostic.Id);
        Assert.Equal((11, 1), (diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, diagnostic.Location.GetLineSpan().StartLinePosition.Character + 1));
        Assert.Contains("line 2", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "FirstRule.g.cs");
    }

    [Fact]
    public void A_document_that_is_not_a_mapping_is_reported_and_the_others_compile()
    {
        string text = Two.TrimEnd('-', '\n') + "\n---\n- just\n- a list\n";
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new[] { GeneratorHarness.Rule("two.yml", text) });
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SIGMA002", diagnostic.Id);
        Assert.Equal(19, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "SecondRule.g.cs");
    }

    [Theory]
    [InlineData("global")]
    [InlineData("repeat")]
    public void A_Sigma_1_collection_skips_the_whole_file_with_SIGMA014(string action)
    {
        string text = $"action: {action}\ntitle: Shared\nlogsource:\n  product: test\n---\n" + Two;
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(new[] { GeneratorHarness.Rule("collection.yml", text) });
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("SIGMA014", DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
        Assert.Contains("Sigma 1 rule collection", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(result.Results.Single().GeneratedSources, s => s.HintName == "FirstRule.g.cs");
    }
}
