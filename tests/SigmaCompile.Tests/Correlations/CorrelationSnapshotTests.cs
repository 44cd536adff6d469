using System.Linq;
using Microsoft.CodeAnalysis;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Correlations;

/// <summary>
/// The generated correlation classes and the registry's list, compared with checked-in <c>Snapshots/*.verified.cs</c>
/// files (<c>SIGMA_UPDATE_SNAPSHOTS=1</c> rewrites them): the specification's failed-logons chain and its aliases
/// example.
/// </summary>
public sealed class CorrelationSnapshotTests
{
    // The specification's aliases example, with the two detection rules it names.
    internal const string AliasesExample = """
        title: Internal error
        id: 1c1d0f6a-0a5e-4f3b-9c35-6a3e2b0c1d01
        name: internal_error
        logsource:
            category: webserver
        detection:
            selection:
                http.response.status_code: 500
            condition: selection
        ---
        title: New network connection
        id: 1c1d0f6a-0a5e-4f3b-9c35-6a3e2b0c1d02
        name: new_network_connection
        logsource:
            category: network_connection
        detection:
            selection:
                event.category: network
                event.type: connection
                event.outcome: success
            condition: selection
        ---
        title: Error then connection back
        id: 1c1d0f6a-0a5e-4f3b-9c35-6a3e2b0c1d03
        level: medium
        correlation:
            type: temporal
            rules:
                - internal_error
                - new_network_connection
            group-by:
                - internal_ip
                - remote_ip
            timespan: 10s
            aliases:
                internal_ip:
                    internal_error: destination.ip
                    new_network_connection: source.ip
                remote_ip:
                    internal_error: source.ip
                    new_network_connection: destination.ip
        """;

    private static GeneratorDriverRunResult Run() => GeneratorHarness.Run(new[]
    {
        GeneratorHarness.Rule("mr_failed_logins.yml", FailedLogonsYamlTests.Example),
        GeneratorHarness.Rule("mr_error_then_connection.yml", AliasesExample),
    }).Result;

    [Theory]
    [InlineData("MultipleFailedLogons")]
    [InlineData("CorrelationMultipleFailedLoginsFollowedBySuccessfulLogin")]
    [InlineData("ErrorThenConnectionBack")]
    [InlineData("SigmaRules.Correlations")]
    public void Generated_correlations(string className)
    {
        GeneratorDriverRunResult result = Run();
        Assert.Empty(result.Diagnostics);
        GeneratedSourceResult source = result.Results.Single().GeneratedSources.Single(s => s.HintName == className + ".g.cs");
        Snapshot.Match(source.SourceText.ToString(), className);
    }
}
