namespace CourseKit.Cli.Worker;

/// <summary>What every cell can call without a prefix, as in the .NET Interactive C# kernel.</summary>
public class CellGlobals
{
    internal WorkerHost? Host { get; init; }

    /// <summary>Shows <paramref name="value"/> below the cell; the returned handle updates that output in place.</summary>
    public DisplayedValue display(object? value) =>
        Host?.Display(value) ?? throw new InvalidOperationException("display() is only available while a cell runs.");
}

/// <summary>An output already shown; <see cref="Update"/> replaces it with a new value.</summary>
public sealed class DisplayedValue
{
    readonly WorkerHost host;
    internal DisplayedValue(WorkerHost host, string displayId) { this.host = host; DisplayId = displayId; }

    public string DisplayId { get; }

    public void Update(object? value) => host.UpdateDisplay(DisplayId, value);
}
