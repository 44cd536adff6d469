using System.IO;
using SigmaCompile.Catalog;
using SigmaScan.Catalog;
using SigmaScan.Tests.Infrastructure;
using Xunit;

namespace SigmaScan.Tests.Catalog;

/// <summary>The terminal page of <c>--describe</c> for the seed rule, compared with a checked-in snapshot (shown in the README).</summary>
public sealed class DescribeSnapshotTests
{
    [Fact]
    public void The_seed_rule_described_in_the_terminal()
    {
        RuleCatalog catalog = RuleFolders.RepositoryCompiled.Catalog;
        var output = new StringWriter { NewLine = "\n" };
        RuleDescription.Write(output, CatalogWriterTests.Rule(catalog, "AWS New Lambda Layer Attached"), catalog);
        Snapshot.Match(output.ToString(), "AwsNewLambdaLayerAttached.describe", "txt");
    }
}
