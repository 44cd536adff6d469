using System;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Semantics;

/// <summary>lt, lte, gt, gte on numbers and numeric strings; minute, hour, day, week, month, year on ISO-8601 timestamps in UTC.</summary>
public sealed class NumericAndTimeModifierTests
{
    private static bool Match(string detection, string json) => Detections.Matches(detection, json);

    private static string Rule(string item, string value) => $"sel:\n  F|{item}: {value}\ncondition: sel";

    // ---- lt / lte / gt / gte --------------------------------------------------------------------------

    [Theory]
    [InlineData("lt", "4", true)]
    [InlineData("lt", "5", false)]
    [InlineData("lt", "6", false)]
    [InlineData("lte", "4", true)]
    [InlineData("lte", "5", true)]
    [InlineData("lte", "6", false)]
    [InlineData("gt", "4", false)]
    [InlineData("gt", "5", false)]
    [InlineData("gt", "6", true)]
    [InlineData("gte", "4", false)]
    [InlineData("gte", "5", true)]
    [InlineData("gte", "6", true)]
    [InlineData("lt", "-10", true)]
    [InlineData("gt", "5.0001", true)]
    [InlineData("lt", "4.9999", true)]
    [InlineData("gte", "5.0", true)]
    [InlineData("gt", "1e3", true)]
    [InlineData("lt", "-1e3", true)]
    public void Comparisons_on_json_numbers_respect_their_boundaries(string op, string jsonNumber, bool expected) =>
        Assert.Equal(expected, Match(Rule(op, "5"), "{\"F\":" + jsonNumber + "}"));

