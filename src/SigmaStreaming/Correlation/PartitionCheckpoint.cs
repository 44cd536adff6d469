using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace SigmaCompile.Streaming.Correlation;

/// <summary>
/// A partition's checkpoint: the last partition position whose effects it holds, and each correlation unit's
/// correlator state (as <c>Correlator.WriteState</c> wrote it). Binary, versioned, little-endian.
/// </summary>
/// <param name="Position">The last processed position in the partition; reading resumes after it.</param>
/// <param name="States">Each unit's state, by unit id.</param>
public sealed record PartitionCheckpoint(ulong Position, IReadOnlyDictionary<Guid, byte[]> States)
{
    private static ReadOnlySpan<byte> Magic => "SGCK"u8;
    private const byte Version = 1;

    /// <summary>The checkpoint as bytes.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(Position);
            writer.Write(States.Count);
            foreach (KeyValuePair<Guid, byte[]> state in States)
            {
                writer.Write(state.Key.ToByteArray());
                writer.Write(state.Value.Length);
                writer.Write(state.Value);
            }
        }
        return stream.ToArray();
    }

    /// <summary>Reads a checkpoint written by <see cref="ToBytes"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a checkpoint of a version this worker reads, or are cut short.</exception>
    public static PartitionCheckpoint FromBytes(ReadOnlyMemory<byte> data)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(data.ToArray()), Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new InvalidDataException("not a SigmaStream partition checkpoint");
            byte version = reader.ReadByte();
            if (version != Version)
                throw new InvalidDataException($"checkpoint version {version}; this worker reads version {Version}");
            ulong position = reader.ReadUInt64();
            int count = reader.ReadInt32();
            if (count < 0)
                throw new InvalidDataException("negative state count");
            var states = new Dictionary<Guid, byte[]>(count);
            for (int i = 0; i < count; i++)
            {
                var id = new Guid(reader.ReadBytes(16));
                int length = reader.ReadInt32();
                if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
                    throw new InvalidDataException("a state's length runs past the end");
                states[id] = reader.ReadBytes(length);
            }
            return new PartitionCheckpoint(position, states);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the checkpoint is cut short", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException("the checkpoint is damaged: " + e.Message, e);
        }
    }
}
