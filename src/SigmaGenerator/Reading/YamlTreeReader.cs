using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using SigmaCompile.Generator.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SigmaCompile.Generator.Reading;

/// <summary>
/// Reads YAML into <see cref="YamlNode"/> trees from the parser's event stream, iteratively and with limits, so
/// no input (deep nesting, alias bombs, huge files) can overflow the stack or hang the compiler. Aliases share
/// the anchored node rather than copying it.
/// </summary>
internal static class YamlTreeReader
{
    public const int MaxDepth = 64;

    /// <summary>The documents in <paramref name="text"/>, or null with <paramref name="error"/> set.</summary>
    public static List<YamlNode>? Read(string text, string path, CancellationToken cancellationToken, out DiagnosticInfo? error)
    {
        error = null;
        var documents = new List<YamlNode>();
        var anchors = new Dictionary<string, YamlNode>();
        var stack = new Stack<YamlNode>();
        var pendingKeys = new Stack<YamlNode?>();
        YamlNode? root = null;
        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
                cancellationToken.ThrowIfCancellationRequested();
                ParsingEvent current = parser.Current!;
                YamlNode? node = null;
                switch (current)
                {
                    case DocumentStart:
                        root = null;
                        anchors.Clear();
                        break;
                    case DocumentEnd:
                        if (root is not null)
                            documents.Add(root);
                        break;
                    case Scalar scalar:
                        node = YamlNode.Scalar(scalar);
                        Remember(scalar.Anchor, node);
                        break;
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out node))
                        {
                            error = Error(path, current.Start, current.End, $"the alias '*{alias.Value.Value}' names no anchor");
                            return null;
                        }
                        break;
                    case MappingStart mappingStart:
                    case SequenceStart:
                        if (stack.Count >= MaxDepth)
                        {
                            error = DiagnosticInfo.Create(Diagnostics.SigmaDiagnostics.TooComplexId, path, YamlNode.ToSpan(current.Start, current.End),
                                $"The YAML nests deeper than {MaxDepth} levels; a Sigma rule needs only a few");
                            return null;
                        }
                        var container = YamlNode.Container(current is MappingStart ? YamlNodeKind.Mapping : YamlNodeKind.Sequence, current.Start, current.End);
                        Remember(((NodeEvent)current).Anchor, container);
                        stack.Push(container);
                        pendingKeys.Push(null);
                        continue;
                    case MappingEnd:
                    case SequenceEnd:
                        node = stack.Pop();
                        pendingKeys.Pop();
                        break;
                }
                if (node is null)
                    continue;
                if (stack.Count == 0)
                {
                    root = node;
                    continue;
                }
                YamlNode parent = stack.Peek();
                if (parent.IsSequence)
                {
                    parent.Items.Add(node);
                }
                else if (pendingKeys.Peek() is { } key)
                {
                    pendingKeys.Pop();
                    pendingKeys.Push(null);
                    if (key.IsScalar && parent.Get(key.Value) is not null)
                    {
                        error = DiagnosticInfo.Create(Diagnostics.SigmaDiagnostics.InvalidYamlId, path, key.Span, $"the key '{key.Value}' appears twice in one mapping");
                        return null;
                    }
                    parent.Entries.Add(new KeyValuePair<YamlNode, YamlNode>(key, node));
                }
                else
                {
                    pendingKeys.Pop();
                    pendingKeys.Push(node);
                }
            }
        }
        catch (YamlException exception)
        {
            error = Error(path, exception.Start, exception.End, Describe(exception));
            return null;
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet fails this way on some malformed input (an unclosed flow collection, for one):
            // point at the last node that parsed, which is where the trouble starts.
            Mark at = parser.Current?.Start ?? Mark.Empty;
            error = Error(path, at, parser.Current?.End ?? at, "the YAML is malformed after this point (an unclosed '[', '{' or quote?)");
            return null;
        }
        return documents;

        void Remember(AnchorName anchor, YamlNode value)
        {
            if (!anchor.IsEmpty)
                anchors[anchor.Value] = value;
        }
    }

    private static DiagnosticInfo Error(string path, Mark start, Mark end, string message) =>
        DiagnosticInfo.Create(Diagnostics.SigmaDiagnostics.InvalidYamlId, path, YamlNode.ToSpan(start, end), message);

    // YamlDotNet prefixes messages with the position, which the diagnostic location already carries.
    private static string Describe(YamlException exception)
    {
        string message = exception.InnerException?.Message ?? exception.Message;
        int closing = message.IndexOf("): ", System.StringComparison.Ordinal);
        if (message.StartsWith("(", System.StringComparison.Ordinal) && closing > 0)
            message = message.Substring(closing + 3);
        return message.TrimEnd('.');
    }
}
