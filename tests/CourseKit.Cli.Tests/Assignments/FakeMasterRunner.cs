using CourseKit.Cli.Assignments;
using CourseKit.Cli.Notebooks;
using CourseKit.Cli.Running;

namespace CourseKit.Cli.Tests.Assignments;

/// <summary>A master "run" that reports what a test sets up, without a worker: every code cell succeeded unless told otherwise.</summary>
sealed class FakeMasterRunner(Dictionary<string, TestReport[]> reports, params MasterCellRun[] failures) : IMasterRunner
{
    public Notebook? Master { get; private set; }
    public Bundle? Bundle { get; private set; }

    public Task<MasterRun> RunAsync(Bundle bundle, Notebook master, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        Bundle = bundle;
        Master = master;
        var cells = bundle.Cells.Where(c => c.Role is not (CellRole.Markdown or CellRole.Prose))
            .Select(c => failures.FirstOrDefault(f => f.Id == c.Id) ?? new MasterCellRun(c.Id, CellStatus.Ok)).ToList();
        return Task.FromResult(new MasterRun(reports.ToDictionary(r => r.Key, r => (IReadOnlyList<TestReport>)r.Value), cells));
    }

    /// <summary>The reports <see cref="Masters.Neuron"/>'s tests make when its solution is right.</summary>
    public static Dictionary<string, TestReport[]> NeuronReports() => new()
    {
        ["q1.zero"] = [new("sigmoid(0)", ReportedValue.Number(0.5), Judge.Close())],
        ["q1.many"] = [new("values", ReportedValue.Array([2], [0.11920292202211755, 0.9525741268224334]), Judge.Close())],
    };
}
