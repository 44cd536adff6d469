using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace SigmaCompile.Tests.Infrastructure;

/// <summary>A link in a Markdown file: the 1-based line it is on and its target as written.</summary>
internal readonly record struct MarkdownLink(int Line, string Target);

/// <summary>
/// What the documentation tests read from a Markdown file: its lines, its links and the anchors its headings get on
/// GitHub. Text inside fenced code blocks and code spans is code, not Markdown: it holds no links or headings.
/// </summary>
internal sealed partial class MarkdownDocument
{
    private MarkdownDocument(string path, string[] lines, List<MarkdownLink> links, HashSet<string> anchors)
    {
        FilePath = path;
        Lines = lines;
        Links = links;
        Anchors = anchors;
    }

    public string FilePath { get; }

    public IReadOnlyList<string> Lines { get; }

    public IReadOnlyList<MarkdownLink> Links { get; }

    public IReadOnlySet<string> Anchors { get; }

    public static MarkdownDocument Load(string path) => Parse(path, File.ReadAllText(path));

    public static MarkdownDocument Parse(string path, string text)
    {
        string[] lines = text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var links = new List<MarkdownLink>();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var anchorUses = new Dictionary<string, int>(StringComparer.Ordinal);
        string? fence = null;
        for (int i = 0; i < lines.Length; i++)
        {
            string trimmed = lines[i].TrimStart();
            if (fence is null && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                fence = trimmed[..3];
                continue;
            }
            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                    fence = null;
                continue;
            }

            Match heading = Heading().Match(lines[i]);
            if (heading.Success)
            {
                // GitHub numbers a repeated heading's anchor: the second "Usage" becomes usage-1.
                string anchor = Anchor(heading.Groups[1].Value);
                int uses = anchorUses.GetValueOrDefault(anchor);
                anchorUses[anchor] = uses + 1;
                anchors.Add(uses == 0 ? anchor : $"{anchor}-{uses}");
            }
            foreach (Match link in Link().Matches(CodeSpan().Replace(lines[i], "")))
                links.Add(new MarkdownLink(i + 1, link.Groups[1].Value));
        }
        return new MarkdownDocument(path, lines, links, anchors);
    }

    /// <summary>
    /// The anchor GitHub gives a heading: lower case, every character other than a letter, digit, '-', '_' or space
    /// dropped, and each space turned into '-'. Code spans keep their text, since only the backticks are dropped.
    /// </summary>
    public static string Anchor(string heading)
    {
        var anchor = new StringBuilder(heading.Length);
        foreach (char c in heading.Trim().ToLowerInvariant())
        {
            if (c == ' ')
                anchor.Append('-');
            else if (c == '-' || c == '_' || char.IsLetterOrDigit(c) || IsMark(c))
                anchor.Append(c);
        }
        return anchor.ToString();
    }

    private static bool IsMark(char c) => CharUnicodeInfo.GetUnicodeCategory(c)
        is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    // A code span's text is code, never a link. (A heading's anchor keeps it: Anchor drops only the backticks.)
    [GeneratedRegex("(`+)(.+?)\\1")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$")]
    private static partial Regex Heading();

    // [text](target) and ![alt](target), with an optional "title" after the target.
    [GeneratedRegex(@"!?\[(?:[^\]\\]|\\.)*\]\(<?([^)\s>]+)>?(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();
}
