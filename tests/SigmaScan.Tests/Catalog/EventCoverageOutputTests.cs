using System.Collections.Generic;
using System.IO;
using System.Linq;
using SigmaCompile.Catalog;
using SigmaScan.Catalog;
using SigmaScan.Tests.Infrastructure;
using Xunit;

namespace SigmaScan.Tests.Catalog;

/// <summary>
/// Event coverage in SigmaScan's views: the "Event coverage" section of <c>--describe</c>, the table on each catalog
/// page, and the log collection checklist on the catalog index (counted over the rules the catalog shows).
/// </summary>
public sealed class EventCoverageOutputTests
{
    private const string SeedId = "97fbabf8-8e1b-47a2-b7d5-a418d2b95e3d";

    /// <summary>The lines of a section of a <c>--describe</c> page, from its heading to the blank line after it.</summary>
    private static List<string> Section(string page, string heading) =>
        page.Split('\n').SkipWhile(l => l != heading).Skip(1).TakeWhile(l => l.Length > 0).ToList();

    [Fact]
    public void Describe_prints_the_seed_rules_single_catch_all_row()
    {
        SigmaScanRun run = SigmaScanRun.Start(new[] { "--describe", SeedId });
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            new[]
            {
                "  provider    event      title",
                "  AWS-lambda  catch_all  AWS-lambda (catch-all)",
            },
            Section(run.Output, "Event coverage"));
    }

    [Fact]
    public void Describe_prints_sysmon_1_and_security_4688_for_a_process_creation_rule_under_windows_evtx()
    {
        SigmaScanRun run = SigmaScanRun.Start(new[]
        {
            "--rules", RuleFolders.Repository, "--pipeline", "windows-evtx", "--no-cache", "--describe", "Process Memory Dump Of LSASS Via Command Line",
        });
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            new[]
            {
                "  provider                              event  title",
                "  Microsoft-Windows-Sysmon/Operational  1      Process creation",
                "  Security                              4688   A new process has been created",
            },
            Section(run.Output, "Event coverage"));
    }

    [Fact]
    public void A_rule_whose_events_cannot_be_determined_says_so_on_every_view()
    {
        using var rules = new TempFolder();
        rules.Write("rules/anywhere.yml", """
            title: Anywhere
            id: 2c3d4e5f-0001-4000-8000-000000000001
            detection:
              sel:
                CommandLine|contains: 'evil'
              condition: sel
            """);
        RuleCatalog catalog = RuleFolders.Compile(rules.Of("rules")).Catalog;
        IDescribedRule rule = catalog.Rules.Single();

        var output = new StringWriter { NewLine = "\n" };
        RuleDescription.Write(output, rule, catalog);
        List<string> section = Section(output.ToString(), "Event coverage");
        string remark = Assert.Single(section);
        Assert.StartsWith("  cannot be determined", remark);

        using var pages = new TempFolder();
        HtmlCatalog.Write(pages.Path, catalog.Rules, catalog);
        MarkdownCatalog.Write(pages.Path, catalog.Rules, catalog);
        Assert.Contains("<td colspan=\"3\" class=\"none\">cannot be determined", File.ReadAllText(pages.Of("rules/" + rule.Id.ToString("D") + ".html")));
        Assert.Contains("| | | cannot be determined", File.ReadAllText(pages.Of("rules/" + rule.Id.ToString("D") + ".md")));
    }

    [Fact]
    public void The_catalog_pages_show_the_coverage_and_the_index_the_checklist_of_the_rules_it_shows()
    {
        CompiledRules compiled = RuleFolders.Compile(RuleFolders.Repository, new[] { "windows-evtx" });
        RuleCatalog catalog = compiled.Catalog;
        using var all = new TempFolder();
        HtmlCatalog.Write(all.Path, catalog.Rules, catalog);
        MarkdownCatalog.Write(all.Path, catalog.Rules, catalog);

        string markdown = File.ReadAllText(all.Of("index.md"));
        string checklist = markdown[markdown.IndexOf("## Log collection checklist", System.StringComparison.Ordinal)..];
        Assert.Equal(
            new[]
            {
                "| `AWS-lambda` | `catch_all` | AWS-lambda (catch-all) | 2 |",
                "| `AWS-lambda` | `UpdateFunctionConfiguration20150331v2` | AWS-lambda UpdateFunctionConfiguration20150331v2 | 1 |",
                "| `AWS-s3` | `DeleteBucketEncryption` | AWS-s3 DeleteBucketEncryption | 1 |",
                "| `AWS-s3` | `DeleteBucketPolicy` | AWS-s3 DeleteBucketPolicy | 1 |",
                "| `AWS-s3` | `DeleteBucketPublicAccessBlock` | AWS-s3 DeleteBucketPublicAccessBlock | 1 |",
                "| `Microsoft-Windows-Sysmon/Operational` | `1` | Process creation | 2 |",
                "| `Security` | `4624` | An account was successfully logged on | 1 |",
                "| `Security` | `4625` | An account failed to log on | 1 |",
                "| `Security` | `4688` | A new process has been created | 2 |",
            },
            checklist.Split('\n').Where(l => l.StartsWith("| `", System.StringComparison.Ordinal)));

        string html = File.ReadAllText(all.Of("index.html"));
        Assert.Contains("<h2 id=\"log-collection-checklist\">Log collection checklist</h2>", html);
        Assert.Contains("<tr><td class=\"mono\">Security</td><td class=\"mono\">4688</td><td>A new process has been created</td><td>2</td></tr>", html);

        string lsass = catalog.Rules.Single(r => r.Title == "Process Memory Dump Of LSASS Via Command Line").Id.ToString("D");
        Assert.Contains("<tr><td class=\"mono\">Microsoft-Windows-Sysmon/Operational</td><td class=\"mono\">1</td><td>Process creation</td></tr>", File.ReadAllText(all.Of("rules/" + lsass + ".html")));
        Assert.Contains("| `Security` | `4688` | A new process has been created |", File.ReadAllText(all.Of("rules/" + lsass + ".md")));

        // A catalog of the Windows rules only (as --logsource product=windows gives) lists only their events.
        IReadOnlyList<IDescribedRule> windows = catalog.Rules.Where(r => r.LogSource.Product == "windows").ToList();
        using var some = new TempFolder();
        MarkdownCatalog.Write(some.Path, windows, catalog);
        string scoped = File.ReadAllText(some.Of("index.md"));
        Assert.Equal(
            new[]
            {
                "| `Microsoft-Windows-Sysmon/Operational` | `1` | Process creation | 2 |",
                "| `Security` | `4624` | An account was successfully logged on | 1 |",
                "| `Security` | `4625` | An account failed to log on | 1 |",
                "| `Security` | `4688` | A new process has been created | 2 |",
            },
            scoped[scoped.IndexOf("## Log collection checklist", System.StringComparison.Ordinal)..].Split('\n').Where(l => l.StartsWith("| `", System.StringComparison.Ordinal)));
    }
}
