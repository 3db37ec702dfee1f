namespace CourseKit;

/// <summary>
/// How CourseKit warns about something that works but is probably not what was meant (a Dense layer on images, a
/// callback watching a value that is not logged): one line on standard error starting with "Warning: ", as Python's
/// warnings look in Keras. A notebook shows it under the cell; a script's standard output stays clean.
/// </summary>
internal static class Warnings
{
    private static readonly AsyncLocal<Captured?> Current = new();

    /// <summary>The keys of the <see cref="WriteOnce"/> warnings written so far, outside captures.</summary>
    private static readonly HashSet<string> WrittenOnce = [];

    /// <summary>Writes "Warning: <paramref name="message"/>".</summary>
    public static void Write(string message) => ((TextWriter?)Current.Value?.Writer ?? Console.Error).WriteLine("Warning: " + message);

    /// <summary>
    /// Writes the warning called <paramref name="key"/> the first time only, as Python shows a warning once for the place
    /// that raised it: a warning that every training step would repeat (Backward through a step) appears once.
    /// </summary>
    public static void WriteOnce(string key, string message)
    {
        var written = Current.Value?.WrittenOnce ?? WrittenOnce;
        lock (written)
            if (!written.Add(key)) return;
        Write(message);
    }

    /// <summary>For tests: collects the warnings written by this flow of code (not by tests running beside it) until
    /// disposed; a <see cref="WriteOnce"/> warning appears once per capture.</summary>
    public static Captured Capture() => new();

    /// <summary>The warnings written since <see cref="Capture"/>.</summary>
    internal sealed class Captured : IDisposable
    {
        private readonly Captured? _previous = Current.Value;

        public Captured() => Current.Value = this;

        internal StringWriter Writer { get; } = new();

        internal HashSet<string> WrittenOnce { get; } = [];

        public string Text => Writer.ToString();

        public void Dispose() => Current.Value = _previous;
    }
}
