using System;
using System.Collections.Generic;
using System.Linq;
using SigmaCompile.RuleSets;
using Xunit;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// NeedleIndex must report every occurrence of every needle, each once with its id, whatever its filter lets
/// through: checked against a plain search over random texts and needles that share prefixes, repeat, are shorter
/// than the filter's window or longer than its second one, and hold non-ASCII characters. The texts are made of
/// needles, cut needles (a long needle's first characters pass the first filter and must not pass the second) and
/// letters.
/// </summary>
public sealed class NeedleIndexTests
{
    // Whole letters, so a surrogate pair is never split.
    private static readonly string[] Letters = ["a", "b", "c", "A", "B", "\\", ".", " ", "-", "\u00e9", "\u00df", "\U0001F600"];

    [Fact]
    public void Scan_reports_exactly_the_occurrences_a_plain_search_finds()
    {
        var random = new Random(20261203);
        int occurrences = 0, longOccurrences = 0;
        for (int round = 0; round < 200; round++)
        {
            List<(string Needle, int Id)> needles = RandomNeedles(random);
            foreach (var expected in ScansAsPlainSearch(random, needles, new NeedleIndex(needles)))
            {
                occurrences += expected.Count;
                longOccurrences += expected.Count(f => f.End - f.Start >= 8);
            }
        }
        Assert.True(occurrences > 10_000, $"the texts should hold many needles: {occurrences}");
        Assert.True(longOccurrences > 1_000, $"the texts should hold many needles of eight characters or more: {longOccurrences}");
    }

    // Where the shortest needles have two or three characters and others more, each position is first checked against
    // every needle's first two or three characters (a filter of its own) before the others: a needle of any length
    // starting there must pass it. Where none is shorter than four, that first filter is of every needle's first four.
    // Either is read 64 positions at a time (eight at once where the processor can): a needle starting anywhere in a
    // block, or in its last positions, whose windows reach into the next block, must pass it.
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Indexes_whose_shortest_needles_have_two_to_four_characters_find_what_a_plain_search_finds(int shortest)
    {
        var random = new Random(20261204 + shortest);
        int occurrences = 0, shortOccurrences = 0;
        for (int round = 0; round < 200; round++)
        {
            List<(string Needle, int Id)> needles = RandomNeedles(random).Where(n => n.Item1.Length >= shortest).ToList();
            needles.Add((new string(Enumerable.Range(0, shortest).Select(_ => "abAB.\\"[random.Next(6)]).ToArray()), random.Next(0, 60)));
            needles.Add(("ABCD" + RandomText(random, random.Next(0, 10)), random.Next(0, 60)));
            var index = new NeedleIndex(needles);
            Assert.Equal(shortest < 4, index.HasPrefixFilter);
            Assert.True(index.HasBlockFilter);
            foreach (var expected in ScansAsPlainSearch(random, needles, index))
            {
                occurrences += expected.Count;
                shortOccurrences += expected.Count(f => f.End - f.Start < 4);
            }
        }
        Assert.True(occurrences > 10_000, $"the texts should hold many needles: {occurrences}");
        if (shortest < 4)
            Assert.True(shortOccurrences > 1_000, $"the texts should hold many needles shorter than four characters: {shortOccurrences}");
        // Without needles that short, or with a single character among them, positions are checked as before; with a
        // single character, one at a time.
        Assert.False(new NeedleIndex([("ABCD", 0), ("EFGHIJKL", 1)]).HasPrefixFilter);
        Assert.False(new NeedleIndex([("A", 0), ("BC", 1), ("EFGHIJKL", 2)]).HasPrefixFilter);
        Assert.False(new NeedleIndex([("BC", 1), ("EFG", 2)]).HasPrefixFilter);
        Assert.False(new NeedleIndex([("A", 0), ("BCDE", 1)]).HasBlockFilter);
    }

