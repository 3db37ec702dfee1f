namespace CourseKit.Cli.Worker;

/// <summary>
/// The number of the cell whose code is running, as seen from the current thread. It flows into every thread, task
/// and timer a cell starts, so what a background thread prints after its cell has finished is still told apart.
/// </summary>
static class RunningCell
{
    static readonly AsyncLocal<int> number = new();

    /// <summary>The cell, or 0 outside any cell (or in a thread started with the execution context's flow suppressed).</summary>
    public static int Number
    {
        get => number.Value;
        set => number.Value = value;
    }
}
