using System.Collections.Generic;
using SigmaCompile.Streaming.Correlation;
using Xunit;

namespace SigmaStreaming.Tests.Units;

public sealed class PartitionListTests
{
    [Theory]
    [InlineData("", new[] { 0, 1, 2, 3 })]
    [InlineData("2", new[] { 2 })]
    [InlineData("0-1,3", new[] { 0, 1, 3 })]
    [InlineData(" 3 , 1-2 , 2 ", new[] { 1, 2, 3 })]
    public void Reads_numbers_and_ranges(string text, int[] expected)
    {
        Assert.True(PartitionList.TryParse(text, 4, out IReadOnlyList<int>? partitions, out _));
        Assert.Equal(expected, partitions);
    }

    [Theory]
    [InlineData("4", "partition 4 does not exist: there are 4 (0 to 3)")]
    [InlineData("0-9", "partition 9 does not exist: there are 4 (0 to 3)")]
    [InlineData("3-1", "'3-1' is not a partition or a range such as 0-3")]
    [InlineData("a", "'a' is not a partition or a range such as 0-3")]
    [InlineData("-1", "'-1' is not a partition or a range such as 0-3")]
    [InlineData("1,,2", "'' is not a partition or a range such as 0-3")]
    public void Says_what_is_wrong(string text, string problem)
    {
        Assert.False(PartitionList.TryParse(text, 4, out _, out string? actual));
        Assert.Equal(problem, actual);
    }
}
