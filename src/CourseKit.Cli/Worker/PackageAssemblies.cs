using System.Reflection;
using System.Runtime.Loader;

namespace CourseKit.Cli.Worker;

/// <summary>
/// The assemblies cells referenced (#r, NuGet packages), loaded by name when the runtime asks for them. A separate
/// object from the host, because the runtime's resolving event (which cells can reach) keeps it alive.
/// </summary>
sealed class PackageAssemblies
{
    readonly Dictionary<string, string> paths = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Remembers <paramref name="path"/> under its assembly name (the first one added wins).</summary>
    public void Add(string path) => paths.TryAdd(Path.GetFileNameWithoutExtension(path), path);

    /// <summary>For <see cref="AssemblyLoadContext.Resolving"/>: loads a referenced assembly, or null to let others try.</summary>
    public Assembly? Resolve(AssemblyLoadContext context, AssemblyName name) =>
        name.Name is { } n && paths.TryGetValue(n, out var path) && File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
}
