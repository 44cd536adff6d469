using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using SigmaCompile.RuleSets;
using SigmaScan.Tests.Infrastructure;
using Xunit;

namespace SigmaScan.Tests;

/// <summary>
/// The primer matches the first records of the first JSON Lines inputs ahead of the scan, leaves alone what it must
/// not read (standard input, named pipes, whole documents), never throws, and does not change what the scan writes.
/// </summary>
public sealed class ScanPrimerTests : IDisposable
{
    private const string Event = "{\"EventID\":1,\"Image\":\"C:\\\\Windows\\\\System32\\\\rundll32.exe\",\"CommandLine\":\"rundll32.exe comsvcs.dll, MiniDump 624 l.dmp full\"}";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static RuleSet Rules() => CompiledRules.BuiltIn.Set;

    // The totals line ends with a rate in events per second, which differs from run to run.
    private static string WithoutRate(string text) => Regex.Replace(text, "[0-9,]+ events/s", "N events/s");

    private static string Lines(int count) => string.Concat(Enumerable.Repeat(Event + "\n", count));

    [Fact]
    public void Prime_matches_the_first_records_of_each_json_lines_file_and_skips_what_it_cannot_read_twice()
    {
        string many = _folder.Write("many.jsonl", Lines(ScanPrimer.RecordsPerFile + 5));
        string compressed = _folder.Of("few.jsonl.gz");
        using (var gzip = new GZipStream(File.Create(compressed), CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes(Lines(3) + "{\"broken\": \n"));
        string document = _folder.Write("document.json", "[" + Event + "," + Event + "]");
        string empty = _folder.Write("empty.jsonl", "");

        int matched = ScanPrimer.Prime(Rules, new[] { many, "-", compressed, document, empty, _folder.Of("missing.jsonl") });

        // 25 of the first file, the 3 whole lines of the second (its broken line is skipped); nothing else.
        Assert.Equal(ScanPrimer.RecordsPerFile + 3, matched);
    }

    [Fact]
    public void Prime_samples_at_most_a_few_files()
    {
        string[] files = Enumerable.Range(0, ScanPrimer.MaxFiles + 4).Select(i => _folder.Write($"f{i}.jsonl", Lines(2))).ToArray();

        Assert.Equal(2 * ScanPrimer.MaxFiles, ScanPrimer.Prime(Rules, files));
    }

    [Fact]
    public void Prime_never_throws()
    {
        string file = _folder.Write("a.jsonl", Lines(2));

        Assert.Equal(0, ScanPrimer.Prime(() => throw new InvalidOperationException("no rules"), new[] { file }));
    }

    [UnixFact]
    public async Task Prime_leaves_a_named_pipe_to_the_scan()
    {
        string pipe = _folder.Of("pipe.jsonl");
        using (Process? mkfifo = Process.Start(new ProcessStartInfo("mkfifo", pipe) { UseShellExecute = false }))
        {
            Assert.NotNull(mkfifo);
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        string file = _folder.Write("a.jsonl", Lines(2));

        // Opening the pipe would wait for a writer, and reading it would take its records from the scan.
        Task<int> priming = Task.Run(() => ScanPrimer.Prime(Rules, new[] { pipe, file }));

        Task first = await Task.WhenAny(priming, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(first == priming, "the primer opened the named pipe");
        Assert.Equal(2, await priming);
    }

    [Theory]
    [InlineData(new[] { "a.jsonl" }, 2, true)]
    [InlineData(new string[0], 2, true)]
    [InlineData(new[] { "a.jsonl" }, 1, false)]
    [InlineData(new[] { "--threads", "1", "a.jsonl" }, 2, false)]
    [InlineData(new[] { "--rules", "rules", "a.jsonl" }, 2, false)]
    [InlineData(new[] { "--logsource", "product=windows", "a.jsonl" }, 2, false)]
    [InlineData(new[] { "--list-rules" }, 2, false)]
    [InlineData(new[] { "--help" }, 2, false)]
    public void Only_a_scan_with_the_built_in_rules_on_several_cores_is_primed(string[] args, int processors, bool primed)
    {
        CommandLine? command = CommandLine.Parse(args, out string problem);

        Assert.True(command is not null, problem);
        Assert.Equal(primed, ScanPrimer.ShouldPrime(command, processors));
    }

    [Fact]
    public async Task A_scan_writes_the_same_while_the_primer_samples_its_inputs()
    {
        var random = new Random(7);
        string[] images = { @"C:\\Windows\\System32\\rundll32.exe", @"C:\\Windows\\explorer.exe", @"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" };
        string[] commands = { "rundll32.exe comsvcs.dll, MiniDump 624 l.dmp full", "explorer.exe", "powershell.exe -enc SQBFAFgA" };
        var files = new List<string>();
        for (int f = 0; f < 3; f++)
        {
            var text = new StringBuilder();
            for (int i = 0; i < 400; i++)
            {
                int which = random.Next(images.Length);
                text.Append("{\"EventID\":1,\"Image\":\"").Append(images[which]).Append("\",\"CommandLine\":\"").Append(commands[which]).Append("\"}\n");
            }
            files.Add(_folder.Write($"events{f}.jsonl", text.ToString()));
        }
        string[] args = files.Prepend("2").Prepend("--threads").ToArray();
        SigmaScanRun alone = SigmaScanRun.Start(args);

        Task<int> priming = Task.Run(() => ScanPrimer.Prime(Rules, files));
        SigmaScanRun primed = SigmaScanRun.Start(args);

        Assert.Equal(3 * ScanPrimer.RecordsPerFile, await priming);
        Assert.Equal(0, alone.ExitCode);
        Assert.NotEmpty(alone.Lines);
        Assert.Equal(alone.Output, primed.Output);
        Assert.Equal(WithoutRate(alone.StandardError), WithoutRate(primed.StandardError));
    }
}
