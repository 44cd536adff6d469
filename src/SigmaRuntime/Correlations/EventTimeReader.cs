using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using SigmaCompile.Matching;

namespace SigmaCompile.Correlations;

/// <summary>
/// Reads an event's time from the first of a list of fields that holds a usable time, without allocating:
/// ISO 8601 / RFC 3339 text with or without fraction and offset (none means UTC), <c>yyyy-MM-dd HH:mm:ss</c> with an
/// optional fraction (UTC), or an epoch number, as a JSON number or as text.
/// </summary>
internal sealed class EventTimeReader
{
    /// <summary>Epoch numbers below this are seconds, from it milliseconds: 1e11 seconds is the year 5138, 1e11 ms is 1973.</summary>
    public const double MillisecondsFrom = 1e11;

    // Longer text is no timestamp (the longest, with 9 fraction digits and an offset, has 35 characters).
    private const int MaxLength = 64;
    // DateTimeOffset parses 7 fraction digits; nanosecond timestamps (9 digits) are cut to them.
    private const int MaxFractionDigits = 7;

    private readonly FieldPath[] _fields;
    private readonly FirstValueCapture _capture = new();

    public EventTimeReader(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = fields.Select(f => new FieldPath(f ?? throw new ArgumentException("a time field is null", nameof(fields)))).ToArray();
    }

    public bool TryRead(JsonElement evt, out long utcTicks)
    {
        if (evt.ValueKind == JsonValueKind.Object)
        {
            foreach (FieldPath field in _fields)
            {
                if (_capture.TryFind(field, evt, out JsonElement value) && TryParse(value, out utcTicks))
                    return true;
            }
        }
        utcTicks = 0;
        return false;
    }

    public static bool TryParse(JsonElement value, out long utcTicks)
    {
        utcTicks = 0;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDouble(out double epoch) && TryFromEpoch(epoch, out utcTicks);
            case JsonValueKind.String:
                ReadOnlySpan<byte> raw = JsonScalarText.RawUtf8(value);
                if (raw.Length > MaxLength)
                    return false;
                Span<char> text = stackalloc char[MaxLength];
                int length = JsonScalarText.Decode(raw, isString: true, text);
                return TryParse(text[..length], out utcTicks);
            default:
                return false;
        }
    }

    public static bool TryParse(ReadOnlySpan<char> text, out long utcTicks)
    {
        utcTicks = 0;
        text = text.Trim();
        if (text.IsEmpty || text.Length > MaxLength)
            return false;
        if (IsEpochNumber(text))
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double epoch)
                && TryFromEpoch(epoch, out utcTicks);
        }
        // A date and a time of day, so that neither a bare date nor free text is read as a time.
        if (text.Length < 16 || text[4] != '-' || text[7] != '-' || text[10] is not ('T' or 't' or ' '))
            return false;
        Span<char> trimmed = stackalloc char[MaxLength];
        ReadOnlySpan<char> cut = CutFraction(text, trimmed);
        if (!DateTimeOffset.TryParse(cut, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time))
            return false;
        utcTicks = time.UtcTicks;
        return true;
    }

    public static bool TryFromEpoch(double epoch, out long utcTicks)
    {
        utcTicks = 0;
        if (!double.IsFinite(epoch))
            return false;
        long unit = Math.Abs(epoch) < MillisecondsFrom ? TimeSpan.TicksPerSecond : TimeSpan.TicksPerMillisecond;
        // Whole units and the fraction apart: ticks since 1970 need more digits than a double holds.
        double whole = Math.Floor(epoch);
        double ticks = DateTimeOffset.UnixEpoch.UtcTicks + whole * unit;
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks - unit)
            return false;
        utcTicks = DateTimeOffset.UnixEpoch.UtcTicks + (long)whole * unit + (long)Math.Round((epoch - whole) * unit);
        return true;
    }

    private static bool IsEpochNumber(ReadOnlySpan<char> text)
    {
        int start = text[0] == '-' ? 1 : 0;
        if (start == text.Length)
            return false;
        bool point = false;
        for (int i = start; i < text.Length; i++)
        {
            if (text[i] == '.' && !point)
                point = true;
            else if (!char.IsAsciiDigit(text[i]))
                return false;
        }
        return true;
    }

    // The fraction of seconds cut to the 7 digits DateTimeOffset reads (into buffer when it has to be cut).
    private static ReadOnlySpan<char> CutFraction(ReadOnlySpan<char> text, Span<char> buffer)
    {
        if (text.Length <= 19 || text[19] != '.')
            return text;
        int digits = 0;
        while (20 + digits < text.Length && char.IsAsciiDigit(text[20 + digits]))
            digits++;
        if (digits <= MaxFractionDigits)
            return text;
        int keep = 20 + MaxFractionDigits;
        text[..keep].CopyTo(buffer);
        ReadOnlySpan<char> rest = text[(20 + digits)..];
        rest.CopyTo(buffer[keep..]);
        return buffer[..(keep + rest.Length)];
    }
}
