using System;
using System.Collections.ObjectModel;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Runtime;

/// <summary>
/// A rule's references, tags, ATT&amp;CK coverage and false positives travel from the generator to the rule as one
/// packed string (<see cref="RuleDetails"/>): they must read back exactly as written, whatever characters they hold.
/// </summary>
public sealed class RuleDetailsTests
{
    // Items holding the packing's own characters (U+001B, U+001E, U+001F), an empty item, a tag without a dot.
    private const string Yaml =
        "title: Details Rule\n" +
        "id: 21111111-2222-4333-8444-555555555555\n" +
        "status: test\n" +
        "level: low\n" +
        "references:\n  - 'https://example.com/a'\n  - \"odd\\x1Eref\\x1Fwith\\x1Bmarks\\x1B\"\n  - ''\n" +
        "tags:\n  - attack.execution\n  - attack.t1059.001\n  - plain\n  - \"custom.\\x1Fodd\"\n" +
        "falsepositives:\n  - \"line one\\nline two\"\n" +
        "logsource:\n  product: test\n" +
        "detection:\n  sel:\n    a: b\n  condition: sel\n";

    private static IDetectionRule Rule() => GeneratorHarness.CompileRule(Yaml);

    [Fact]
    public void Lists_read_back_as_written()
    {
        IDetectionRule rule = Rule();
        Assert.Equal(new[] { "https://example.com/a", "odd\u001Eref\u001Fwith\u001Bmarks\u001B", "" }, rule.References);
        Assert.Equal(new[] { new RuleTag("attack", "execution"), new RuleTag("attack", "t1059.001"), new RuleTag("", "plain"), new RuleTag("custom", "\u001Fodd") }, rule.Tags);
        Assert.Equal(new[] { "execution" }, rule.Attack.Tactics);
        Assert.Equal(new[] { "T1059.001" }, rule.Attack.Techniques);
        Assert.Equal(new[] { "line one\nline two" }, rule.FalsePositives);
    }

    [Fact]
    public void Empty_lists_read_back_empty()
    {
        IDetectionRule rule = GeneratorHarness.CompileRule(Detections.Rule("sel:\n  a: b\ncondition: sel"));
        Assert.Empty(rule.References);
        Assert.Empty(rule.Tags);
        Assert.Empty(rule.Attack.Tactics);
        Assert.Empty(rule.Attack.Techniques);
        Assert.Empty(rule.FalsePositives);
    }

    [Fact]
    public void Lists_are_read_only_and_built_once()
    {
        IDetectionRule rule = Rule();
        Assert.IsType<ReadOnlyCollection<string>>(rule.References);
        Assert.IsType<ReadOnlyCollection<RuleTag>>(rule.Tags);
        Assert.IsType<ReadOnlyCollection<string>>(rule.Attack.Tactics);
        Assert.IsType<ReadOnlyCollection<string>>(rule.FalsePositives);
        Assert.Same(rule.References, rule.References);
        Assert.Same(rule.Attack, rule.Attack);
    }

    [Theory]
    [InlineData("")]                                                  // no list at all
    [InlineData("\u001E\u001E\u001E\u001E")]                          // four lists, not five
    [InlineData("\u001E\u001E\u001E\u001E\u001Eextra")]               // text after the fifth list
    [InlineData("item\u001E\u001E\u001E\u001E\u001E")]                // an item without its start mark
    [InlineData("\u001Fends after escape\u001B")]                     // an escape with nothing after it
    public void Malformed_text_is_refused(string packed) =>
        Assert.Throws<FormatException>(() => RuleDetails.Unpack(packed));

    [Fact]
    public void Five_empty_lists_unpack_to_empty_lists()
    {
        RuleDetails details = RuleDetails.Unpack("\u001E\u001E\u001E\u001E\u001E");
        Assert.Empty(details.References);
        Assert.Empty(details.Tags);
        Assert.Empty(details.Attack.Tactics);
        Assert.Empty(details.Attack.Techniques);
        Assert.Empty(details.FalsePositives);
    }
}
