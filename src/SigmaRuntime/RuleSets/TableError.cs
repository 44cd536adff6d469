using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace SigmaCompile.RuleSets;

/// <summary>
/// The <see cref="ArgumentException"/> a table's constructor throws for data it refuses, formatted here rather than
/// by string interpolation where it is thrown: the constructors run once per set, several are compiled optimised
/// at once, and the JIT compiled each interpolation's formatting into them, which lengthened building the set
/// (docs/performance.md, "The tables read in place"). Also the checks that more than one table makes.
/// </summary>
internal static class TableError
{
    /// <summary>
    /// Refuses field offsets (where each field's paths start, one more entry than fields) that do not start at 0,
    /// end at <paramref name="paths"/>, or give every field a path.
    /// </summary>
    public static void CheckFieldOffsets(int[] fieldOffsets, int paths)
    {
        ArgumentNullException.ThrowIfNull(fieldOffsets);
        if (fieldOffsets.Length == 0 || fieldOffsets[0] != 0 || fieldOffsets[^1] != paths)
            throw new ArgumentException("the field offsets must start at 0 and end at the number of paths", nameof(fieldOffsets));
        for (int f = 1; f < fieldOffsets.Length; f++)
        {
            if (fieldOffsets[f] <= fieldOffsets[f - 1])
                throw Of("field {0} has no paths", f - 1, nameof(fieldOffsets));
        }
    }

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
