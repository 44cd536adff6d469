using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using SigmaCompile.Catalog;
using SigmaScan.Catalog;
using SigmaScan.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SigmaScan.Tests.Catalog;

/// <summary>SigmaScan's <c>--catalog</c> output: complete, self-contained, every link resolving; fast on the corpus.</summary>
public sealed class CatalogWriterTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sigma-catalog-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private static readonly Regex Href = new("(?:href|src)=\"([^\"]*)\"", RegexOptions.CultureInvariant);
    private static readonly Regex MarkdownLink = new(@"\]\(([^)\s]+)\)", RegexOptions.CultureInvariant);

    /// <summary>The repository's rules, a keyword rule with a list of maps, and a rule with odd characters and every kind of tag.</summary>
    private static RuleCatalog SampleCatalog()
    {
        using var rules = new TempFolder();
        rules.CopyFolder(RuleFolders.Repository, "rules");
        rules.Write("rules/keywords.yml", """
            title: Keywords And Maps
            id: 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b
            status: test
            level: low
            logsource:
              product: test
            detection:
              keywords:
                - 'evil.example'
                - 'mal*ware'
              either:
                - Source: null
                - EventID: [4688, 1]
              condition: keywords or either
            """);
        rules.Write("rules/odd.yml", """
            title: Odd <Characters> & "Quotes" | Pipes `ticks`
            id: 8b3f5e1d-0a74-4c61-8d59-3e4f5a6b7c83
            tags: [attack.execution, attack.t1059, cve.2023-12345, detection.threat-hunting]
            references:
              - https://example.org/a?b=1&c=<2>
              - not a link
            logsource: {product: windows, category: process_creation}
            detection:
              sel:
                CommandLine|contains: '<script>|`x`'
              condition: sel
            """);
        return RuleFolders.Compile(rules.Of("rules")).Catalog;
    }

    [Fact]
    public void The_html_catalog_has_every_rule_and_every_link_resolves()
    {
        RuleCatalog catalog = SampleCatalog();
        IReadOnlyList<string> written = HtmlCatalog.Write(_folder, catalog.Rules, catalog);
        Assert.Equal(catalog.Rules.Count + 1, written.Count);

        string index = File.ReadAllText(Path.Combine(_folder, "index.html"));
        foreach (IDescribedRule rule in catalog.Rules)
        {
            string page = Path.Combine(_folder, "rules", rule.Id.ToString("D") + ".html");
            Assert.True(File.Exists(page), "no page for " + rule.Title);
            Assert.Contains($"href=\"rules/{rule.Id:D}.html\"", index);
            Assert.Contains(WebUtility.HtmlEncode(rule.Title), index);
            string html = File.ReadAllText(page);
            Assert.Contains("<h1>" + WebUtility.HtmlEncode(rule.Title) + "</h1>", html);
            foreach (string section in new[] { "ATT&amp;CK coverage", "Stages", "Indicators", "Rules detecting the same action" })
                Assert.Contains("<h2>" + section + "</h2>", html);
        }

        int links = 0;
        foreach (string file in Directory.EnumerateFiles(_folder, "*.html", SearchOption.AllDirectories))
        {
            string html = File.ReadAllText(file);
            // Self-contained: no stylesheet, script, image or font from elsewhere.
            Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
            foreach (Match match in Href.Matches(html))
            {
                string target = WebUtility.HtmlDecode(match.Groups[1].Value);
                if (target.StartsWith("https://", StringComparison.Ordinal) || target.StartsWith("http://", StringComparison.Ordinal))
                {
                    Assert.Contains("References", html); // outside links are the rules' own references only
                    continue;
                }
                Assert.True(Resolves(file, target), $"{Path.GetRelativePath(_folder, file)}: link '{target}' does not resolve");
                links++;
            }
        }
        Assert.True(links >= catalog.Rules.Count * 2, "expected the index and the back links at least");

        // The seed rule's page links the Lambda rule on the same action.
        IDescribedRule seed = Rule(catalog, "AWS New Lambda Layer Attached");
        IDescribedRule same = Rule(catalog, "AWS Lambda Function Execution Role Or Environment Changed");
        Assert.Contains($"href=\"{same.Id:D}.html\"", File.ReadAllText(Path.Combine(_folder, "rules", seed.Id.ToString("D") + ".html")));
    }

    [Fact]
    public void The_markdown_catalog_has_every_rule_and_every_link_resolves()
    {
        RuleCatalog catalog = SampleCatalog();
        IReadOnlyList<string> written = MarkdownCatalog.Write(_folder, catalog.Rules, catalog);
        Assert.Equal(catalog.Rules.Count + 1, written.Count);
        string index = File.ReadAllText(Path.Combine(_folder, "index.md"));
        foreach (IDescribedRule rule in catalog.Rules)
            Assert.Contains($"](rules/{rule.Id:D}.md)", index);
        foreach (string file in Directory.EnumerateFiles(_folder, "*.md", SearchOption.AllDirectories))
        {
            foreach (Match match in MarkdownLink.Matches(File.ReadAllText(file)))
                Assert.True(Resolves(file, match.Groups[1].Value), $"{Path.GetRelativePath(_folder, file)}: link '{match.Groups[1].Value}' does not resolve");
        }
        string odd = File.ReadAllText(Path.Combine(_folder, "rules", Rule(catalog, "Odd <Characters> & \"Quotes\" | Pipes `ticks`").Id.ToString("D") + ".md"));
        Assert.Contains("# Odd \\<Characters\\> & \"Quotes\" \\| Pipes \\`ticks\\`", odd);
        Assert.Contains("`` <script>\\|`x` ``", odd); // a code span holding backticks, its pipe escaped for the table
    }

    internal static IDescribedRule Rule(RuleCatalog catalog, string title) => catalog.Rules.Single(r => r.Title == title);

    private static bool Resolves(string fromFile, string target)
    {
        int hash = target.IndexOf('#');
        string path = hash < 0 ? target : target[..hash];
        if (path.Length == 0)
            return true;
        return File.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(fromFile)!, path)));
    }

    [SharedDataFact]
    public void The_catalog_of_the_whole_corpus_has_a_page_per_rule_and_an_index()
    {
        var clock = Stopwatch.StartNew();
        RuleCatalog catalog = RuleFolders.Compile(SharedData.PathOf("sigma"), placeholders: RuleFolders.CorpusPlaceholders).Catalog;
        output.WriteLine($"compiled {catalog.Rules.Count} rules at run time in {clock.Elapsed.TotalSeconds:0.0} s");
        int ruleFiles = Directory.EnumerateFiles(SharedData.PathOf("sigma"), "*.yml", SearchOption.AllDirectories).Count();
        Assert.Equal(ruleFiles, catalog.Rules.Count);

        clock.Restart();
        int written = HtmlCatalog.Write(_folder, catalog.Rules, catalog).Count + MarkdownCatalog.Write(_folder, catalog.Rules, catalog).Count;
        TimeSpan elapsed = clock.Elapsed;
        long bytes = Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        output.WriteLine($"wrote {written} files ({bytes / 1_000_000.0:0.0} MB) in {elapsed.TotalSeconds:0.0} s; {catalog.SharedIndicators.Count} shared indicators, {catalog.Operations.Count} operations");
        // How long it takes is measured, not asserted here (see docs/performance.md): on a shared machine
        // running the other tests at the same time, the time says little.
        Assert.Equal(2 * (catalog.Rules.Count + 1), written);
    }
}
