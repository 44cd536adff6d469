using System.Collections.Generic;
using System.Linq;
using SigmaCompile.Correlations;
using Xunit;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// The "done means": the specification's failed-logons example, as one multi-document YAML file, compiled by
/// the generator and run through a <see cref="Correlator"/>: exactly one temporal_ordered alert, for the user with ten
/// failures then a success within ten minutes.
/// </summary>
public sealed class FailedLogonsYamlTests
{
    // The specification's example (correlation rules, "Failed Logins Followed by Successful Login"), in one file.
    internal const string Example = """
        title: Correlation - Multiple Failed Logins Followed by Successful Login
        id: b180ead8-d58f-40b2-ae54-c8940995b9b6
        status: experimental
        description: Detects multiple failed logins by a single user followed by a successful login of that user
        references:
            - https://reference.com
        author: Florian Roth (Nextron Systems)
        date: 2023-06-16
        correlation:
            type: temporal_ordered
            rules:
                - multiple_failed_login
                - successful_login
            group-by:
                - User
            timespan: 10m
        falsepositives:
            - Unlikely
        level: high
        ---
        title: Multiple failed logons
        id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
        description: Detects multiple failed logins within a certain amount of time
        name: multiple_failed_login
        correlation:
            type: event_count
            rules:
                - failed_login
            group-by:
                - User
            timespan: 10m
            condition:
                gte: 10
        ---
        title: Single failed login
        id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
        name: failed_login
        logsource:
            product: windows
            service: security
        detection:
            selection:
                EventID:
                    - 529
                    - 4625
            condition: selection
        ---
        title: Successful login
        id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
        description: Detects a successful login
        name: successful_login
        logsource:
            product: windows
            service: security
        detection:
            selection:
                EventID:
                    - 528
                    - 4624
            condition: selection
        """;

    private static readonly CompiledCorrelations Compiled = CompiledCorrelations.Compile(("mr_failed_logins_then_success.yml", Example));

    // Ten failures and a success for alice within ten minutes; six failures and a success for bob, interleaved.
    private static List<string> Events()
    {
        var events = new List<string>();
        for (int i = 0; i < 10; i++)
        {
            events.Add(CorrelationRun.Event(i * 30, ("EventID", 4625), ("User", "alice")));
            if (i < 6)
                events.Add(CorrelationRun.Event(i * 30 + 5, ("EventID", 4625), ("User", "bob")));
        }
        events.Add(CorrelationRun.Event(320, ("EventID", 4624), ("User", "alice")));
        events.Add(CorrelationRun.Event(330, ("EventID", 4624), ("User", "bob")));
        return events;
    }

    [Fact]
    public void The_example_compiles_to_two_detection_rules_and_two_correlations()
    {
        Assert.Equal(new[] { "Single failed login", "Successful login" }, Compiled.Set.Rules.Select(r => r.Title).OrderBy(t => t));
        Assert.Equal(2, Compiled.Correlations.Count);
        ICorrelationRule outer = Compiled["Correlation - Multiple Failed Logins Followed by Successful Login"];
        Assert.Equal(CorrelationType.TemporalOrdered, outer.Type);
        Assert.Equal(RuleLevel.High, outer.Level);
        Assert.Null(outer.Name);
        Assert.Equal(new[] { "multiple_failed_login", "successful_login" }, outer.Sources.Select(s => s.Reference));
        Assert.True(outer.Sources[0].IsCorrelation);
        Assert.False(outer.Sources[1].IsCorrelation);
        // No condition written: a temporal type needs every referenced rule.
        Assert.Equal("gte: 2", outer.Condition.ToString());
    }

    [Fact]
    public void Ten_failures_then_a_success_give_exactly_one_temporal_ordered_alert_for_that_user()
    {
        CorrelationRun run = Compiled.Run();
        run.FeedAll(Events());
        run.Flush();

        CorrelationAlert alert = Assert.Single(run.Alerts);
        Assert.Equal(CorrelationType.TemporalOrdered, alert.Type);
        Assert.Equal("Correlation - Multiple Failed Logins Followed by Successful Login", alert.Rule.Title);
        Assert.Equal(new[] { new KeyValuePair<string, string>("User", "alice") }, alert.Group);
        Assert.Equal(CorrelationRun.Start.AddSeconds(270), alert.FirstTime);
        Assert.Equal(CorrelationRun.Start.AddSeconds(320), alert.LastTime);
        // No generate: the logon rules report only through the correlation.
        Assert.Empty(run.Detections);
    }
}
