using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests;

/// <summary>
/// The README is the front door and docs/ holds one file per topic: every relative link resolves (file and
/// heading), the README stays short, links every docs file, and its layout table lists every folder there is.
/// Needs no network: links with a scheme are not followed.
/// </summary>
public sealed class DocumentationTests
{
    private const int ReadmeLineLimit = 300;

    private static string Root => SharedData.RepositoryRoot;

    private static string DocsFolder => Path.Combine(Root, "docs");

    private static IEnumerable<string> DocsFiles() =>
        Directory.GetFiles(DocsFolder, "*.md").Order(StringComparer.Ordinal);

    // The Markdown a reader of the repository meets: the top-level files and every docs file.
    private static IEnumerable<MarkdownDocument> Documents() =>
        Directory.GetFiles(Root, "*.md").Order(StringComparer.Ordinal).Concat(DocsFiles()).Select(MarkdownDocument.Load);

    private static MarkdownDocument Readme() => MarkdownDocument.Load(Path.Combine(Root, "README.md"));

    [Fact]
    public void Every_relative_link_names_an_existing_file_and_heading()
    {
        List<MarkdownDocument> documents = Documents().ToList();
        Assert.Contains(documents, d => Path.GetFileName(d.FilePath) == "README.md");
        Assert.Contains(documents, d => Path.GetFileName(Path.GetDirectoryName(d.FilePath)) == "docs");

        List<string> problems = documents.SelectMany(d => DocumentationLinks.Problems(d, Root)).ToList();
        Assert.True(problems.Count == 0, "Broken links:\n" + string.Join("\n", problems));

        // The check has something to check: links into docs/, and anchors across files.
        MarkdownLink[] links = documents.SelectMany(d => d.Links).ToArray();
        Assert.Contains(links, l => l.Target.StartsWith("docs/", StringComparison.Ordinal) && l.Target.Contains('#', StringComparison.Ordinal));
        Assert.Contains(links, l => l.Target.StartsWith("../README.md#", StringComparison.Ordinal));
    }

    [Fact]
    public void The_README_has_at_most_300_lines()
    {
        int lines = Readme().Lines.Count;
        Assert.True(lines <= ReadmeLineLimit, $"README.md has {lines} lines; keep it to {ReadmeLineLimit} and move detail into docs/");
    }

    [Fact]
    public void The_README_Documentation_list_links_every_docs_file()
    {
        string[] linked = SectionLinks(Readme(), "Documentation")
            .Where(t => t.StartsWith("docs/", StringComparison.Ordinal))
            .Select(t => t.Split('#')[0])
            .ToArray();
        string[] files = DocsFiles().Select(f => "docs/" + Path.GetFileName(f)).ToArray();
        Assert.NotEmpty(files);
        string[] unlisted = files.Except(linked, StringComparer.Ordinal).ToArray();
        Assert.True(unlisted.Length == 0, "README's Documentation list does not link: " + string.Join(", ", unlisted));
    }

    [Fact]
    public void Every_docs_file_opens_with_its_title_and_a_one_line_statement_of_what_it_covers()
    {
        foreach (string file in DocsFiles())
        {
            IReadOnlyList<string> lines = MarkdownDocument.Load(file).Lines;
            string name = Path.GetFileName(file);
            Assert.True(lines.Count > 4, $"{name} is too short to have a title and a statement");
            Assert.True(lines[0].StartsWith("# ", StringComparison.Ordinal), $"{name} does not start with a '# ' title");
            Assert.True(lines[1].Length == 0 && lines[2].Length > 0 && lines[3].Length == 0,
                $"{name}: the title is not followed by a one-line statement of what the file covers (line 3, blank lines around it)");
        }
    }

    [Fact]
    public void The_README_layout_table_lists_every_folder_and_no_folder_that_does_not_exist()
    {
        (string Path, string Text)[] rows = LayoutTableRows().ToArray();
        string[] folders = RepositoryFolders().ToArray();
        Assert.Contains("src/SigmaRuntime", folders);
        Assert.Contains("docs", folders);

        // A folder is listed by a row of its own, or named as `Sub/` (relative) in the row of its nearest listed ancestor.
        string[] missing = folders.Where(folder => !rows.Any(r => r.Path == folder) && !NamedByAncestor(folder, rows)).ToArray();
        Assert.True(missing.Length == 0, "README's layout table lacks: " + string.Join(", ", missing));
        string[] stale = rows.SelectMany(r => new[] { r.Path }.Concat(SubfoldersNamed(r.Text).Select(sub => r.Path + "/" + sub)))
            .Where(p => !Directory.Exists(Path.Combine(Root, p))).ToArray();
        Assert.True(stale.Length == 0, "README's layout table lists folders that do not exist: " + string.Join(", ", stale));
    }

    private static bool NamedByAncestor(string folder, (string Path, string Text)[] rows)
    {
        (string Path, string Text)? ancestor = rows.Where(r => folder.StartsWith(r.Path + "/", StringComparison.Ordinal))
            .OrderByDescending(r => r.Path.Length).Cast<(string, string)?>().FirstOrDefault();
        return ancestor is { } row && SubfoldersNamed(row.Text).Contains(folder[(row.Path.Length + 1)..]);
    }

