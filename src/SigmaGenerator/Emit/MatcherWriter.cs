using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Emit;

/// <summary>
/// Writes a rule's matching code: <c>IsMatch</c> as the condition, one method per search identifier, and the
/// static field paths and patterns they use. Tests of one kind on one field are merged into one pattern (a
/// hash set for many equalities, one multi-string search for many <c>contains</c>), so a 4,000-value list is
/// one lookup, not 4,000 comparisons (see PatternModel). The rule set does not run this code: it evaluates the
/// same conditions from its tables (see ConditionTablePlanner), each shared predicate once per event.
/// </summary>
internal sealed class MatcherWriter
{
    private const string Matching = "SigmaMatching";
    private const string Json = "global::System.Text.Json.JsonElement";

    private readonly CodeWriter _writer;
    private readonly RuleModel _rule;
    private readonly Dictionary<EquatableArray<string>, string> _fieldNames = new();
    // Members of the nested Matchers class: a member may not take its class's name, nor hide one of object's.
    private readonly HashSet<string> _matcherNames = new(System.StringComparer.Ordinal)
    {
        Holder, "Equals", "GetHashCode", "ToString", "GetType", "ReferenceEquals", "MemberwiseClone", "Finalize",
    };
    private readonly List<string> _fieldDeclarations = new();
    private readonly List<string> _patternDeclarations = new();
    private readonly Dictionary<string, string> _methodNames = new(System.StringComparer.Ordinal);

