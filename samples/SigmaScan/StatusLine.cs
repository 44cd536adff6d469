using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace SigmaScan;

/// <summary>
/// A line of progress on a terminal's stderr, redrawn in place (carriage return, then erase to the end of the line).
/// Only made when stderr is a terminal: redirected, progress would litter a log, and a one-line summary is written
/// instead. Redrawn at most every 100 ms, and every second by a timer so that elapsed time keeps moving.
/// </summary>
internal sealed class StatusLine : IDisposable
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _error;
    private readonly Timer _timer;
    private readonly Lock _lock = new();
    private readonly Stopwatch _sinceText = Stopwatch.StartNew();
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private string _text = "";
    private bool _showElapsed;
    private bool _visible;

    private StatusLine(TextWriter error)
    {
        _error = error;
        _timer = new Timer(_ => Redraw(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>A status line on <paramref name="error"/>, which must be a terminal.</summary>
    public static StatusLine Create(TextWriter error) => new(error);

    /// <summary>Shows <paramref name="text"/>; with <paramref name="showElapsed"/>, followed by the seconds since this call.</summary>
    public void Show(string text, bool showElapsed = false)
    {
        lock (_lock)
        {
            if (text != _text || showElapsed != _showElapsed)
                _sinceText.Restart();
            _text = text;
            _showElapsed = showElapsed;
            // A new step (shown with its elapsed time), or a line not on screen, is drawn at once; counters that
            // change all the time, at most every MinimumInterval.
            if (showElapsed || !_visible || _sinceDraw.Elapsed >= MinimumInterval)
                Draw();
        }
    }

    /// <summary>Erases the line, so that other output can be written; the timer leaves it erased until the next <see cref="Show"/>.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _text = "";
            if (_visible)
                _error.Write("\r\u001b[K");
            _error.Flush();
            _visible = false;
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Clear();
    }

    private void Redraw()
    {
        lock (_lock)
        {
            if (_text.Length > 0)
                Draw();
        }
    }

    private void Draw()
    {
        string line = $"{Program.Name}: {_text}" + (_showElapsed ? $" ({_sinceText.Elapsed.TotalSeconds:0} s)" : "");
        int width = Width();
        if (line.Length >= width)
            line = line[..Math.Max(0, width - 1)];
        _error.Write("\r" + line + "\u001b[K");
        _error.Flush();
        _visible = true;
        _sinceDraw.Restart();
    }

    private static int Width()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 120;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}
