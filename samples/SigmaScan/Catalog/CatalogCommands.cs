using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using SigmaCompile;
using SigmaCompile.Catalog;

namespace SigmaScan.Catalog;

/// <summary>The <c>--describe</c> and <c>--catalog</c> commands.</summary>
internal static class CatalogCommands
{
    private const string Name = "SigmaScan";
    private const int ExitOk = 0;
    private const int ExitFailure = 2;

    /// <summary>
    /// Prints the catalog page of the rule named by id, title or class name (titles case-insensitive); when
    /// nothing matches exactly, the one rule whose title contains the text. Exit code 2 when no rule, or several, fit.
    /// </summary>
    public static int Describe(string query, IEnumerable<IDetectionRule> selected, RuleCatalog catalog, TextWriter output, TextWriter error)
    {
        IReadOnlyList<IDescribedRule> rules = CatalogFacts.Select(catalog, selected);
        var scoped = new HashSet<IDescribedRule>(rules, ReferenceEqualityComparer.Instance);
        List<IDescribedRule> found = catalog.Find(query).Where(scoped.Contains).ToList();
        if (found.Count == 0)
            found = rules.Where(r => r.Title.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (found.Count == 0)
        {
            error.WriteLine($"{Name}: no compiled rule has the id, title or class name '{query}' (--list-rules lists them)");
            return ExitFailure;
        }
        if (found.Count > 1 && !found.All(r => string.Equals(r.Title, found[0].Title, StringComparison.OrdinalIgnoreCase)))
        {
            error.WriteLine($"{Name}: '{query}' fits {found.Count} rules; name one by id or full title:");
            foreach (IDescribedRule rule in found)
                error.WriteLine($"  {rule.Id:D}  {rule.Title}");
            return ExitFailure;
        }
        // Rules that share a title are all shown.
        for (int i = 0; i < found.Count; i++)
        {
            if (i > 0)
                output.WriteLine();
            RuleDescription.Write(output, found[i], catalog);
        }
        return ExitOk;
    }

    /// <summary>Writes the HTML and Markdown catalog of the selected rules into <paramref name="folder"/>.</summary>
    public static int WriteCatalog(string folder, IEnumerable<IDetectionRule> selected, RuleCatalog catalog, TextWriter error)
    {
        IReadOnlyList<IDescribedRule> rules = CatalogFacts.Select(catalog, selected);
        var clock = Stopwatch.StartNew();
        try
        {
            int files = HtmlCatalog.Write(folder, rules, catalog).Count + MarkdownCatalog.Write(folder, rules, catalog).Count;
            error.WriteLine($"{Name}: wrote the catalog of {rules.Count} rules to {Path.Combine(folder, "index.html")} and index.md ({files} files, {clock.Elapsed.TotalSeconds:0.0} s)");
            return ExitOk;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{Name}: cannot write the catalog to '{folder}': {exception.Message}");
            return ExitFailure;
        }
    }
}
