using System;
using System.Collections.Generic;

namespace SigmaCompile.Streaming.Transport;

/// <summary>A message to publish and have stored.</summary>
/// <param name="Subject">Where it goes.</param>
/// <param name="Data">Its body.</param>
/// <param name="MessageId">
/// Its id for deduplication: a message published again with the same id within the stream's duplicate window is
/// stored once. Derived from what the message stands for, so that a worker repeating its work repeats its ids.
/// </param>
/// <param name="Headers">Its headers.</param>
public sealed record OutboundMessage(string Subject, ReadOnlyMemory<byte> Data, string MessageId, IReadOnlyList<KeyValuePair<string, string>> Headers);
