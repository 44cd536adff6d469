using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SigmaCompile.RuleSets;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// The rule set's string tables (needles, predicate strings, ids, titles) are UTF-8 data under C# 11 and later, and a
/// string literal encoded at run time under C# 10: both read back as written, whatever the strings hold, and under
/// C# 11 none of them is in the assembly's heap of string literals (16 MB at most, which a large rule set filled).
/// </summary>
public class TableTextTests
{
    // Values a raw literal cannot hold as they are, or that look like the table's own escape.
    private static readonly string[] OddValues =
    {
        "quote \" here", "three \"\"\" quotes", "line\nbreak", "crlf\r\nbreak", "tab\tin", "esc \u241B here",
        "looks escaped \u241B0041", "unit \u241F sep", "trailing space ", "   ", "  leading", "emoji \U0001F600 too",
        "line sep \u2028 here", "next line \u0085 here", "del \u007F here", "ideographic space\u3000", "back\\slash\\",
    };

    private static string Quoted(string value) => "'" + value.Replace("'", "''") + "'";

    // One rule per value: a contains test (a field scan needle, a prefilter needle, a predicate string), an equality on
    // another field, and the value in the title.
    private static IEnumerable<AdditionalText> OddRules(IEnumerable<int> which) => which.Select(i => GeneratorHarness.Rule($"odd{i}.yml", $$"""
        title: {{JsonSerializer.Serialize("Odd " + i + " " + OddValues[i])}}
        id: 6b6b6b6b-0000-4000-8000-{{i:D12}}
        logsource:
            category: process_creation
            product: windows
        detection:
            selection:
                CommandLine|contains: {{JsonSerializer.Serialize(OddValues[i])}}
                Image: {{JsonSerializer.Serialize(OddValues[i])}}
            condition: selection
        """));

    // All of them (several strings to a line of each table), and the whitespace alone (a line of nothing else).
    [Theory]
    [InlineData(LanguageVersion.CSharp11, -1)]
    [InlineData(LanguageVersion.CSharp10, -1)]
    [InlineData(LanguageVersion.CSharp11, 9)]
    [InlineData(LanguageVersion.CSharp10, 9)]
    public void Odd_strings_in_the_tables_read_back_as_written(LanguageVersion version, int only)
    {
        int[] which = only < 0 ? Enumerable.Range(0, OddValues.Length).ToArray() : new[] { only };
        // The catalog needs C# 11 (docs/catalog.md): under C# 10 it is left out.
        Dictionary<string, string> options = GeneratorHarness.DefaultOptions();
        options["build_property.SigmaCatalog"] = version >= LanguageVersion.CSharp11 ? "true" : "false";
        (IReadOnlyList<IDetectionRule> all, RuleSets.RuleSet set) = GeneratorHarness.CompileRuleSet(OddRules(which), options, new CSharpParseOptions(version));
        Assert.Equal(which.Length, all.Count);
        foreach (int i in which)
        {
            string value = OddValues[i];
            IDetectionRule rule = all.Single(r => r.Id == Guid.Parse($"6b6b6b6b-0000-4000-8000-{i:D12}"));
            Assert.Equal(("Odd " + i + " " + value).Trim(), rule.Title); // titles are trimmed
            using JsonDocument hit = JsonDocument.Parse(JsonSerializer.Serialize(new { CommandLine = "x" + value + "y", Image = value }));
            using JsonDocument miss = JsonDocument.Parse(JsonSerializer.Serialize(new { CommandLine = "x" + value[..^1] + "y", Image = value }));
            var matches = new List<RuleSummary>();
            set.MatchSummaries(hit.RootElement, matches);
            RuleSummary summary = Assert.Single(matches);
            Assert.Equal((rule.Title, rule.Id), (summary.Title, summary.Id));
            Assert.True(rule.IsMatch(hit.RootElement));
            matches.Clear();
            set.MatchSummaries(miss.RootElement, matches);
            Assert.DoesNotContain(matches, m => m.Id == rule.Id);
        }
    }

