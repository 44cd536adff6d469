using System;
using System.Collections.Generic;
using System.IO;

namespace SigmaCompile.Tests.Infrastructure;

/// <summary>
/// Checks a Markdown file's relative links as GitHub resolves them: the file or folder must exist inside the
/// repository, and a <c>#anchor</c> must name a heading of the target. Links with a scheme (https:, mailto:) are
/// left alone: checking them would need the network.
/// </summary>
internal static class DocumentationLinks
{
    /// <summary>One line per broken link, naming the file, line and target; empty when every link resolves.</summary>
    public static List<string> Problems(MarkdownDocument document, string repositoryRoot)
    {
        string root = Path.GetFullPath(repositoryRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var problems = new List<string>();
        foreach (MarkdownLink link in document.Links)
        {
            string? problem = Problem(document, link.Target, root);
            if (problem is not null)
                problems.Add($"{Path.GetRelativePath(root, document.FilePath)}:{link.Line}: ({link.Target}) {problem}");
        }
        return problems;
    }

    private static string? Problem(MarkdownDocument document, string target, string root)
    {
        if (HasScheme(target))
            return null;

        int hash = target.IndexOf('#', StringComparison.Ordinal);
        string path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        string? anchor = hash < 0 ? null : target[(hash + 1)..];

        MarkdownDocument targetDocument = document;
        if (path.Length > 0)
        {
            string full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document.FilePath)!, path));
            if (!full.StartsWith(root, StringComparison.Ordinal))
                return "points outside the repository";
            if (!File.Exists(full) && !Directory.Exists(full))
                return "names a file that does not exist";
            if (anchor is null)
                return null;
            if (!full.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || !File.Exists(full))
                return "has an anchor but does not name a Markdown file";
            targetDocument = MarkdownDocument.Load(full);
        }

        if (string.IsNullOrEmpty(anchor))
            return anchor is null ? null : "has an empty anchor";
        return targetDocument.Anchors.Contains(anchor) ? null : $"names no heading of {Path.GetFileName(targetDocument.FilePath)}";
    }

    // https://..., mailto:..., but not a Windows drive letter (C:\...), which is a path and would be reported.
    private static bool HasScheme(string target)
    {
        int colon = target.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2)
            return false;
        for (int i = 0; i < colon; i++)
        {
            char c = target[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
                return false;
        }
        return true;
    }
}
