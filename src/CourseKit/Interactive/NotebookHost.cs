using System.Reflection;

namespace CourseKit.Interactive;

/// <summary>
/// Finds, at run time, something that can show objects in a notebook and update them in place: CourseKit has no
/// compile-time dependency on any notebook kernel. A host is a function that displays an object and returns an
/// updater, which replaces the displayed object with a newer one. In order:
/// <list type="number">
/// <item>the host set for the current test (<see cref="Use"/>);</item>
/// <item><c>AppContext.GetData("CourseKit.Display")</c> as a <c>Func&lt;object, Action&lt;object&gt;&gt;</c>: the
/// <c>coursekit</c> notebook runner sets it with <c>AppContext.SetData</c>;</item>
/// <item>.NET Interactive, found by reflection while a cell runs: the extension method
/// <c>KernelInvocationContextExtensions.Display(KernelInvocationContext, object, params string[])</c> on
/// <c>KernelInvocationContext.Current</c>, whose <c>DisplayedValue</c> has <c>Update(object)</c>. (Not
/// <c>Kernel.display</c>: in 1.0.0-beta.26120.1 it shows the value under one display id and returns a
/// <c>DisplayedValue</c> with another, so every update names an output that was never shown and Jupyter drops it.)
/// Outside a running cell (on a thread that does not carry the cell's context, or after the cell ended) there is no
/// host, and an updater whose cell has ended throws, so that the caller prints instead of losing its output;</item>
/// <item>none: the caller writes to the console as before.</item>
/// </list>
/// </summary>
internal static class NotebookHost
{
    /// <summary>The <see cref="AppContext"/> key a notebook runner sets to a <c>Func&lt;object, Action&lt;object&gt;&gt;</c>.</summary>
    public const string AppContextKey = "CourseKit.Display";

    private static readonly AsyncLocal<Func<object, Action<object>>?> Override = new();

    /// <summary>The display function to use now, or null when no notebook is showing the output.</summary>
    public static Func<object, Action<object>>? Find() =>
        Override.Value ?? AppContext.GetData(AppContextKey) as Func<object, Action<object>> ?? DotNetInteractive();

    /// <summary>For tests: makes <paramref name="host"/> the host for this thread's (async) flow until disposed, without
    /// touching the process-wide AppContext that tests running in parallel share.</summary>
    public static IDisposable Use(Func<object, Action<object>> host)
    {
        var previous = Override.Value;
        Override.Value = host;
        return new Restore(() => Override.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>
    /// Shows <paramref name="value"/> in the notebook, if one is showing the output, and returns the function that
    /// replaces it with a newer value; null when there is no notebook or it could not show the value: the caller prints
    /// instead (Fit's progress, <see cref="Model.Summary"/>).
    /// </summary>
    public static Action<object>? Show(object value)
    {
        if (Find() is not { } display) return null;
        try { return display(value); }
        catch (Exception) { return null; }
    }

    /// <summary>.NET Interactive's <c>KernelInvocationContext.Current.Display</c>, if its assembly is loaded and a cell
    /// is running: the cell that asked, so that a training run shows and updates its table in its own cell.</summary>
    private static Func<object, Action<object>>? DotNetInteractive()
    {
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "Microsoft.DotNet.Interactive");
        var contextType = assembly?.GetType("Microsoft.DotNet.Interactive.KernelInvocationContext");
        var context = contextType?.GetProperty("Current", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        if (context is null || IsComplete(context)) return null;   // no kernel, or no cell running here
        var display = assembly!.GetType("Microsoft.DotNet.Interactive.KernelInvocationContextExtensions")
                               ?.GetMethod("Display", BindingFlags.Public | BindingFlags.Static, [contextType!, typeof(object), typeof(string[])]);
        if (display is null) return null;

        return value =>
        {
            object? shown = display.Invoke(null, [context, value, Array.Empty<string>()]);
            var update = shown?.GetType().GetMethod("Update", [typeof(object)]);
            if (update is null) return _ => { };
            return newer =>
            {
                if (IsComplete(context)) throw new InvalidOperationException("The cell that showed this value has finished.");
                update.Invoke(shown, [newer]);
            };
        };
    }

    /// <summary>Whether the cell of <paramref name="context"/> has finished (work it started can outlive it, e.g. a
    /// <c>Task.Run</c>): what is displayed or updated then goes nowhere, so callers print instead.</summary>
    private static bool IsComplete(object context) =>
        context.GetType().GetProperty("IsComplete")?.GetValue(context) is true;
}
