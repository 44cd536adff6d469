using System;
using System.Threading;
using System.Threading.Tasks;

namespace SigmaCompile.Streaming.Transport;

/// <summary>A partition's saved state and the version it was saved as.</summary>
/// <param name="Data">The state.</param>
/// <param name="Version">The store's version of it, to pass to the next save.</param>
public sealed record StoredCheckpoint(ReadOnlyMemory<byte> Data, ulong Version);

/// <summary>Keeps one checkpoint per correlation partition.</summary>
public interface ICheckpointStore
{
    /// <summary>The partition's checkpoint, or null when it has none.</summary>
    ValueTask<StoredCheckpoint?> LoadAsync(int partition, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the partition's checkpoint, provided it is still at <paramref name="expectedVersion"/> (0: it has none),
    /// and returns the new version.
    /// </summary>
    /// <exception cref="CheckpointConflictException">Someone else saved the partition since: another worker owns it.</exception>
    ValueTask<ulong> SaveAsync(int partition, ReadOnlyMemory<byte> data, ulong expectedVersion, CancellationToken cancellationToken);
}

/// <summary>A checkpoint was saved by another worker since this one loaded or saved it.</summary>
public sealed class CheckpointConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointConflictException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
