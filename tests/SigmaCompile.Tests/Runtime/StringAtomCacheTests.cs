using System;
using System.Linq;
using SigmaCompile.RuleSets;
using Xunit;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// The keyword pass's string cache must give a string back only to the owner that kept it, and only that string:
/// one slot is shared by every string whose hash and owner pick it, so the owner, the length, the whole hash and the
/// bytes must all match. The hashes are given here, so that strings can share a slot or a hash at will.
/// </summary>
public sealed class StringAtomCacheTests
{
    [Fact]
    public void A_kept_string_fires_its_atoms_only_for_its_owner_length_hash_and_bytes()
    {
        CandidateSet candidates = Candidates();
        StringAtomCache cache = StringAtomCache.Short();
        cache.Begin();
        cache.Note(1);
        cache.Keep(owner: 7, "abcd"u8, hash: 5, notAscii: false);

        Assert.False(cache.TryFire(8, "abcd"u8, 5, candidates));     // another owner
        Assert.False(cache.TryFire(7, "abc"u8, 5, candidates));      // a prefix of the kept bytes
        Assert.False(cache.TryFire(7, "abce"u8, 5, candidates));     // other bytes
        Assert.False(cache.TryFire(7, "abcd"u8, 5 + StringAtomCache.ShortSlots, candidates)); // the same slot, another hash
        Assert.False(candidates.HasFired(1));

        Assert.True(cache.TryFire(7, "abcd"u8, 5, candidates));
        Assert.True(candidates.HasFired(1));
        Assert.True(candidates.KeywordTextAscii);
    }

    // A field's value that the keyword pass also meets ("-", a channel's name) is kept once for each owner: the two
    // entries do not take each other's slot, as they did when the slot was the hash's alone.
    [Fact]
    public void One_string_kept_by_two_owners_fires_each_owners_atoms()
    {
        CandidateSet candidates = Candidates();
        StringAtomCache cache = StringAtomCache.Short();
        cache.Begin();
        cache.Note(0);
        cache.Keep(owner: 7, "-"u8, hash: 5, notAscii: false);
        cache.Begin();
        cache.Note(1);
        cache.Keep(owner: 8, "-"u8, hash: 5, notAscii: false);

        Assert.True(cache.TryFire(7, "-"u8, 5, candidates));
        Assert.True(candidates.HasFired(0));
        Assert.False(candidates.HasFired(1));
        Assert.True(cache.TryFire(8, "-"u8, 5, candidates));
        Assert.True(candidates.HasFired(1));
    }

    [Fact]
    public void A_string_not_all_ascii_is_noted_again_and_owners_past_the_limit_are_never_kept()
    {
        CandidateSet candidates = Candidates();
        StringAtomCache cache = StringAtomCache.Short();
        cache.Begin();
        cache.Keep(owner: 0, "\u00e4"u8, hash: 9, notAscii: true);
        Assert.True(cache.TryFire(0, "\u00e4"u8, 9, candidates));
        Assert.False(candidates.KeywordTextAscii);

        // An owner at the limit would share its key's bits with the length: such strings are scanned every time.
        cache.Begin();
        cache.Note(2);
        cache.Keep(StringAtomCache.OwnerLimit, "x"u8, hash: 3, notAscii: false);
        Assert.False(cache.TryFire(StringAtomCache.OwnerLimit, "x"u8, 3, candidates));
        Assert.False(candidates.HasFired(2));
    }

    // Three rules, each with one keyword atom.
    private static CandidateSet Candidates()
    {
        string[] needles = ["a", "b", "c"];
        byte[] text = System.Text.Encoding.UTF8.GetBytes(string.Concat(needles));
        var index = new RuleSetIndex(
            ruleCount: 3,
            fieldPaths: () => default,
            fieldPathLengths: [],
            fieldOffsets: [0],
            atomFields: [-1, -1, -1],
            atomKinds: [PrefilterAtomKind.Contains, PrefilterAtomKind.Contains, PrefilterAtomKind.Contains],
            atomNeedles: () => text,
            atomNeedleLengths: needles.Select(n => n.Length).ToArray(),
            atomRuleOffsets: [0, 1, 2, 3],
            atomRules: [0, 1, 2],
            alwaysRules: Array.Empty<int>());
        return new CandidateSet(index);
    }
}
