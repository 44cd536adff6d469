using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using SigmaCompile.Streaming.Input;
using Xunit;

namespace SigmaStreaming.Tests.Units;

/// <summary>The publisher reads and numbers records as SigmaScan does.</summary>
public sealed class EventFileReaderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sigmastream-reader-" + Guid.NewGuid().ToString("N"));

    public EventFileReaderTests()
    {
        Directory.CreateDirectory(_folder);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text, bool gzip = false)
    {
        string path = Path.Combine(_folder, name);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        if (gzip)
        {
            using var file = File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }
        return path;
    }

    private static (long Number, string Text)[] Records(string path) =>
        EventFileReader.Read(path, "src").Select(r => (r.Number, r.Problem ?? Encoding.UTF8.GetString(r.Data.Span))).ToArray();

    [Fact]
    public void Json_lines_are_numbered_by_line_with_blank_lines_skipped_and_broken_lines_passed_on()
    {
        string path = Write("a.jsonl", "{\"a\":1}\n\n  \n{broken\r\n{\"b\":2}");
        Assert.Equal(new[] { (1L, "{\"a\":1}"), (4L, "{broken"), (5L, "{\"b\":2}") }, Records(path));
    }

    [Fact]
    public void A_json_array_a_cloudtrail_envelope_and_a_single_object_are_numbered_by_position()
    {
        Assert.Equal(new[] { (1L, "{\"a\":1}"), (2L, "{\"b\":2}") }, Records(Write("a.json", "[{\"a\":1}, {\"b\":2}]")));
        Assert.Equal(new[] { (1L, "{\"eventName\":\"X\"}") }, Records(Write("ct.json.gz", "{\"Records\":[{\"eventName\":\"X\"}]}", gzip: true)));
        Assert.Equal(new[] { (1L, "{\"a\":1}") }, Records(Write("one.json", "{\"a\":1}")));
    }

    [Fact]
    public void Compressed_json_lines_are_read()
    {
        Assert.Equal(new[] { (1L, "{\"a\":1}"), (2L, "{\"b\":2}") }, Records(Write("a.jsonl.gz", "{\"a\":1}\n{\"b\":2}\n", gzip: true)));
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_one_problem()
    {
        Assert.StartsWith("cannot read: ", Records(Path.Combine(_folder, "missing.jsonl")).Single().Text, StringComparison.Ordinal);
        Assert.StartsWith("cannot read: ", Records(Write("bad.json", "[{\"a\":1},")).Single().Text, StringComparison.Ordinal);
        Assert.StartsWith("cannot read: ", Records(Write("bad.jsonl.gz", "not gzip")).Single().Text, StringComparison.Ordinal);
        Assert.Equal("unsupported file type (expected .jsonl, .json, .jsonl.gz or .json.gz)", Records(Write("a.txt", "{}")).Single().Text);
    }
}
