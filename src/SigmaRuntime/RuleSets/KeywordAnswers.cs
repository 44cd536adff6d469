using System.Collections.Generic;
using System.Threading;

namespace SigmaCompile.RuleSets;

/// <summary>
/// Keyword searches answered from the prefilter's keyword pass. A keyword predicate (some string of the event
/// contains one of its values, ignoring case) whose every value is a keyword atom, or a probe the pass looks for on
/// the set's behalf (<see cref="RuleSetIndex.AddKeywordProbes"/>), was answered by that pass already:
/// the pass reads every string the search reads (see <see cref="RuleSetIndex"/>), and an atom fires when a string
/// holds its value. So the predicate is false when none of its atoms fired; and true when one did and every string
/// the pass met was ASCII text, where folding to upper case is exactly the matchers' case-insensitive comparison of
/// ASCII values (as for <see cref="FieldScanner"/>). Otherwise the search runs as before. The search walked every
/// string of the event again, and its candidates were many where keyword atoms are short (<c>dir</c>).
/// </summary>
internal sealed class KeywordAnswers
{
    // Per predicate: its keyword atoms, NotAnswered, or null until first asked. Threads that race compute the same.
    private readonly int[]?[] _atoms;
    private readonly PredicateTable _table;
    private readonly RuleSetIndex _index;
    private static readonly int[] NotAnswered = [];

    public KeywordAnswers(PredicateTable table, RuleSetIndex index)
    {
        _table = table;
        _index = index;
        _atoms = new int[]?[table.PredicateCount];
    }

    /// <summary>
    /// Answers keyword predicate <paramref name="predicate"/> from the keyword pass over the current event
    /// (<paramref name="walk"/>, after the prefilter ran); false when the pass cannot tell, and the caller searches.
    /// </summary>
    public bool TryAnswer(int predicate, CandidateSet walk, out bool result)
    {
        result = false;
        int[] atoms = Volatile.Read(ref _atoms[predicate]) ?? Find(predicate);
        if (atoms.Length == 0)
            return false;
        foreach (int atom in atoms)
        {
            if (walk.HasFired(atom))
            {
                result = true;
                return walk.KeywordTextAscii;
            }
        }
        return true;
    }

    private int[] Find(int predicate)
    {
        int[] atoms = AtomsOf(predicate) ?? NotAnswered;
        Volatile.Write(ref _atoms[predicate], atoms);
        return atoms;
    }

    // The keyword atom (or probe) of each value, or null when a value is not ASCII or has none.
    private int[]? AtomsOf(int predicate)
    {
        List<string>? values = _table.PredicateFieldNumber(predicate) < 0 ? _table.ContainedValues(predicate) : null;
        if (values is null || values.Count == 0)
            return null;
        var atoms = new int[values.Count];
        for (int i = 0; i < atoms.Length; i++)
        {
            if (!System.Text.Ascii.IsValid(values[i]))
                return null;
            atoms[i] = _index.KeywordContainsAtom(TextFolding.Fold(values[i]));
            if (atoms[i] < 0)
                return null;
        }
        return atoms;
    }
}
