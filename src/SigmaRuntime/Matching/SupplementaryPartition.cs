using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SigmaCompile.Matching;

/// <summary>
/// The code points above the BMP (U+10000..U+10FFFF) split into the sets that no class of one pattern tells apart
/// (for <c>\w</c> and <c>\d</c>: digits, other word characters, the rest; a character written in the pattern is a
/// set of its own), each named by a tag: a surrogate unit, U+DC00 for the first set, U+DC01 for the next.
/// <see cref="CodePointText"/> writes each surrogate pair of the text as its tag, one unit, so a class holds the
/// pairs it holds by a few tags: spelling out the pairs of <c>\w</c> instead takes hundreds of alternatives, which
/// the linear-time engine needs seconds to build and runs far slower.
/// </summary>
internal sealed class SupplementaryPartition
{
    private const int First = 0x10000;
    private const int End = 0x110000;
    private const int MaxTags = 0x400;

    // Where the Unicode category changes above the BMP (about 1,200 places; computed once, in about a millisecond).
    private static readonly Lazy<int[]> CategoryBounds = new(() =>
    {
        var bounds = new List<int>();
        UnicodeCategory previous = CharUnicodeInfo.GetUnicodeCategory(First);
        for (int codePoint = First + 1; codePoint < End; codePoint++)
        {
            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
            if (category != previous)
                bounds.Add(codePoint);
            previous = category;
        }
        return bounds.ToArray();
    });

    // Interval i runs from _starts[i] to _starts[i + 1] - 1 and has tag U+DC00 + _tags[i].
    private readonly int[] _starts;
    private readonly int[] _tags;
    // Per class, in the order given: the tags of the sets it holds.
    private readonly List<int>[] _classTags;

    private SupplementaryPartition(int[] starts, int[] tags, List<int>[] classTags, bool pairsFollowTags)
    {
        _starts = starts;
        _tags = tags;
        _classTags = classTags;
        PairsFollowTags = pairsFollowTags;
    }

    /// <summary>
    /// Whether the text keeps each pair after its tag, for a pattern that compares characters (a backreference):
    /// the tag alone stands for every character of its set.
    /// </summary>
    public bool PairsFollowTags { get; }

    /// <summary>The partition for <paramref name="classes"/>; null in the unlikely case of more than 1,024 sets.</summary>
    public static SupplementaryPartition? Of(IReadOnlyList<RegexCharClass> classes, bool pairsFollowTags = false)
    {
        // Every class answers the same between consecutive bounds: category changes (when a class reads
        // categories) and the ends of the ranges written in the classes.
        var bounds = new List<int> { First, End };
        foreach (RegexCharClass characterClass in classes)
        {
            foreach (int bound in characterClass.RangeBounds())
            {
                if (bound > First && bound < End)
                    bounds.Add(bound);
            }
        }
        bool readsCategories = false;
        foreach (RegexCharClass characterClass in classes)
            readsCategories |= characterClass.ReadsCategories;
        if (readsCategories)
            bounds.AddRange(CategoryBounds.Value);
        bounds.Sort();

        var starts = new List<int>();
        var tags = new List<int>();
        var classTags = new List<int>[classes.Count];
        for (int c = 0; c < classes.Count; c++)
            classTags[c] = [];
        var tagOfAnswers = new Dictionary<string, int>(StringComparer.Ordinal);
        var answers = new StringBuilder(classes.Count);
        int start = First;
        foreach (int bound in bounds)
        {
            if (bound == start)
                continue;
            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(start);
            answers.Clear();
            foreach (RegexCharClass characterClass in classes)
                answers.Append(characterClass.Contains(start, category) ? '1' : '0');
            if (!tagOfAnswers.TryGetValue(answers.ToString(), out int tag))
            {
                tag = tagOfAnswers.Count;
                if (tag == MaxTags)
                    return null;
                tagOfAnswers.Add(answers.ToString(), tag);
                for (int c = 0; c < classes.Count; c++)
                {
                    if (answers[c] == '1')
                        classTags[c].Add(tag);
                }
            }
            if (tags.Count == 0 || tags[^1] != tag)
            {
                starts.Add(start);
                tags.Add(tag);
            }
            start = bound;
        }
        return new SupplementaryPartition(starts.ToArray(), tags.ToArray(), classTags, pairsFollowTags);
    }

    /// <summary>The tag unit of <paramref name="codePoint"/> (above the BMP).</summary>
    public char TagOf(int codePoint)
    {
        int index = Array.BinarySearch(_starts, codePoint);
        return (char)(0xDC00 + _tags[index < 0 ? ~index - 1 : index]);
    }

    /// <summary>
    /// The tags of the sets that the class at <paramref name="classIndex"/> (in the list given to <see cref="Of"/>)
    /// holds, written as a class (<c>[\uDC00\uDC02]</c>, or <c>\uDC00</c> alone), or null when it holds nothing above the BMP.
    /// </summary>
    public string? TagClass(int classIndex)
    {
        List<int> tags = _classTags[classIndex];
        if (tags.Count == 0)
            return null;
        var text = new StringBuilder();
        foreach (int tag in tags)
            RegexCharClass.WriteChar(text, 0xDC00 + tag);
        return tags.Count == 1 ? text.ToString() : "[" + text + "]";
    }
}
