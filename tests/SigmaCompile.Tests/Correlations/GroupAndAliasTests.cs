using System;
using System.Linq;
using SigmaCompile.Correlations;
using SigmaCompile.Matching;
using Xunit;
using static SigmaCompile.Tests.Correlations.CorrelationFixture;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// How group-by values are read (as text, the first value with text, numbers through their JSON text; no value
/// means no part in the correlation), and aliases: one group-by name read from a different field per rule.
/// </summary>
public sealed class GroupAndAliasTests
{
    private static readonly HandWrittenCorrelation PerUser = new()
    {
        Title = "two failures per user",
        Type = CorrelationType.EventCount,
        Timespan = TimeSpan.FromMinutes(5),
        Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 2),
        GroupBy = new[] { "User" },
        Sources = new[] { Source(FailedLogon, "User") },
    };

    private static string Failure(double seconds, object? user) => CorrelationRun.Event(seconds, ("EventID", 4625), ("User", user));

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("{\"Name\": \"alice\"}")]
    [InlineData("[]")]
    [InlineData("[null, \"\"]")]
    public void An_event_without_a_group_value_takes_no_part_and_is_counted(string user)
    {
        var run = new CorrelationRun(PerUser);
        string json = "{\"@timestamp\": \"2024-05-06T10:00:00Z\", \"EventID\": 4625, \"User\": " + user + "}";
        run.Feed(json);
        run.Feed(json);
        run.Feed("{\"@timestamp\": \"2024-05-06T10:00:01Z\", \"EventID\": 4625}");
        run.Flush();
        Assert.Empty(run.Alerts);
        Assert.Equal(3, run.Correlator.EventsWithoutGroup);
        Assert.Equal(0, run.Correlator.LiveGroups);
    }

    [Fact]
    public void An_array_groups_by_its_first_element_with_text()
    {
        var run = new CorrelationRun(PerUser);
        run.Feed(Failure(0, new object?[] { null, "alice", "bob" }));
        CorrelationAlert alert = Assert.Single(run.Feed(Failure(1, "alice")));
        Assert.Equal("alice", alert.GroupValue("User"));
    }

    [Fact]
    public void Numbers_and_booleans_group_by_their_json_text()
    {
        var run = new CorrelationRun(PerUser);
        run.Feed(Failure(0, 1001));
        CorrelationAlert alert = Assert.Single(run.Feed(Failure(1, "1001")));
        Assert.Equal("1001", alert.GroupValue("User"));

        var flags = new CorrelationRun(PerUser);
        flags.Feed(Failure(0, true));
        Assert.Equal("true", Assert.Single(flags.Feed(Failure(1, "true"))).GroupValue("User"));
    }

    [Fact]
    public void Group_values_are_case_sensitive()
    {
        var run = new CorrelationRun(PerUser);
        run.Feed(Failure(0, "Alice"));
        run.Feed(Failure(1, "alice"));
        Assert.Empty(run.Alerts);
    }

    [Fact]
    public void A_field_mapped_to_several_paths_reads_the_first_that_has_a_value()
    {
        var rule = new HandWrittenCorrelation
        {
            Type = CorrelationType.EventCount,
            Timespan = TimeSpan.FromMinutes(5),
            Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 2),
            GroupBy = new[] { "User" },
            Sources = new[] { CorrelationSource.Detection("failed_login", FailedLogon, new[] { new FieldPath("TargetUserName", "user.name") }) },
        };
        var run = new CorrelationRun(rule);
        run.Feed("{\"@timestamp\": \"2024-05-06T10:00:00Z\", \"EventID\": 4625, \"TargetUserName\": \"alice\"}");
        CorrelationAlert alert = Assert.Single(run.Feed("{\"@timestamp\": \"2024-05-06T10:00:01Z\", \"EventID\": 4625, \"user\": {\"name\": \"alice\"}}"));
        Assert.Equal(new[] { "User" }, alert.Group.Select(g => g.Key));
    }

    [Fact]
    public void Aliases_read_one_group_by_name_from_a_different_field_per_rule()
    {
        // The specification's alias example in spirit: a failed logon from a source address, then a transfer to that
        // address as destination, grouped by the alias "remote_ip".
        var rule = new HandWrittenCorrelation
        {
            Type = CorrelationType.Temporal,
            Timespan = TimeSpan.FromSeconds(10),
            Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 2),
            GroupBy = new[] { "remote_ip" },
            Sources = new[] { Source(FailedLogon, "source.ip"), Source(Transfer, "destination.ip") },
        };
        var run = new CorrelationRun(rule);
        run.Feed(CorrelationRun.Event(0, ("EventID", 4625), ("source", new { ip = "10.0.0.5" })));
        run.Feed(CorrelationRun.Event(1, ("EventID", 5156), ("destination", new { ip = "10.0.0.6" })));
        Assert.Empty(run.Alerts);
        CorrelationAlert alert = Assert.Single(run.Feed(CorrelationRun.Event(2, ("EventID", 5156), ("destination", new { ip = "10.0.0.5" }))));
        Assert.Equal("10.0.0.5", alert.GroupValue("remote_ip"));
    }

    [Fact]
    public void Multiple_group_values_never_collide_however_they_are_written()
    {
        var rule = new HandWrittenCorrelation
        {
            Type = CorrelationType.EventCount,
            Timespan = TimeSpan.FromMinutes(5),
            Condition = Condition(CorrelationOperator.GreaterThanOrEqual, 2),
            GroupBy = new[] { "User", "Computer" },
            Sources = new[] { Source(FailedLogon, "User", "Computer") },
        };
        var run = new CorrelationRun(rule);
        run.Feed(CorrelationRun.Event(0, ("EventID", 4625), ("User", "a:1"), ("Computer", "b")));
        run.Feed(CorrelationRun.Event(1, ("EventID", 4625), ("User", "a"), ("Computer", "1:b")));
        run.Flush();
        Assert.Empty(run.Alerts);
        Assert.Equal(0, run.Correlator.LiveGroups);
    }
}
