using System;

namespace SigmaCompile;

/// <summary>A rule tag such as <c>attack.t1059.001</c>, split at its first dot.</summary>
/// <param name="Namespace">The part before the first dot (<c>attack</c>, <c>cve</c>, <c>detection</c>, ...), or empty.</param>
/// <param name="Name">The part after the first dot.</param>
public sealed record RuleTag(string Namespace, string Name)
{
    /// <summary>Splits a tag at its first dot.</summary>
    public static RuleTag Parse(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        int dot = tag.IndexOf('.');
        return dot < 0 ? new RuleTag("", tag) : new RuleTag(tag[..dot], tag[(dot + 1)..]);
    }

    /// <inheritdoc />
    public override string ToString() => Namespace.Length == 0 ? Name : Namespace + "." + Name;
}
