using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using SigmaCompile.Correlations;
using Xunit;

namespace SigmaCompile.Tests.Correlations;

/// <summary>The default time fields read a time from every real event in ../shared/events (Windows in the evtx_dump shape, CloudTrail).</summary>
public sealed class RealEventTimeTests
{
    [SharedDataFact]
    public void Every_shared_windows_and_cloudtrail_event_has_a_time_under_the_default_fields()
    {
        Correlator correlator = Correlator.FromRules(Array.Empty<IDetectionRule>(), Array.Empty<ICorrelationRule>());
        int events = 0;
        foreach (string file in Directory.EnumerateFiles(SharedData.PathOf("events"), "*.jsonl.gz", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
            int line = 0;
            while (reader.ReadLine() is { } text)
            {
                line++;
                if (text.Length == 0)
                    continue;
                using JsonDocument document = JsonDocument.Parse(text);
                Assert.True(correlator.TryReadEventTime(document.RootElement, out DateTimeOffset time), $"{Path.GetFileName(file)}:{line} has no time");
                Assert.InRange(time.Year, 2000, 2030);
                events++;
            }
        }
        Assert.Equal(23672 + 3313, events);
    }
}
