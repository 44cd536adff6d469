using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using SigmaCompile.Generator.Diagnostics;
using SigmaCompile.Generator.Model;
using SigmaCompile.Generator.Reading;

namespace SigmaCompile.Generator.Lowering;

/// <summary>
/// Lowers one value of a detection item under its modifier chain into tests: text through its transforms in the
/// order written (position, windash, placeholders, encodings) with escapes and wildcards resolved; regexes, CIDR
/// ranges, numbers and time parts checked at build time, so a typo is a diagnostic rather than a silent non-match.
/// </summary>
internal static class ValueLowering
{
    private const int WindashLimit = 3125; // 5^5 variants of one value

    public static bool Lower(YamlNode value, ModifierChain chain, bool isKeyword, List<TestModel> tests, LoweringContext context)
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
                tests.Add(new TestModel(TestKind.Compare, number, false) { Comparison = Modifiers.ComparisonOf(chain.Comparison) });
                return true;
            }

            case ValueKind.TimePart:
            {
                if (value.Type != ScalarType.Int && !(value.Type == ScalarType.String && int.TryParse(value.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                {
                    context.Report(SigmaDiagnostics.InvalidModifierValueId, value.Span, $"'{chain.TimePart}' compares a whole number; '{value.Value}' is not one");
                    return false;
                }
                string number = int.Parse(value.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
                tests.Add(new TestModel(TestKind.TimePart, number, false) { TimePart = Modifiers.TimePartOf(chain.TimePart!), Comparison = Modifiers.ComparisonOf(chain.Comparison) });
                return true;
            }

            case ValueKind.FieldRef:
                if (value.Value.Length == 0)
                {
                    context.Report(SigmaDiagnostics.InvalidModifierValueId, value.Span, "'fieldref' takes the name of another field");
                    return false;
                }
                tests.Add(new TestModel(TestKind.FieldRef, value.Value, chain.Cased)
                {
                    Position = Modifiers.PositionOf(chain.Position),
                    ReferencePaths = new[] { value.Value }.ToEquatableArray(),
                });
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

    private static List<SigmaString>? ApplyTransform(string transform, List<SigmaString> strings, YamlNode value, ModifierChain chain, LoweringContext context)
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
                return PlaceholderExpansion.Expand(strings, value, context);
            default:
                return Encodings.Encode(transform, strings, value, chain, context);
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

    private static bool LowerRegex(YamlNode value, ModifierChain chain, List<TestModel> tests, LoweringContext context)
    {
        RegexOptions options = RegexOptions.CultureInvariant;
        if ((chain.RegexFlags & RegexFlags.IgnoreCase) != 0)
            options |= RegexOptions.IgnoreCase;
        if ((chain.RegexFlags & RegexFlags.Multiline) != 0)
            options |= RegexOptions.Multiline;
        if ((chain.RegexFlags & RegexFlags.DotAll) != 0)
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
        tests.Add(new TestModel(TestKind.Regex, value.Value, false)
        {
            RegexFlags = chain.RegexFlags,
            RegexLiterals = RegexLiterals.Of(value.Value, chain.RegexFlags),
            RegexRun = RegexLiterals.RunOf(value.Value, chain.RegexFlags),
        });
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
}
