namespace CourseKit.Cli.Worker;

/// <summary>
/// Keeps what the worker installed for cells in place: CourseKit's display and report hooks (AppContext data) and the
/// console's writers. After each cell the host asks it to <see cref="Restore"/> them: whatever a cell (or a thread it
/// started) put in their place is taken out again, and each replacement is said, for the grader to name.
/// </summary>
sealed class HookGuard
{
    readonly List<(string Key, object Hook, string Name)> hooks = [];
    TextWriter? output, error;

    /// <summary>Sets AppContext data <paramref name="key"/> to <paramref name="hook"/>, called <paramref name="name"/> when it is replaced.</summary>
    public void Install(string key, object hook, string name)
    {
        AppContext.SetData(key, hook);
        hooks.Add((key, hook, name));
    }

    /// <summary>Remembers the console's writers as they are now (the worker's captures).</summary>
    public void KeepConsole()
    {
        output = Console.Out;
        error = Console.Error;
    }

    /// <summary>Puts back everything replaced since the last call: (kind, what was replaced), kind being
    /// <see cref="TamperingItem.Hook"/> or <see cref="TamperingItem.Console"/>.</summary>
    public List<(string Kind, string What)> Restore()
    {
        var replaced = new List<(string, string)>();
        foreach (var (key, hook, name) in hooks)
        {
            if (ReferenceEquals(AppContext.GetData(key), hook)) continue;
            AppContext.SetData(key, hook);
            replaced.Add((TamperingItem.Hook, $"replaced {name} (AppContext \"{key}\")"));
        }
        if (output is not null && !ReferenceEquals(Console.Out, output))
        {
            Console.SetOut(output);
            replaced.Add((TamperingItem.Console, "replaced Console.Out"));
        }
        if (error is not null && !ReferenceEquals(Console.Error, error))
        {
            Console.SetError(error);
            replaced.Add((TamperingItem.Console, "replaced Console.Error"));
        }
        return replaced;
    }
}
