using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using SigmaCompile.Streaming.Transport;

namespace SigmaCompile.Streaming.Input;

/// <summary>
/// Publishes events to the events stream with their source and record number as headers, many at a time, and
/// returns once the server has stored every one. Each message id names this run, so a publication retried after a
/// lost acknowledgement is stored once, while publishing the same file again (a new run) stores it again.
/// </summary>
public sealed class EventPublisher
{
    private const int InFlight = 512;

    private readonly IStreamingTransport _transport;
    private readonly StreamingOptions _options;
    private readonly string _run = Guid.NewGuid().ToString("N");

    /// <summary>Creates a publisher.</summary>
    public EventPublisher(IStreamingTransport transport, StreamingOptions options)
    {
        _transport = transport;
        _options = options;
    }

    /// <summary>Publishes the records of <paramref name="records"/> (problems are passed to <paramref name="onProblem"/>) and returns how many were stored.</summary>
    public async Task<long> PublishAsync(IEnumerable<EventRecord> records, Action<EventRecord> onProblem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(onProblem);
        var pending = new Queue<Task>();
        long published = 0;
        var sources = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (EventRecord record in records)
        {
            if (record.Problem is not null)
            {
                onProblem(record);
                continue;
            }
            if (!sources.TryGetValue(record.Source, out int sourceIndex))
                sources[record.Source] = sourceIndex = sources.Count;
            string record1 = record.Number.ToString(CultureInfo.InvariantCulture);
            var message = new OutboundMessage(_options.EventsSubject, record.Data,
                string.Create(CultureInfo.InvariantCulture, $"{_run}:{sourceIndex}:{record1}"),
                new[] { KeyValuePair.Create(StreamHeaders.Source, record.Source), KeyValuePair.Create(StreamHeaders.Record, record1) });
            pending.Enqueue(_transport.PublishAsync(message, cancellationToken).AsTask());
            published++;
            if (pending.Count >= InFlight)
                await pending.Dequeue().ConfigureAwait(false);
        }
        while (pending.Count > 0)
            await pending.Dequeue().ConfigureAwait(false);
        return published;
    }
}
