using System;
using System.Collections.Generic;
using System.Text.Json;
using SigmaCompile.Correlations;
using SigmaCompile.Matching;
using Xunit;

namespace SigmaCompile.Tests.Correlations;

/// <summary>How a detection source reads an event's group: the first value with text of each group-by field.</summary>
public sealed class CorrelationSourceGroupTests
{
    private static readonly CorrelationSource Source = CorrelationSource.Detection(
        "login", Guid.Parse("11111111-1111-4111-8111-111111111111"),
        new[] { new FieldPath("user"), new FieldPath("host.name", "hostname") });

    private static IReadOnlyList<string>? Group(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return Source.ReadGroup(document.RootElement);
    }

    [Fact]
    public void Reads_each_field_in_group_by_order()
    {
        Assert.Equal(new[] { "alice", "web1" }, Group("""{"user":"alice","host":{"name":"web1"}}"""));
    }

    [Fact]
    public void Strings_are_unescaped_and_numbers_and_booleans_keep_their_json_text()
    {
        Assert.Equal(new[] { "\u00e9ve", "4688" }, Group("""{"user":"\u00e9ve","hostname":4688}"""));
        Assert.Equal(new[] { "true", "1.50" }, Group("""{"user":true,"hostname":1.50}"""));
    }

    [Fact]
    public void Takes_the_first_element_with_text_of_an_array_and_the_first_path_that_has_one()
    {
        Assert.Equal(new[] { "bob", "h2" }, Group("""{"user":[null,"",{"x":1},"bob","carol"],"host":{"name":null},"hostname":"h2"}"""));
    }

    [Theory]
    [InlineData("""{"host":{"name":"web1"}}""")]
    [InlineData("""{"user":"","host":{"name":"web1"}}""")]
    [InlineData("""{"user":null,"host":{"name":"web1"}}""")]
    [InlineData("""{"user":"alice","host":{"name":[]}}""")]
    [InlineData("""{"user":"alice","host":{"name":{"first":"web1"}}}""")]
    public void A_field_without_a_value_with_text_means_no_group(string json)
    {
        Assert.Null(Group(json));
    }

    [Fact]
    public void A_correlation_source_has_no_event_group()
    {
        CorrelationSource chain = CorrelationSource.Correlation("inner", Guid.NewGuid(), new[] { "user" });
        using JsonDocument document = JsonDocument.Parse("""{"user":"alice"}""");
        Assert.Throws<InvalidOperationException>(() => chain.ReadGroup(document.RootElement));
    }
}
