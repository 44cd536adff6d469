using System.Collections.Generic;
using System.Linq;
using System.Text;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Emit;

/// <summary>
/// A rule's list-valued metadata as the one string <c>SigmaCompile.RuleDetails.Unpack</c> reads: five lists
/// (references, tags, ATT&amp;CK tactics, ATT&amp;CK techniques, false positives), each ended by U+001E, each item
/// started by U+001F, and U+001B before any of those three characters inside an item.
/// </summary>
/// <remarks>
/// One string literal per rule instead of arrays and object creations: the C# compiler (and every analyzer that
/// reads operations) has one constant to bind per rule instead of dozens of expressions, the cost a corpus build
/// pays 3,780 times (docs/performance.md, "Where a corpus build goes").
/// </remarks>
internal static class PackedDetails
{
    private const char ListEnd = '\u001E';
    private const char ItemStart = '\u001F';
    private const char Escape = '\u001B';

    public static string Pack(RuleMetadata metadata, CoverageModel attack)
    {
        var builder = new StringBuilder();
        AppendList(builder, metadata.References);
        AppendList(builder, metadata.Tags);
        AppendList(builder, attack.Tactics.Select(t => t.ShortName));
        AppendList(builder, attack.Techniques);
        AppendList(builder, metadata.FalsePositives);
        return builder.ToString();
    }

    private static void AppendList(StringBuilder builder, IEnumerable<string> items)
    {
        foreach (string item in items)
        {
            builder.Append(ItemStart);
            foreach (char c in item)
            {
                if (c is ListEnd or ItemStart or Escape)
                    builder.Append(Escape);
                builder.Append(c);
            }
        }
        builder.Append(ListEnd);
    }
}
