using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace SigmaCompile.RuleSets;

/// <summary>
/// Compiles ahead the code a rule set runs for every event. That code is compiled optimised on its first call
/// (it carries <see cref="MethodImplOptions.AggressiveOptimization"/>), which otherwise falls on the first event a
/// set matches: about 40 ms of compiling for a large rule set, on the thread that matches it. A program with a thread
/// that would otherwise wait while another builds the set (SigmaScan's main thread, while its primer builds the set)
/// can compile that code meanwhile; see docs/performance.md, "The matching code compiled while the set is built".
/// </summary>
public static class MatchingCode
{
    /// <summary>
    /// Compiles the methods a rule set runs per event, one after another, until <paramref name="stop"/> returns true
    /// (asked first, then before each method). Safe to call while other threads build or use rule sets: a method is
    /// compiled once, whoever asks first. Returns how many methods it asked the JIT for; 0 where code is not compiled
    /// at run time (native AOT).
    /// </summary>
    /// <param name="stop">Whether to stop now, for example because what the caller waited for is ready.</param>
    public static int Prepare(Func<bool> stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        if (!RuntimeFeature.IsDynamicCodeCompiled || stop())
            return 0;
        int prepared = 0;
        foreach (MethodInfo method in Methods())
        {
            if (stop())
                break;
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
            prepared++;
        }
        return prepared;
    }

    /// <summary>
    /// The runtime's methods compiled optimised on first call, in the order of their types. The generic ones (the
    /// needle scans, one instance per sink) are left to their first call: compiling every instance cost more than it
    /// saved (docs/performance.md).
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only compiles methods that exist; one the trimmer removed is never called, so it needs no compiling.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "As above: the methods looked for are those left in the assembly.")]
    internal static List<MethodInfo> Methods()
    {
        const BindingFlags declared = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var methods = new List<MethodInfo>();
        foreach (Type type in typeof(MatchingCode).Assembly.GetTypes())
        {
            if (type.ContainsGenericParameters)
                continue;
            foreach (MethodInfo method in type.GetMethods(declared))
            {
                if ((method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0 && !method.IsGenericMethodDefinition && !method.IsAbstract)
                    methods.Add(method);
            }
        }
        return methods;
    }
}
