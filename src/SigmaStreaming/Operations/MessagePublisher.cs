using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SigmaCompile.Streaming.Transport;

namespace SigmaCompile.Streaming.Operations;

/// <summary>Publishes a worker's messages concurrently, waits until the server has stored each, and counts them.</summary>
internal sealed class MessagePublisher
{
    private readonly IStreamingTransport _transport;
    private readonly StreamingOptions _options;
    private readonly StreamingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly PublishedKind _alertKind;

    // alertKind: what the worker's messages on the alerts subject are (detections or correlation alerts).
    public MessagePublisher(IStreamingTransport transport, StreamingOptions options, StreamingMetrics metrics, ILogger logger, PublishedKind alertKind)
    {
        _transport = transport;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _alertKind = alertKind;
    }

    /// <summary>Publishes every message; true when all were stored (a failure is logged and counted).</summary>
    public async Task<bool> PublishAllAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
            return true;
        bool[] stored = await Task.WhenAll(messages.Select(m => PublishAsync(m, cancellationToken))).ConfigureAwait(false);
        return Array.TrueForAll(stored, s => s);
    }

    private async Task<bool> PublishAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        try
        {
            bool duplicate = await _transport.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            _metrics.CountPublished(KindOf(message), duplicate);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _metrics.CountPublishFailure();
            _logger.LogWarning("publishing {Id} to {Subject} failed: {Error}", message.MessageId, message.Subject, e.Message);
            return false;
        }
    }

    private PublishedKind KindOf(OutboundMessage message) =>
        message.Subject == _options.AlertsSubject ? _alertKind
        : message.Subject == _options.DeadLetterSubject ? PublishedKind.DeadLetter
        : PublishedKind.CorrelationInput;
}
