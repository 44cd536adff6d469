using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SigmaCompile.Matching;

namespace SigmaCompile.RuleSets;

/// <summary>
/// Every rule's condition as a program over the set's <see cref="PredicateTable"/>, computed by the generator from
/// the same model as the rule's <see cref="IDetectionRule.IsMatch"/>, node for node. The rule set evaluates its
/// candidates from here: one evaluator serves every rule, so a rule's own code is never run (nor JIT-compiled) by the
/// set, and each predicate is evaluated at most once per event however many candidates test it.
/// For generated code; the tables are an implementation detail and may change between versions.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ConditionTable
{
    private readonly int[] _ruleOffsets;
    private readonly int[] _program;

    /// <summary>Builds the table from the generator's arrays.</summary>
    /// <param name="ruleOffsets">Per rule, where its program starts in <paramref name="program"/>.</param>
    /// <param name="program">Every rule's program, as prefix code (see <see cref="ConditionCode"/>).</param>
    public ConditionTable(int[] ruleOffsets, int[] program)
    {
        ArgumentNullException.ThrowIfNull(ruleOffsets);
        ArgumentNullException.ThrowIfNull(program);
        _ruleOffsets = ruleOffsets;
        _program = program;
    }

    /// <summary>How many rules the table covers.</summary>
    public int RuleCount => _ruleOffsets.Length;

    /// <summary>
    /// Checks every program against <paramref name="predicates"/>: each is whole (one condition, ending where the
    /// next rule's begins), and names only predicates and fields the table has, so evaluating it cannot fail.
    /// </summary>
    internal void Validate(PredicateTable predicates)
    {
        for (int r = 0; r < _ruleOffsets.Length; r++)
        {
            int start = _ruleOffsets[r];
            int end = r + 1 < _ruleOffsets.Length ? _ruleOffsets[r + 1] : _program.Length;
            if (start < 0 || end < start || end > _program.Length)
                throw TableError.Of("rule {0}'s program is outside the program code", r, "ruleOffsets");
            int position = start;
            Check(ref position, end, predicates, r, 0);
            if (position != end)
                throw TableError.Of("rule {0}'s program does not end where the next begins", r, "program");
        }
    }

    private void Check(ref int position, int end, PredicateTable predicates, int rule, int depth)
    {
        if (depth > 1000)
            throw TableError.Of("rule {0}'s program nests too deeply", rule, "program");
        int code = Read(ref position, end, rule);
        switch ((ConditionCode)code)
        {
            case ConditionCode.True or ConditionCode.False:
                return;
            case ConditionCode.Not:
                Check(ref position, end, predicates, rule, depth + 1);
                return;
            case ConditionCode.And or ConditionCode.Or:
            {
                int count = Read(ref position, end, rule);
                int after = Read(ref position, end, rule);
                if (count < 0)
                    throw TableError.Of("rule {0}'s program has a negative operand count", rule, "program");
                for (int i = 0; i < count; i++)
                    Check(ref position, end, predicates, rule, depth + 1);
                if (after != position)
                    throw TableError.Of("rule {0}'s program gives a junction the wrong end", rule, "program");
                return;
            }
            case ConditionCode.Predicate:
                if ((uint)Read(ref position, end, rule) >= (uint)predicates.PredicateCount)
                    throw TableError.Of("rule {0}'s program names a predicate the table does not have", rule, "program");
                return;
            case ConditionCode.Null or ConditionCode.Exists:
                CheckField(Read(ref position, end, rule), predicates, rule);
                return;
            case ConditionCode.FieldRef:
                CheckField(Read(ref position, end, rule), predicates, rule);
                CheckField(Read(ref position, end, rule), predicates, rule);
                if ((uint)Read(ref position, end, rule) > (uint)TextPosition.Contains)
                    throw TableError.Of("rule {0}'s program names an unknown position", rule, "program");
                Read(ref position, end, rule);
                return;
            default:
                throw TableError.Of("rule {0}'s program has an unknown operation {1}", rule, code, "program");
        }
    }

    private int Read(ref int position, int end, int rule)
    {
        if (position >= end)
            throw TableError.Of("rule {0}'s program ends in the middle of a condition", rule, "program");
        return _program[position++];
    }

    private static void CheckField(int field, PredicateTable predicates, int rule)
    {
        if ((uint)field >= (uint)predicates.FieldCount)
            throw TableError.Of("rule {0}'s program names a field the table does not have", rule, "program");
    }

    /// <summary>The predicates rule <paramref name="rule"/>'s program tests, in its order (for tests).</summary>
    internal IReadOnlyList<int> Predicates(int rule)
    {
        var predicates = new List<int>();
        int end = rule + 1 < _ruleOffsets.Length ? _ruleOffsets[rule + 1] : _program.Length;
        for (int position = _ruleOffsets[rule]; position < end;)
        {
            var code = (ConditionCode)_program[position++];
            position += code switch
            {
                ConditionCode.And or ConditionCode.Or => 2,
                ConditionCode.Null or ConditionCode.Exists => 1,
                ConditionCode.FieldRef => 4,
                _ => 0,
            };
            if (code == ConditionCode.Predicate)
                predicates.Add(_program[position++]);
        }
        return predicates;
    }

    /// <summary>Whether rule <paramref name="rule"/>'s condition holds on <paramref name="evt"/> (a JSON object).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal bool IsMatch(int rule, JsonElement evt, PredicateMemo memo)
    {
        int position = _ruleOffsets[rule];
        return Evaluate(ref position, evt, memo);
    }

    // The condition at position, moving position past it; once an And or Or knows its answer it skips to its end.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Evaluate(ref int position, JsonElement evt, PredicateMemo memo)
    {
        int[] program = _program;
        switch ((ConditionCode)program[position++])
        {
            case ConditionCode.Predicate:
                return memo.Holds(program[position++], evt);
            case ConditionCode.And:
            {
                int count = program[position];
                int end = program[position + 1];
                position += 2;
                for (int i = 0; i < count; i++)
                {
                    if (!Evaluate(ref position, evt, memo))
                    {
                        position = end;
                        return false;
                    }
                }
                return true;
            }
            case ConditionCode.Or:
            {
                int count = program[position];
                int end = program[position + 1];
                position += 2;
                for (int i = 0; i < count; i++)
                {
                    if (Evaluate(ref position, evt, memo))
                    {
                        position = end;
                        return true;
                    }
                }
                return false;
            }
            case ConditionCode.Not:
                return !Evaluate(ref position, evt, memo);
            case ConditionCode.True:
                return true;
            case ConditionCode.Null:
                return memo.IsNullOrMissing(program[position++], evt);
            case ConditionCode.Exists:
                return memo.Exists(program[position++], evt);
            case ConditionCode.FieldRef:
            {
                FieldPath field = memo.Table.Field(program[position]);
                FieldPath reference = memo.Table.Field(program[position + 1]);
                var where = (TextPosition)program[position + 2];
                bool cased = program[position + 3] != 0;
                position += 4;
                return field.MatchesField(evt, reference, where, cased);
            }
            default:
                return false;
        }
    }
}
