using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SigmaCompile.Generator.Emit;
using SigmaCompile.Tests.Catalog;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Generator;

/// <summary>
/// Each rule's catalog entry is a UTF-8 literal padded to one of a few sizes and sliced back to its text: every
/// distinct literal size is a type the runtime loads at start-up, so entries of as many lengths as there are rules
/// must not make as many sizes.
/// </summary>
public sealed class PaddedLiteralTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 16)]
    [InlineData(16, 16)]
    [InlineData(17, 32)]
    [InlineData(255, 256)]
    [InlineData(256, 256)]
    [InlineData(257, 272)]
    [InlineData(511, 512)]
    [InlineData(513, 544)]
    [InlineData(40_000, 40_960)]
    public void Sizes_are_sixteen_to_each_power_of_two(int length, int padded) =>
        Assert.Equal(padded, RawUtf8Literal.PaddedSize(length));

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(100)]
    [InlineData(340)]
    [InlineData(3_000)]
    public void A_padded_literal_holds_its_lines_then_dots_and_is_sliced_back_to_them(int lineLength)
    {
        var lines = new List<string> { new('a', lineLength), "é😀 second line", "" , "last" };
        string text = string.Join("\n", lines);
        int length = Encoding.UTF8.GetByteCount(text);

        (string content, int slice) = WrittenLiteral(lines);

        Assert.Equal(length, slice);
        Assert.Equal(RawUtf8Literal.PaddedSize(length), Encoding.UTF8.GetByteCount(content));
        Assert.StartsWith(text, content, System.StringComparison.Ordinal);
        Assert.Matches("^(\n\\.{0,100})*$", content[text.Length..]);
    }

    [Fact]
    public void Catalog_entries_of_many_lengths_share_a_few_literal_sizes_and_read_back_whole()
    {
        // Forty rules whose entries differ in length by a few bytes each (their value appears several times in an entry).
        var files = Enumerable.Range(0, 40).Select(i => (AdditionalText)GeneratorHarness.Rule($"r{i}.yml", $"""
            title: Padded entry {i}
            id: 5a5a5a5a-0000-4000-8000-{i:D12}
            logsource:
                category: process_creation
                product: windows
            detection:
                selection:
                    CommandLine|contains: '{new string('x', i + 1)}'
                condition: selection
            """)).ToList();
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(files);

        var sizes = new HashSet<int>();
        var lengths = new HashSet<int>();
        int padding = 0;
        foreach (GeneratedSourceResult source in result.Results.SelectMany(r => r.GeneratedSources).Where(s => s.HintName.EndsWith(".Catalog.g.cs", System.StringComparison.Ordinal) && s.HintName != "SigmaRules.Catalog.g.cs"))
        {
            ElementAccessExpressionSyntax sliced = source.SyntaxTree.GetRoot().DescendantNodes().OfType<ElementAccessExpressionSyntax>().Single();
            int size = Encoding.UTF8.GetByteCount(((LiteralExpressionSyntax)sliced.Expression).Token.ValueText);
            int length = int.Parse(((RangeExpressionSyntax)sliced.ArgumentList.Arguments[0].Expression).RightOperand!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(RawUtf8Literal.PaddedSize(length), size);
            sizes.Add(size);
            lengths.Add(length);
            padding += size - length;
        }
        Assert.Equal(40, lengths.Count);
        Assert.True(sizes.Count <= lengths.Count / 4, $"{sizes.Count} literal sizes for {lengths.Count} entry lengths");
        Assert.True(padding < lengths.Sum() / 16, $"{padding} bytes of padding for {lengths.Sum()} of text");

        var catalog = CatalogHarness.Compile(files);
        for (int i = 0; i < 40; i++)
        {
            var rule = catalog.Rule($"Padded entry {i}");
            Assert.Equal(new string('x', i + 1), Assert.Single(Assert.Single(rule.Indicators).Values));
        }
    }

    // The literal WritePadded writes: its text, and the length it is sliced to.
    private static (string Content, int Slice) WrittenLiteral(IReadOnlyList<string> lines)
    {
        var writer = new CodeWriter();
        RawUtf8Literal.WritePadded(writer, lines, "");
        var sliced = (ElementAccessExpressionSyntax)SyntaxFactory.ParseExpression(writer.ToString());
        string content = ((LiteralExpressionSyntax)sliced.Expression).Token.ValueText;
        var range = (RangeExpressionSyntax)sliced.ArgumentList.Arguments[0].Expression;
        return (content, int.Parse(range.RightOperand!.ToString(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
