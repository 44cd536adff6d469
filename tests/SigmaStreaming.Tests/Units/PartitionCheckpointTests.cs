using System;
using System.Collections.Generic;
using System.IO;
using SigmaCompile.Streaming.Correlation;
using Xunit;

namespace SigmaStreaming.Tests.Units;

public sealed class PartitionCheckpointTests
{
    private static readonly PartitionCheckpoint Sample = new(123456789012UL, new Dictionary<Guid, byte[]>
    {
        [Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001")] = new byte[] { 1, 2, 3 },
        [Guid.Parse("bbbbbbbb-0000-4000-8000-000000000002")] = Array.Empty<byte>(),
    });

    [Fact]
    public void Reads_back_what_it_wrote()
    {
        PartitionCheckpoint read = PartitionCheckpoint.FromBytes(Sample.ToBytes());
        Assert.Equal(Sample.Position, read.Position);
        Assert.Equal(Sample.States.Keys, read.States.Keys);
        foreach (KeyValuePair<Guid, byte[]> state in Sample.States)
            Assert.Equal(state.Value, read.States[state.Key]);
    }

    [Fact]
    public void Refuses_bytes_that_are_not_a_checkpoint_of_this_version_or_are_cut_short()
    {
        byte[] bytes = Sample.ToBytes();
        Assert.Contains("not a SigmaStream partition checkpoint", Assert.Throws<InvalidDataException>(() => PartitionCheckpoint.FromBytes(new byte[] { 1, 2, 3, 4, 5 })).Message, StringComparison.Ordinal);
        byte[] otherVersion = (byte[])bytes.Clone();
        otherVersion[4] = 9;
        Assert.Contains("version 9", Assert.Throws<InvalidDataException>(() => PartitionCheckpoint.FromBytes(otherVersion)).Message, StringComparison.Ordinal);
        for (int length = 0; length < bytes.Length; length++)
            Assert.Throws<InvalidDataException>(() => PartitionCheckpoint.FromBytes(bytes.AsMemory(0, length)));
    }
}
