using System;
using System.Globalization;

namespace SigmaCompile.Matching;

/// <summary><c>lt</c>, <c>lte</c>, <c>gt</c>, <c>gte</c>: the value read as a number (a JSON number or a numeric string).</summary>
internal sealed class ComparePattern : TextPattern
{
    private readonly Func<double, bool> _test;

    public ComparePattern(string operation, double bound)
    {
        _test = operation switch
        {
            "lt" => v => v < bound,
            "lte" => v => v <= bound,
            "gt" => v => v > bound,
            "gte" => v => v >= bound,
            _ => throw new ArgumentException($"unknown comparison '{operation}'", nameof(operation)),
        };
    }

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
    private readonly string _part;
    private readonly Func<int, bool> _test;

    public TimePartPattern(string option, int value)
    {
        int colon = option.IndexOf(':');
        _part = colon < 0 ? option : option[..colon];
        string operation = colon < 0 ? "eq" : option[(colon + 1)..];
        _test = operation switch
        {
            "eq" => v => v == value,
            "lt" => v => v < value,
            "lte" => v => v <= value,
            "gt" => v => v > value,
            "gte" => v => v >= value,
            _ => throw new ArgumentException($"unknown comparison '{operation}'", nameof(option)),
        };
        if (_part is not ("minute" or "hour" or "day" or "week" or "month" or "year"))
            throw new ArgumentException($"unknown time part '{_part}'", nameof(option));
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
            "minute" => utc.Minute,
            "hour" => utc.Hour,
            "day" => utc.Day,
            "week" => ISOWeek.GetWeekOfYear(utc),
            "month" => utc.Month,
            _ => utc.Year,
        };
        return _test(part);
    }
}
