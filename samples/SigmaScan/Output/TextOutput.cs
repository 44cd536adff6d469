using System.IO;
using System.Text;
using SigmaCompile.Correlations;

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

    public abstract void WriteAlert(CorrelationAlert alert);

    public void Flush() => Writer.Flush();

    public void Dispose() => Writer.Dispose();

    /// <summary>
    /// What people read of an alert besides its title: the type and value, the group, the window and the first
    /// contributing events, as <c>name=value</c> pairs joined by <paramref name="separator"/>.
    /// </summary>
    protected static string AlertFieldsText(CorrelationAlert alert, string separator)
    {
        var text = new StringBuilder();
        text.Append(alert.Type.SigmaName()).Append('=').Append(AlertText.Value(alert.Value));
        foreach ((string name, string value) in alert.Group)
            text.Append(separator).Append(name).Append('=').Append(value);
        text.Append(separator).Append("first_time=").Append(AlertText.Time(alert.FirstTime));
        if (alert.Events.Count > 0)
            text.Append(separator).Append("records=").Append(string.Join(" ", alert.Events));
        return text.ToString();
    }

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
