using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using NATS.Client.JetStream;

namespace SigmaCompile.Streaming.JetStream;

/// <summary>
/// Fetches what is there without waiting for a full batch: a fetch waits until its batch is full or its time is up,
/// which would hold a quiet stream's events back by up to that time. So: take what is stored now; when nothing is,
/// wait for one message, then take what came with it.
/// </summary>
internal static class JetStreamFetch
{
    public static async Task<List<INatsJSMsg<byte[]>>> FetchAsync(INatsJSConsumer consumer, int max, TimeSpan wait, CancellationToken cancellationToken)
    {
        var batch = new List<INatsJSMsg<byte[]>>(max);
        await AddAsync(batch, consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = max }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (batch.Count > 0)
            return batch;
        await AddAsync(batch, consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 1, Expires = wait }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (batch.Count > 0 && max > 1)
            await AddAsync(batch, consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = max - 1 }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return batch;
    }

    private static async Task AddAsync(List<INatsJSMsg<byte[]>> batch, IAsyncEnumerable<INatsJSMsg<byte[]>> messages)
    {
        await foreach (INatsJSMsg<byte[]> message in messages.ConfigureAwait(false))
            batch.Add(message);
    }
}
