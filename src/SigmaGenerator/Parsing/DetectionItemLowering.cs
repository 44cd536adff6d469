using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Parsing;

/// <summary>
/// Lowers one detection item (<c>field|modifier|...: value or values</c>, or a keyword list) into a
/// <see cref="PredicateModel"/>: modifiers checked and applied in the order written, escapes and wildcards
/// resolved, and each value turned into the simplest test that means the same.
/// </summary>
internal static class DetectionItemLowering
{
    private const int WindashLimit = 3125; // 5^5 variants of one value

    /// <summary>
    /// Lowers one item. Usually one predicate; with <c>all</c>, when a value stands for several variants (windash,
    /// expand, base64offset), one predicate per value, since each value's variants are alternatives (OR) while the
    /// values must all hold (AND, as the map's predicates are).
    /// </summary>
    public static IReadOnlyList<PredicateModel>? Lower(string key, SourceSpan keySpan, YamlNode valueNode, bool isKeyword, LoweringContext context)
    {
        string[] parts = key.Split('|');
        string field = parts[0];
        var modifiers = new List<string>();
        foreach (string modifier in parts.Skip(1))
        {
            if (!Modifiers.IsKnown(modifier))
            {
                context.Report(SigmaDiagnostics.UnknownModifierId, keySpan, modifier, Modifiers.Suggest(modifier));
                return null;
            }
            modifiers.Add(modifier);
        }

        List<YamlNode>? values = CollectValues(valueNode, key, context);
        if (values is null)
            return null;

        var chain = Chain.Analyse(key, modifiers, keySpan, context);
        if (chain is null)
            return null;

        if (chain.All && !valueNode.IsSequence)
        {
            context.Report(SigmaDiagnostics.InvalidModifierChainId, keySpan, key, "'all' needs a list of values; for a single value drop 'all'");
            return null;
        }

        var tests = new List<TestModel>();
        var testsPerValue = new List<int>();
        foreach (YamlNode value in values)
        {
            int before = tests.Count;
            if (!LowerValue(value, chain, isKeyword, tests, context))
                return null;
            testsPerValue.Add(tests.Count - before);
        }
        if (!context.Spend(tests.Count, keySpan))
            return null;

        if (chain.All && testsPerValue.Any(n => n > 1))
        {
            if (chain.Negate)
            {
                context.Report(SigmaDiagnostics.InvalidModifierChainId, keySpan, key, "'neq' with 'all' cannot take values that expand to several variants (windash, expand, base64offset); split the item");
                return null;
            }
            var predicates = new List<PredicateModel>();
            int offset = 0;
            for (int i = 0; i < values.Count; i++)
            {
                predicates.Add(new PredicateModel(
                    isKeyword ? null : field,
                    key,
                    new[] { Display(values[i]) }.ToEquatableArray(),
                    tests.Skip(offset).Take(testsPerValue[i]).ToEquatableArray(),
                    false,
                    false));
                offset += testsPerValue[i];
            }
            return predicates;
        }

        return new[]
        {
            new PredicateModel(
                isKeyword ? null : field,
                key,
                values.Select(Display).ToEquatableArray(),
                tests.ToEquatableArray(),
                chain.All,
                chain.Negate),
        };
    }

    private static List<YamlNode>? CollectValues(YamlNode node, string key, LoweringContext context)
    {
        var values = new List<YamlNode>();
        if (node.IsScalar)
        {
            values.Add(node);
            return values;
        }
        if (node.IsSequence)
        {
            foreach (YamlNode item in node.Items)
            {
                if (!item.IsScalar)
                {
                    context.Report(SigmaDiagnostics.InvalidDetectionId, item.Span, $"The values of '{key}' must be plain values (strings, numbers, booleans or null), not {Describe(item)}");
                    return null;
                }
                values.Add(item);
            }
            if (values.Count == 0)
            {
                context.Report(SigmaDiagnostics.InvalidDetectionId, node.Span, $"'{key}' has an empty list of values; give at least one value");
                return null;
            }
            return values;
        }
        context.Report(SigmaDiagnostics.InvalidDetectionId, node.Span, $"The value of '{key}' must be a plain value or a list of values, not {Describe(node)}");
        return null;
    }

