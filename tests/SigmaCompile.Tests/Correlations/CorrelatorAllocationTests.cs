using System.Text.Json;
using SigmaCompile.Correlations;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Correlations;

/// <summary>An event that feeds no correlation costs no allocation, its time read included.</summary>
public sealed class CorrelatorAllocationTests
{
    [Theory]
    [InlineData("{\"@timestamp\": \"2024-05-06T10:00:00.1234567Z\", \"EventID\": 1, \"User\": \"alice\"}")]
    [InlineData("{\"@timestamp\": \"2024-05-06T10:00:00Z\", \"EventID\": 4688, \"User\": \"alice\"}")]
    [InlineData("{\"Event\": {\"System\": {\"EventID\": 4688, \"TimeCreated\": {\"#attributes\": {\"SystemTime\": \"2024-05-06T10:00:00.123456Z\"}}}}}")]
    [InlineData("{\"eventTime\": \"2024-05-06T10:00:00Z\", \"eventSource\": \"s3.amazonaws.com\"}")]
    [InlineData("{\"timestamp\": 1714989600123, \"EventID\": 1}")]
    [InlineData("{\"EventID\": 4688}")]
    public void Events_that_match_no_referenced_rule_allocate_nothing(string json)
    {
        var correlator = new Correlator(CorrelationFixture.Set,
            new ICorrelationRule[] { FailedLogonsExampleTests.FailuresThenSuccess, FailedLogonsExampleTests.ManyFailures });
        var output = new CorrelatorOutput();
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement evt = document.RootElement;
        var reference = new EventReference("allocation", 1);

        long bytes = AllocationMeter.SteadyStateBytes(() => correlator.Process(evt, reference, output), warmUp: 200, repeat: 2000);

        Assert.Equal(0, bytes);
    }
}
