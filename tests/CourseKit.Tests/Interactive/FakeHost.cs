namespace CourseKit.Tests.Interactive;

/// <summary>A notebook host for tests (<see cref="CourseKit.Interactive.NotebookHost.Use"/>): records what would be
/// shown in a notebook and every update of it.</summary>
internal sealed class FakeHost
{
    public List<object> Displayed { get; } = [];
    public List<object> Updates { get; } = [];

    public Action<object> Display(object value)
    {
        Displayed.Add(value);
        return Updates.Add;
    }
}
