using System;
using Xunit;

namespace SigmaScan.Tests.Infrastructure;

/// <summary>A fact about Unix file kinds (named pipes), skipped with its reason on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
            Skip = "named pipes as files are a Unix matter";
    }
}
