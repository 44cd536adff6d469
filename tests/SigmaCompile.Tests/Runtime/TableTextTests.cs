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
/// The rule set's string tables (field paths, needles, predicate strings, ids, titles) are methods returning UTF-8
/// data under C# 11 and later, and a string literal encoded once under C# 10: both read back as written (the runtime's
/// TableStrings, in place), whatever the strings hold; text or lengths that are not so are refused; and under C# 11
/// none of them is in the assembly's heap of string literals (16 MB at most, which a large rule set filled).
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
        string[] tables = { "fieldPaths", "atomNeedles", "strings", "needles", "ids", "titles" };
        List<ArgumentSyntax> arguments = setTree.GetRoot().DescendantNodes().OfType<ArgumentSyntax>()
            .Where(a => a.NameColon is not null && tables.Contains(a.NameColon.Name.Identifier.Text) && a.Expression is IdentifierNameSyntax).ToList();
        Assert.Equal(tables.Order(), arguments.Select(a => a.NameColon!.Name.Identifier.Text).Order());
        // Each names a method that returns a UTF-8 literal.
        List<MethodDeclarationSyntax> methods = setTree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().ToList();
        Assert.All(arguments, a => Assert.Equal(
            SyntaxKind.Utf8MultiLineRawStringLiteralToken,
            methods.Single(m => m.Identifier.Text == a.Expression.ToString()).ExpressionBody!.Expression.GetFirstToken().Kind()));

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
        string[] strings = { "a\uD800", "b", "\uDC00", "\uD83D\uDE00", "\"\"\"", "x\r\n", "", "   ", "\u241B0041", "Z", "\n", "É\u00E9" };
        var writer = new SigmaCompile.Generator.Emit.CodeWriter();
        var written = new SigmaCompile.Generator.Emit.TableText.Table("T", "the table", strings, 2);
        SigmaCompile.Generator.Emit.TableText.Write(writer, new[] { written }, utf8Literals);
        CompilationUnitSyntax unit = SyntaxFactory.ParseCompilationUnit("class C {" + writer + "}", options: new CSharpParseOptions(LanguageVersion.CSharp11));
        Assert.Empty(unit.GetDiagnostics());
        MethodDeclarationSyntax method = unit.DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == "T");
        // Under C# 11 the method returns the literal; before, a field of the encoded-text class that encodes string literals.
        SyntaxNode text = utf8Literals
            ? method.ExpressionBody!.Expression
            : unit.DescendantNodes().OfType<VariableDeclaratorSyntax>().Single(v => v.Identifier.Text == "T").Initializer!;
        if (!utf8Literals)
            Assert.Equal("EncodedText.T", method.ExpressionBody!.Expression.ToString());
        byte[] bytes = Encoding.UTF8.GetBytes(string.Concat(text.DescendantNodesAndSelf().OfType<LiteralExpressionSyntax>().Select(l => l.Token.ValueText)));
        int[] lengths = written.Lengths.ToArray();
        TableStrings table = TableStrings.Read(() => bytes, lengths, whole: true, "t", "l");
        Assert.Equal(strings, Enumerable.Range(0, strings.Length).Select(table.String));
        Assert.Equal(strings.Select(s => TextFolding.Fold(s.AsSpan())), Enumerable.Range(0, strings.Length).Select(table.Folded));
    }

    [Fact]
    public void An_empty_table_is_a_method_returning_nothing()
    {
        var writer = new SigmaCompile.Generator.Emit.CodeWriter();
        SigmaCompile.Generator.Emit.TableText.Write(writer, new[] { new SigmaCompile.Generator.Emit.TableText.Table("T", "empty", Array.Empty<string>(), 2) }, utf8Literals: false);
        Assert.Contains("T() => default;", writer.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, TableStrings.Read(() => default, Array.Empty<int>(), whole: true, "t", "l").Count);
    }

    [Fact]
    public void Table_text_skips_line_breaks_before_a_string_and_reads_escapes()
    {
        // Lengths in bytes as written: an escape is seven (three for the mark, four hex digits).
        TableStrings table = TableStrings.Read(() => "ab\r\ncd␛000Aef\n␛241Bx␛0022Ä"u8, new[] { 2, 11, 17 }, whole: true, "t", "l");
        Assert.Equal("ab", table.String(0));
        Assert.Equal("cd\nef", table.String(1));
        Assert.Equal("\u241Bx\"Ä", table.String(2));
        Assert.Equal("\u241BX\"Ä", table.Folded(2));
        Assert.Equal("cd␛000Aef"u8.ToArray(), table.Utf8(1).ToArray());
        Assert.Throws<ArgumentException>(() => TableStrings.Read(() => "ab\r\ncd"u8, new[] { 2 }, whole: true, "t", "l"));
        Assert.Equal(1, TableStrings.Read(() => "ab\r\ncd"u8, new[] { 2 }, whole: false, "t", "l").Count);
        Assert.Equal(1, TableStrings.Read(() => "ab\r\n"u8, new[] { 2 }, whole: true, "t", "l").Count);
    }

    [Fact]
    public void A_long_string_with_escapes_is_decoded_off_the_stack()
    {
        string value = string.Concat(Enumerable.Repeat("Long\"Value\n", 100));
        byte[] bytes = Encoding.UTF8.GetBytes(SigmaCompile.Generator.Emit.RawUtf8Literal.Escaped(value));
        TableStrings table = TableStrings.Read(() => bytes, new[] { bytes.Length }, whole: true, "t", "l");
        Assert.Equal(value, table.String(0));
        Assert.Equal(value.ToUpperInvariant(), table.Folded(0));
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0xFF })] // not UTF-8
    [InlineData(new byte[] { 0xE2, 0x90, 0x9B, 0x30, 0x30, 0x34 })] // an escape cut short
    [InlineData(new byte[] { 0xE2, 0x90, 0x9B, 0x30, 0x30, 0x34, 0x67 })] // an escape of three hex digits and a 'g'
    [InlineData(new byte[] { 0x61, 0xE2, 0x90, 0x9B, 0x30, 0x30, 0x34, 0x31, 0xE2, 0x90, 0x9B, 0x2B, 0x30, 0x34, 0x31 })] // a sign is no hex digit
    public void Table_text_that_is_not_so_is_refused_by_the_tables(byte[] text)
    {
        Assert.Throws<ArgumentException>(() => TableStrings.Read(() => text, Array.Empty<int>(), whole: false, "t", "l"));
        Assert.Throws<ArgumentException>(() => new FieldScanTable(Array.Empty<int>(), new[] { 0 }, Array.Empty<int>(), () => text, Array.Empty<int>(), new[] { 0 }));
        Assert.Throws<ArgumentException>(() => new RuleSummaryTable(() => text, "", () => ""u8, Array.Empty<int>()));
    }

    [Theory]
    [InlineData(new[] { 9 })] // past the end
    [InlineData(new[] { -1 })]
    [InlineData(new[] { 2 })] // ends inside the escape's first character
    [InlineData(new[] { 1, 3 })] // the second string ends after the escape's mark, before its digits
    [InlineData(new[] { 1, 6 })] // the second string ends inside the escape's digits
    [InlineData(new[] { 1, 7, 1 })] // the third string is past the end
    public void Lengths_that_do_not_fit_the_text_are_refused(int[] lengths)
    {
        Assert.Equal(2, TableStrings.Read(() => "a␛0041"u8, new[] { 1, 7 }, whole: true, "t", "l").Count);
        Assert.Throws<ArgumentException>(() => TableStrings.Read(() => "éa"u8, new[] { 1, 2 }, whole: false, "t", "l")); // inside 'é', no escape near
        Assert.Throws<ArgumentException>(() => TableStrings.Read(() => "a␛0041"u8, lengths, whole: false, "t", "l"));
    }
}
