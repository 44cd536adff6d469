using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace SigmaCompile.RuleSets;

/// <summary>
/// The <see cref="ArgumentException"/> a table's constructor throws for data it refuses, formatted here rather than
/// by string interpolation where it is thrown: the constructors run once per set, several are compiled optimised
/// at once, and the JIT compiled each interpolation's formatting into them, which lengthened building the set
/// (docs/performance.md, "The tables read in place").
/// </summary>
internal static class TableError
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ArgumentException Of(string format, object a, string parameter) =>
        new(string.Format(CultureInfo.InvariantCulture, format, a), parameter);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ArgumentException Of(string format, object a, object b, string parameter) =>
        new(string.Format(CultureInfo.InvariantCulture, format, a, b), parameter);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ArgumentException Of(string format, object a, object b, object c, string parameter) =>
        new(string.Format(CultureInfo.InvariantCulture, format, a, b, c), parameter);
}
