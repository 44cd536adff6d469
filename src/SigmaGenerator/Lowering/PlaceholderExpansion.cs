using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;
using SigmaCompile.Generator.Reading;

namespace SigmaCompile.Generator.Lowering;

/// <summary><c>expand</c>: each <c>%name%</c> in a value replaced by every value the placeholder file gives it.</summary>
internal static class PlaceholderExpansion
{
    public static List<SigmaString>? Expand(List<SigmaString> strings, YamlNode value, LoweringContext context)
    {
        var names = new List<string>();
        foreach (Match match in Regex.Matches(value.Value, "%([^%\\s]+)%"))
            names.Add(match.Groups[1].Value);
        if (names.Count == 0)
        {
            context.Report(SigmaDiagnostics.InvalidModifierValueId, value.Span, $"'expand' needs a placeholder such as '%name%' in the value '{value.Value}'");
            return null;
        }
        bool ok = true;
        foreach (string name in names.Distinct())
        {
            EquatableArray<string>? found = context.Placeholders.Find(name);
            if (found is null)
            {
                context.Report(SigmaDiagnostics.UnresolvedPlaceholderId, value.Span, name);
                ok = false;
                continue;
            }
            var alternatives = found.Value.Select(SigmaString.Parse).ToList();
            strings = strings.SelectMany(s => s.Substitute("%" + name + "%", alternatives)).ToList();
        }
        return ok ? strings : null;
    }
}
