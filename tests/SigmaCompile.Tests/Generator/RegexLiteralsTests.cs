using System.Linq;
using SigmaCompile.Generator.Lowering;
using SigmaCompile.Generator.Model;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Generator;

/// <summary>
/// A regex's necessary literals (RegexLiterals): what each construct contributes, when the extraction gives up,
/// and the letters <c>i</c> must not keep. Soundness on many texts is RegexGateSoundnessTests.
/// </summary>
public sealed class RegexLiteralsTests
{
    private static string[] Of(string pattern, string flags = "")
    {
        RegexFlags parsed = RegexFlags.None;
        foreach (char flag in flags)
            parsed |= flag switch { 'i' => RegexFlags.IgnoreCase, 'm' => RegexFlags.Multiline, _ => RegexFlags.DotAll };
        return RegexLiterals.Of(pattern, parsed).ToArray();
    }

    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("^abc$", "abc")] // anchors are zero-width: they neither cut nor add
    [InlineData(@"\babc\b", "abc")]
    [InlineData(@"\Aabc\z", "abc")]
    [InlineData(@"\\[^\\]+\.exe", ".exe")]
    [InlineData(@"foo\d+barbaz", "barbaz")] // the longer run is the rarer
    [InlineData("foo.barbaz", "barbaz")]
    [InlineData(@"\p{L}abc", "abc")]
    [InlineData("a{3}bc", "aaabc")] // a counted piece is spelled out
    [InlineData("(ab){2,}c", "abab")] // the first copies are necessary, the rest cut
    [InlineData("abcd+ef", "abcd")] // '+' keeps one copy, then cuts
    [InlineData("a{2,3}bcd", "bcd")]
    [InlineData("abcd*efgh", "efgh")] // '*' cuts before its piece
    [InlineData("abcd?efg", "abcdefg|abcefg")] // '?' makes its piece one of two
    [InlineData("colou??r", "color|colour")] // lazy forms match the same strings
    [InlineData("[.]exe", ".exe")] // a one-character class is that character
    [InlineData(@"[/\\]windows[/\\]", @"/windows/|/windows\|\windows/|\windows\")]
    [InlineData("[a-z]+\\.dll", ".dll")]
    [InlineData("[abcde]xyz", "xyz")] // more than four members: any character
    [InlineData("[^a]xyz", "xyz")]
    [InlineData("[a-z-[aeiou]]bcd", "bcd")] // subtraction, read to its end
    [InlineData("[]a]xyz", "]xyz|axyz")] // ']' first in a class is a member
    [InlineData(@"[\]]abc", "]abc")]
    [InlineData(@"[\d]abc", "abc")]
    [InlineData(@"\.exe", ".exe")]
    [InlineData(@"a\tb\x41\u0042", "a\tbAB")]
    [InlineData(@"\cAabc", "abc")]
    [InlineData(@"a\ b\#c", "a b#c")]
    [InlineData("{abc}", "{abc}")] // braces that are no quantifier are literal
    [InlineData("a{,3}bcd", "a{,3}bcd")]
    [InlineData("(iex|invoke-expression)", "iex|invoke-expression")]
    [InlineData(@"(iex|invoke-expression)\(", "iex(|invoke-expression(")]
    [InlineData("(?:abc|abd)", "abc|abd")]
    [InlineData("(?<name>abc|abd)e", "abce|abde")]
    [InlineData("(?'name'abc)", "abc")]
    [InlineData("(?>abc)", "abc")] // atomic groups match as their content
    [InlineData("(abc|)def", "abcdef|def")]
    [InlineData("x((abc|abd)|(efg))y", "xabcy|xabdy|xefgy")]
    [InlineData("(abc|de.fgh)", "abc|fgh")] // a branch's own best literal
    [InlineData("(a|b|c|d|e|f|g|h|j)xyz", "xyz")] // nine alternatives are too many to join
    [InlineData("[ab][cd][ef][gh]xyz", "gxyz|hxyz")] // sixteen combinations: cut, and the cheaper set wins
    [InlineData("(?=abc)def", "def")] // a lookaround consumes nothing
    [InlineData("(?<!abc)def", "def")]
    [InlineData("(?#note)abc", "abc")]
    [InlineData("ab\U0001F600cde", "cde")] // characters outside the BMP cut
    [InlineData("caf\u00e9teria", "caf\u00e9teria")] // other BMP characters are kept in a cased regex
    [InlineData("mimikatz", "mimikatz")]
    [InlineData(@"abcd\d+x\$\{", "x${")] // the rarer run: seldom-seen marks count for more than length
    [InlineData(@"\$\{", "${")] // two characters are enough where one is seldom seen
    [InlineData(@"abc\d+\$", "abc")] // one is not, even a seldom-seen one
    public void Necessary_literals_of_each_construct(string pattern, string expected)
    {
        Assert.Equal(expected.Split('|').OrderBy(l => l, System.StringComparer.Ordinal), Of(pattern));
    }

    [Theory]
    [InlineData("ab")] // too short to be worth a search
    [InlineData(@"a\d+\$")] // one character, even a seldom-seen one
    [InlineData("a.b.c.d")]
    [InlineData(".*")]
    [InlineData("")]
    [InlineData("a|bcd")] // a branch without literal: a match may contain none
    [InlineData("(?:abc|de)")]
    [InlineData("(abc)?")]
    [InlineData("a(?i)bcd")] // inline options change what the rest means
    [InlineData("(?i)(?i)abc")]
    [InlineData("(?-i)abc")]
    [InlineData("(?x)a b c")]
    [InlineData("(?i:abc)")]
    [InlineData(@"(a)\1bcd")] // backreferences
    [InlineData(@"(?<n>a)\k<n>bcd")]
    [InlineData("(?(a)bcd|efg)")] // conditionals
    [InlineData("(?<a-b>abc)")] // balancing groups
    [InlineData(@"\0abc")] // octal
    [InlineData("abc)")] // not a pattern .NET accepts
    [InlineData("abc(")]
    [InlineData("*abc")]
    [InlineData("abc**")]
    [InlineData("[abc")]
    [InlineData("abc\\")]
    [InlineData(@"\xZZabc")]
    public void Gives_none_when_a_match_may_lack_every_literal_or_the_pattern_is_not_understood(string pattern)
    {
        Assert.Empty(Of(pattern));
    }

    [Fact]
    public void Needles_are_rarer_the_longer_they_are_and_with_marks_seldom_seen_in_event_text()
    {
        Assert.Equal(0.6 * 0.6 * 0.6, NeedleOdds.Of("abc"), 12);
        Assert.Equal(0.6 * 0.1 * 0.1, NeedleOdds.Of("a${"), 12);
        Assert.Equal(0.1 * 0.1, NeedleOdds.Of("${"), 12);
        Assert.Equal(0.6, NeedleOdds.Of("$"), 12); // one character alone keeps the plain model
        Assert.Equal(0.6 * 0.6 * 0.6 * 0.6, NeedleOdds.Of(@"a\.:"), 12); // path and time marks are common
        Assert.True(NeedleOdds.Of("a$") <= RegexLiterals.MaxOdds);
        Assert.True(NeedleOdds.Of("ab") > RegexLiterals.MaxOdds);
    }

    [Fact]
    public void Deep_nesting_gives_none_without_exhausting_the_stack()
    {
        string pattern = new string('(', 5000) + "abc" + new string(')', 5000);
        Assert.Empty(Of(pattern));
        Assert.Equal(["abc"], Of(new string('(', 20) + "abc" + new string(')', 20)));
    }

    [Theory]
    [InlineData("mimikatz", "atz")] // m-i-m-i-k: 'i' and 'k' cut
    [InlineData("kelvin", "elv")]
    [InlineData("process", "proce")]
    [InlineData("caf\u00e9teria", "caf")] // non-ASCII letters cut, and 'i'
    [InlineData("(iex|invoke-expression)", "")] // "iex" keeps only "ex": no literal for that branch
    [InlineData("[sS]ervice", "erv")] // a class of cut letters is no literal either
    [InlineData("net\\.exe", "net.exe")]
    public void Under_i_literals_cut_at_letters_that_match_non_ascii_ones(string pattern, string expected)
    {
        Assert.Equal(expected.Length == 0 ? [] : [expected], Of(pattern, "i"));
        // A leading (?i) is the flag.
        Assert.Equal(Of(pattern, "i"), Of("(?i)" + pattern));
    }

    private static string Run(string pattern, string flags = "")
    {
        RegexFlags parsed = flags.Contains('i') ? RegexFlags.IgnoreCase : RegexFlags.None;
        return RegexLiterals.RunOf(pattern, parsed) is { } run ? $"{run.Characters}{{{run.Length}}}" : "";
    }

    [Theory]
    [InlineData(@"\s[a-fA-F0-9]{64}\s[a-fA-F0-9]{16}", "", "0123456789ABCDEFabcdef{64}")] // the longest run
    [InlineData("[a-f0-9]{8,}", "", "0123456789abcdef{8}")]
    [InlineData("[a-f0-9]{10,20}x", "", "0123456789abcdef{10}")]
    [InlineData("[a-f0-9]{10}?", "", "0123456789abcdef{10}")] // lazy: the same strings
    [InlineData("x{12}", "", "x{12}")]
    [InlineData(@"\x41{12}", "", "A{12}")]
    [InlineData("[a-f]{12}", "i", "ABCDEFabcdef{12}")] // under i a letter brings its other case
    [InlineData("[0-9]{12}", "i", "0123456789{12}")]
    [InlineData("(?:[0-9]{10}|[a-f]{12})z", "", "0123456789abcdef{10}")] // every branch's run: their characters, the shortest length
    [InlineData("(x[0-9]{10})", "", "0123456789{10}")] // a group's run
    [InlineData("(?:ab[0-9]{10})+", "", "0123456789{10}")] // repeated at least once
    [InlineData("[A-Za-z0-9+/=]{20,}", "", "+/0123456789=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz{20}")]
    [InlineData("[0-9]{7}", "", "")] // too short to be worth looking for
    [InlineData("[0-9]{0,10}", "", "")] // may be absent
    [InlineData("[0-9]*x", "", "")]
    [InlineData("(?:[0-9]{10})?", "", "")]
    [InlineData("(?:[0-9]{10}|x)", "", "")] // a branch without a run
    [InlineData("(?=[0-9]{10})", "", "")] // a lookaround's characters are not consumed: left out
    [InlineData("[^a]{10}", "", "")] // a negated class matches non-ASCII characters
    [InlineData(@"\d{10}", "", "")] // \d, \w and \s match non-ASCII characters too
    [InlineData(@"[\d]{10}", "", "")]
    [InlineData(@"[\w.]{10}", "", "")]
    [InlineData(".{10}", "", "")]
    [InlineData("[a-z-[aeiou]]{10}", "", "")] // subtraction is not read
    [InlineData("[\u00e4-\u00f6]{10}", "", "")] // not ASCII
    [InlineData("[a-z]{10}", "i", "")] // under i, k, s and i match non-ASCII letters
    [InlineData("[a-j]{10}", "i", "")]
    [InlineData("s{10}", "i", "")]
    [InlineData(@"(a)\1[0-9]{10}", "", "")] // not understood
    public void Necessary_runs_of_each_construct(string pattern, string flags, string expected)
    {
        Assert.Equal(expected, Run(pattern, flags));
    }

    [Fact]
    public void The_generated_rule_passes_the_run_with_its_regex_and_the_set_its_code()
    {
        string yaml = Detections.Rule("sel:\n  CommandLine|re: '\\s[a-f0-9]{64}\\s'\ncondition: sel");
        string source = string.Concat(GeneratorHarness.Run([GeneratorHarness.Rule("regex.yml", yaml)]).Result.Results.Single()
            .GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains(@"TextPatterns.RegexWithRun(""\\s[a-f0-9]{64}\\s"", SigmaMatching.RegexFlags.None, runCharacters: ""0123456789abcdef"", runLength: 64)", source);
        // The set builds the same pattern from its tables.
        (System.Collections.Generic.IReadOnlyList<IDetectionRule> all, RuleSets.RuleSet set) = GeneratorHarness.CompileRuleSet([GeneratorHarness.Rule("regex.yml", yaml)]);
        foreach (string json in new[] { "{\"CommandLine\":\"x " + new string('a', 64) + " y\"}", "{\"CommandLine\":\"x " + new string('a', 63) + " y\"}" })
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var matches = new System.Collections.Generic.List<IDetectionRule>();
            set.Match(document.RootElement, matches);
            Assert.Equal(all[0].IsMatch(document.RootElement), matches.Count == 1);
        }
    }

    [Fact]
    public void The_generated_rule_passes_the_literals_with_its_regex()
    {
        string yaml = Detections.Rule("sel:\n  CommandLine|re: '\\\\[^\\\\]+\\.exe'\n  Image|re|i: '(cmd|net1)\\.exe$'\n  User|re: '^a.b$'\ncondition: sel");
        string source = string.Concat(GeneratorHarness.Run([GeneratorHarness.Rule("regex.yml", yaml)]).Result.Results.Single()
            .GeneratedSources.Where(s => s.HintName.StartsWith("TestRule", System.StringComparison.Ordinal)).Select(s => s.SourceText.ToString()));
        Assert.Contains(@"TextPatterns.Regex(""\\\\[^\\\\]+\\.exe"", SigmaMatching.RegexFlags.None, "".exe"")", source);
        Assert.Contains(@"TextPatterns.Regex(""(cmd|net1)\\.exe$"", SigmaMatching.RegexFlags.IgnoreCase, ""cmd.exe"", ""net1.exe"")", source);
        Assert.Contains(@"TextPatterns.Regex(""^a.b$"", SigmaMatching.RegexFlags.None)", source); // none known
    }

    [Fact]
    public void Flags_m_and_s_change_no_literal()
    {
        Assert.Equal(Of("^abc.$def"), Of("^abc.$def", "ms"));
        Assert.Equal(["abc"], Of("^abc.$de", "ms"));
    }

    [Fact]
    public void Literals_that_differ_only_in_case_are_one()
    {
        Assert.Equal(["abc"], Of("(abc|ABC|aBc)"));
        Assert.Equal(["xabc"], Of("[xX]abc"));
    }
}
