using System.Text.Json.Nodes;
using CourseKit.Cli.Notebooks;

namespace CourseKit.Cli.Running;

/// <summary>
/// Takes a worker's outputs to the cells they belong to, by the number the worker ran each cell under (late output of
/// a cell's threads goes to that cell), and replaces a display in place when it is updated, even one an earlier cell
/// showed: the notebook keeps the last state.
/// </summary>
sealed class OutputRouting
{
    readonly Dictionary<int, CellOutput> collected = [];
    readonly Dictionary<string, (Cell Cell, JsonObject Output)> displays = [];

    /// <summary>Starts collecting the outputs of <paramref name="cell"/>, run as number <paramref name="number"/>.</summary>
    public CellOutput Collect(Cell cell, int number, long limit, string? sideFileStem) =>
        collected[number] = new CellOutput(cell, number, limit, sideFileStem);

    public void OnOutput(int from, JsonObject output, string? displayId)
    {
        if (collected.TryGetValue(from, out var target) && target.Add(output) is { } shown && displayId is not null)
            displays[displayId] = (target.Cell, shown);
    }

    /// <summary>
    /// Replaces a display's output where it is shown. An update of a display not shown (or left out beyond the cap) is
    /// a new display of the cell that sent the update.
    /// </summary>
    public void OnUpdate(int from, string displayId, JsonObject output)
    {
        if (!collected.TryGetValue(from, out var current)) return;
        if (displays.TryGetValue(displayId, out var shown) && shown.Cell.Outputs.IndexOf(shown.Output) is var index and >= 0)
        {
            var copy = (JsonObject)output.DeepClone();
            shown.Cell.Outputs[index] = copy;
            displays[displayId] = (shown.Cell, copy);
        }
        else if (current.Add(output) is { } added) displays[displayId] = (current.Cell, added);
    }

    /// <summary>Ends every cell's outputs (see <see cref="CellOutput.Finish"/>).</summary>
    public void Finish()
    {
        foreach (var collector in collected.Values) collector.Finish();
    }
}
