using SigmaCompile.PackageTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SigmaCompile.PackageTests;

/// <summary>
/// Which of the usual .NET mechanisms re-level a SIGMA diagnostic. The diagnostics are located in YAML files, which
/// are not C# syntax trees, so the compiler applies the project-wide settings (NoWarn, WarningsAsErrors,
/// TreatWarningsAsErrors, a global AnalyzerConfig such as .globalconfig) but not the dotnet_diagnostic keys of
/// .editorconfig sections, which it applies to C# files only. SigmaCompile's own key in an .editorconfig section,
/// sigma_diagnostic.SIGMAnnn.severity, does apply to the rule files the section matches. docs/diagnostics.md says
/// exactly this.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class DiagnosticSeverityTests(PackedPackage package, ITestOutputHelper log)
{
    private const string Warning = "rules/severe_level.yml(11,8): warning SIGMA019:";
    private const string Error = "rules/severe_level.yml(11,8): error SIGMA019:";

    [Fact]
    public void A_SIGMA_warning_is_relevelled_by_globalconfig_NoWarn_WarningsAsErrors_and_sigma_diagnostic_editorconfig_keys()
    {
        ConsumerApp app = ConsumerApp.Create(package, "severity", log);
        app.CopyFixture("rules/win_whoami.yml", "rules/win_whoami.yml");
        app.CopyFixture("more-rules/severe_level.yml", "rules/severe_level.yml");

        // By default: a warning at the file, line and column; the build succeeds.
        Assert.Contains(Warning, app.BuildSucceeds().Output);

        // An .editorconfig section's dotnet_diagnostic key does not apply to the rule files ...
        app.WriteFile(".editorconfig", "root = true\n\n[*.{yml,yaml}]\ndotnet_diagnostic.SIGMA019.severity = error\n");
        Assert.Contains(Warning, app.BuildSucceeds().Output);

        // ... but SigmaCompile's sigma_diagnostic key does, to the files the section matches.
        app.WriteFile(".editorconfig", "root = true\n\n[rules/severe_*.yml]\nsigma_diagnostic.SIGMA019.severity = error\n");
        CommandResult fromEditorConfig = app.Build();
        Assert.False(fromEditorConfig.Succeeded, "SIGMA019 as an error from .editorconfig must fail the build:\n" + fromEditorConfig);
        Assert.Contains(Error, fromEditorConfig.Output);
        app.WriteFile(".editorconfig", "root = true\n\n[*.yml]\nsigma_diagnostic.SIGMA019.severity = none\n");
        Assert.DoesNotContain("SIGMA019", app.BuildSucceeds().Output);
        app.WriteFile(".editorconfig", "root = true\n\n[other/*.yml]\nsigma_diagnostic.SIGMA019.severity = error\n");
        Assert.Contains(Warning, app.BuildSucceeds().Output);
        app.DeleteFile(".editorconfig");

        // A global AnalyzerConfig file (.globalconfig next to the project is picked up by the SDK) does.
        app.WriteFile(".globalconfig", "is_global = true\ndotnet_diagnostic.SIGMA019.severity = error\n");
        CommandResult asError = app.Build();
        Assert.False(asError.Succeeded, "SIGMA019 as an error must fail the build:\n" + asError);
        Assert.Contains(Error, asError.Output);

        app.WriteFile(".globalconfig", "is_global = true\ndotnet_diagnostic.SIGMA019.severity = none\n");
        Assert.DoesNotContain("SIGMA019", app.BuildSucceeds().Output);
        app.DeleteFile(".globalconfig");

        // NoWarn in the project file silences it.
        const string noWarn = "  <PropertyGroup>\n    <NoWarn>$(NoWarn);SIGMA019</NoWarn>\n  </PropertyGroup>";
        app.AddToProject(noWarn);
        Assert.DoesNotContain("SIGMA019", app.BuildSucceeds().Output);
        app.RemoveFromProject(noWarn);

        // WarningsAsErrors in the project file makes it an error.
        app.AddToProject("  <PropertyGroup>\n    <WarningsAsErrors>$(WarningsAsErrors);SIGMA019</WarningsAsErrors>\n  </PropertyGroup>");
        CommandResult warningsAsErrors = app.Build();
        Assert.False(warningsAsErrors.Succeeded, "WarningsAsErrors must fail the build:\n" + warningsAsErrors);
        Assert.Contains(Error, warningsAsErrors.Output);
    }
}
