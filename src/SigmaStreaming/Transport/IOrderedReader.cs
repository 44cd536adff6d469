using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SigmaCompile.Streaming.Transport;

/// <summary>
/// Reads one subject of a stream in order from a given position, without acknowledgements: its one reader keeps the
/// position itself (a correlation partition keeps it in its checkpoint) and opens the reader again after it.
/// </summary>
public interface IOrderedReader : IAsyncDisposable
{
    /// <summary>The next messages in order, up to <paramref name="max"/>; fewer, or none, when the wait runs out first.</summary>
    ValueTask<IReadOnlyList<IInboundMessage>> FetchAsync(int max, CancellationToken cancellationToken);

    /// <summary>How many messages of the subject are not read yet, as the server last said; null when unknown.</summary>
    ValueTask<long?> PendingAsync(CancellationToken cancellationToken);
}