    public MatcherWriter(CodeWriter writer, RuleModel rule)
    {
        _writer = writer;
        _rule = rule;
        var taken = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "IsMatch", "Instance", "Id", "Title", "Status", "Level", "Description", "Author", "Date", "Modified",
            "References", "Tags", "Attack", "LogSource", "FalsePositives", "Condition", "Equals", "GetHashCode", "ToString", "GetType",
        };
        foreach (SearchModel search in rule.Searches)
        {
            string name = "Search" + Identifiers.PascalCase(search.Name, "");
            string unique = name;
            for (int n = 2; !taken.Add(unique); n++)
                unique = name + n.ToString(CultureInfo.InvariantCulture);
            _methodNames[search.Name] = unique;
        }
    }

    public void Emit()
    {
        _writer.Line($"/// <summary>Condition: <c>{CSharp.Xml(_rule.ConditionText)}</c></summary>");
        _writer.Line($"public override bool IsMatch({Json} evt) =>");
        _writer.Indent();
        _writer.Line($"evt.ValueKind == global::System.Text.Json.JsonValueKind.Object && {Condition(_rule.Condition)};");
        _writer.Outdent();
        foreach (SearchModel search in _rule.Searches)
        {
            _writer.Line();
            EmitSearch(search);
        }
        _writer.Line();
        // Fields and patterns live in a nested class so they are built on the rule's first evaluation, not when the
        // registry touches Instance: a rule set that never selects a rule never builds its regexes and value sets.
        _writer.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"SigmaCompile\", \"{ThisAssembly.Version}\")]");
        _writer.Open($"private static class {Holder}");
        foreach (string declaration in _fieldDeclarations)
            _writer.Line(declaration);
        foreach (string declaration in _patternDeclarations)
            _writer.Line(declaration);
        _writer.Close();
    }

    private const string Holder = "Matchers";

    private string Condition(ConditionNode node)
    {
        switch (node)
        {
            case IdentifierNode id:
                return $"{_methodNames[id.Name]}(evt)";
            case NotNode not:
                return "!" + Condition(not.Operand);
            case AndNode and:
                return "(" + string.Join(" && ", and.Operands.Select(o => Condition(o))) + ")";
            case OrNode or:
                return "(" + string.Join(" || ", or.Operands.Select(o => Condition(o))) + ")";
            default:
                throw new System.InvalidOperationException("unknown condition node");
        }
    }

    private void EmitSearch(SearchModel search)
    {
        _writer.Line($"// {CSharp.Comment(search.Name)}:");
        foreach (AlternativeModel alternative in search.Alternatives)
        {
            string bullet = search.Alternatives.Count > 1 ? "- " : "";
            foreach (PredicateModel predicate in alternative.Predicates)
            {
                _writer.Line($"//   {bullet}{CSharp.Comment(predicate.Written)}{(predicate.Written.Length > 0 ? ": " : "")}{Values(predicate.WrittenValues)}");
                if (!predicate.Paths.IsEmpty && !(predicate.Paths.Count == 1 && predicate.Paths[0] == predicate.Field))
                    _writer.Line($"//   {(bullet.Length > 0 ? "  " : "")}  (field {CSharp.Comment(predicate.Field ?? "")} → {CSharp.Comment(string.Join(" | ", predicate.Paths))})");
                bullet = search.Alternatives.Count > 1 ? "  " : "";
            }
        }
        _writer.Line($"private static bool {_methodNames[search.Name]}({Json} evt) =>");
        _writer.Indent();
        // One line per predicate; alternatives (a list of maps) are OR-ed groups.
        var lines = new List<string>();
        for (int a = 0; a < search.Alternatives.Count; a++)
        {
            List<string> predicates = search.Alternatives[a].Predicates.Select(p => Predicate(search, p)).ToList();
            if (predicates.Count == 0)
                predicates.Add("true"); // every item of this map was dropped by a pipeline
            bool grouped = search.Alternatives.Count > 1 && predicates.Count > 1;
            for (int p = 0; p < predicates.Count; p++)
            {
                string prefix = p > 0 ? "&& " : a > 0 ? "|| " : "";
                string open = grouped && p == 0 ? "(" : "";
                string close = grouped && p == predicates.Count - 1 ? ")" : "";
                lines.Add(prefix + open + predicates[p] + close);
            }
        }
        for (int i = 0; i < lines.Count; i++)
            _writer.Line(lines[i] + (i == lines.Count - 1 ? ";" : ""));
        _writer.Outdent();
    }

    private static string Values(EquatableArray<string> values)
    {
        const int Shown = 5;
        string shown = string.Join(", ", values.Take(Shown).Select(CSharp.Comment));
        if (values.Count == 1)
            return shown;
        return "[" + shown + (values.Count > Shown ? $", ... {values.Count - Shown} more" : "") + "]";
    }

    private string Predicate(SearchModel search, PredicateModel predicate)
    {
        var parts = new List<string>();
        string? field = predicate.Field is null ? null : Field(predicate.Paths, predicate.Field);
        string owner = Identifiers.PascalCase(search.Name, "Search") + "_" + (predicate.Field is null ? "Keywords" : FieldIdentifier(predicate.Field));
        // With |all every test is its own call and all must hold; otherwise any call may.
        foreach (IReadOnlyList<TestModel> tests in PredicateCalls.Groups(predicate))
            parts.Add(Test(field, owner, tests));
        string joined = string.Join(predicate.MatchAll ? " && " : " || ", parts);
        if (predicate.Negate)
            return $"!({joined})";
        return parts.Count > 1 ? "(" + joined + ")" : joined;
    }

    // owner: the search and field the pattern belongs to, the start of its name (Selection_EventName_StartsWith).
    private string Test(string? field, string owner, IReadOnlyList<TestModel> tests)
    {
        TestModel first = tests[0];
        switch (first.Kind)
        {
            case TestKind.Null:
                return field is null ? "false" : $"{field}.IsNullOrMissing(evt)";
            case TestKind.Exists:
                return field is null ? "false" : (first.Value == "true" ? "" : "!") + $"{field}.Exists(evt)";
            case TestKind.FieldRef:
                return field is null ? "false" : $"{field}.MatchesField(evt, {Field(first.ReferencePaths, first.Value)}, {Matching}.TextPosition.{first.Position}, cased: {CSharp.Bool(first.Cased)})";
        }
        string pattern = Pattern(owner, tests);
        return field is null ? $"{Matching}.Keywords.AnyString(evt, {pattern})" : $"{field}.AnyValue(evt, {pattern})";
    }

    // A field is named after the rule's name for it (before a pipeline maps it): Image, RequestParameters_Layers.
    private string Field(EquatableArray<string> paths, string name)
    {
        if (!_fieldNames.TryGetValue(paths, out string? identifier))
        {
            identifier = UniqueMatcherName(FieldIdentifier(name));
            _fieldNames[paths] = identifier;
            _fieldDeclarations.Add($"internal static readonly {Matching}.FieldPath {identifier} = new {Matching}.FieldPath({string.Join(", ", paths.Select(CSharp.String))});");
        }
        return Holder + "." + identifier;
    }

    private string Pattern(string owner, IReadOnlyList<TestModel> tests)
    {
        List<TestKind> kinds = tests.Select(t => t.Kind).Distinct().ToList();
        string identifier = UniqueMatcherName(owner + "_" + (kinds.Count == 1 ? kinds[0].ToString() : "AnyOf"));
        _patternDeclarations.Add($"internal static readonly {Matching}.TextPattern {identifier} = {Expression(PatternModel.Of(tests))};");
        return Holder + "." + identifier;
    }

    // The factory call that builds the pattern.
    private static string Expression(PatternModel pattern)
    {
        string cased = CSharp.Bool(pattern.Cased);
        string factory = $"{Matching}.TextPatterns.{pattern.Code}";
        switch (pattern.Code)
        {
            case PatternCode.Equal or PatternCode.StartsWith or PatternCode.EndsWith or PatternCode.Contains or PatternCode.Glob:
                return $"{factory}({CSharp.String(pattern.Values[0])}, cased: {cased})";
            case PatternCode.EqualAny or PatternCode.StartsWithAny or PatternCode.EndsWithAny or PatternCode.ContainsAny:
                return $"{factory}(cased: {cased}, values: {CSharp.StringArray(pattern.Values)})";
            case PatternCode.AnyText:
                return $"{factory}()";
            case PatternCode.Regex:
                string literals = string.Concat(pattern.Literals.Select(l => ", " + CSharp.String(l)));
                if (pattern.Run is { } run)
                    return $"{factory}WithRun({CSharp.String(pattern.Values[0])}, {Flags(pattern.Flags)}, runCharacters: {CSharp.String(run.Characters)}, runLength: {run.Length}{literals})";
                return $"{factory}({CSharp.String(pattern.Values[0])}, {Flags(pattern.Flags)}{literals})";
            case PatternCode.Cidr:
                return $"{factory}({CSharp.String(pattern.Values[0])})";
            case PatternCode.Compare:
                return $"{factory}({Matching}.NumericComparison.{pattern.Comparison}, bound: {pattern.Number}d)";
            case PatternCode.TimePart:
                return $"{factory}({Matching}.TimestampPart.{pattern.TimePart}, {Matching}.NumericComparison.{pattern.Comparison}, value: {pattern.Number})";
            case PatternCode.AnyOf:
                return $"{factory}({string.Join(", ", pattern.Parts.Select(Expression))})";
            default:
                throw new System.InvalidOperationException("unhandled pattern " + pattern.Code);
        }
    }

    private static string Flags(RegexFlags flags)
    {
        var set = new[] { RegexFlags.IgnoreCase, RegexFlags.Multiline, RegexFlags.DotAll }.Where(f => (flags & f) != 0).ToList();
        return set.Count == 0 ? $"{Matching}.RegexFlags.None" : string.Join(" | ", set.Select(f => $"{Matching}.RegexFlags.{f}"));
    }

    // Each dotted segment in PascalCase, joined by '_' (requestParameters.layers → RequestParameters_Layers).
    private static string FieldIdentifier(string name)
    {
        string joined = string.Join("_", name.Split('.').Select(segment => Identifiers.PascalCase(segment, "")).Where(p => p.Length > 0));
        return joined.Length == 0 || !char.IsLetter(joined[0]) ? "Field" + joined : joined;
    }

    private string UniqueMatcherName(string name)
    {
        string unique = name;
        for (int n = 2; !_matcherNames.Add(unique); n++)
            unique = name + "_" + n.ToString(CultureInfo.InvariantCulture);
        return unique;
    }
}
