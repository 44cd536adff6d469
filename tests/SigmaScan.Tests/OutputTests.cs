using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SigmaScan.Tests.Infrastructure;
using Xunit;

namespace SigmaScan.Tests;

/// <summary>
/// The output formats and options: JSON Lines exactly as SigmaScan wrote them before this version (checked-in
/// expected files), CSV that parses back, a table for people, <c>--min-level</c>, <c>--output</c> and <c>-</c>.
/// </summary>
public sealed class OutputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Inputs => RuleFolders.Fixture("inputs");

    [Fact]
    public void Json_lines_are_byte_for_byte_those_of_the_earlier_SigmaScan_on_the_bundled_data()
    {
        SigmaScanRun run = SigmaScanRun.Start(Array.Empty<string>());

        Assert.Equal(0, run.ExitCode);
        // The bundled data gained a correlated logon scenario; its one alert line comes on top of the same detections.
        Assert.Equal(File.ReadAllBytes(RuleFolders.Fixture("expected/bundled-data.jsonl")), run.StandardOutput);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("8")]
    public void Json_lines_are_byte_for_byte_those_of_the_earlier_SigmaScan_on_mixed_inputs(string threads)
    {
        SigmaScanRun run = SigmaScanRun.Start(new[] { "--threads", threads, Inputs });

        Assert.Equal(0, run.ExitCode);
        string expected = File.ReadAllText(RuleFolders.Fixture("expected/inputs.jsonl")).Replace("\"source\":\"inputs/", "\"source\":\"" + Inputs + "/", StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetBytes(expected), run.StandardOutput);
        // Malformed records are reported in input order, the truncated last line as such.
        Assert.Equal(new[] { 6L, 10, 15 }, run.ErrorLines.Where(l => l.Contains("mixed.jsonl: record ", StringComparison.Ordinal)).Select(RecordOf));
        Assert.Contains(run.ErrorLines, l => l.EndsWith("(last line of the file: it may be truncated)", StringComparison.Ordinal));
    }

    private static long RecordOf(string line)
    {
        string rest = line[(line.IndexOf(": record ", StringComparison.Ordinal) + 9)..];
        return long.Parse(rest[..rest.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Csv_has_a_header_and_parses_back_to_the_detections()
    {
        SigmaScanRun csv = SigmaScanRun.Start(new[] { "--format", "csv", Inputs });
        SigmaScanRun jsonl = SigmaScanRun.Start(new[] { Inputs });

        List<string[]> rows = ParseCsv(csv.Output);
        Assert.Equal(new[] { "time", "level", "title", "rule_id", "source", "record", "key_fields" }, rows[0]);
        Assert.Equal(jsonl.Lines.Count, rows.Count - 1);
        Assert.All(rows, r => Assert.Equal(7, r.Length));
        Assert.EndsWith("\r\n", csv.Output, StringComparison.Ordinal);

        string[] lsass = rows.Single(r => r[2] == "Process Memory Dump Of LSASS Via Command Line");
        Assert.Equal(new[] { "2026-11-30 08:46:51.660", "critical", "d41f6c88-0b3e-4a9f-8e27-5c9b1a7d2e64", Path.Combine(Inputs, "mixed.jsonl"), "11" }, new[] { lsass[0], lsass[1], lsass[3], lsass[4], lsass[5] });
        // The command line holds a comma, so the field was quoted; it reads back whole.
        Assert.Contains("CommandLine=rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 724 C:\\Windows\\Temp\\debug.bin full", lsass[6], StringComparison.Ordinal);
        string[] cloudTrail = rows.First(r => r[2] == "AWS New Lambda Layer Attached");
        Assert.Equal("2026-11-30T08:14:32Z", cloudTrail[0]);
        Assert.StartsWith("eventName=UpdateFunctionConfiguration20150331v2; eventSource=lambda.amazonaws.com; sourceIPAddress=", cloudTrail[6], StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_quotes_fields_with_quotes_commas_and_line_breaks()
    {
        string rules = _folder.Write("rules/odd.yml", """
            title: Odd, "Quoted" Title
            id: 3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f
            level: high
            logsource: {product: test}
            detection:
              s:
                eventName: x
              condition: s
            """);
        string events = _folder.Write("events.jsonl", "{\"eventName\": \"x\", \"eventSource\": \"a\\nb\"}\n");

        SigmaScanRun run = SigmaScanRun.Start(new[] { "--rules", Path.GetDirectoryName(rules)!, "--no-cache", "--format", "csv", events });

        string[] row = ParseCsv(run.Output)[1];
        Assert.Equal("Odd, \"Quoted\" Title", row[2]);
        Assert.Contains("\"Odd, \"\"Quoted\"\" Title\"", run.Output, StringComparison.Ordinal);
        Assert.Equal("eventName=x; eventSource=a b", row[6]); // control characters become spaces in key fields
    }

    [Fact]
    public void The_table_shows_time_level_title_source_record_and_key_fields()
    {
        SigmaScanRun run = SigmaScanRun.Start(new[] { "--format", "table", Inputs });

        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("TIME ", lines[0], StringComparison.Ordinal);
        foreach (string column in new[] { "LEVEL", "TITLE", "SOURCE:RECORD", "KEY FIELDS" })
            Assert.Contains(column, lines[0], StringComparison.Ordinal);
        Assert.Equal(8, lines.Length);
        string lsass = Assert.Single(lines, l => l.Contains("Process Memory Dump Of LSASS", StringComparison.Ordinal));
        Assert.StartsWith("2026-11-30 08:46:51.660", lsass, StringComparison.Ordinal);
        Assert.Contains(" critical ", lsass, StringComparison.Ordinal);
        Assert.Contains("mixed.jsonl:11", lsass, StringComparison.Ordinal);
        Assert.Contains("Image=C:\\Windows\\System32\\rundll32.exe", lsass, StringComparison.Ordinal);
        // A long source keeps its end (the file name), cut at the start.
        Assert.Contains("…", lines.Single(l => l.Contains("records.json.gz:5", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_is_the_default_on_a_terminal_and_json_lines_elsewhere()
    {
        Assert.StartsWith("TIME ", SigmaScanRun.Start(new[] { Inputs }, outputIsTerminal: true).Output, StringComparison.Ordinal);
        Assert.StartsWith("{\"rule_id\":", SigmaScanRun.Start(new[] { Inputs }).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Min_level_drops_detections_below_it()
    {
        SigmaScanRun all = SigmaScanRun.Start(new[] { Inputs });
        SigmaScanRun high = SigmaScanRun.Start(new[] { "--min-level", "HIGH", Inputs });

        Assert.Equal(all.Lines.Where(l => l.Contains("\"level\":\"high\"", StringComparison.Ordinal) || l.Contains("\"level\":\"critical\"", StringComparison.Ordinal)), high.Lines);
        Assert.Equal(2, high.Lines.Count);
        Assert.Equal(2, SigmaScanRun.Start(new[] { "--min-level", "nope", Inputs }).ExitCode);
    }

    [Fact]
    public void An_option_takes_its_value_after_an_equals_sign_too()
    {
        SigmaScanRun spaced = SigmaScanRun.Start(new[] { "--min-level", "high", "--format", "csv", Inputs });
        SigmaScanRun joined = SigmaScanRun.Start(new[] { "--min-level=high", "--format=csv", Inputs });

        Assert.Equal(0, joined.ExitCode);
        Assert.Equal(3, joined.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(spaced.Output, joined.Output);
    }

    [Fact]
    public void Output_writes_the_detections_to_a_file_as_json_lines_even_from_a_terminal()
    {
        string file = _folder.Of("detections.jsonl");
        SigmaScanRun run = SigmaScanRun.Start(new[] { "--output", file, Inputs }, outputIsTerminal: true);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.StandardOutput);
        Assert.Equal(SigmaScanRun.Start(new[] { Inputs }).Output, File.ReadAllText(file));
    }

    [Fact]
    public void Dash_reads_json_lines_from_standard_input()
    {
        string events = File.ReadAllText(RuleFolders.Fixture("inputs/mixed.jsonl"));
        SigmaScanRun run = SigmaScanRun.Start(new[] { "-" }, standardInput: events);
        SigmaScanRun file = SigmaScanRun.Start(new[] { RuleFolders.Fixture("inputs/mixed.jsonl") });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.Lines.Count);
        Assert.Equal(file.Output.Replace(RuleFolders.Fixture("inputs/mixed.jsonl"), "stdin", StringComparison.Ordinal), run.Output);
        Assert.Contains("SigmaScan: stdin: record 6: invalid JSON at byte 31: 'b' is an invalid start of a value.", run.ErrorLines);
    }

    [Fact]
    public void The_summary_counts_detections_per_level_and_lists_the_top_rules()
    {
        SigmaScanRun run = SigmaScanRun.Start(new[] { Inputs });

        Assert.Contains("SigmaScan: detections by level: critical 1, high 1, medium 2, low 3", run.ErrorLines);
        int top = run.ErrorLines.ToList().IndexOf("SigmaScan: rules by detections:");
        Assert.True(top > 0);
        Assert.Matches(@"^SigmaScan: +3  low +AWS New Lambda Layer Attached$", run.ErrorLines[top + 1]);
        Assert.Matches(@"^SigmaScan: +2  medium +S3 Bucket Policy Or Encryption Removed Outside Automation$", run.ErrorLines[top + 2]);
    }

    [Fact]
    public void A_corrupt_gzip_input_is_reported_and_the_scan_goes_on()
    {
        byte[] gzip = File.ReadAllBytes(RuleFolders.Fixture("inputs/nested/events.jsonl.gz"));
        for (int i = 40; i < 200; i++)
            gzip[i] ^= 0x5A;
        string corrupt = _folder.Of("corrupt.jsonl.gz");
        File.WriteAllBytes(corrupt, gzip);

        SigmaScanRun run = SigmaScanRun.Start(new[] { corrupt, RuleFolders.Fixture("inputs/array.json") });

        Assert.Contains(run.ErrorLines, l => l.StartsWith($"SigmaScan: {corrupt}: record ", StringComparison.Ordinal) && l.Contains("corrupt compressed data", StringComparison.Ordinal));
        Assert.Single(run.Lines);
    }

    [Fact]
    public void An_output_that_fails_ends_the_scan_with_exit_code_2_and_a_message()
    {
        SigmaScanRun run = SigmaScanRun.Start(new[] { Inputs }, outputStream: new FailingStream());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("SigmaScan: cannot write the detections: the pipe was closed", run.ErrorLines);
    }

    [Fact]
    public void On_a_terminal_stderr_shows_progress_of_the_compile_and_the_scan_then_erases_it()
    {
        SigmaScanRun run = SigmaScanRun.Start(new[] { "--rules", RuleFolders.Repository, "--no-cache", Inputs }, errorIsTerminal: true);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\rSigmaScan: generating C# from 7 rule files", run.StandardError, StringComparison.Ordinal);
        Assert.Matches(@"\rSigmaScan: [0-9]+ events \([0-9,]+/s\), [0-9]+ detections; reading ", run.StandardError);
        // Each drawing is erased ("\r" + erase to the end of the line) before the summaries are written.
        Assert.Contains("\r\u001b[Kscanned 32 events in 4 files, 7 detections", run.StandardError, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(RuleFolders.Fixture("expected/inputs.jsonl")), run.Output.Replace(Inputs, "inputs", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_terminal_stderr_has_no_progress_only_summaries()
    {
        SigmaScanRun run = SigmaScanRun.Start(new[] { "--rules", RuleFolders.Repository, "--no-cache", Inputs });

        Assert.DoesNotContain("\r", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", run.StandardError, StringComparison.Ordinal);
    }

    private sealed class FailingStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("the pipe was closed");

        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("the pipe was closed");
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--format", "xml")]
    [InlineData("--threads", "0")]
    [InlineData("--pipeline", "windows-evtx")]
    [InlineData("--rules", "rules")]
    public void A_wrong_command_line_exits_with_2(params string[] args)
    {
        SigmaScanRun run = SigmaScanRun.Start(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("SigmaScan: ", run.ErrorLines[0], StringComparison.Ordinal);
    }

    /// <summary>An RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row.ToArray());
                row.Clear();
                i++;
            }
            else
            {
                Assert.NotEqual('\n', c); // a bare line feed outside quotes is not RFC 4180
                field.Append(c);
            }
        }
        Assert.False(quoted);
        Assert.Empty(row);
        return rows;
    }
}
