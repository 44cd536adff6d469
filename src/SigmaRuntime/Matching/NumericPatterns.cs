using System;
using System.Globalization;

namespace SigmaCompile.Matching;

/// <summary><c>lt</c>, <c>lte</c>, <c>gt</c>, <c>gte</c>: the value read as a number (a JSON number or a numeric string).</summary>
internal sealed class ComparePattern : TextPattern
{
    private readonly Func<double, bool> _test;

    public ComparePattern(NumericComparison comparison, double bound) => _test = Test(comparison, bound);

    /// <summary>Whether a value compares with <paramref name="bound"/> as <paramref name="comparison"/> says.</summary>
    internal static Func<double, bool> Test(NumericComparison comparison, double bound) =>
        comparison switch
        {
            NumericComparison.Equal => v => v == bound,
            NumericComparison.LessThan => v => v < bound,
            NumericComparison.LessThanOrEqual => v => v <= bound,
            NumericComparison.GreaterThan => v => v > bound,
            NumericComparison.GreaterThanOrEqual => v => v >= bound,
            _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, "unknown comparison"),
        };

    public override bool IsMatch(ReadOnlySpan<char> text) => TryParse(text, out double value) && _test(value);

    internal static bool TryParse(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}

/// <summary>
/// <c>minute</c>, <c>hour</c>, <c>day</c>, <c>week</c> (ISO-8601), <c>month</c>, <c>year</c>: a part of an ISO-8601
/// timestamp taken in UTC, compared for equality or with <c>lt</c>/<c>lte</c>/<c>gt</c>/<c>gte</c>. Text that is not
/// a timestamp does not match.
/// </summary>
internal sealed class TimePartPattern : TextPattern
{
    private readonly TimestampPart _part;
    private readonly Func<double, bool> _test;

    public TimePartPattern(TimestampPart part, NumericComparison comparison, int value)
    {
        if (part is < TimestampPart.Minute or > TimestampPart.Year)
            throw new ArgumentOutOfRangeException(nameof(part), part, "unknown time part");
        _part = part;
        _test = ComparePattern.Test(comparison, value); // every int is exact as a double
    }

    public override bool IsMatch(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        // Require a date and a time, so bare numbers are never read as timestamps.
        if (text.Length < 16 || text[4] != '-' || text.IndexOfAny('T', 't', ' ') != 10)
            return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time))
            return false;
        DateTime utc = time.UtcDateTime;
        int part = _part switch
        {
            TimestampPart.Minute => utc.Minute,
            TimestampPart.Hour => utc.Hour,
            TimestampPart.Day => utc.Day,
            TimestampPart.Week => ISOWeek.GetWeekOfYear(utc),
            TimestampPart.Month => utc.Month,
            _ => utc.Year,
        };
        return _test(part);
    }
}
