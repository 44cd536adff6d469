using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace SigmaCompile.Correlations;

/// <summary>
/// The binary format of a correlator's state. Version 1, little-endian, strings as BinaryWriter writes them:
/// <code>
/// "SIGMACOR" version:int32
/// hasWatermark:bool watermark:int64 sequence:int64 counters:int64×6
/// correlations:int32 { id:16 bytes, shape:string }
/// groups:int32, least recently fed first {
///   correlation:int32 values:int32 { value:string } sequence:int64 queuedDue:int64
///   entries:int32 { ticks:int64 source:int32 number:double hasText:bool [text:string] sourceName:int32 [string when new] record:int64 }
///   hasTail:bool [tailStart:int32 hasExact:bool [exact:double]]
/// }
/// </code>
/// A group's correlation is an index into the correlation table; it is restored only when this correlator has a
/// correlation of that id and shape. Reference sources are written once and then referred to by number.
/// </summary>
internal static class CorrelatorCheckpoint
{
    private const int Version = 1;
    private static readonly byte[] Magic = "SIGMACOR"u8.ToArray();

    public static void Write(Stream stream, WindowEngine engine, CorrelationPlan[] plans)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(engine.HasWatermark);
        writer.Write(engine.Watermark);
        writer.Write(engine.Sequence);
        foreach (long counter in engine.Counters())
            writer.Write(counter);
        writer.Write(plans.Length);
        foreach (CorrelationPlan plan in plans)
        {
            writer.Write(plan.Rule.Id.ToByteArray());
            writer.Write(plan.Shape);
        }
        var sourceNames = new Dictionary<string, int>(StringComparer.Ordinal);
        writer.Write(engine.LiveGroups);
        foreach (GroupState group in engine.GroupsOldestFirst)
        {
            writer.Write(group.Plan.Index);
            writer.Write(group.Values.Length);
            foreach (string value in group.Values)
                writer.Write(value);
            writer.Write(group.Sequence);
            writer.Write(group.QueuedDue);
            writer.Write(group.Count);
            for (int i = 0; i < group.Count; i++)
            {
                ref WindowEntry entry = ref group[i];
                writer.Write(entry.Ticks);
                writer.Write(entry.Source);
                writer.Write(entry.Number);
                writer.Write(entry.Text is not null);
                if (entry.Text is not null)
                    writer.Write(entry.Text);
                string name = entry.Reference.Source ?? "";
                if (sourceNames.TryGetValue(name, out int number))
                {
                    writer.Write(number);
                }
                else
                {
                    writer.Write(sourceNames.Count);
                    writer.Write(name);
                    sourceNames.Add(name, sourceNames.Count);
                }
                writer.Write(entry.Reference.Record);
            }
            writer.Write(group.Tail is not null);
            if (group.Tail is not null)
            {
                writer.Write(group.TailStart);
                double? exact = group.Tail.ExactState;
                writer.Write(exact.HasValue);
                if (exact.HasValue)
                    writer.Write(exact.Value);
            }
        }
    }

    /// <summary>Reads a state and gives it to the engine; returns how many groups were skipped.</summary>
    public static int Read(Stream stream, WindowEngine engine, CorrelationPlan[] plans)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new InvalidDataException("not a SigmaCompile correlator state");
            int version = reader.ReadInt32();
            if (version != Version)
                throw new InvalidDataException($"correlator state version {version}; this runtime reads version {Version}");
            bool hasWatermark = reader.ReadBoolean();
            long watermark = reader.ReadInt64();
            long sequence = reader.ReadInt64();
            long[] counters = new long[engine.Counters().Length];
            for (int i = 0; i < counters.Length; i++)
                counters[i] = reader.ReadInt64();

            // Each written correlation, as this correlator's plan when it has one of the same id and shape. Lists grow
            // as items are read, so a damaged count runs into the end of the stream rather than a huge allocation.
            var written = new List<CorrelationPlan?>();
            for (int i = Count(reader); i > 0; i--)
            {
                var id = new Guid(reader.ReadBytes(16));
                string shape = reader.ReadString();
                written.Add(plans.FirstOrDefault(p => p.Rule.Id == id && p.Shape == shape));
            }

            var sourceNames = new List<string>();
            var groups = new List<GroupState>();
            var keys = new HashSet<(CorrelationPlan, string)>();
            var entries = new List<WindowEntry>();
            int skipped = 0;
            for (int g = Count(reader); g > 0; g--)
            {
                int correlation = reader.ReadInt32();
                if (correlation < 0 || correlation >= written.Count)
                    throw new InvalidDataException("a group names a correlation the state does not list");
                CorrelationPlan? plan = written[correlation];
                var values = new List<string>();
                for (int i = Count(reader); i > 0; i--)
                    values.Add(reader.ReadString());
                long groupSequence = reader.ReadInt64();
                long queuedDue = reader.ReadInt64();
                entries.Clear();
                for (int i = Count(reader); i > 0; i--)
                    entries.Add(ReadEntry(reader, sourceNames));
                bool hasTail = reader.ReadBoolean();
                int tailStart = hasTail ? reader.ReadInt32() : 0;
                double? exact = hasTail && reader.ReadBoolean() ? reader.ReadDouble() : null;
                if (plan is null)
                {
                    skipped++;
                    continue;
                }
                if (entries.Count == 0 || values.Count != plan.Rule.GroupBy.Count || hasTail != plan.DecidesEarly
                    || tailStart < 0 || tailStart >= entries.Count
                    || entries.Any(e => e.Source < 0 || e.Source >= plan.Rule.Sources.Count)
                    || entries.Zip(entries.Skip(1)).Any(pair => pair.First.Ticks > pair.Second.Ticks))
                {
                    throw new InvalidDataException($"the state of correlation '{plan.Rule.Title}' is inconsistent");
                }
                string[] groupValues = values.ToArray();
                var group = new GroupState(plan, GroupKey.Of(groupValues), groupValues, groupSequence) { QueuedDue = queuedDue };
                if (!keys.Add((plan, group.Key)))
                    throw new InvalidDataException($"the state of correlation '{plan.Rule.Title}' holds one group twice");
                foreach (WindowEntry entry in entries)
                    group.Insert(entry);
                if (group.Tail is not null)
                {
                    group.TailStart = tailStart;
                    for (int i = tailStart; i < entries.Count; i++)
                        group.Tail.Add(group[i]);
                    if (exact.HasValue)
                        group.Tail.ExactState = exact;
                }
                groups.Add(group);
            }
            engine.Restore(hasWatermark, watermark, sequence, counters, groups);
            return skipped;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the correlator state is cut short", e);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException && e is not InvalidDataException)
        {
            throw new InvalidDataException("the correlator state is damaged: " + e.Message, e);
        }
    }

    private static WindowEntry ReadEntry(BinaryReader reader, List<string> sourceNames)
    {
        var entry = new WindowEntry
        {
            Ticks = reader.ReadInt64(),
            Source = reader.ReadInt32(),
            Number = reader.ReadDouble(),
        };
        if (reader.ReadBoolean())
            entry.Text = reader.ReadString();
        int name = reader.ReadInt32();
        if (name == sourceNames.Count)
            sourceNames.Add(reader.ReadString());
        else if (name < 0 || name > sourceNames.Count)
            throw new InvalidDataException("an event reference names a source the state has not given");
        entry.Reference = new EventReference(sourceNames[name], reader.ReadInt64());
        return entry;
    }

    private static int Count(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count < 0)
            throw new InvalidDataException("a negative count");
        return count;
    }
}
