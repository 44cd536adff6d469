using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SigmaCompile.Streaming.Transport;

namespace SigmaStreaming.Tests.Units;

/// <summary>An in-memory message for the unit tests of the pure parts (never used against a server).</summary>
internal sealed class FakeMessage : IInboundMessage
{
    private readonly Dictionary<string, string> _headers;

    public FakeMessage(ulong position, string body, params (string Name, string Value)[] headers)
    {
        Position = position;
        Data = Encoding.UTF8.GetBytes(body);
        _headers = new Dictionary<string, string>();
        foreach ((string name, string value) in headers)
            _headers[name] = value;
    }

    public ReadOnlyMemory<byte> Data { get; }

    public ulong Position { get; }

    public DateTimeOffset StoredAt => default;

    public long DeliveryCount => 1;

    public string? Header(string name) => _headers.TryGetValue(name, out string? value) ? value : null;

    public ValueTask AcknowledgeAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public static FakeMessage Event(ulong position, string body, string source = "file.jsonl", long record = 1) =>
        new(position, body, (StreamHeaders.Source, source), (StreamHeaders.Record, record.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
