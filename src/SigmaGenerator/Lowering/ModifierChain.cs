using System.Collections.Generic;
using System.Linq;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Lowering;

/// <summary>What a modifier chain makes of its values.</summary>
internal enum ValueKind { Text, Regex, Cidr, Exists, Compare, TimePart, FieldRef }

/// <summary>A modifier chain, checked: what kind of value it takes and what it does to it.</summary>
internal sealed class ModifierChain
{
    public string Key { get; private set; } = "";
    public ValueKind Kind { get; private set; }
    public bool All { get; private set; }
    public bool Cased { get; private set; }
    public bool Negate { get; private set; }
    public bool HasUtf16 { get; private set; }
    public RegexFlags RegexFlags { get; private set; }
    public string? Comparison { get; private set; }
    public string? TimePart { get; private set; }
    /// <summary>contains, startswith or endswith when present.</summary>
    public string? Position { get; private set; }
    /// <summary>The text transforms in the order written (position, windash, encodings, expand).</summary>
    public List<string> Transforms { get; } = new();

    public static ModifierChain? Analyse(string key, List<string> modifiers, SourceSpan span, LoweringContext context)
    {
        var chain = new ModifierChain { Key = key };
        string? kindModifier = null;
        bool base64Seen = false;
        string? pendingUtf16 = null;
        foreach (string modifier in modifiers)
        {
            string? problem = chain.Add(modifier, ref kindModifier, ref base64Seen, ref pendingUtf16);
            if (problem is not null)
            {
                context.Report(SigmaDiagnostics.InvalidModifierChainId, span, key, problem);
                return null;
            }
        }
        string? final = chain.Check(kindModifier, pendingUtf16);
        if (final is not null)
        {
            context.Report(SigmaDiagnostics.InvalidModifierChainId, span, key, final);
            return null;
        }
        return chain;
    }

    private string? Add(string modifier, ref string? kindModifier, ref bool base64Seen, ref string? pendingUtf16)
    {
        switch (modifier)
        {
            case "all":
                if (All) return "'all' appears twice";
                All = true;
                return null;
            case "cased":
                if (Cased) return "'cased' appears twice";
                Cased = true;
                return null;
            case "neq":
                if (Negate) return "'neq' appears twice";
                Negate = true;
                return null;
            case "contains" or "startswith" or "endswith":
                if (Position is not null) return $"'{modifier}' cannot follow '{Position}'; use one of contains, startswith, endswith";
                Position = modifier;
                if (Kind != ValueKind.FieldRef)
                    Transforms.Add(modifier);
                return null;
            case "windash" or "expand":
                if (Transforms.Contains(modifier)) return $"'{modifier}' appears twice";
                Transforms.Add(modifier);
                return null;
            case "utf16le" or "utf16be" or "utf16" or "wide":
                if (HasUtf16) return "only one of utf16le, utf16be, utf16 and wide may be used";
                if (base64Seen) return $"'{modifier}' must come before 'base64'/'base64offset'";
                HasUtf16 = true;
                pendingUtf16 = modifier;
                Transforms.Add(modifier);
                return null;
            case "base64" or "base64offset":
                if (base64Seen) return "only one of base64 and base64offset may be used";
                base64Seen = true;
                pendingUtf16 = null;
                Transforms.Add(modifier);
                return null;
            case "i" or "ignorecase" or "m" or "multiline" or "s" or "dotall":
                if (Kind != ValueKind.Regex) return $"'{modifier}' is a flag of 're' and must follow it";
                char letter = modifier == "dotall" ? 's' : modifier[0]; // ignorecase -> i, multiline -> m, dotall -> s
                RegexFlags flag = letter switch { 'i' => RegexFlags.IgnoreCase, 'm' => RegexFlags.Multiline, _ => RegexFlags.DotAll };
                if ((RegexFlags & flag) != 0) return $"the regex flag '{letter}' appears twice";
                RegexFlags |= flag;
                return null;
            case "lt" or "lte" or "gt" or "gte":
                if (Comparison is not null) return "only one of lt, lte, gt and gte may be used";
                if (kindModifier is not null && Kind != ValueKind.TimePart) return $"'{modifier}' cannot be combined with '{kindModifier}'";
                Comparison = modifier;
                if (Kind != ValueKind.TimePart)
                {
                    Kind = ValueKind.Compare;
                    kindModifier = modifier;
                }
                return null;
        }
        // re, cidr, exists, fieldref and the time parts decide what the value is.
        if (kindModifier is not null)
            return $"'{modifier}' cannot be combined with '{kindModifier}'";
        kindModifier = modifier;
        if (Modifiers.TimeParts.Contains(modifier))
        {
            Kind = ValueKind.TimePart;
            TimePart = modifier;
            return null;
        }
        Kind = modifier switch
        {
            "re" => ValueKind.Regex,
            "cidr" => ValueKind.Cidr,
            "exists" => ValueKind.Exists,
            _ => ValueKind.FieldRef,
        };
        return null;
    }

    private string? Check(string? kindModifier, string? pendingUtf16)
    {
        if (pendingUtf16 is not null)
            return $"'{pendingUtf16}' makes bytes, which only 'base64' or 'base64offset' can match; add one after it";
        if (Kind == ValueKind.Text)
            return null;
        if (Transforms.Count > 0)
            return $"'{kindModifier}' cannot be combined with {string.Join(", ", Transforms.Select(t => "'" + t + "'"))}";
        if (Position is not null && Kind != ValueKind.FieldRef)
            return $"'{kindModifier}' cannot be combined with '{Position}'";
        if (Cased && Kind is not ValueKind.FieldRef)
            return $"'cased' applies to text matching, not to '{kindModifier}'" + (Kind == ValueKind.Regex ? "; a regex is case-sensitive unless 'i' is given" : "");
        if (Kind == ValueKind.Exists && (All || Negate))
            return "'exists' stands alone: use 'exists: false' to require a missing field";
        return null;
    }
}
