using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Emit;

/// <summary>
/// Writes a rule's matching code: <c>IsMatch</c> as the condition, one method per search identifier, and the
/// static field paths and patterns they use. Tests of one kind on one field are merged into one pattern (a
/// hash set for many equalities, one multi-string search for many <c>contains</c>), so a 4,000-value list is
/// one lookup, not 4,000 comparisons. Each value test (a field's values, a keyword search) is numbered from 0 and
/// goes through a <c>PredicateMemo</c>: on its own the rule passes one that remembers nothing; the rule set passes
/// one that shares each result with the other rules making the same test on the event (see PredicateCalls).
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
    private int _valueCalls;

    public MatcherWriter(CodeWriter writer, RuleModel rule)
    {
        _writer = writer;
        _rule = rule;
        var taken = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "IsMatch", "Instance", "Id", "Title", "Status", "Level", "Description", "Author", "Date", "Modified",
            "References", "Tags", "Attack", "LogSource", "FalsePositives", "Condition", "Equals", "GetHashCode", "ToString", "GetType",
            "Matches", "PredicateCount",
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
        _writer.Line($"public bool IsMatch({Json} evt) => Matches(evt, {Matching}.PredicateMemo.None);");
        _writer.Line();
        _writer.Line("// The rule set's entry: the same condition, each value test's result shared with the set's other rules on the event.");
        _writer.Line($"bool {Matching}.IMemoizedRule.IsMatch({Json} evt, {Matching}.PredicateMemo memo) => Matches(evt, memo);");
        _writer.Line();
        _writer.Line($"int {Matching}.IMemoizedRule.PredicateCount => {PredicateCalls.ValueCalls(_rule).Count.ToString(CultureInfo.InvariantCulture)};");
        _writer.Line();
        _writer.Line($"private static bool Matches({Json} evt, {Matching}.PredicateMemo memo) =>");
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
                return $"{_methodNames[id.Name]}(evt, memo)";
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
        _writer.Line($"private static bool {_methodNames[search.Name]}({Json} evt, {Matching}.PredicateMemo memo) =>");
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
        // Numbered in the order PredicateCalls.ValueCalls lists them, which the rule set's table follows.
        string number = (_valueCalls++).ToString(CultureInfo.InvariantCulture);
        string pattern = Pattern(owner, tests);
        return field is null ? $"memo.AnyString({number}, evt, {pattern})" : $"memo.AnyValue({number}, {field}, evt, {pattern})";
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
        var parts = new List<string>();
        foreach (IGrouping<(TestKind Kind, bool Cased), TestModel> group in tests.GroupBy(t => (t.Kind, t.Cased)))
        {
            List<TestModel> list = group.ToList();
            string cased = CSharp.Bool(group.Key.Cased);
            switch (group.Key.Kind)
            {
                case TestKind.Equal:
                    parts.Add(Merge("Equal", "EqualAny", list, cased));
                    break;
                case TestKind.StartsWith:
                    parts.Add(Merge("StartsWith", "StartsWithAny", list, cased));
                    break;
                case TestKind.EndsWith:
                    parts.Add(Merge("EndsWith", "EndsWithAny", list, cased));
                    break;
                case TestKind.Contains:
                    parts.Add(Merge("Contains", "ContainsAny", list, cased));
                    break;
                case TestKind.AnyText:
                    parts.Add($"{Matching}.TextPatterns.AnyText()");
                    break;
                default:
                    parts.AddRange(list.Select(Single));
                    break;
            }
        }
        string expression = parts.Count == 1 ? parts[0] : $"{Matching}.TextPatterns.AnyOf({string.Join(", ", parts)})";
        List<TestKind> kinds = tests.Select(t => t.Kind).Distinct().ToList();
        string identifier = UniqueMatcherName(owner + "_" + (kinds.Count == 1 ? kinds[0].ToString() : "AnyOf"));
        _patternDeclarations.Add($"internal static readonly {Matching}.TextPattern {identifier} = {expression};");
        return Holder + "." + identifier;
    }

    private static string Merge(string one, string many, List<TestModel> tests, string cased)
    {
        var values = tests.Select(t => t.Value).Distinct().ToList();
        if (values.Count == 1)
            return $"{Matching}.TextPatterns.{one}({CSharp.String(values[0])}, cased: {cased})";
        return $"{Matching}.TextPatterns.{many}(cased: {cased}, values: {CSharp.StringArray(values)})";
    }

    private static string Single(TestModel test) => test.Kind switch
    {
        TestKind.Glob => $"{Matching}.TextPatterns.Glob({CSharp.String(test.Value)}, cased: {CSharp.Bool(test.Cased)})",
        TestKind.Regex => $"{Matching}.TextPatterns.Regex({CSharp.String(test.Value)}, {Flags(test.RegexFlags)}{string.Concat(test.RegexLiterals.Select(l => ", " + CSharp.String(l)))})",
        TestKind.Cidr => $"{Matching}.TextPatterns.Cidr({CSharp.String(test.Value)})",
        TestKind.Compare => $"{Matching}.TextPatterns.Compare({Matching}.NumericComparison.{test.Comparison}, bound: {test.Value}d)",
        TestKind.TimePart => $"{Matching}.TextPatterns.TimePart({Matching}.TimestampPart.{test.TimePart}, {Matching}.NumericComparison.{test.Comparison}, value: {test.Value})",
        _ => throw new System.InvalidOperationException("unhandled test kind " + test.Kind),
    };

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
