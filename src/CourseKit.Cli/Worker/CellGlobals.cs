namespace CourseKit.Cli.Worker;

/// <summary>What every cell can call without a prefix, as in the .NET Interactive C# kernel.</summary>
public class CellGlobals
{
    readonly DisplaySink? sink;

    /// <summary>Globals with no display, for compiling outside a worker.</summary>
    public CellGlobals() { }

    internal CellGlobals(DisplaySink sink) => this.sink = sink;

    /// <summary>Shows <paramref name="value"/> below the cell; the returned handle updates that output in place.</summary>
    public DisplayedValue display(object? value) =>
        sink?.Show(value) ?? throw new InvalidOperationException("display() is only available while a cell runs.");
}

/// <summary>An output already shown; <see cref="Update"/> replaces it with a new value.</summary>
public sealed class DisplayedValue
{
    readonly DisplaySink sink;
    internal DisplayedValue(DisplaySink sink, string displayId) { this.sink = sink; DisplayId = displayId; }

    /// <summary>The id the notebook keeps for this output ("d1", "d2", …).</summary>
    public string DisplayId { get; }

    /// <summary>Shows <paramref name="value"/> in place of what this output shows now.</summary>
    public void Update(object? value) => sink.Update(DisplayId, value);
}
