using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests;

/// <summary>The seed rule "AWS New Lambda Layer Attached", compiled from the repository's rules/ folder.</summary>
public sealed class SeedRuleTests
{
    private static readonly Lazy<IDetectionRule> Rule = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "repo-rules", "aws", "aws_lambda_layer_attached.yml");
        return GeneratorHarness.CompileRules(new[] { GeneratorHarness.Rule("aws/aws_lambda_layer_attached.yml", File.ReadAllText(path)) }).Single();
    });

    private static JsonObject Record() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cloudtrail_lambda_layer.json")))!.AsObject();

    private static bool Matches(JsonNode record)
    {
        using JsonDocument document = JsonDocument.Parse(record.ToJsonString());
        return Rule.Value.IsMatch(document.RootElement);
    }

    [Fact]
    public void Metadata_is_typed()
    {
        IDetectionRule rule = Rule.Value;
        Assert.Equal(Guid.Parse("97fbabf8-8e1b-47a2-b7d5-a418d2b95e3d"), rule.Id);
        Assert.Equal("AWS New Lambda Layer Attached", rule.Title);
        Assert.Equal("AwsNewLambdaLayerAttached", rule.GetType().Name);
        Assert.True(rule.GetType().IsSealed);
        Assert.Equal(RuleStatus.Test, rule.Status);
        Assert.Equal(RuleLevel.Low, rule.Level);
        Assert.Equal("Austin Songer", rule.Author);
        Assert.Equal(new DateOnly(2021, 9, 23), rule.Date);
        Assert.Equal(new DateOnly(2022, 10, 9), rule.Modified);
        Assert.Equal(new LogSource("aws", null, "cloudtrail"), rule.LogSource);
        Assert.Equal(new[] { new RuleTag("attack", "privilege-escalation") }, rule.Tags);
        Assert.Equal(new[] { "privilege-escalation" }, rule.Attack.Tactics);
        Assert.Empty(rule.Attack.Techniques);
        Assert.Equal("selection", rule.Condition);
        Assert.Single(rule.References);
        Assert.Single(rule.FalsePositives);
    }

    [Fact]
    public void Matches_a_layer_attachment() => Assert.True(Matches(Record()));

    [Fact]
    public void Does_not_match_without_layers()
    {
        JsonObject record = Record();
        record["requestParameters"]!.AsObject().Remove("layers");
        Assert.False(Matches(record));
    }

    [Fact]
    public void Does_not_match_an_empty_layer_list()
    {
        JsonObject record = Record();
        record["requestParameters"]!["layers"] = new JsonArray();
        Assert.False(Matches(record));
    }

    [Fact]
    public void Does_not_match_a_code_update()
    {
        JsonObject record = Record();
        record["eventName"] = "UpdateFunctionCode20150331v2";
        Assert.False(Matches(record));
    }

    [Fact]
    public void Does_not_match_another_service()
    {
        JsonObject record = Record();
        record["eventSource"] = "s3.amazonaws.com";
        Assert.False(Matches(record));
    }

    [Fact]
    public void Does_not_match_when_layers_is_an_object()
    {
        // An object has no text, so not even '*' matches it.
        JsonObject record = Record();
        record["requestParameters"]!["layers"] = new JsonObject { ["arn"] = "x" };
        Assert.False(Matches(record));
    }

    [SharedDataFact]
    public void Flags_line_36_of_the_stratus_red_team_log_and_no_other_record()
    {
        string path = SharedData.PathOf("events/cloudtrail/stratus_red_team_detonation_logs.jsonl.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var matched = new System.Collections.Generic.Dictionary<int, string>();
        int line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
                continue;
            using JsonDocument document = JsonDocument.Parse(text);
            if (Rule.Value.IsMatch(document.RootElement))
                matched[line] = text;
        }
        Assert.Contains(36, matched.Keys);
        // Any other hit must be a genuine layer attachment too.
        foreach (string record in matched.Values)
            Assert.Contains("\"layers\":[\"arn:", record);
    }
}