    // `Name/` or `Name/Sub/` in a row's text: folders below the row's path.
    private static IEnumerable<string> SubfoldersNamed(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, "`([A-Za-z0-9_.][A-Za-z0-9_./-]*)/`").Select(m => m.Groups[1].Value);

    [Theory]
    [InlineData("Getting started", "getting-started")]
    [InlineData("Proof on SigmaHQ's regression events", "proof-on-sigmahqs-regression-events")]
    [InlineData("`--describe`: one rule in the terminal", "--describe-one-rule-in-the-terminal")]
    [InlineData("The rule set: thousands of rules per event", "the-rule-set-thousands-of-rules-per-event")]
    [InlineData("Writing a pipeline for ECS- or OCSF-shaped JSON", "writing-a-pipeline-for-ecs--or-ocsf-shaped-json")]
    [InlineData("ATT&CK coverage (v2.1)", "attck-coverage-v21")]
    [InlineData("SIGMA_011 Ärger", "sigma_011-ärger")]
    public void Heading_anchors_follow_GitHubs_rules(string heading, string anchor) =>
        Assert.Equal(anchor, MarkdownDocument.Anchor(heading));

    [Fact]
    public void The_link_check_reports_missing_files_missing_headings_and_links_out_of_the_repository()
    {
        string root = Directory.CreateTempSubdirectory("sigma-docs-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "docs"));
            File.WriteAllText(Path.Combine(root, "docs", "topic.md"), "# Topic\n\n## Usage\n\n## Usage\n");
            File.WriteAllText(Path.Combine(root, "LICENSE"), "MIT");
            string readme = Path.Combine(root, "README.md");
            File.WriteAllText(readme, string.Join("\n",
                "# Title",
                "## Here",
                "[ok](docs/topic.md) [ok](docs/topic.md#usage) [ok](docs/topic.md#usage-1) [ok](#here) [ok](LICENSE) [ok](docs)",
                "[web](https://example.com/nothing#x) [code, not a link](`docs/none.md`) `[code](docs/none.md)`",
                "```",
                "[in a fence](docs/none.md)",
                "```",
                "[missing file](docs/none.md)",
                "[missing heading](docs/topic.md#setup)",
                "[missing local heading](#there)",
                "[outside](../elsewhere.md)",
                "[anchor into a non-Markdown file](LICENSE#x)"));

            List<string> problems = DocumentationLinks.Problems(MarkdownDocument.Load(readme), root);

            Assert.Equal(new[]
            {
                "README.md:8: (docs/none.md) names a file that does not exist",
                "README.md:9: (docs/topic.md#setup) names no heading of topic.md",
                "README.md:10: (#there) names no heading of README.md",
                "README.md:11: (../elsewhere.md) points outside the repository",
                "README.md:12: (LICENSE#x) has an anchor but does not name a Markdown file",
            }, problems);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // The links of a "## <title>" section of a document, up to the next "## " heading.
    private static IEnumerable<string> SectionLinks(MarkdownDocument document, string title)
    {
        int start = document.Lines.ToList().IndexOf("## " + title);
        Assert.True(start >= 0, $"{Path.GetFileName(document.FilePath)} has no '## {title}' section");
        int end = document.Lines.Skip(start + 1).ToList().FindIndex(l => l.StartsWith("## ", StringComparison.Ordinal));
        int last = end < 0 ? document.Lines.Count : start + 1 + end;
        return document.Links.Where(l => l.Line > start + 1 && l.Line <= last).Select(l => l.Target);
    }

    // The first column of the README's layout table: "| `path` | what it holds |".
    private static IEnumerable<(string Path, string Text)> LayoutTableRows()
    {
        IReadOnlyList<string> lines = Readme().Lines;
        int start = lines.ToList().IndexOf("## Layout");
        Assert.True(start >= 0, "README.md has no '## Layout' section");
        foreach (string line in lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)))
        {
            if (line.StartsWith("| `", StringComparison.Ordinal))
            {
                int end = line.IndexOf('`', 3);
                yield return (line[3..end], line[(end + 1)..]);
            }
        }
    }

    // Every folder of the repository that holds a file, as a '/'-separated relative path, leaving out .git and the
    // folders .gitignore names (bin/, obj/, artifacts/, ...): those are build output, never part of the layout.
    private static IEnumerable<string> RepositoryFolders()
    {
        var ignored = new HashSet<string>(StringComparer.Ordinal) { ".git" };
        foreach (string line in File.ReadAllLines(Path.Combine(Root, ".gitignore")))
        {
            string entry = line.Trim();
            if (entry.EndsWith('/') && entry.IndexOfAny(['*', '?', '[', '!', '#']) < 0)
                ignored.Add(entry.Trim('/'));
        }

        var folders = new List<string>();
        Collect(Root);
        return folders.Order(StringComparer.Ordinal);

        bool Collect(string folder)
        {
            bool holdsFiles = Directory.EnumerateFiles(folder).Any();
            foreach (string child in Directory.EnumerateDirectories(folder))
            {
                if (ignored.Contains(Path.GetFileName(child)))
                    continue;
                if (Collect(child))
                {
                    holdsFiles = true;
                    folders.Add(Path.GetRelativePath(Root, child).Replace(Path.DirectorySeparatorChar, '/'));
                }
            }
            return holdsFiles;
        }
    }
}
