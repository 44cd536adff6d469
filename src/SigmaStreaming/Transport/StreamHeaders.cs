namespace SigmaCompile.Streaming.Transport;

/// <summary>The message headers the workers read and write.</summary>
public static class StreamHeaders
{
    /// <summary>The name of the file (or other source) an event came from.</summary>
    public const string Source = "Sigma-Source";

    /// <summary>The event's 1-based record number within its source.</summary>
    public const string Record = "Sigma-Record";

    /// <summary>On a dead letter: why the event could not be processed.</summary>
    public const string Reason = "Sigma-Reason";

    /// <summary>On a dead letter or a correlation input: the event's position in the events stream.</summary>
    public const string EventPosition = "Sigma-Event-Seq";

    /// <summary>On a correlation input: the ids of the detection rules the event matched that feed the correlation, comma-separated.</summary>
    public const string Rules = "Sigma-Rules";

    /// <summary>On a correlation input: the id of the correlation group (a correlation, or the first of a chain) it feeds.</summary>
    public const string Correlation = "Sigma-Correlation";
}
