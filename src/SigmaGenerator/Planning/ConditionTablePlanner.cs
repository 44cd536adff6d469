using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Planning;

/// <summary>
/// Lowers every rule of the set to data the runtime evaluates without running the rule's own code: the set's
/// distinct value tests (predicates: a field or keyword search, and its pattern as <see cref="PatternModel"/> writes
/// it) and, per rule, its condition as a program over them. A large set then costs the JIT one evaluator instead of
/// each candidate rule's methods (measured on the SigmaHQ corpus: docs/performance.md, Conditions as data).
/// </summary>
/// <remarks>
/// Predicates are numbered in registry order (so the numbers do not depend on the order rules arrive in); two value
/// tests are one predicate only when their keys are equal: the same field paths (or both keyword searches) and the
/// same tests, modifiers and case included. A program is prefix code: <c>And</c> and <c>Or</c> are followed by their
/// operand count and the position after their last operand (to skip the rest once the answer is known), then the
/// operands; <c>Predicate</c> by a predicate number; <c>Null</c> and <c>Exists</c> by a field; <c>FieldRef</c> by two
/// fields, a position and case. It follows the rule's generated <c>IsMatch</c> node for node.
/// </remarks>
internal static class ConditionTablePlanner
{
    /// <param name="rules">The rules by registry position (null where a rule is not compiled).</param>
    public static (PredicateTableModel Predicates, ConditionTableModel Conditions) Plan(IReadOnlyList<RuleModel?> rules)
    {
        var builder = new Builder();
        var ruleOffsets = new List<int>();
        foreach (RuleModel? rule in rules)
        {
            ruleOffsets.Add(builder.Program.Count);
            if (rule is not null)
                builder.Rule(rule);
            else
                builder.Emit(ConditionCode.False);
        }
        List<ValueCallModel> distinct = builder.Numbers.OrderBy(n => n.Value).Select(n => n.Key).ToList();
        var predicateFields = new List<int>();
        var patternOffsets = new List<int>();
        var patterns = new List<int>();
        foreach (ValueCallModel call in distinct)
        {
            predicateFields.Add(call.Keywords ? -1 : builder.Field(call.Paths));
            patternOffsets.Add(patterns.Count);
            builder.Pattern(PatternModel.Of(call.Tests), patterns);
        }
        var predicates = new PredicateTableModel(
            builder.ValueTests,
            builder.Strings.ToEquatableArray(),
            builder.FieldOffsets.Append(builder.FieldPaths.Count).ToEquatableArray(),
            builder.FieldPaths.ToEquatableArray(),
            predicateFields.ToEquatableArray(),
            patternOffsets.ToEquatableArray(),
            patterns.ToEquatableArray(),
            FieldScanPlanner.Plan(distinct));
        return (predicates, new ConditionTableModel(ruleOffsets.ToEquatableArray(), builder.Program.ToEquatableArray()));
    }

    private sealed class Builder
    {
        private readonly Dictionary<string, int> _strings = new(System.StringComparer.Ordinal);
        private readonly Dictionary<EquatableArray<string>, int> _fields = new();
        private Dictionary<string, SearchModel> _searches = new();

        public List<string> Strings { get; } = new();
        public List<int> FieldOffsets { get; } = new();
        public List<int> FieldPaths { get; } = new();
        public Dictionary<ValueCallModel, int> Numbers { get; } = new();
        public List<int> Program { get; } = new();
        public int ValueTests { get; private set; }

        public void Emit(ConditionCode code) => Program.Add((int)code);

        public void Rule(RuleModel rule)
        {
            _searches = rule.Searches.ToDictionary(s => s.Name);
            Condition(rule.Condition);
        }

        private void Condition(ConditionNode node)
        {
            switch (node)
            {
                case IdentifierNode id:
                    Search(_searches[id.Name]);
                    break;
                case NotNode not:
                    Emit(ConditionCode.Not);
                    Condition(not.Operand);
                    break;
                case AndNode and:
                    Junction(ConditionCode.And, and.Operands, Condition);
                    break;
                case OrNode or:
                    Junction(ConditionCode.Or, or.Operands, Condition);
                    break;
                default:
                    throw new System.InvalidOperationException("unknown condition node");
            }
        }

        // Any alternative (a map) holds when all its predicates do; a map a pipeline emptied always holds.
        private void Search(SearchModel search) =>
            Junction(ConditionCode.Or, search.Alternatives, alternative =>
            {
                if (alternative.Predicates.IsEmpty)
                    Emit(ConditionCode.True);
                else
                    Junction(ConditionCode.And, alternative.Predicates, Predicate);
            });

