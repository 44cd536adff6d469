using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SigmaCompile.Streaming.Transport;

/// <summary>
/// The events that detection workers share: each message goes to one worker, and comes back (to any worker) when it
/// is not acknowledged in time.
/// </summary>
public interface IEventSource : IAsyncDisposable
{
    /// <summary>Up to <paramref name="max"/> messages; fewer, or none, when the wait runs out first.</summary>
    ValueTask<IReadOnlyList<IInboundMessage>> FetchAsync(int max, CancellationToken cancellationToken);

    /// <summary>How many messages wait for a worker (not yet delivered), as the server last said; null when unknown.</summary>
    ValueTask<long?> PendingAsync(CancellationToken cancellationToken);
}