    // A value as YAML would show it: strings quoted, numbers, booleans and null bare.
    private static string Display(YamlNode value) => value.Type switch
    {
        ScalarType.Null => "null",
        ScalarType.String => "'" + value.Value.Replace("'", "''") + "'",
        _ => value.Value,
    };

    public static string Describe(YamlNode node) => node.Kind switch
    {
        YamlNodeKind.Mapping => "a mapping",
        YamlNodeKind.Sequence => "a list",
        _ => "a scalar",
    };

    private static bool LowerValue(YamlNode value, Chain chain, bool isKeyword, List<TestModel> tests, LoweringContext context)
    {
        if (value.Type == ScalarType.Null)
        {
            if (chain.Kind != ValueKind.Text || chain.Transforms.Count > 0)
            {
                context.Report(SigmaDiagnostics.InvalidModifierValueId, value.Span, $"null can only be matched by plain equality ('field: null'), not with '{chain.Key}'");
                return false;
            }
            tests.Add(new TestModel(TestKind.Null, "", false));
            return true;
        }

        switch (chain.Kind)
        {
            case ValueKind.Exists:
                if (value.Type != ScalarType.Bool)
                {
                    context.Report(SigmaDiagnostics.InvalidModifierValueId, value.Span, $"'exists' takes true or false, not '{value.Value}'");
                    return false;
                }
                tests.Add(new TestModel(TestKind.Exists, value.Value.ToLowerInvariant(), false));
                return true;

            case ValueKind.Regex:
                return LowerRegex(value, chain, tests, context);

            case ValueKind.Cidr:
                if (!Cidr.IsValid(value.Value))
                {
                    context.Report(SigmaDiagnostics.InvalidCidrId, value.Span, value.Value);
                    return false;
                }
                tests.Add(new TestModel(TestKind.Cidr, value.Value.Trim(), false));
                return true;

            case ValueKind.Compare:
            {
                if (!TryNumber(value, out string number))
                {
                    context.Report(SigmaDiagnostics.InvalidModifierValueId, value.Span, $"'{chain.Comparison}' compares numbers; '{value.Value}' is not a number");
                    return false;
                }
                tests.Add(new TestModel(TestKind.Compare, number, false, chain.Comparison!));
                return true;
            }

            case ValueKind.TimePart:
            {
                if (value.Type != ScalarType.Int && !(value.Type == ScalarType.String && int.TryParse(value.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                {
                    context.Report(SigmaDiagnostics.InvalidModifierValueId, value.Span, $"'{chain.TimePart}' compares a whole number; '{value.Value}' is not one");
                    return false;
                }
                string option = chain.Comparison is null ? chain.TimePart! : chain.TimePart + ":" + chain.Comparison;
                tests.Add(new TestModel(TestKind.TimePart, int.Parse(value.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), false, option));
                return true;
            }

            case ValueKind.FieldRef:
                if (value.Value.Length == 0)
                {
                    context.Report(SigmaDiagnostics.InvalidModifierValueId, value.Span, "'fieldref' takes the name of another field");
                    return false;
                }
                tests.Add(new TestModel(TestKind.FieldRef, value.Value, chain.Cased, chain.Position ?? "equal"));
                return true;
        }

        // Text: numbers and booleans are matched through their text, as written.
        var strings = new List<SigmaString> { value.Type == ScalarType.String ? SigmaString.Parse(value.Value) : SigmaString.Literal(value.Value) };
        foreach (string transform in chain.Transforms)
        {
            strings = ApplyTransform(transform, strings, value, chain, context)!;
            if (strings is null)
                return false;
            if (strings.Count > LoweringContext.MaxTests)
                return context.Spend(strings.Count, value.Span);
        }
        if (isKeyword && chain.Position is null)
            strings = strings.Select(s => s.WithStars(true, true)).ToList();
        foreach (SigmaString s in strings)
            tests.Add(Classify(s, chain.Cased));
        return true;
    }

    private static List<SigmaString>? ApplyTransform(string transform, List<SigmaString> strings, YamlNode value, Chain chain, LoweringContext context)
    {
        switch (transform)
        {
            case "contains":
                return strings.Select(s => s.WithStars(true, true)).ToList();
            case "startswith":
                return strings.Select(s => s.WithStars(false, true)).ToList();
            case "endswith":
                return strings.Select(s => s.WithStars(true, false)).ToList();
            case "windash":
            {
                var result = new List<SigmaString>();
                foreach (SigmaString s in strings)
                {
                    IReadOnlyList<SigmaString>? variants = s.WindashVariants(WindashLimit);
                    if (variants is null)
                    {
                        context.Report(SigmaDiagnostics.TooComplexId, value.Span, $"'windash' on '{value.Value}' makes more than {WindashLimit} variants; split the value");
                        return null;
                    }
                    result.AddRange(variants);
                }
                return result;
            }
            case "expand":
                return Expand(strings, value, context);
            default:
                return Encode(transform, strings, value, chain, context);
        }
    }

    private static List<SigmaString>? Expand(List<SigmaString> strings, YamlNode value, LoweringContext context)
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

    private static List<SigmaString>? Encode(string transform, List<SigmaString> strings, YamlNode value, Chain chain, LoweringContext context)
    {
        if (strings.Any(s => s.HasWildcards))
        {
            context.Report(SigmaDiagnostics.InvalidModifierChainId, value.Span, chain.Key,
                $"'{transform}' cannot encode wildcards; put 'contains', 'startswith' or 'endswith' after the encoding modifiers, and escape a literal * or ? as \\* or \\?");
            return null;
        }
        // Encoded forms are carried as latin-1 strings of bytes until base64 turns them back into text.
        switch (transform)
        {
            case "utf16le":
            case "wide":
                return strings.Select(s => Bytes(Encoding.Unicode.GetBytes(s.PlainText))).ToList();
            case "utf16be":
                return strings.Select(s => Bytes(Encoding.BigEndianUnicode.GetBytes(s.PlainText))).ToList();
            case "utf16":
                return strings.Select(s => Bytes(new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(s.PlainText)).ToArray())).ToList();
            case "base64":
                return strings.Select(s => SigmaString.Literal(Convert.ToBase64String(ToBytes(s, chain)))).ToList();
            case "base64offset":
                return strings.SelectMany(s => Base64Offsets(ToBytes(s, chain))).Distinct().Select(SigmaString.Literal).ToList();
            default:
                throw new InvalidOperationException("unhandled transform " + transform);
        }
    }

    private static SigmaString Bytes(byte[] bytes) => SigmaString.Literal(new string(bytes.Select(b => (char)b).ToArray()));

    // Text becomes UTF-8 unless a utf16 modifier already made bytes of it.
    private static byte[] ToBytes(SigmaString s, Chain chain) =>
        chain.HasUtf16 ? s.PlainText.Select(c => (byte)c).ToArray() : Encoding.UTF8.GetBytes(s.PlainText);

    /// <summary>
    /// The three base64 renderings of <paramref name="bytes"/> at offsets 0, 1 and 2 within a longer encoded
    /// text, each trimmed to the characters that do not depend on the unknown neighbouring bytes.
    /// </summary>
    public static IEnumerable<string> Base64Offsets(byte[] bytes)
    {
        int[] startTrim = { 0, 2, 3 };
        int[] endTrim = { 0, 3, 2 };
        for (int shift = 0; shift < 3; shift++)
        {
            byte[] padded = new byte[shift + bytes.Length];
            Array.Copy(bytes, 0, padded, shift, bytes.Length);
            string encoded = Convert.ToBase64String(padded);
            int end = encoded.Length - endTrim[(bytes.Length + shift) % 3];
            int start = startTrim[shift];
            yield return end > start ? encoded.Substring(start, end - start) : "";
        }
    }

    internal static TestModel Classify(SigmaString value, bool cased)
    {
        IReadOnlyList<object> parts = value.Parts;
        if (!value.HasWildcards)
            return new TestModel(TestKind.Equal, value.PlainText, cased);
        bool Star(int i) => parts[i] is SigmaString.Wildcard.Star;
        bool Text(int i) => parts[i] is string;
        if (parts.Count == 1 && Star(0))
            return new TestModel(TestKind.AnyText, "", cased);
        if (parts.Count == 2 && Text(0) && Star(1))
            return new TestModel(TestKind.StartsWith, (string)parts[0], cased);
        if (parts.Count == 2 && Star(0) && Text(1))
            return new TestModel(TestKind.EndsWith, (string)parts[1], cased);
        if (parts.Count == 3 && Star(0) && Text(1) && Star(2))
            return new TestModel(TestKind.Contains, (string)parts[1], cased);
        return new TestModel(TestKind.Glob, value.ToGlob(), cased);
    }

    private static bool LowerRegex(YamlNode value, Chain chain, List<TestModel> tests, LoweringContext context)
    {
        RegexOptions options = RegexOptions.CultureInvariant;
        if (chain.RegexFlags.Contains('i'))
            options |= RegexOptions.IgnoreCase;
        if (chain.RegexFlags.Contains('m'))
            options |= RegexOptions.Multiline;
        if (chain.RegexFlags.Contains('s'))
            options |= RegexOptions.Singleline;
        try
        {
            _ = new Regex(value.Value, options, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException exception)
        {
            context.Report(SigmaDiagnostics.InvalidRegexId, value.Span, value.Value, exception.Message);
            return false;
        }
        tests.Add(new TestModel(TestKind.Regex, value.Value, false, chain.RegexFlags));
        return true;
    }

    private static bool TryNumber(YamlNode value, out string number)
    {
        number = "";
        if (value.Type is not (ScalarType.Int or ScalarType.Float or ScalarType.String))
            return false;
        if (!double.TryParse(value.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) || double.IsNaN(parsed) || double.IsInfinity(parsed))
            return false;
        number = parsed.ToString("R", CultureInfo.InvariantCulture);
        return true;
    }

    internal enum ValueKind { Text, Regex, Cidr, Exists, Compare, TimePart, FieldRef }

    /// <summary>A modifier chain, checked: what kind of value it takes and what it does to it.</summary>
    internal sealed class Chain
    {
        public string Key { get; private set; } = "";
        public ValueKind Kind { get; private set; }
        public bool All { get; private set; }
        public bool Cased { get; private set; }
        public bool Negate { get; private set; }
        public bool HasUtf16 { get; private set; }
        public string RegexFlags { get; private set; } = "";
        public string? Comparison { get; private set; }
        public string? TimePart { get; private set; }
        /// <summary>contains, startswith or endswith when present.</summary>
        public string? Position { get; private set; }
        /// <summary>The text transforms in the order written (position, windash, encodings, expand).</summary>
        public List<string> Transforms { get; } = new();

        public static Chain? Analyse(string key, List<string> modifiers, SourceSpan span, LoweringContext context)
        {
            var chain = new Chain { Key = key };
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
                    char flag = modifier == "dotall" ? 's' : modifier[0]; // ignorecase -> i, multiline -> m, dotall -> s
                    if (RegexFlags.IndexOf(flag) >= 0) return $"the regex flag '{flag}' appears twice";
                    RegexFlags += flag;
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
}