        // The calls of one key: all must hold under |all, else any; |neq negates the whole.
        private void Predicate(PredicateModel predicate)
        {
            if (predicate.Negate)
                Emit(ConditionCode.Not);
            Junction(predicate.MatchAll ? ConditionCode.And : ConditionCode.Or, PredicateCalls.Groups(predicate).ToList(), tests => Call(predicate, tests));
        }

        private void Call(PredicateModel predicate, IReadOnlyList<TestModel> tests)
        {
            TestModel first = tests[0];
            bool keyword = predicate.Field is null;
            if (PredicateCalls.IsValueCall(tests))
            {
                ValueTests++;
                var call = new ValueCallModel(keyword, predicate.Paths, tests.ToEquatableArray());
                if (!Numbers.TryGetValue(call, out int number))
                    Numbers[call] = number = Numbers.Count;
                Emit(ConditionCode.Predicate);
                Program.Add(number);
                return;
            }
            if (keyword)
            {
                Emit(ConditionCode.False); // null, exists and fieldref name a field; a keyword has none
                return;
            }
            switch (first.Kind)
            {
                case TestKind.Null:
                    Emit(ConditionCode.Null);
                    Program.Add(Field(predicate.Paths));
                    break;
                case TestKind.Exists:
                    if (first.Value != "true")
                        Emit(ConditionCode.Not);
                    Emit(ConditionCode.Exists);
                    Program.Add(Field(predicate.Paths));
                    break;
                case TestKind.FieldRef:
                    Emit(ConditionCode.FieldRef);
                    Program.Add(Field(predicate.Paths));
                    Program.Add(Field(first.ReferencePaths));
                    Program.Add((int)first.Position);
                    Program.Add(first.Cased ? 1 : 0);
                    break;
                default:
                    throw new System.InvalidOperationException("unhandled test kind " + first.Kind);
            }
        }

        // One operand is written as itself; several under the junction, with where it ends.
        private void Junction<T>(ConditionCode code, IReadOnlyList<T> operands, System.Action<T> write)
        {
            if (operands.Count == 1)
            {
                write(operands[0]);
                return;
            }
            Emit(code);
            Program.Add(operands.Count);
            int end = Program.Count;
            Program.Add(0);
            foreach (T operand in operands)
                write(operand);
            Program[end] = Program.Count;
        }

        public int Field(EquatableArray<string> paths)
        {
            if (!_fields.TryGetValue(paths, out int field))
            {
                _fields[paths] = field = FieldOffsets.Count;
                FieldOffsets.Add(FieldPaths.Count);
                foreach (string path in paths)
                    FieldPaths.Add(String(path));
            }
            return field;
        }

        private int String(string value)
        {
            if (!_strings.TryGetValue(value, out int index))
            {
                _strings[value] = index = Strings.Count;
                Strings.Add(value);
            }
            return index;
        }

        // Prefix code: the pattern's code, then its arguments (strings as their numbers in the pool).
        public void Pattern(PatternModel pattern, List<int> code)
        {
            code.Add((int)pattern.Code);
            switch (pattern.Code)
            {
                case PatternCode.Equal or PatternCode.StartsWith or PatternCode.EndsWith or PatternCode.Contains or PatternCode.Glob:
                    code.Add(pattern.Cased ? 1 : 0);
                    code.Add(String(pattern.Values[0]));
                    break;
                case PatternCode.EqualAny or PatternCode.StartsWithAny or PatternCode.EndsWithAny or PatternCode.ContainsAny:
                    code.Add(pattern.Cased ? 1 : 0);
                    code.Add(pattern.Values.Count);
                    code.AddRange(pattern.Values.Select(String));
                    break;
                case PatternCode.AnyText:
                    break;
                case PatternCode.Regex:
                    code.Add((int)pattern.Flags);
                    code.Add(String(pattern.Values[0]));
                    code.Add(pattern.Run is null ? -1 : String(pattern.Run.Characters)); // -1: no run
                    code.Add(pattern.Run?.Length ?? 0);
                    code.Add(pattern.Literals.Count);
                    code.AddRange(pattern.Literals.Select(String));
                    break;
                case PatternCode.Cidr:
                    code.Add(String(pattern.Values[0]));
                    break;
                case PatternCode.Compare:
                    code.Add((int)pattern.Comparison);
                    code.Add(String(pattern.Number));
                    break;
                case PatternCode.TimePart:
                    code.Add((int)pattern.TimePart);
                    code.Add((int)pattern.Comparison);
                    code.Add(int.Parse(pattern.Number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
                    break;
                case PatternCode.AnyOf:
                    code.Add(pattern.Parts.Count);
                    foreach (PatternModel part in pattern.Parts)
                        Pattern(part, code);
                    break;
                default:
                    throw new System.InvalidOperationException("unhandled pattern " + pattern.Code);
            }
        }
    }
}
