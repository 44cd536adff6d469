using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using SigmaCompile.Matching;
using SigmaCompile.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// Every <c>|re</c> value of the SigmaHQ corpus through the code-point rewrite: it rewrites, builds on the same engine,
/// answers as the pattern as written on BMP text, and as the code-point reference on text above the BMP.
/// </summary>
public sealed class CodePointRegexCorpusTests(ITestOutputHelper output)
{
    private const string Metacharacters = "\\[](){}|*+?^$.";

    [SharedDataFact]
    public void Every_corpus_regex_rewrites_and_keeps_its_answers()
    {
        List<(string Pattern, string Flags)> values = CorpusRegexes();
        Assert.True(values.Count >= 217, $"the corpus has 217 |re values; found {values.Count}");
        int distinct = 0, matchedSome = 0;
        foreach ((string pattern, string flags) in values.Distinct())
        {
            distinct++;
            RegexOptions options = CodePointRegexTests.Options(flags);
            CodePointRewrite? rewrite = CodePointRegex.Rewrite(pattern, options.HasFlag(RegexOptions.Singleline));
            Assert.True(rewrite is not null, $"/{pattern}/{flags} is not rewritten");
            CodePointRegexTests.AssertSameEngine(pattern, rewrite.Pattern, options);

            var random = new Random(distinct);
            GuardedRegex original = RegexPattern.Compile(pattern, options);
            GuardedRegex rewritten = RegexPattern.Compile(rewrite.Pattern, options);
            TextPattern runtime = TextPatterns.Regex(pattern, CodePointRegexTests.Flags(flags));
            Regex reference = CodePointReference.For(pattern, options);
            // \b reads UTF-16 units (documented): such patterns meet only characters that are no word characters.
            string[] above = (pattern.Contains("\\b", StringComparison.Ordinal) || pattern.Contains("\\B", StringComparison.Ordinal)
                ? CodePointReference.NonWordCharacters()
                : CodePointReference.StandIns.Select(s => s.Character)).Concat(["\uD83D", "\uDE01"]).ToArray();
            bool anyMatch = false;
            foreach (string text in BmpTexts(pattern, random))
            {
                bool expected = original.IsMatch(text);
                anyMatch |= expected;
                Assert.True(expected == rewritten.IsMatch(text), $"/{pattern}/{flags} on {CodePointRegexTests.Show(text)}: the rewrite differs on BMP text");
                string mixed = WithCharactersAbove(text, above, random);
                Assert.True(reference.IsMatch(CodePointReference.Transliterate(mixed)) == runtime.IsMatch(mixed),
                    $"/{pattern}/{flags} on {CodePointRegexTests.Show(mixed)}: not the code-point answer");
            }
            if (anyMatch)
                matchedSome++;
        }
        output.WriteLine($"{values.Count} |re values, {distinct} distinct; random texts matched {matchedSome} of them");
        // The texts are built from each pattern's literals, so most patterns meet texts they match.
        Assert.True(matchedSome * 2 > distinct, $"random texts matched only {matchedSome} of {distinct} patterns");
    }

    /// <summary>The corpus's <c>|re</c> values with their flags (i, m, s), read from the rules' YAML.</summary>
    internal static List<(string Pattern, string Flags)> CorpusRegexes()
    {
        var values = new List<(string, string)>();
        foreach (string path in Directory.EnumerateFiles(SharedData.PathOf("sigma"), "*.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(File.ReadAllText(path)));
            }
            catch (YamlException)
            {
                continue;
            }
            foreach (YamlDocument document in stream.Documents)
            {
                if (document.RootNode is YamlMappingNode root && root.Children.TryGetValue(new YamlScalarNode("detection"), out YamlNode? detection))
                    Collect(detection, values);
            }
        }
        return values;
    }

    private static void Collect(YamlNode node, List<(string, string)> values)
    {
        if (node is YamlSequenceNode sequence)
        {
            foreach (YamlNode item in sequence)
                Collect(item, values);
            return;
        }
        if (node is not YamlMappingNode mapping)
            return;
        foreach ((YamlNode key, YamlNode value) in mapping.Children)
        {
            string[] modifiers = ((key as YamlScalarNode)?.Value ?? "").Split('|')[1..];
            if (!modifiers.Contains("re"))
            {
                Collect(value, values);
                continue;
            }
            string flags = string.Concat(modifiers.Select(m => m switch
            {
                "i" or "ignorecase" => "i",
                "m" or "multiline" => "m",
                "s" or "dotall" => "s",
                _ => "",
            }));
            IEnumerable<YamlNode> patterns = value is YamlSequenceNode list ? list : [value];
            foreach (YamlScalarNode pattern in patterns.OfType<YamlScalarNode>())
                values.Add((pattern.Value ?? "", flags));
        }
    }

