using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Generator;

/// <summary>
/// The generator never throws and never stops other rules from compiling, whatever it is fed: seeded mutations
/// of real rules and pathological files. Time is not asserted: the reader's limits bound the work, and a hang would
/// fail CI on its time limit.
/// </summary>
public sealed class RobustnessTests
{
    private const string GoodRule = "title: Always Good\nid: 99999999-9999-4999-8999-999999999999\ndetection:\n  sel:\n    F: x\n  condition: sel\n";

    /// <summary>Seed rules: the repository's rules plus shapes that exercise every part of the parser.</summary>
    private static List<string> Seeds()
    {
        string root = Path.Combine(AppContext.BaseDirectory, "repo-rules");
        var seeds = Directory.EnumerateFiles(root, "*.yml", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        seeds.Add("""
            title: Every Shape
            id: 12345678-1234-4234-8234-123456789abc
            status: test
            level: high
            tags: [attack.execution, attack.t1059.001, cve.2021-44228]
            logsource: {product: windows, category: process_creation}
            detection:
              keywords:
                - 'evil*thing'
                - "quoted \\ value"
              sel_map:
                CommandLine|contains|all: ['-nop', '-w hidden']
                Image|endswith: '\powershell.exe'
                ParentImage|re|i: '.*\\(winword|excel)\.exe$'
              sel_list:
                - DestinationIp|cidr: ['10.0.0.0/8', 'fe80::/10']
                - DestinationPort|gte: 1024
                - CommandLine|windash|contains: ' -enc '
                - Payload|wide|base64offset|contains: 'Invoke-'
                - Field|exists: true
                - Time|hour: 3
                - User|fieldref: TargetUser
              filter:
                Image: null
                Other: ''
              condition: (1 of sel_* or keywords) and not filter
            """);
        return seeds;
    }

    internal static string Mutate(string text, Random random)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        switch (random.Next(6))
        {
            case 0: // flip a few bytes
                for (int i = 0, n = random.Next(1, 4); i < n && bytes.Length > 0; i++)
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return Encoding.UTF8.GetString(bytes);
            case 1: // truncate
                return text[..random.Next(text.Length + 1)];
            case 2: // delete a line
            {
                var lines = text.Split('\n').ToList();
                lines.RemoveAt(random.Next(lines.Count));
                return string.Join('\n', lines);
            }
            case 3: // duplicate a line
            {
                var lines = text.Split('\n').ToList();
                int at = random.Next(lines.Count);
                lines.Insert(at, lines[at]);
                return string.Join('\n', lines);
            }
            case 4: // swap indentation of a line
            {
                var lines = text.Split('\n').ToList();
                int at = random.Next(lines.Count);
                lines[at] = random.Next(2) == 0 ? "  " + lines[at] : lines[at].TrimStart();
                return string.Join('\n', lines);
            }
            default: // insert a YAML-significant character
            {
                const string Specials = "[]{}:|*&!?%@`'\"#-,>\\\t\0";
                int at = random.Next(text.Length + 1);
                return text.Insert(at, Specials[random.Next(Specials.Length)].ToString());
            }
        }
    }

    private static void AssertSurvives(IReadOnlyList<AdditionalText> files)
    {
        var all = files.Append(GeneratorHarness.Rule("zz-always-good.yml", GoodRule)).ToList();
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(all);
        GeneratorRunResult run = result.Results.Single();
        Assert.Null(run.Exception);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "CS8785" or "AD0001");
        Assert.Contains(run.GeneratedSources, s => s.HintName == "AlwaysGood.g.cs");
        // What the generator emitted must compile: a rule it accepts is never broken C#.
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + string.Join("\n", errors.Select(e => e.Location.SourceTree?.FilePath)));
    }

    [Fact]
    public void Three_thousand_seeded_mutations_of_real_rules_never_break_the_build()
    {
        List<string> seeds = Seeds();
        const int Cases = 3000, Batch = 250;
        for (int start = 0; start < Cases; start += Batch)
        {
            var files = new List<AdditionalText>();
            for (int i = start; i < start + Batch; i++)
            {
                var random = new Random(i);
                string text = seeds[random.Next(seeds.Count)];
                for (int m = 0, n = random.Next(1, 4); m < n; m++)
                    text = Mutate(text, random);
                files.Add(GeneratorHarness.Rule($"mutant{i:D5}.yml", text));
            }
            AssertSurvives(files);
        }
    }

    public static IEnumerable<object[]> Pathological()
    {
        string head = "title: Pathological\nid: 12121212-3434-4565-8787-909090909090\nlogsource:\n  product: test\n";
        yield return new object[] { "deep flow nesting", head + "detection:\n  sel:\n    F: " + new string('[', 100_000) + "\n  condition: sel\n" };
        yield return new object[] { "deep block nesting", head + "detection:\n" + string.Concat(Enumerable.Range(0, 500).Select(i => new string(' ', 2 * i + 2) + "k" + i + ":\n")) };
        yield return new object[] { "alias bomb", head + "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ndetection:\n  sel:\n    F|contains: *f\n  condition: sel\n" };
        yield return new object[] { "alias to a mapping", head + "base: &m {F: x}\ndetection:\n  sel: *m\n  other: *m\n  condition: sel and other\n" };
        yield return new object[] { "10,000-term condition", head + "detection:\n  a:\n    F: x\n  b:\n    G: y\n  condition: " + string.Join(" or ", Enumerable.Range(0, 5000).Select(i => i % 2 == 0 ? "a and b" : "not a")) + "\n" };
        yield return new object[] { "deeply parenthesised condition", head + "detection:\n  a:\n    F: x\n  condition: " + new string('(', 5000) + "a" + new string(')', 5000) + "\n" };
        yield return new object[] { "many not", head + "detection:\n  a:\n    F: x\n  condition: " + string.Concat(Enumerable.Repeat("not ", 5000)) + "a\n" };
        yield return new object[] { "binary garbage", new string(Enumerable.Range(0, 4096).Select(i => (char)((i * 7919) % 256)).ToArray()) };
        yield return new object[] { "ten megabytes", head + "detection:\n  sel:\n    F:\n" + string.Concat(Enumerable.Range(0, 250_000).Select(i => $"      - 'value-{i:D7}-{new string('x', 20)}'\n")) + "  condition: sel\n" };
        yield return new object[] { "windash on many dashes", head + "detection:\n  sel:\n    F|windash|contains: '" + string.Concat(Enumerable.Repeat(" -a", 40)) + "'\n  condition: sel\n" };
        yield return new object[] { "huge regex", head + "detection:\n  sel:\n    F|re: '" + string.Concat(Enumerable.Repeat("(a|b)*", 2000)) + "'\n  condition: sel\n" };
        yield return new object[] { "identifier names that are C# keywords", head + "detection:\n  class:\n    F: x\n  IsMatch:\n    G: y\n  '1':\n    H: z\n  condition: class and IsMatch and 1\n" };
        yield return new object[] { "odd characters everywhere", head.Replace("Pathological", "\"Quote\" \\ Back \u2028 Line */ end") + "description: \"*/ #endregion \\u0000\"\ndetection:\n  sel:\n    \"F\\u2028\\\"x\\\"\": \"*/\\r\\n#if X\"\n  condition: sel\n" };
    }

    [Theory]
    [MemberData(nameof(Pathological))]
    public void Pathological_files_never_break_the_build(string name, string text)
    {
        Assert.NotNull(name);
        AssertSurvives(new[] { GeneratorHarness.Rule("pathological.yml", text) });
    }
}
