using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Planning;

/// <summary>
/// Reads a rule's tags as coverage. <c>attack.t1059.001</c> is a technique, <c>attack.g0016</c> a group,
/// <c>attack.s0002</c> software, any other <c>attack.*</c> tag a tactic; <c>cve.2021-44228</c> a CVE; every
/// other tag is kept whole. Tactic names come from the short name (<c>command-and-control</c> →
/// <c>Command and Control</c>), so tactics added to ATT&amp;CK later read well too; IDs are given for the
/// enterprise tactics listed here.
/// </summary>
internal static class CoverageBuilder
{
    private static readonly Regex Technique = new("^t[0-9]{4}(\\.[0-9]{3})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex Group = new("^g[0-9]{4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex Software = new("^s[0-9]{4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, string> TacticIds = new(StringComparer.Ordinal)
    {
        ["reconnaissance"] = "TA0043",
        ["resource-development"] = "TA0042",
        ["initial-access"] = "TA0001",
        ["execution"] = "TA0002",
        ["persistence"] = "TA0003",
        ["privilege-escalation"] = "TA0004",
        ["defense-evasion"] = "TA0005",
        ["credential-access"] = "TA0006",
        ["discovery"] = "TA0007",
        ["lateral-movement"] = "TA0008",
        ["collection"] = "TA0009",
        ["exfiltration"] = "TA0010",
        ["command-and-control"] = "TA0011",
        ["impact"] = "TA0040",
    };

    public static CoverageModel Build(IEnumerable<string> tags)
    {
        var tactics = new List<TacticModel>();
        var techniques = new List<string>();
        var groups = new List<string>();
        var software = new List<string>();
        var cves = new List<string>();
        var other = new List<string>();
        foreach (string tag in tags)
        {
            int dot = tag.IndexOf('.');
            string ns = dot < 0 ? "" : tag.Substring(0, dot).ToLowerInvariant();
            string name = dot < 0 ? tag : tag.Substring(dot + 1);
            if (ns == "attack" && name.Length > 0)
            {
                if (Technique.IsMatch(name))
                    Add(techniques, name.ToUpperInvariant());
                else if (Group.IsMatch(name))
                    Add(groups, name.ToUpperInvariant());
                else if (Software.IsMatch(name))
                    Add(software, name.ToUpperInvariant());
                else
                {
                    string shortName = name.ToLowerInvariant();
                    if (!tactics.Any(t => t.ShortName == shortName))
                        tactics.Add(new TacticModel(shortName, TacticName(shortName), TacticIds.TryGetValue(shortName, out string? id) ? id : ""));
                }
            }
            else if (ns == "cve" && name.Length > 0)
            {
                Add(cves, "CVE-" + name.ToUpperInvariant());
            }
            else
            {
                Add(other, tag);
            }
        }
        return new CoverageModel(tactics.ToEquatableArray(), techniques.ToEquatableArray(), groups.ToEquatableArray(),
            software.ToEquatableArray(), cves.ToEquatableArray(), other.ToEquatableArray());
    }

    /// <summary><c>privilege-escalation</c> → <c>Privilege Escalation</c>; <c>and</c> and <c>of</c> stay lower-case inside a name.</summary>
    public static string TacticName(string shortName)
    {
        var builder = new StringBuilder();
        string[] words = shortName.Split(new[] { '-', '_' }, StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < words.Length; i++)
        {
            if (builder.Length > 0)
                builder.Append(' ');
            string word = words[i];
            if (i > 0 && word is "and" or "of")
                builder.Append(word);
            else
                builder.Append(char.ToUpperInvariant(word[0])).Append(word.Substring(1));
        }
        return builder.Length == 0 ? shortName : builder.ToString();
    }

    private static void Add(List<string> list, string value)
    {
        if (!list.Contains(value))
            list.Add(value);
    }
}
