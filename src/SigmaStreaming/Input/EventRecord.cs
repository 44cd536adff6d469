using System;

namespace SigmaCompile.Streaming.Input;

/// <summary>One record of an input file, as bytes to publish, or a problem with the file.</summary>
/// <param name="Source">The file, as it was named.</param>
/// <param name="Number">The 1-based record number: the line of a <c>.jsonl</c> file, the position in a <c>.json</c> array.</param>
/// <param name="Data">The record's JSON text (for a <c>.jsonl</c> file, the line as it is, even when it is not valid JSON).</param>
/// <param name="Problem">Why the rest of the file cannot be read, or null for a record.</param>
public readonly record struct EventRecord(string Source, long Number, ReadOnlyMemory<byte> Data, string? Problem);
