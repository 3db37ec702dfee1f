namespace CourseKit.Cli.Running;

/// <summary>
/// What one cell brings into a worker session besides its code: the assemblies it references that the session has
/// not referenced yet, the extension scripts of packages loaded for the first time (run before the cell's code, as
/// the kernel does, e.g. CourseKit's banner), and one "Installed package …" line per package it asked for.
/// </summary>
public sealed record CellReferences(IReadOnlyList<string> Assemblies, IReadOnlyList<string> Extensions, IReadOnlyList<string> Installed);

/// <summary>
/// The packages, package sources and assemblies one worker session has been given so far, shared by
/// <c>coursekit run</c> and the grader. A cell's <c>#r "nuget: …"</c> adds to the session's package set (a package
/// asked for again replaces its earlier version), which is restored as a whole so that versions agree; the cell gets
/// only the assemblies the session has not referenced before.
/// </summary>
public sealed class SessionPackages(PackageRestorer restorer, string baseDirectory)
{
    readonly List<PackageRequest> packages = [];
    readonly List<string> sources = [];
    readonly HashSet<string> referenced = new(StringComparer.Ordinal);
    readonly HashSet<string> extended = new(StringComparer.OrdinalIgnoreCase);   // packages whose extension script was looked for

    /// <summary>Whether the session has loaded a package of this name (any version).</summary>
    public bool Has(string package) => packages.Any(p => p.Name.Equals(package, StringComparison.OrdinalIgnoreCase));

    /// <summary>The packages the session has loaded, by name.</summary>
    public IEnumerable<string> Names => packages.Select(p => p.Name);

    /// <summary>
    /// Restores what <paramref name="directives"/> ask for (throws <see cref="RestoreException"/> when that fails) and
    /// returns what the cell brings into the session. <paramref name="restoring"/> is told the packages before a restore starts.
    /// </summary>
    public async Task<CellReferences> PrepareAsync(CellDirectives directives, Action<IReadOnlyList<PackageRequest>>? restoring = null,
        CancellationToken cancel = default)
    {
        var assemblies = new List<string>(directives.AssemblyPaths.Where(referenced.Add));
        sources.AddRange(directives.Sources.Except(sources).ToList());
        if (directives.Packages.Count == 0) return new CellReferences(assemblies, [], []);

        foreach (var p in directives.Packages)
        {
            packages.RemoveAll(q => q.Name.Equals(p.Name, StringComparison.OrdinalIgnoreCase));
            packages.Add(p);
        }
        restoring?.Invoke(directives.Packages);
        var restored = await restorer.RestoreAsync(packages, sources, baseDirectory, cancel);
        assemblies.AddRange(restored.Assemblies.Where(referenced.Add));
        var installed = directives.Packages
            .Select(p => $"Installed package {p.Name} version {restored.Resolved.GetValueOrDefault(p.Name, p.Version ?? "?")}\n").ToList();
        var extensions = new List<string>();
        foreach (var (_, folder) in restored.Folders.Where(f => extended.Add(f.Key)))
            if (ExtensionScript.CSharpIn(folder) is { } script) extensions.Add(script);
        return new CellReferences(assemblies, extensions, installed);
    }
}
