using SigmaCompile.Streaming.Transport;

namespace SigmaCompile.Streaming.Hosting;

/// <summary>Whether the worker is connected and running, for the periodic log line.</summary>
public sealed class WorkerHealth
{
    private volatile IStreamingTransport? _transport;
    private volatile string _state = "starting";

    /// <summary>Records the transport in use once connected.</summary>
    public void Connected(IStreamingTransport transport)
    {
        _transport = transport;
        _state = "running";
    }

    /// <summary>Records that the worker has stopped, with the reason.</summary>
    public void Stopped(string reason) => _state = reason;

    /// <summary>The state in a word or two: <c>starting</c>, <c>healthy</c>, <c>disconnected</c>, or why it stopped.</summary>
    public string Describe() => _state != "running" ? _state : _transport is { IsConnected: false } ? "disconnected" : "healthy";
}
