using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using SigmaCompile.Streaming.Transport;

namespace SigmaCompile.Streaming.Input;

/// <summary>Reads every alert stored so far and those that follow, until none has come for a while.</summary>
public static class AlertReader
{
    /// <summary>
    /// Passes each alert's JSON, in stream order, to <paramref name="onAlert"/>, and returns how many there were once
    /// <paramref name="idle"/> has passed without a new one.
    /// </summary>
    public static async Task<long> ReadAsync(IStreamingTransport transport, StreamingOptions options, TimeSpan idle,
        Action<ReadOnlyMemory<byte>> onAlert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onAlert);
        await using IOrderedReader reader = await transport.OpenOrderedAsync(options.AlertsStream, options.AlertsSubject, 0, cancellationToken).ConfigureAwait(false);
        long count = 0;
        var quiet = Stopwatch.StartNew();
        while (quiet.Elapsed < idle)
        {
            foreach (IInboundMessage message in await reader.FetchAsync(options.BatchSize, cancellationToken).ConfigureAwait(false))
            {
                onAlert(message.Data);
                count++;
                quiet.Restart();
            }
        }
        return count;
    }
}
