using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace SigmaCompile.Generator.Emit;

/// <summary>
/// ATT&amp;CK coverage parsed from <c>attack.*</c> tags: <c>attack.t1059.001</c> is a technique (upper-cased),
/// <c>attack.g0016</c> / <c>attack.s0002</c> name groups and software (not coverage), anything else is a tactic.
/// </summary>
internal sealed class AttackTags
{
    private static readonly Regex Technique = new("^t[0-9]{4}(\\.[0-9]{3})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex GroupOrSoftware = new("^[gs][0-9]{4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public List<string> Tactics { get; } = new();

    public List<string> Techniques { get; } = new();

    public static AttackTags From(IEnumerable<string> tags)
    {
        var result = new AttackTags();
        foreach (string tag in tags)
        {
            if (!tag.StartsWith("attack.", System.StringComparison.OrdinalIgnoreCase))
                continue;
            string name = tag.Substring("attack.".Length);
            if (Technique.IsMatch(name))
                Add(result.Techniques, name.ToUpperInvariant());
            else if (!GroupOrSoftware.IsMatch(name) && name.Length > 0)
                Add(result.Tactics, name.ToLowerInvariant());
        }
        return result;
    }

    private static void Add(List<string> list, string value)
    {
        if (!list.Contains(value))
            list.Add(value);
    }
}
