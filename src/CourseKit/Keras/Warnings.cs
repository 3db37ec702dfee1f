namespace CourseKit;

/// <summary>
/// How CourseKit warns about something that works but is probably not what was meant (a Dense layer on images, a
/// callback watching a value that is not logged): one line on standard error starting with "Warning: ", as Python's
/// warnings look in Keras. A notebook shows it under the cell; a script's standard output stays clean.
/// </summary>
internal static class Warnings
{
    private static readonly AsyncLocal<StringWriter?> Current = new();

    /// <summary>Writes "Warning: <paramref name="message"/>".</summary>
    public static void Write(string message) => (Current.Value ?? Console.Error).WriteLine("Warning: " + message);

    /// <summary>For tests: collects the warnings written by this flow of code (not by tests running beside it) until
    /// disposed.</summary>
    public static Captured Capture() => new();

    /// <summary>The warnings written since <see cref="Capture"/>.</summary>
    internal sealed class Captured : IDisposable
    {
        private readonly StringWriter? _previous = Current.Value;
        private readonly StringWriter _text = new();

        public Captured() => Current.Value = _text;

        public string Text => _text.ToString();

        public void Dispose() => Current.Value = _previous;
    }
}