    [Theory]
    [InlineData("lt", "4", true)]
    [InlineData("lt", "5", false)]
    [InlineData("lte", "5", true)]
    [InlineData("gt", "5", false)]
    [InlineData("gt", "6", true)]
    [InlineData("gte", "5", true)]
    [InlineData("gte", " 5 ", true)]
    [InlineData("gte", "5.5", true)]
    [InlineData("lt", "-0.5", true)]
    public void Comparisons_read_numeric_strings(string op, string text, bool expected) =>
        Assert.Equal(expected, Match(Rule(op, "5"), Events.With("F", text)));

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("\"\"")]
    [InlineData("\"5 apples\"")]
    [InlineData("\"0x10\"")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("{\"v\":10}")]
    [InlineData("[]")]
    public void A_value_that_is_not_a_number_does_not_match_any_comparison(string jsonValue)
    {
        string json = "{\"F\":" + jsonValue + "}";
        Assert.False(Match(Rule("gt", "-1000000"), json));
        Assert.False(Match(Rule("lt", "1000000"), json));
        Assert.False(Match(Rule("gte", "0"), json));
        Assert.False(Match(Rule("lte", "0"), json));
    }

    [Fact]
    public void A_missing_field_does_not_match_a_comparison() =>
        Assert.False(Match(Rule("lt", "1000000"), "{}"));

    [Theory]
    [InlineData("1.5", "1.5", true)]
    [InlineData("1.5", "1.49", false)]
    [InlineData("'1.5'", "1.5", true)]
    [InlineData("-3", "-3", true)]
    [InlineData("-3", "-3.01", false)]
    public void Rule_values_may_be_floats_negatives_or_quoted(string ruleValue, string jsonNumber, bool expected) =>
        Assert.Equal(expected, Match(Rule("gte", ruleValue), "{\"F\":" + jsonNumber + "}"));

    [Fact]
    public void A_comparison_on_an_array_holds_when_any_element_satisfies_it()
    {
        Assert.True(Match(Rule("gt", "5"), "{\"F\":[1,10]}"));
        Assert.False(Match(Rule("gt", "5"), "{\"F\":[1,2]}"));
    }

    [Fact]
    public void A_range_is_two_comparisons_on_one_field()
    {
        const string Detection = "sel_low:\n  F|gte: 1024\nsel_high:\n  F|lt: 49152\ncondition: sel_low and sel_high";
        Assert.True(Match(Detection, "{\"F\":1024}"));
        Assert.True(Match(Detection, "{\"F\":49151}"));
        Assert.False(Match(Detection, "{\"F\":1023}"));
        Assert.False(Match(Detection, "{\"F\":49152}"));
    }

    [Fact]
    public void A_list_of_bounds_is_or()
    {
        const string Detection = "sel:\n  F|lt:\n    - 10\n    - 20\ncondition: sel";
        Assert.True(Match(Detection, "{\"F\":15}"));
        Assert.False(Match(Detection, "{\"F\":20}"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("'ten'")]
    [InlineData("true")]
    [InlineData("null")]
    public void A_non_numeric_bound_is_a_compile_error(string value) =>
        Assert.Throws<InvalidOperationException>(() => Match(Rule("gt", value), "{\"F\":1}"));

    [Fact]
    public void Two_comparisons_in_one_chain_are_a_compile_error() =>
        Assert.Throws<InvalidOperationException>(() => Match("sel:\n  F|gt|lt: 5\ncondition: sel", "{\"F\":1}"));

    // ---- time parts -----------------------------------------------------------------------------------

    [Theory]
    [InlineData("2024-05-06T03:15:42Z", "minute", 15)]
    [InlineData("2024-05-06T03:15:42Z", "hour", 3)]
    [InlineData("2024-05-06T03:15:42Z", "day", 6)]
    [InlineData("2024-05-06T03:15:42Z", "week", 19)]
    [InlineData("2024-05-06T03:15:42Z", "month", 5)]
    [InlineData("2024-05-06T03:15:42Z", "year", 2024)]
    [InlineData("2024-05-06T03:15:42.1234567Z", "minute", 15)]
    [InlineData("2024-05-06T03:15:42.123Z", "hour", 3)]
    [InlineData("2024-05-06T03:15:00+02:00", "hour", 1)]
    [InlineData("2024-05-06T03:15:00-05:30", "hour", 8)]
    [InlineData("2024-05-06T03:15:00-05:30", "minute", 45)]
    [InlineData("2024-05-06T03:15:00.5+02:00", "hour", 1)]
    [InlineData("2024-05-06T03:15:00", "hour", 3)]
    [InlineData("2024-05-06 03:15:00", "hour", 3)]
    [InlineData("2024-01-01T01:00:00+02:00", "year", 2023)]
    [InlineData("2024-01-01T01:00:00+02:00", "month", 12)]
    [InlineData("2024-01-01T01:00:00+02:00", "day", 31)]
    [InlineData("2024-12-30T12:00:00Z", "week", 1)]
    [InlineData("2021-01-03T12:00:00Z", "week", 53)]
    [InlineData("2021-01-04T00:00:00Z", "week", 1)]
    [InlineData("2020-12-31T23:59:59Z", "week", 53)]
    public void A_time_part_is_read_in_utc(string timestamp, string part, int expectedValue)
    {
        Assert.True(Match(Rule(part, expectedValue.ToString(System.Globalization.CultureInfo.InvariantCulture)), Events.With("F", timestamp)));
        Assert.False(Match(Rule(part, (expectedValue + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), Events.With("F", timestamp)));
        Assert.False(Match(Rule(part, (expectedValue - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), Events.With("F", timestamp)));
    }

    [Theory]
    [InlineData("\"not a time\"")]
    [InlineData("\"2024-05-06\"")]
    [InlineData("\"2024\"")]
    [InlineData("2024")]
    [InlineData("\"03:15:00\"")]
    [InlineData("\"2024-13-06T03:15:00Z\"")]
    [InlineData("\"2024-05-06T25:15:00Z\"")]
    [InlineData("\"06/05/2024 03:15:00\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{\"hour\":3}")]
    public void A_value_that_is_not_a_timestamp_does_not_match(string jsonValue)
    {
        string json = "{\"F\":" + jsonValue + "}";
        Assert.False(Match(Rule("hour", "3"), json));
        Assert.False(Match(Rule("year", "2024"), json));
        Assert.False(Match(Rule("hour|gte", "0"), json));
        Assert.False(Match(Rule("year|lte", "9999"), json));
    }

    [Theory]
    [InlineData("2024-05-06T08:59:59Z", false)]
    [InlineData("2024-05-06T09:00:00Z", true)]
    [InlineData("2024-05-06T23:30:00Z", true)]
    [InlineData("2024-05-06T10:00:00+02:00", false)]
    [InlineData("2024-05-06T05:00:00-04:00", true)]
    public void Hour_gte_compares_the_utc_hour(string timestamp, bool expected) =>
        Assert.Equal(expected, Match(Rule("hour|gte", "9"), Events.With("F", timestamp)));

    [Theory]
    [InlineData("hour|lt", "6", "2024-05-06T05:59:00Z", true)]
    [InlineData("hour|lt", "6", "2024-05-06T06:00:00Z", false)]
    [InlineData("hour|lte", "6", "2024-05-06T06:59:00Z", true)]
    [InlineData("hour|gt", "20", "2024-05-06T20:59:00Z", false)]
    [InlineData("hour|gt", "20", "2024-05-06T21:00:00Z", true)]
    [InlineData("year|lt", "2020", "2019-12-31T23:00:00Z", true)]
    [InlineData("year|lt", "2020", "2020-01-01T00:30:00+01:00", true)]
    [InlineData("year|lt", "2020", "2020-01-01T00:30:00Z", false)]
    [InlineData("week|gte", "52", "2024-12-23T00:00:00Z", true)]
    [InlineData("week|gte", "52", "2024-12-30T00:00:00Z", false)]
    [InlineData("month|lte", "3", "2024-03-31T23:59:59Z", true)]
    [InlineData("month|lte", "3", "2024-04-01T00:00:00Z", false)]
    [InlineData("day|gt", "28", "2024-02-29T12:00:00Z", true)]
    [InlineData("minute|lt", "30", "2024-02-29T12:29:59Z", true)]
    [InlineData("minute|lt", "30", "2024-02-29T12:30:00Z", false)]
    public void Time_parts_chain_with_comparisons(string chain, string value, string timestamp, bool expected) =>
        Assert.Equal(expected, Match(Rule(chain, value), Events.With("F", timestamp)));

    [Fact]
    public void A_list_of_time_part_values_is_or()
    {
        const string Detection = "sel:\n  F|hour:\n    - 0\n    - 1\n    - 2\ncondition: sel";
        Assert.True(Match(Detection, Events.With("F", "2024-05-06T01:10:00Z")));
        Assert.False(Match(Detection, Events.With("F", "2024-05-06T03:10:00Z")));
    }

    [Theory]
    [InlineData("hour", "abc")]
    [InlineData("hour", "1.5")]
    [InlineData("hour|contains", "3")]
    [InlineData("hour|minute", "3")]
    [InlineData("gte|hour", "3")]
    public void Invalid_time_part_rules_are_compile_errors(string chain, string value) =>
        Assert.Throws<InvalidOperationException>(() => Match(Rule(chain, value), Events.With("F", "2024-05-06T03:10:00Z")));
}
