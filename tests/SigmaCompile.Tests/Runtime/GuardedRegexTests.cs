using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using SigmaCompile.Matching;
using SigmaCompile.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// A <c>|re</c> value runs on the backtracking interpreter and moves to the linear-time engine at its first slow
/// match, or once hot (GuardedRegex). That is only sound because both engines answer alike whether a
/// pattern matches a text: checked here on hand-written patterns and on every <c>|re</c> value of the SigmaHQ corpus,
/// over texts built from each pattern's pieces and real event values; and the move itself, on patterns that make a
/// backtracking engine explore exponentially many paths.
/// </summary>
public sealed class GuardedRegexTests(ITestOutputHelper output)
{
    [Fact]
    public void Both_engines_answer_alike_on_hand_written_patterns()
    {
        (int patterns, int texts, int matched) = Compare(RegexGateSoundnessTests.Tricky, []);
        output.WriteLine($"{patterns} patterns, {texts} texts, {matched} matches");
        Assert.True(patterns >= 50 && matched > 1000, $"the texts should exercise the patterns: {patterns} patterns, {matched} matches");
    }

    [SharedDataFact]
    public void Both_engines_answer_alike_on_every_corpus_regex()
    {
        (int patterns, int texts, int matched) = Compare(CodePointRegexCorpusTests.CorpusRegexes(), RegexGateSoundnessTests.EventValues());
        output.WriteLine($"{patterns} patterns, {texts} texts, {matched} matches");
        Assert.True(patterns >= 140 && matched > 1000, $"the texts should exercise the patterns: {patterns} patterns, {matched} matches");
    }

    // Each pattern the linear engine supports, on the interpreter and on the linear engine, over the same texts.
    private static (int Patterns, int Texts, int Matched) Compare(IEnumerable<(string Pattern, string Flags)> patterns, IReadOnlyList<string> values)
    {
        int count = 0, texts = 0, matched = 0;
        foreach ((string pattern, string flags) in patterns.Distinct())
        {
            RegexOptions options = CodePointRegexTests.Options(flags);
            Regex interpreter, linear;
            try
            {
                interpreter = new Regex(pattern, options);
                linear = new Regex(pattern, options | RegexOptions.NonBacktracking);
            }
            catch (Exception e) when (e is NotSupportedException or ArgumentException)
            {
                continue; // only the interpreter runs it (or .NET rejects it unrewritten): nothing to compare
            }
            count++;
            var random = new Random(count);
            foreach (string text in CodePointRegexCorpusTests.BmpTexts(pattern, random).Concat(values))
            {
                texts++;
                bool answer = linear.IsMatch(text);
                Assert.True(answer == interpreter.IsMatch(text), $"/{pattern}/{flags} on {CodePointRegexTests.Show(text)}: the engines differ");
                if (answer)
                    matched++;
            }
        }
        return (count, texts, matched);
    }

    [Fact]
    public void An_ordinary_pattern_stays_on_the_interpreter()
    {
        var regex = new GuardedRegex(@"\\[a-z]+\.exe$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        Assert.True(regex.IsMatch(@"C:\Windows\CMD.EXE"));
        Assert.False(regex.IsMatch(@"C:\Windows\cmd.exe.bak"));
        Assert.False(regex.IsLinear);
    }

    [Fact]
    public void A_hot_pattern_moves_to_the_linear_engine_and_answers_as_before()
    {
        var regex = new GuardedRegex("ab+c", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        for (int i = 0; i < GuardedRegex.HotRuns; i++)
            Assert.Equal(i % 2 == 0, regex.IsMatch(i % 2 == 0 ? "xABBBCx" : "xACx"));
        Assert.False(regex.IsLinear);
        Assert.True(regex.IsMatch("abc"));
        Assert.True(regex.IsLinear);
        Assert.False(regex.IsMatch("ac"));
        Assert.True(regex.IsMatch("xxABBCxx"));
    }

    [Fact]
    public void A_hot_pattern_run_on_several_threads_is_moved_by_one_and_answers_alike_on_all()
    {
        var regex = new GuardedRegex("ab+c", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        int[] wrong = AllAtOnce.Run(4, () =>
        {
            int count = 0;
            for (int i = 0; i < GuardedRegex.HotRuns; i++)
            {
                if (regex.IsMatch(i % 2 == 0 ? "xABBBCx" : "xACx") != (i % 2 == 0))
                    count++;
            }
            return count;
        });

        Assert.All(wrong, count => Assert.Equal(0, count));
        Assert.True(regex.IsLinear);
        Assert.Equal(1, regex.Builds);
    }

    [Fact]
    public void A_pattern_that_backtracks_without_end_moves_to_the_linear_engine_and_answers()
    {
        var regex = new GuardedRegex("^(a+)+$", RegexOptions.CultureInvariant);
        Assert.True(regex.IsMatch("aaaa"));
        Assert.False(regex.IsLinear);
        Assert.False(regex.IsMatch(new string('a', 5000) + "!"));
        Assert.True(regex.IsLinear);
        // It stays there, and answers as before.
        Assert.True(regex.IsMatch(new string('a', 5000)));
        Assert.False(regex.IsMatch("aaab"));
        Assert.True(regex.IsLinear);
    }

    // The first try's timeout is wall time, which a thread of a busy machine can also spend waiting to run. The pattern
    // moves at its first timeout all the same: kept on the interpreter, such waits would each cost a timeout and an
    // exception (allocated), again and again (docs/performance.md, "Regexes under load"). Counted by the timeouts the
    // interpreter throws on this thread, which no timing changes: a pathological text always runs out.
    [Fact]
    public void A_pattern_moves_at_its_first_timeout()
    {
        const string pattern = "^(a+)+$";
        int thread = Environment.CurrentManagedThreadId, timeouts = 0;
        void Count(object? sender, FirstChanceExceptionEventArgs e)
        {
            if (e.Exception is RegexMatchTimeoutException timeout && timeout.Pattern == pattern && Environment.CurrentManagedThreadId == thread)
                timeouts++;
        }
        var regex = new GuardedRegex(pattern, RegexOptions.CultureInvariant);
        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            Assert.False(regex.IsMatch(new string('a', 5000) + "!"));
            Assert.False(regex.IsMatch(new string('a', 4000) + "!"));
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }
        Assert.Equal(1, timeouts);
        Assert.True(regex.IsLinear);
        Assert.Equal(1, regex.Builds);
    }

    [Fact]
    public void A_pattern_only_the_interpreter_runs_counts_a_match_past_its_limit_as_none()
    {
        // A backreference: the linear engine cannot run it, so the interpreter keeps it with the longer timeout.
        var regex = new GuardedRegex(@"^(a+)+(b)\2$", RegexOptions.CultureInvariant);
        Assert.True(regex.IsMatch("aabb"));
        Assert.False(regex.IsMatch(new string('a', 5000) + "!"));
        Assert.False(regex.IsLinear);
        Assert.True(regex.IsMatch("abb"));
    }
}
