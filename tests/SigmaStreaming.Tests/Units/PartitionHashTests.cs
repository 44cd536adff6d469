using System.Linq;
using System.Text;
using SigmaCompile.Streaming.Correlation;
using Xunit;

namespace SigmaStreaming.Tests.Units;

/// <summary>The partition hash is FNV-1a over UTF-8, the same in every process.</summary>
public sealed class PartitionHashTests
{
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void Matches_the_published_fnv1a_64_values(string key, ulong expected)
    {
        Assert.Equal(expected, PartitionHash.Hash(key));
    }

    [Fact]
    public void Hashes_long_and_non_ascii_keys_as_their_whole_utf8_bytes()
    {
        // Long enough to be hashed in several chunks, with a surrogate pair across a chunk boundary.
        string key = new string('x', 63) + "\U0001F600" + string.Concat(Enumerable.Repeat("ärger-Ω", 40));
        ulong expected = 0xcbf29ce484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes(key))
        {
            expected ^= b;
            expected *= 1099511628211UL;
        }
        Assert.Equal(expected, PartitionHash.Hash(key));
    }

    [Fact]
    public void Spreads_keys_over_every_partition()
    {
        int[] counts = new int[8];
        for (int i = 0; i < 8000; i++)
            counts[PartitionHash.PartitionOf("user" + i, 8)]++;
        Assert.All(counts, c => Assert.InRange(c, 800, 1200));
    }
}