    // The trie is built compressed: runs of nodes with one child and no needle ending are chains compared in one go.
    // Needles that end inside another's chain, part from it at its last character, repeat at a chain's end, or are a
    // single long chain from the root; texts that follow a chain and leave it at each of its characters.
    [Fact]
    public void Needles_ending_and_parting_along_chains_are_found_as_a_plain_search_finds_them()
    {
        var needles = new List<(string Needle, int Id)>
        {
            ("ABCDEFGHIJ", 0), ("ABCDEFGH", 1), ("ABCDEFGX", 2), ("ABCDEFGHIJ", 3), ("ABC", 4), ("ABCDEFGHIJKLMNOP", 5),
            ("QRSTUVWXYZQRSTUVWXYZ", 6), ("Z", 7), ("ZQ", 8), ("\\WINDOWS\\SYSTEM32\\", 9), ("\\WINDOWS\\SYSWOW64\\", 10),
        };
        var index = new NeedleIndex(needles);
        var texts = new List<string> { "ABCDEFGHIJKLMNOP", "QRSTUVWXYZQRSTUVWXYZQ", "C:\\WINDOWS\\SYSTEM32\\CMD", "\\WINDOWS\\SYS" };
        for (int cut = 1; cut <= 16; cut++)
            texts.Add("ABCDEFGHIJKLMNOP"[..cut] + "#ABCDEFGX");
        foreach (string text in texts)
        {
            var sink = new Collector(new List<(int, int, int)>());
            index.Scan(text, ref sink);
            Assert.Equal(Expected(needles, text), sink.Results.OrderBy(f => f).ToList());
        }
    }

    [Fact]
    public void ScanStart_reports_only_the_needles_the_text_starts_with()
    {
        var needles = new List<(string, int)> { ("AB", 0), ("ABC", 1), ("B", 2), ("ABC", 3), ("", 4) };
        var index = new NeedleIndex(needles);
        var sink = new Collector(new List<(int, int, int)>());
        index.ScanStart("ABCB", ref sink);
        Assert.Equal([(0, 0, 2), (1, 0, 3), (3, 0, 3)], sink.Results.OrderBy(f => f).ToList());
    }

    // The index sorts its needles itself (a quicksort below the framework's): whatever order they come in, with
    // many repeats and shared prefixes, it reports the same occurrences in the same order, equal needles by
    // ascending id.
    [Fact]
    public void Needles_given_in_any_order_are_reported_alike_and_equal_needles_by_ascending_id()
    {
        var random = new Random(20261204);
        for (int round = 0; round < 30; round++)
        {
            var needles = new List<(string Needle, int Id)>();
            int count = random.Next(17, 2000);
            for (int i = 0; i < count; i++)
            {
                string needle = needles.Count > 0 && random.Next(4) == 0
                    ? needles[random.Next(needles.Count)].Needle + (random.Next(2) == 0 ? "" : RandomText(random, random.Next(1, 4)))
                    : RandomText(random, random.Next(1, 10));
                needles.Add((needle, random.Next(0, count / 2 + 1)));
            }
            var ordered = needles.OrderBy(n => n.Needle, StringComparer.Ordinal).ThenBy(n => n.Id).ToList();
            List<(string, int)> reversed = Enumerable.Reverse(ordered).ToList();
            List<(string, int)> shuffled = needles.OrderBy(_ => random.Next()).ToList();
            var indexes = new[] { new NeedleIndex(ordered), new NeedleIndex(reversed), new NeedleIndex(shuffled), new NeedleIndex(needles) };
            for (int t = 0; t < 10; t++)
            {
                string text = TextOfNeedles(random, needles, random.Next(0, 200));
                var reports = indexes.Select(index =>
                {
                    var sink = new Collector(new List<(int, int, int)>());
                    index.Scan(text, ref sink);
                    return sink.Results;
                }).ToList();
                Assert.Equal(Expected(needles, text), reports[0].OrderBy(f => f).ToList());
                foreach (List<(int, int, int)> report in reports.Skip(1))
                    Assert.Equal(reports[0], report);
                // At each position, the needles ending at the same end (equal needles) come by ascending id.
                foreach (var sameNeedle in reports[0].GroupBy(f => (f.Item2, f.Item3)))
                    Assert.Equal(sameNeedle.Select(f => f.Item1).Order(), sameNeedle.Select(f => f.Item1));
            }
        }
    }

