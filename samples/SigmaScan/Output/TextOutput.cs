using System;
using System.IO;
using System.Text;

namespace SigmaScan.Output;

/// <summary>The shared part of the text formats: a buffered UTF-8 writer (without a byte-order mark) over the output stream.</summary>
internal abstract class TextOutput : IDetectionOutput
{
    protected TextOutput(Stream output, string newLine)
    {
        Writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024) { NewLine = newLine };
    }

    protected StreamWriter Writer { get; }

    public bool NeedsEventFacts => true;

    public abstract void Write(in Detection detection);

    public void Flush() => Writer.Flush();

    public void Dispose() => Writer.Dispose();

    /// <summary>The key fields as <c>name=value</c> pairs joined by <paramref name="separator"/>.</summary>
    protected static string FieldsText(EventFacts? facts, string separator)
    {
        if (facts is null || facts.Fields.Count == 0)
            return "";
        var text = new StringBuilder();
        foreach ((string name, string value) in facts.Fields)
        {
            if (text.Length > 0)
                text.Append(separator);
            text.Append(name).Append('=').Append(value);
        }
        return text.ToString();
    }
}
