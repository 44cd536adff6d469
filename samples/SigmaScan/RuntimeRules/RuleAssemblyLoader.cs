using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using SigmaCompile;
using SigmaCompile.Catalog;
using SigmaCompile.Correlations;
using SigmaCompile.RuleSets;

namespace SigmaScan.RuntimeRules;

/// <summary>The compiled rules could not be loaded (a damaged image, or one built against other assemblies).</summary>
internal sealed class RuleLoadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Loads a compiled rules assembly from its bytes and finds its registry, <c>SigmaRules</c>.</summary>
internal static class RuleAssemblyLoader
{
    /// <summary>
    /// Loads <paramref name="image"/> into a load context of its own. The context resolves nothing itself, so the
    /// rules bind to the SigmaRuntime and framework assemblies this process has already loaded.
    /// </summary>
    /// <exception cref="RuleLoadException">The image is not a rules assembly this SigmaScan can use.</exception>
    public static CompiledRules Load(byte[] image)
    {
        try
        {
            var context = new AssemblyLoadContext("SigmaScan compiled rules");
            Assembly assembly = context.LoadFromStream(new MemoryStream(image, writable: false));
            Type registry = assembly.GetType(RuleCompiler.RegistryType, throwOnError: true)!;
            return new CompiledRules(
                Get<IReadOnlyList<IDetectionRule>>(registry, "All"),
                Get<RuleSet>(registry, "Set"),
                Get<IReadOnlyList<ICorrelationRule>>(registry, "Correlations"),
                () => Get<RuleCatalog>(registry, "Catalog"));
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or TypeLoadException or TargetInvocationException
            or InvalidCastException or MissingMemberException or IOException)
        {
            throw new RuleLoadException("cannot load the compiled rules: " + e.Message, e);
        }
    }

    private static T Get<T>(Type registry, string property) =>
        (T)(registry.GetProperty(property, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
            ?? throw new MissingMemberException(registry.FullName, property));
}