    [Fact]
    public void Empty_needles_and_texts_report_nothing()
    {
        var sink = new Collector(new List<(int, int, int)>());
        new NeedleIndex([("", 0)]).Scan("abc", ref sink);
        new NeedleIndex([("a", 1)]).Scan("", ref sink);
        new NeedleIndex([]).Scan("abc", ref sink);
        Assert.Empty(sink.Results);
    }

    // Scans twenty texts made of the needles (ten short, ten long) and checks each against a plain search, reading the
    // block filter eight positions at a time (where the processor can) and one at a time; yields what each held.
    private static IEnumerable<List<(int Id, int Start, int End)>> ScansAsPlainSearch(Random random, List<(string Needle, int Id)> needles, NeedleIndex index)
    {
        bool vectors = index.VectorBlocks;
        for (int t = 0; t < 20; t++)
        {
            string text = TextOfNeedles(random, needles, random.Next(0, t < 10 ? 40 : 400));
            var expected = Expected(needles, text);
            foreach (bool vectorBlocks in new[] { vectors, false })
            {
                index.VectorBlocks = vectorBlocks;
                var sink = new Collector(new List<(int, int, int)>());
                index.Scan(text, ref sink);
                Assert.Equal(expected, sink.Results.OrderBy(f => f).ToList());
            }
            index.VectorBlocks = vectors;
            yield return expected;
        }
    }

    private static List<(string, int)> RandomNeedles(Random random)
    {
        var needles = new List<(string, int)>();
        int count = random.Next(1, 60);
        for (int i = 0; i < count; i++)
        {
            // Some needles extend or repeat an earlier one, so the trie shares prefixes and ids share needles.
            string needle = needles.Count > 0 && random.Next(3) == 0
                ? needles[random.Next(needles.Count)].Item1 + RandomText(random, random.Next(0, 6))
                : RandomText(random, random.Next(1, 14));
            needles.Add((needle, random.Next(0, count)));
        }
        return needles;
    }

    private static string RandomText(Random random, int length)
    {
        var text = new System.Text.StringBuilder();
        while (text.Length < length)
        {
            text.Append(Letters[random.Next(Letters.Length)]);
        }
        return text.ToString();
    }

    private static string TextOfNeedles(Random random, List<(string Needle, int Id)> needles, int length)
    {
        var text = new System.Text.StringBuilder();
        while (text.Length < length)
        {
            string needle = needles[random.Next(needles.Count)].Needle;
            switch (random.Next(3))
            {
                case 0:
                    text.Append(needle);
                    break;
                case 1:
                    // Cut before its end, on a whole letter (never between a surrogate pair's halves).
                    int cut = random.Next(0, needle.Length);
                    if (cut > 0 && char.IsLowSurrogate(needle[cut]))
                        cut--;
                    text.Append(needle, 0, cut);
                    break;
                default:
                    text.Append(Letters[random.Next(Letters.Length)]);
                    break;
            }
        }
        return text.ToString();
    }

    private static List<(int Id, int Start, int End)> Expected(List<(string Needle, int Id)> needles, string text)
    {
        var found = new List<(int, int, int)>();
        foreach ((string needle, int id) in needles)
        {
            if (needle.Length == 0)
                continue;
            for (int start = 0; start + needle.Length <= text.Length; start++)
            {
                if (string.CompareOrdinal(text, start, needle, 0, needle.Length) == 0)
                    found.Add((id, start, start + needle.Length));
            }
        }
        return found.OrderBy(f => f).ToList();
    }

    private readonly struct Collector(List<(int, int, int)> found) : INeedleSink
    {
        public List<(int, int, int)> Results => found;

        public void Found(int id, int start, int end) => found.Add((id, start, end));
    }
}
