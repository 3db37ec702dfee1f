namespace CourseKit.Cli.Worker;

/// <summary>
/// Where <c>display(…)</c> and CourseKit's display hook put what they show: it formats the value and adds it to the
/// <see cref="OutputOutbox"/>, and can do nothing else (cells reach it, so it holds nothing that could talk to the runner).
/// </summary>
sealed class DisplaySink(OutputOutbox outbox)
{
    int count;

    /// <summary>Shows <paramref name="value"/> below the running cell.</summary>
    public DisplayedValue Show(object? value)
    {
        var id = $"d{Interlocked.Increment(ref count)}";
        outbox.Add(new OutputItem(RunningCell.Number, Protocol.DisplayData(ValueFormatter.Format(value)), id));
        return new DisplayedValue(this, id);
    }

    /// <summary>CourseKit's display hook (AppContext data "CourseKit.Display"): shows a value and returns a function that updates it.</summary>
    public Func<object, Action<object>> Hook() => value =>
    {
        var shown = Show(value);
        return update => shown.Update(update);
    };

    /// <summary>Replaces what the display <paramref name="displayId"/> shows.</summary>
    public void Update(string displayId, object? value) =>
        outbox.Add(new OutputItem(RunningCell.Number, Protocol.DisplayData(ValueFormatter.Format(value)), displayId, IsUpdate: true));
}
