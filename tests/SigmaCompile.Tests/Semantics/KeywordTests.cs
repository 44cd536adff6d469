using System.Linq;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Semantics;

/// <summary>
/// Keyword detections: a list of plain values (or a map keyed only by '|all' / '|contains|all') searched as
/// contains-patterns in every string value of the event, at any depth, never in key names or numbers.
/// </summary>
public sealed class KeywordTests
{
    private const string List = "keywords:\n  - 'mimikatz'\n  - 'sekurlsa::'\ncondition: keywords";

    private static bool Match(string detection, string json) => Detections.Matches(detection, json);

    [Theory]
    [InlineData("{\"CommandLine\":\"run mimikatz.exe now\"}", true)]
    [InlineData("{\"CommandLine\":\"MIMIKATZ\"}", true)]
    [InlineData("{\"a\":\"x\",\"b\":\"sekurlsa::logonpasswords\"}", true)]
    [InlineData("{\"a\":{\"b\":{\"c\":[\"x\",\"..MimiKatz..\"]}}}", true)]
    [InlineData("{\"a\":[{\"b\":1},{\"c\":\"sekurlsa::x\"}]}", true)]
    [InlineData("{\"CommandLine\":\"mimi katz\"}", false)]
    [InlineData("{\"CommandLine\":\"sekurlsa:\"}", false)]
    [InlineData("{}", false)]
    public void A_keyword_list_is_an_or_of_contains_searches_in_every_string(string json, bool expected) =>
        Assert.Equal(expected, Match(List, json));

    [Theory]
    [InlineData("{\"mimikatz\":\"x\"}")]
    [InlineData("{\"outer\":{\"sekurlsa::\":1}}")]
    [InlineData("{\"mimikatz\":null}")]
    [InlineData("{\"mimikatz\":{}}")]
    public void Key_names_are_never_searched(string json) => Assert.False(Match(List, json));

    [Theory]
    [InlineData("{\"EventID\":4688}", false)]
    [InlineData("{\"EventID\":[4688]}", false)]
    [InlineData("{\"EventID\":\"4688\"}", true)]
    [InlineData("{\"EventID\":\"x46889\"}", true)]
    [InlineData("{\"Flag\":true}", false)]
    public void Numbers_and_booleans_are_not_searched(string json, bool expected)
    {
        Assert.Equal(expected, Match("keywords:\n  - 4688\n  - 'true'\ncondition: keywords", json));
        Assert.Equal(expected, Match("keywords:\n  - '4688'\n  - 'true'\ncondition: keywords", json));
    }

    [Theory]
    [InlineData("{\"m\":\"cmd /c whoami\"}", true)]
    [InlineData("{\"m\":\"CMD.EXE /C net user\"}", true)]
    [InlineData("{\"m\":\"cmd /k whoami\"}", false)]
    [InlineData("{\"m\":\"cm /c whoami\"}", false)]
    public void Wildcards_in_keywords_are_honoured(string json, bool expected) =>
        Assert.Equal(expected, Match("keywords:\n  - 'cmd* /c *'\ncondition: keywords", json));

    [Theory]
    [InlineData("{\"m\":\"a?b\"}", true)]
    [InlineData("{\"m\":\"aXb\"}", false)]
    public void Escaped_wildcards_in_keywords_are_literal(string json, bool expected) =>
        Assert.Equal(expected, Match("keywords:\n  - 'a\\?b'\ncondition: keywords", json));

    [Fact]
    public void A_single_keyword_may_be_written_as_a_scalar()
    {
        Assert.True(Match("keywords: 'evil'\ncondition: keywords", "{\"x\":\"so EVIL\"}"));
        Assert.False(Match("keywords: 'evil'\ncondition: keywords", "{\"x\":\"good\"}"));
    }

    [Theory]
    [InlineData("{\"a\":\"failed password for root\"}", true)]
    [InlineData("{\"a\":\"Failed password\",\"b\":[\"user ROOT\"]}", true)]
    [InlineData("{\"a\":\"failed password for admin\"}", false)]
    [InlineData("{\"root\":\"failed password\"}", false)]
    [InlineData("{\"a\":\"root\"}", false)]
    public void A_map_keyed_by_all_needs_every_keyword_somewhere_in_the_event(string json, bool expected)
    {
        Assert.Equal(expected, Match("keywords:\n  '|all':\n    - 'failed password'\n    - 'root'\ncondition: keywords", json));
        Assert.Equal(expected, Match("keywords:\n  '|contains|all':\n    - 'failed password'\n    - 'root'\ncondition: keywords", json));
    }

    [Theory]
    [InlineData("{\"a\":\"xfooy\",\"b\":\"barz\"}", true)]
    [InlineData("{\"a\":\"FOO BAR\"}", true)]
    [InlineData("{\"a\":\"foo\"}", false)]
    [InlineData("{\"foo\":\"bar\"}", false)]
    public void Contains_all_keywords_combine_wildcards_and_case_folding(string json, bool expected) =>
        Assert.Equal(expected, Match("keywords:\n  '|contains|all':\n    - 'f?o'\n    - 'b*r'\ncondition: keywords", json));

    [Fact]
    public void Keywords_combine_with_field_searches_in_the_condition()
    {
        const string Detection = "sel:\n  Image|endswith: '\\sshd'\nkeywords:\n  - 'invalid user'\ncondition: sel and keywords";
        Assert.True(Match(Detection, "{\"Image\":\"/usr/sbin\\\\sshd\",\"msg\":\"Invalid user bob\"}"));
        Assert.False(Match(Detection, "{\"Image\":\"/usr/sbin\\\\sshd\",\"msg\":\"accepted\"}"));
        Assert.False(Match(Detection, "{\"Image\":\"/usr/sbin/cron\",\"msg\":\"invalid user bob\"}"));
    }

    [Fact]
    public void Not_keywords_excludes_events_mentioning_them()
    {
        const string Detection = "keywords:\n  - 'healthcheck'\ncondition: not keywords";
        Assert.True(Match(Detection, "{\"a\":\"GET /\"}"));
        Assert.False(Match(Detection, "{\"a\":\"GET /HealthCheck\"}"));
    }

    [Fact]
    public void Keywords_use_unicode_case_folding()
    {
        Assert.True(Match("keywords:\n  - '\u043f\u0430\u0440\u043e\u043b\u044c'\ncondition: keywords", Events.With("m", "\u041f\u0410\u0420\u041e\u041b\u042c: x")));
        Assert.False(Match("keywords:\n  - '\u043f\u0430\u0440\u043e\u043b\u044c'\ncondition: keywords", Events.With("m", "\u043f\u0430\u0440\u043e\u043b")));
    }

    [Fact]
    public void Many_keywords_are_still_an_or()
    {
        string values = string.Join("\n", System.Linq.Enumerable.Range(0, 500).Select(i => $"  - 'kw{i:D3}z'"));
        string detection = "keywords:\n" + values + "\ncondition: keywords";
        Assert.True(Match(detection, "{\"a\":{\"b\":\"...KW499Z...\"}}"));
        Assert.True(Match(detection, "{\"a\":[\"kw000z\"]}"));
        Assert.False(Match(detection, "{\"a\":\"kw500z\"}"));
        Assert.False(Match(detection, "{\"kw001z\":\"x\"}"));
    }
}