    /// <summary>Random BMP texts from the pattern's literal runs, its characters and a few others, some long.</summary>
    internal static IEnumerable<string> BmpTexts(string pattern, Random random)
    {
        (List<string> runs, string characters) = Literals(pattern);
        string alphabet = characters + "aZ09 \t\n/\\-.:é中_\"'";
        var text = new StringBuilder();
        for (int i = 0; i < 300; i++)
        {
            text.Clear();
            for (int parts = random.Next(9); parts > 0; parts--)
            {
                int kind = random.Next(10);
                if (kind < 4 && runs.Count > 0)
                    text.Append(runs[random.Next(runs.Count)]);
                else if (kind < 8)
                    text.Append(alphabet[random.Next(alphabet.Length)]);
                else if (kind == 8)
                    text.Append(random.Next(10000));
                else
                    text.Append(alphabet[random.Next(alphabet.Length)], random.Next(1, 1200));
            }
            yield return text.ToString();
        }
    }

    /// <summary>
    /// Pieces of text the pattern's pieces between groups and alternations would match (a class stands for one of its
    /// characters, <c>{3}</c> repeats it), and every character the pattern writes.
    /// </summary>
    private static (List<string> Runs, string Characters) Literals(string pattern)
    {
        var runs = new List<string>();
        var run = new StringBuilder();
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            switch (c)
            {
                case '\\' when i + 1 < pattern.Length:
                    char escaped = pattern[++i];
                    run.Append(escaped switch
                    {
                        'd' => "7",
                        's' => " ",
                        'w' => "k",
                        'D' or 'S' => "x",
                        'W' => "-",
                        't' => "\t",
                        'n' => "\n",
                        _ when char.IsAsciiLetterOrDigit(escaped) => "",
                        _ => escaped.ToString(),
                    });
                    break;
                case '[':
                    int close = i + 1;
                    while (close < pattern.Length && (pattern[close] != ']' || close == i + 1))
                        close += pattern[close] == '\\' ? 2 : 1;
                    string members = pattern[(i + 1)..Math.Min(close, pattern.Length)];
                    run.Append(members.StartsWith('^') ? "q" : members.StartsWith("\\d", StringComparison.Ordinal) ? "7" : members.StartsWith("\\s", StringComparison.Ordinal) ? " " : members.StartsWith("\\w", StringComparison.Ordinal) ? "k" : members.TrimStart('\\')[..1]);
                    i = close;
                    break;
                case '{':
                    Match count = Regex.Match(pattern[i..], @"^\{(\d+)(,\d*)?\}");
                    if (count.Success && run.Length > 0)
                    {
                        run.Append(run[^1], Math.Max(0, int.Parse(count.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1));
                        i += count.Length - 1;
                    }
                    break;
                case '.':
                    run.Append('x');
                    break;
                case '(' or ')' or '|':
                    if (run.Length > 0)
                        runs.Add(run.ToString());
                    run.Clear();
                    if (c == '(' && i + 2 < pattern.Length && pattern[i + 1] == '?')
                        i += pattern[i + 2] is '<' or '\'' && pattern.IndexOfAny(['>', '\''], i + 3) is int nameEnd and > 0 ? nameEnd - i : pattern[i + 2] == 'i' ? 3 : 2;
                    break;
                case '*' or '+' or '?' or '^' or '$':
                    break;
                default:
                    run.Append(c);
                    break;
            }
        }
        if (run.Length > 0)
            runs.Add(run.ToString());
        return (runs, new string(pattern.Where(c => !Metacharacters.Contains(c, StringComparison.Ordinal)).Distinct().ToArray()));
    }

    /// <summary>The text with one to three of <paramref name="above"/> put in, between characters, never inside a pair.</summary>
    internal static string WithCharactersAbove(string text, string[] above, Random random)
    {
        var mixed = new StringBuilder(text);
        for (int count = random.Next(1, 4); count > 0; count--)
        {
            int at = random.Next(mixed.Length + 1);
            if (at > 0 && at < mixed.Length && char.IsHighSurrogate(mixed[at - 1]) && char.IsLowSurrogate(mixed[at]))
                at++;
            mixed.Insert(at, above[random.Next(above.Length)]);
        }
        return mixed.ToString();
    }
}
