using System;
using System.Globalization;

namespace SigmaScan.Output;

/// <summary>How every output writes the parts of a correlation alert as text.</summary>
internal static class AlertText
{
    /// <summary>An event time in UTC as RFC 3339, without trailing zeros in the fraction, e.g. <c>2026-11-30T08:00:00Z</c>.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>The aggregated value: whole numbers without a fraction, others in the shortest form that reads back the same.</summary>
    public static string Value(double value) =>
        IsWhole(value) ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="value"/> is a whole number that a long holds exactly.</summary>
    public static bool IsWhole(double value) => Math.Floor(value) == value && Math.Abs(value) < 9e15;
}