    [Fact]
    public void Under_csharp_11_the_tables_are_utf8_literals_and_not_in_the_heap_of_string_literals()
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp11);
        (_, Compilation output) = GeneratorHarness.Run(OddRules(Enumerable.Range(0, OddValues.Length)), parseOptions: parseOptions);
        SyntaxTree setTree = output.SyntaxTrees.Single(t => t.FilePath.EndsWith("SigmaRules.Set.g.cs", StringComparison.Ordinal));
        string[] tables = { "atomNeedles", "strings", "needles", "ids", "titles" };
        List<ArgumentSyntax> arguments = setTree.GetRoot().DescendantNodes().OfType<ArgumentSyntax>()
            .Where(a => a.NameColon is not null && tables.Contains(a.NameColon.Name.Identifier.Text)).ToList();
        Assert.Equal(tables.Order(), arguments.Select(a => a.NameColon!.Name.Identifier.Text).Order());
        Assert.All(arguments, a => Assert.Equal(SyntaxKind.Utf8MultiLineRawStringLiteralToken, a.Expression.GetFirstToken().Kind()));

        // The ids and titles were string literals before: now no user string holds two of them one after the other.
        using var stream = new MemoryStream();
        Assert.True(output.Emit(stream).Success);
        stream.Position = 0;
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        var userStrings = new List<string>();
        for (UserStringHandle handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
            userStrings.Add(metadata.GetUserString(handle));
        Assert.DoesNotContain(userStrings, s => s.Contains("000000000000" + "6b6b6b6b-0000-4000-8000-000000000001", StringComparison.Ordinal));
        Assert.DoesNotContain(userStrings, s => s.Contains("Odd 0 " + OddValues[0] + "Odd 1", StringComparison.Ordinal));
    }

    // YAML never yields a lone surrogate (it reads one as U+FFFD), but the emitter writes any string: one is escaped.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_emitter_writes_text_the_runtime_reads_back(bool utf8Literals)
    {
        string[] strings = { "a\uD800", "b", "\uDC00", "\uD83D\uDE00", "\"\"\"", "x\r\n", "", "   ", "\u241B0041", "z", "\n" };
        var writer = new SigmaCompile.Generator.Emit.CodeWriter();
        SigmaCompile.Generator.Emit.TableText.Write(writer, "table", strings, 2, utf8Literals);
        string code = writer.ToString().Trim().TrimEnd(',');
        var call = (InvocationExpressionSyntax)SyntaxFactory.ParseExpression("M(" + code + ")", options: new CSharpParseOptions(LanguageVersion.CSharp11));
        Assert.Empty(call.GetDiagnostics());
        ExpressionSyntax argument = call.ArgumentList.Arguments.Single().Expression;
        string literal = utf8Literals
            ? ((LiteralExpressionSyntax)argument).Token.ValueText
            : string.Concat(argument.DescendantNodes().OfType<LiteralExpressionSyntax>().Select(l => l.Token.ValueText));
        string text = TableText.Read(Encoding.UTF8.GetBytes(literal), "t");
        int[] lengths = SigmaCompile.Generator.Emit.TableText.Lengths(strings).ToArray();
        int[] starts = TableText.Starts(text, lengths, "t");
        Assert.Equal(strings, strings.Select((_, i) => TableText.String(text, starts[i], lengths[i])));
        Assert.Equal(strings, strings.Select((_, i) => TableText.Span(text, starts[i], lengths[i]).ToString()));
        Assert.True(TableText.EndsAt(text, starts[^1]));
    }

    [Fact]
    public void Table_text_skips_line_breaks_before_a_string_and_reads_escapes()
    {
        string text = TableText.Read("ab\r\ncd␛000Aef\n␛241Bx␛0022"u8, "t");
        int[] lengths = { 2, 9, 11 };
        int[] starts = TableText.Starts(text, lengths, "t");
        Assert.Equal(new[] { 0, 4, 14, 25 }, starts);
        Assert.Equal("ab", TableText.String(text, starts[0], lengths[0]));
        Assert.Equal("cd\nef", TableText.String(text, starts[1], lengths[1]));
        Assert.Equal("\u241Bx\"", TableText.String(text, starts[2], lengths[2]));
        Assert.True(TableText.EndsAt(text, starts[^1]));
        Assert.False(TableText.EndsAt(text, starts[2]));
        Assert.Equal("", TableText.Read(ReadOnlySpan<byte>.Empty, "t"));
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0xFF })] // not UTF-8
    [InlineData(new byte[] { 0xE2, 0x90, 0x9B, 0x30, 0x30, 0x34 })] // an escape cut short
    [InlineData(new byte[] { 0xE2, 0x90, 0x9B, 0x30, 0x30, 0x34, 0x67 })] // an escape of three hex digits and a 'g'
    public void Table_text_that_is_not_so_is_refused_by_the_tables(byte[] text)
    {
        Assert.Throws<ArgumentException>(() => TableText.Read(text, "t"));
        Assert.Throws<ArgumentException>(() => new FieldScanTable(Array.Empty<int>(), new[] { 0 }, Array.Empty<int>(), text, Array.Empty<int>(), new[] { 0 }));
        Assert.Throws<ArgumentException>(() => new RuleSummaryTable(text, "", ""u8, Array.Empty<int>()));
    }

    [Theory]
    [InlineData(new[] { 7 })] // past the end
    [InlineData(new[] { -1 })]
    [InlineData(new[] { 1, 1 })] // the second string ends inside the escape
    public void Lengths_that_do_not_fit_the_text_are_refused(int[] lengths)
    {
        string text = TableText.Read("a␛0041"u8, "t");
        Assert.Throws<ArgumentException>(() => TableText.Starts(text, lengths, "t"));
    }
}
