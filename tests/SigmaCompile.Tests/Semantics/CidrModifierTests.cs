using System;
using System.Linq;
using SigmaCompile.Matching;
using SigmaCompile.Tests.Infrastructure;
using Xunit;

namespace SigmaCompile.Tests.Semantics;

/// <summary>cidr: IPv4 and IPv6 networks, any textual form of the event's address; a non-address never matches.</summary>
public sealed class CidrModifierTests
{
    private static bool MatchF(string network, object? value) =>
        Detections.Matches($"sel:\n  F|cidr: {Events.Quote(network)}\ncondition: sel", Events.With("F", value));

    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0", true)]
    [InlineData("10.0.0.0/8", "10.255.255.255", true)]
    [InlineData("10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "11.0.0.0", false)]
    [InlineData("10.0.0.0/8", "9.255.255.255", false)]
    [InlineData("192.168.0.0/16", "192.168.44.1", true)]
    [InlineData("192.168.0.0/16", "192.169.0.1", false)]
    [InlineData("172.16.0.0/12", "172.31.255.255", true)]
    [InlineData("172.16.0.0/12", "172.32.0.0", false)]
    [InlineData("172.16.0.0/12", "172.15.255.255", false)]
    [InlineData("100.64.0.0/10", "100.127.0.1", true)]
    [InlineData("100.64.0.0/10", "100.128.0.1", false)]
    [InlineData("127.0.0.1/32", "127.0.0.1", true)]
    [InlineData("127.0.0.1/32", "127.0.0.2", false)]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.1", "127.0.0.10", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("10.1.2.3/8", "10.200.0.1", true)]
    public void Ipv4_networks(string network, string address, bool expected) =>
        Assert.Equal(expected, MatchF(network, address));

    [Theory]
    [InlineData("2001:db8::/32", "2001:db8::1", true)]
    [InlineData("2001:db8::/32", "2001:DB8::1", true)]
    [InlineData("2001:db8::/32", "2001:0db8:0000:0000:0000:0000:0000:0001", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("2001:db8::/32", "2001:db7:ffff::1", false)]
    [InlineData("fe80::/10", "fe80::1", true)]
    [InlineData("fe80::/10", "FEBF::1", true)]
    [InlineData("fe80::/10", "fec0::1", false)]
    [InlineData("fe80::/10", "fe80::1%eth0", true)]
    [InlineData("fc00::/7", "fd12:3456:789a::1", true)]
    [InlineData("fc00::/7", "fe00::1", false)]
    [InlineData("::1/128", "::1", true)]
    [InlineData("::1/128", "0:0:0:0:0:0:0:1", true)]
    [InlineData("::1/128", "::2", false)]
    [InlineData("2001:0DB8:0000:0000::/64", "2001:db8::abcd", true)]
    [InlineData("2001:db8::/64", "2001:db8:0:1::1", false)]
    [InlineData("2001:db8::/127", "2001:db8::1", true)]
    [InlineData("2001:db8::/127", "2001:db8::2", false)]
    [InlineData("64:ff9b::/96", "64:ff9b::192.0.2.33", true)]
    [InlineData("2001:db8::/32", "[2001:db8::1]", true)]
    public void Ipv6_networks_in_any_textual_form(string network, string address, bool expected) =>
        Assert.Equal(expected, MatchF(network, address));

    [Theory]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "::FFFF:10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "::ffff:a01:203", true)]
    [InlineData("10.0.0.0/8", "0:0:0:0:0:ffff:10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "::ffff:11.1.2.3", false)]
    [InlineData("10.0.0.0/8", "::10.1.2.3", false)]
    [InlineData("10.0.0.0/8", "2001:db8::a01:203", false)]
    public void An_ipv4_mapped_ipv6_address_is_compared_as_ipv4(string network, string address, bool expected) =>
        Assert.Equal(expected, MatchF(network, address));

    [Theory]
    [InlineData("10.0.0.0/8", "::a00:1")]
    [InlineData("2001:db8::/32", "32.1.13.184")]
    [InlineData("::/0", "10.1.2.3")]
    public void Families_do_not_mix(string network, string address) =>
        Assert.False(MatchF(network, address));

    [Theory]
    [InlineData("")]
    [InlineData("not an ip")]
    [InlineData("10.1.2")]
    [InlineData("10.1.2.3.4")]
    [InlineData("10.1.2.256")]
    [InlineData("10.1.2.3/8")]
    [InlineData("10.1.2.3:443")]
    [InlineData("host-10.1.2.3")]
    [InlineData("2001:db8::1::1")]
    [InlineData("2001:db8:::1")]
    [InlineData("2001:db8::g")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    public void A_value_that_is_not_an_ip_address_does_not_match(string value)
    {
        Assert.False(MatchF("0.0.0.0/0", value));
        Assert.False(MatchF("::/0", value));
        Assert.False(MatchF("10.0.0.0/8", value));
    }

    [Fact]
    public void Non_string_values_do_not_match()
    {
        Assert.False(MatchF("0.0.0.0/0", 167772161));
        Assert.False(MatchF("0.0.0.0/0", null));
        Assert.False(MatchF("0.0.0.0/0", true));
        Assert.False(Detections.Matches("sel:\n  F|cidr: '0.0.0.0/0'\ncondition: sel", "{}"));
        Assert.False(Detections.Matches("sel:\n  F|cidr: '0.0.0.0/0'\ncondition: sel", "{\"F\":{\"ip\":\"10.0.0.1\"}}"));
    }

    [Theory]
    [InlineData("10.9.8.7", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("2001:4860:4860::8888", false)]
    public void A_list_of_ranges_is_or(string address, bool expected) =>
        Assert.Equal(expected, Detections.Matches(
            "sel:\n  F|cidr:\n    - '10.0.0.0/8'\n    - '192.168.0.0/16'\n    - 'fc00::/7'\ncondition: sel",
            Events.With("F", address)));

    [Fact]
    public void Any_element_of_an_array_may_be_in_range()
    {
        Assert.True(MatchF("10.0.0.0/8", new[] { "8.8.8.8", "10.0.0.1" }));
        Assert.False(MatchF("10.0.0.0/8", new[] { "8.8.8.8", "1.1.1.1" }));
    }

    [Fact]
    public void Not_cidr_excludes_private_ranges()
    {
        const string Detection = "sel:\n  F|cidr:\n    - '10.0.0.0/8'\n    - '127.0.0.0/8'\ncondition: not sel";
        Assert.True(Detections.Matches(Detection, Events.With("F", "8.8.8.8")));
        Assert.False(Detections.Matches(Detection, Events.With("F", "127.0.0.1")));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0/8")]
    [InlineData("2001:db8::/129")]
    [InlineData("not-a-range")]
    [InlineData("10.0.0.0/-1")]
    public void An_invalid_range_is_a_compile_error(string network) =>
        Assert.Throws<InvalidOperationException>(() => MatchF(network, "10.0.0.1"));

    [Theory]
    [InlineData("::ffff:0:0/96", "10.1.2.3", true)]
    [InlineData("::ffff:0:0/96", "::ffff:192.0.2.1", true)]
    [InlineData("::ffff:10.0.0.0/104", "10.1.2.3", true)]
    [InlineData("::ffff:10.0.0.0/104", "11.1.2.3", false)]
    [InlineData("::ffff:10.0.0.0/104", "::ffff:10.9.9.9", true)]
    [InlineData("::ffff:10.0.0.0/104", "::ffff:a00:1", true)]
    [InlineData("::ffff:10.0.0.0/104", "::10.0.0.1", false)]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", "10.1.2.4", false)]
    // Written as IPv6, a mapped address is also an IPv6 address inside the IPv6 networks that hold it.
    [InlineData("::/0", "::ffff:10.1.2.3", true)]
    [InlineData("::ffff:0:0/80", "::ffff:10.1.2.3", true)]
    public void An_ipv4_mapped_range_covers_the_ipv4_addresses_it_maps(string network, string address, bool expected) =>
        Assert.Equal(expected, MatchF(network, address));

    // A list of networks reads the event's address once (CidrListPattern), alone or among a predicate's other
    // patterns: it must answer as its networks one by one, through a rule and as patterns.
    [Fact]
    public void A_list_of_networks_answers_as_its_networks_one_by_one()
    {
        string[] networks = ["::1/128", "10.0.0.0/8", "127.0.0.0/8", "172.16.0.0/12", "fc00::/7", "fe80::/10", "::ffff:100.64.0.0/106"];
        (string Address, bool Expected)[] cases =
        [
            ("10.1.2.3", true), (" 127.0.0.9 ", true), ("172.32.0.1", false), ("8.8.8.8", false), ("::1", true),
            ("::2", false), ("FD12::1", true), ("fe80::1%eth0", true), ("[fe80::2]", true), ("::ffff:10.0.0.1", true),
            ("::ffff:100.64.1.1", true), ("100.64.1.1", true), ("100.128.0.1", false), ("-", false), ("", false),
            ("10.0.0", false), ("1.2.3.4.5", false), ("not an address", false),
        ];
        string list = string.Concat(networks.Select(n => $"\n    - '{n}'"));
        var patterns = networks.Select(n => TextPatterns.Cidr(n)).ToArray();
        TextPattern read = TextPatterns.AnyOf(patterns);
        Assert.IsType<CidrListPattern>(read);
        TextPattern mixed = TextPatterns.AnyOf([TextPatterns.Equal("-"), .. patterns]);
        foreach ((string address, bool expected) in cases)
        {
            Assert.Equal(expected, patterns.Any(p => p.IsMatch(address)));
            Assert.Equal(expected, read.IsMatch(address));
            Assert.Equal(expected || address == "-", mixed.IsMatch(address));
            Assert.Equal(expected, Detections.Matches($"sel:\n  F|cidr:{list}\ncondition: sel", Events.With("F", address)));
        }
    }
}
