using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SigmaScan.Tests.Infrastructure;
using Xunit;

namespace SigmaScan.Tests.Catalog;

/// <summary>
/// The filters applied to a rule in SigmaScan's views, through the command line on a <c>--rules</c> folder that holds
/// a filter document: the "Filters applied" section of <c>--describe</c>, the table on the rule's HTML and Markdown
/// pages, and the <c>filtered</c> marker on the index.
/// </summary>
public sealed class AppliedFiltersOutputTests : IDisposable
{
    private const string RarId = "6f3e2987-db24-4c78-a860-b4f4095a7095";
    private const string CmdId = "7a7a7a7a-0000-4000-8000-000000000002";
    private const string AdminsId = "0a000000-0000-4000-8000-00000000000a";

    private const string Rules = $$"""
        title: Data Compressed With Rar
        id: {{RarId}}
        name: rar_compression
        status: test
        level: medium
        logsource:
          category: process_creation
          product: windows
        detection:
          selection:
            Image|endswith: '\rar.exe'
          condition: selection
        ---
        title: Cmd Started
        id: {{CmdId}}
        status: test
        level: low
        logsource:
          category: process_creation
          product: windows
        detection:
          selection:
            Image|endswith: '\cmd.exe'
          condition: selection
        """;

    // The admins filter names the rule by id; the backup filter, without an id, by name.
    private const string Filters = $$"""
        title: Filter Administrator accounts
        id: {{AdminsId}}
        logsource:
          product: windows
        filter:
          rules:
            - {{RarId}}
          selection:
            User|startswith: 'adm_'
          condition: selection
        ---
        title: Filter backup hosts
        logsource:
          category: process_creation
          product: windows
        filter:
          rules:
            - rar_compression
          backup:
            Computer|startswith: 'backup'
          condition: backup
        """;

    private readonly TempFolder _folder = new();

    public AppliedFiltersOutputTests()
    {
        _folder.Write("rules/windows.yml", Rules);
        _folder.Write("rules/filters/tuning.yml", Filters);
    }

    public void Dispose() => _folder.Dispose();

    private SigmaScanRun Run(params string[] args) =>
        SigmaScanRun.Start(new[] { "--rules", _folder.Of("rules"), "--no-cache" }.Concat(args));

    /// <summary>The lines of a section of a <c>--describe</c> page, from its heading to the blank line after it.</summary>
    private static List<string> Section(string page, string heading) =>
        page.Split('\n').SkipWhile(l => l != heading).Skip(1).TakeWhile(l => l.Length > 0).ToList();

    [Fact]
    public void Describe_prints_the_filters_applied_in_order_with_title_id_file_and_searches()
    {
        SigmaScanRun run = Run("--describe", RarId);
        Assert.Equal(0, run.ExitCode);
        // Filters apply in id order; the backup filter's id is the one derived from its title, which sorts first.
        Assert.Equal(
            new[]
            {
                "  title                          id                                    file                      searches",
                "  Filter backup hosts            none                                  rules/filters/tuning.yml  _filter1_*",
                $"  Filter Administrator accounts  {AdminsId}  rules/filters/tuning.yml  _filter2_*",
            },
            Section(run.Output, "Filters applied"));
        // The section comes before the stages it explains.
        Assert.Contains("Filters applied\n", run.Output[..run.Output.IndexOf("\nStages\n", StringComparison.Ordinal)]);
        Assert.Contains("_filter2_selection", Section(run.Output, "Stages").First(l => l.Contains("condition", StringComparison.Ordinal)));
    }

    [Fact]
    public void Describe_of_an_unfiltered_rule_has_no_filters_section()
    {
        SigmaScanRun run = Run("--describe", "Cmd Started");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\nStages\n", run.Output);
        Assert.DoesNotContain("Filters applied", run.Output);
    }

    [Fact]
    public void The_catalog_pages_list_the_filters_and_the_index_marks_the_filtered_rule()
    {
        string pages = _folder.Of("catalog-out");
        SigmaScanRun run = Run("--catalog", pages);
        Assert.Equal(0, run.ExitCode);

        string html = File.ReadAllText(Path.Combine(pages, "rules", RarId + ".html"));
        Assert.Contains("<h2 id=\"filters-applied\">Filters applied</h2>", html);
        Assert.Contains("<tr><td>Filter backup hosts</td><td><span class=\"none\">none</span></td><td><code>rules/filters/tuning.yml</code></td><td><code>_filter1_*</code></td></tr>", html);
        Assert.Contains($"<tr><td>Filter Administrator accounts</td><td><code>{AdminsId}</code></td><td><code>rules/filters/tuning.yml</code></td><td><code>_filter2_*</code></td></tr>", html);
        Assert.True(html.IndexOf("Filter backup hosts", StringComparison.Ordinal) < html.IndexOf("Filter Administrator accounts", StringComparison.Ordinal));
        Assert.DoesNotContain("Filters applied", File.ReadAllText(Path.Combine(pages, "rules", CmdId + ".html")));

        string markdown = File.ReadAllText(Path.Combine(pages, "rules", RarId + ".md"));
        Assert.Equal(
            new[]
            {
                "| title | id | file | searches |",
                "| --- | --- | --- | --- |",
                "| Filter backup hosts | none | `rules/filters/tuning.yml` | `_filter1_*` |",
                $"| Filter Administrator accounts | `{AdminsId}` | `rules/filters/tuning.yml` | `_filter2_*` |",
            },
            markdown.Split('\n').SkipWhile(l => l != "## Filters applied").Skip(4).TakeWhile(l => l.Length > 0));
        Assert.DoesNotContain("Filters applied", File.ReadAllText(Path.Combine(pages, "rules", CmdId + ".md")));

        // The index marks the filtered rule only, counts it, and finds it by "filtered" or a filter's title.
        string indexHtml = File.ReadAllText(Path.Combine(pages, "index.html"));
        Assert.Contains("1 of them is tuned by Sigma filters", indexHtml);
        Assert.Equal(1, CountOf(indexHtml, "\">filtered</span></td>"));
        Assert.Contains("Data Compressed With Rar</a> <span class=\"kind\" title=\"filtered by Filter backup hosts; Filter Administrator accounts\">filtered</span>", indexHtml);
        Assert.Contains("filtered by filter backup hosts; filter administrator accounts\"", indexHtml);
        string indexMarkdown = File.ReadAllText(Path.Combine(pages, "index.md"));
        Assert.Contains("2 compiled rules, 1 of them tuned by Sigma filters (marked *filtered*).", indexMarkdown);
        Assert.Contains($"| [Data Compressed With Rar](rules/{RarId}.md) *filtered* |", indexMarkdown);
        Assert.Contains($"| [Cmd Started](rules/{CmdId}.md) |", indexMarkdown);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
            count++;
        return count;
    }
}
