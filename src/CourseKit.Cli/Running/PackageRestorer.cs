using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace CourseKit.Cli.Running;

/// <summary>
/// What a restore produced: the assemblies cells compile against and the runtime loads, each package's resolved
/// version, and each package's extracted folder (where a notebook extension such as extension.dib lives).
/// </summary>
public sealed record RestoredAssemblies(IReadOnlyList<string> Assemblies, IReadOnlyDictionary<string, string> Resolved,
    IReadOnlyDictionary<string, string> Folders);

/// <summary>A restore that failed, with NuGet's own messages.</summary>
public sealed class RestoreException(string message) : Exception(message);

/// <summary>
/// Restores <c>#r "nuget: …"</c> packages through real NuGet: writes a small net10.0 project with those
/// PackageReferences into a temporary folder, with the notebook repository's nuget.config (relative local feeds made
/// absolute), runs <c>dotnet restore</c>, and reads the package's and its dependencies' DLLs from obj/project.assets.json.
/// Results are cached per package set for the whole run.
/// Many runs may restore at once (a grader runs submissions in parallel): the folder of a package set is used by one
/// restore at a time (a <see cref="FileLock"/> per set), and the shared packages folder is held shared while packages
/// are restored into it and exclusively while a rebuilt package is removed from it.
/// </summary>
public sealed class PackageRestorer
{
    readonly Dictionary<string, RestoredAssemblies> cache = new();
    readonly string workRoot = Path.Combine(Path.GetTempPath(), "coursekit-restore");

    /// <summary>
    /// coursekit's own packages folder, so that a package rebuilt under the same version in a local feed
    /// (<c>dotnet pack src/CourseKit -o artifacts/packages</c>) replaces the copy extracted earlier, without touching ~/.nuget/packages.
    /// </summary>
    public string PackagesFolder => Environment.GetEnvironmentVariable("COURSEKIT_PACKAGES") is { Length: > 0 } p ? p : Path.Combine(workRoot, "packages");

    /// <summary>How long one <c>dotnet restore</c> may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    public async Task<RestoredAssemblies> RestoreAsync(
        IReadOnlyList<PackageRequest> packages, IReadOnlyList<string> sources, string notebookDirectory, CancellationToken cancel = default)
    {
        var config = FindNuGetConfig(notebookDirectory);
        var key = string.Join(";", packages.Select(p => $"{p.Name.ToLowerInvariant()}/{p.Version ?? "*"}").Order())
                  + "|" + string.Join(";", sources) + "|" + config;
        lock (cache)
            if (cache.TryGetValue(key, out var hit)) return hit;

        var name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        var dir = Path.Combine(workRoot, name);
        RestoredAssemblies result;
        try
        {
            using (await FileLock.AcquireAsync(Path.Combine(workRoot, name + ".lock"), shared: false, Timeout, cancel))
                result = await RestoreInAsync(dir, packages, sources, config, cancel);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException)
        {
            throw new RestoreException($"Restoring {string.Join(", ", packages)} failed: {e.Message}. " +
                                       $"coursekit restores packages in {workRoot}; set TMPDIR to a folder you can write to.");
        }
        lock (cache) cache[key] = result;
        return result;
    }

    /// <summary>Restores the packages with a project in <paramref name="dir"/>, which no other restore uses meanwhile.</summary>
    async Task<RestoredAssemblies> RestoreInAsync(string dir, IReadOnlyList<PackageRequest> packages, IReadOnlyList<string> sources,
        string? config, CancellationToken cancel)
    {
        Directory.CreateDirectory(dir);
        var project = new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement("PropertyGroup",
                new XElement("TargetFramework", "net10.0"),
                new XElement("OutputType", "Library"),
                new XElement("EnableDefaultItems", "false"),
                new XElement("RestorePackagesPath", PackagesFolder),
                new XElement("NoWarn", "$(NoWarn);NU1603;NU1701;NU1901;NU1902;NU1903;NU1904"),
                sources.Count > 0 ? new XElement("RestoreAdditionalProjectSources", string.Join(";", sources)) : null),
            new XElement("ItemGroup", packages.Select(p => new XElement("PackageReference",
                new XAttribute("Include", p.Name), new XAttribute("Version", p.Version ?? "*")))));
        File.WriteAllText(Path.Combine(dir, "restore.csproj"), project.ToString());

        var args = new List<string> { "restore", Path.Combine(dir, "restore.csproj"), "--nologo", "-v", "q" };
        if (config is not null)
        {
            var localConfig = Path.Combine(dir, "nuget.config");
            File.WriteAllText(localConfig, RebaseConfig(config));
            args.AddRange(["--configfile", localConfig]);
        }

        var localFeeds = sources.Where(Directory.Exists).ToList();
        if (config is not null) localFeeds.AddRange(LocalFeeds(File.ReadAllText(Path.Combine(dir, "nuget.config"))));

        // Other runs may be restoring into the packages folder, or compiling against it: only remove a package while none is.
        bool rebuilt = RebuiltPackages(localFeeds).Any();
        using var packagesLock = await FileLock.AcquireAsync(Path.Combine(PackagesFolder, ".coursekit.lock"), shared: !rebuilt, Timeout, cancel);
        if (rebuilt)
            foreach (var extracted in RebuiltPackages(localFeeds).ToList()) Directory.Delete(extracted, recursive: true);
        // NuGet skips a restore whose project is unchanged since the last one, and then does not look for a newer
        // version of a package named without one: a CourseKit packed since then would go unseen. So such restores,
        // and those of a rebuilt package, always resolve again.
        if (rebuilt || packages.Any(p => p.Version is null)) args.Add("--force");

        var (exitCode, output) = await RunDotnetAsync(args, dir, cancel);
        var assets = Path.Combine(dir, "obj", "project.assets.json");
        if (exitCode != 0 || !File.Exists(assets))
        {
            var messages = output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(10).ToList();
            throw new RestoreException(
                $"Restoring {string.Join(", ", packages)} failed (dotnet restore exited with {exitCode})" +
                (config is null ? "" : $" using {config}") + ":\n" + string.Join("\n", messages.Count > 0 ? messages : [output.Trim()]) +
                string.Concat(RestoreAdvice.For(packages, messages).Select(line => "\n" + line)));
        }
        return ReadAssets(assets, packages);
    }

    static IEnumerable<string> LocalFeeds(string configText) =>
        XDocument.Parse(configText).Descendants("packageSources").Elements("add")
            .Select(a => a.Attribute("value")?.Value).OfType<string>().Where(Directory.Exists);

    /// <summary>
    /// The folders of extracted packages whose .nupkg in a local feed has changed since they were extracted (same id and
    /// version, different bytes): removing them makes the restore take the new build.
    /// </summary>
    IEnumerable<string> RebuiltPackages(IEnumerable<string> feeds)
    {
        foreach (var nupkg in feeds.Distinct().SelectMany(f => Directory.EnumerateFiles(f, "*.nupkg")))
        {
            string? extracted = null;
            try
            {
                string? id = null, version = null;
                using (var zip = System.IO.Compression.ZipFile.OpenRead(nupkg))
                {
                    var nuspec = zip.Entries.FirstOrDefault(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
                    if (nuspec is null) continue;
                    using var stream = nuspec.Open();
                    var metadata = XDocument.Load(stream).Descendants().FirstOrDefault(e => e.Name.LocalName == "metadata");
                    id = metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == "id")?.Value;
                    version = metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == "version")?.Value;
                }
                if (id is null || version is null) continue;
                var folder = Path.Combine(PackagesFolder, id.ToLowerInvariant(), version.ToLowerInvariant());
                var hashFile = Path.Combine(folder, $"{id.ToLowerInvariant()}.{version.ToLowerInvariant()}.nupkg.sha512");
                if (!File.Exists(hashFile)) continue;
                using var file = File.OpenRead(nupkg);
                if (File.ReadAllText(hashFile).Trim() != Convert.ToBase64String(SHA512.HashData(file))) extracted = folder;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or System.Xml.XmlException) { }
            if (extracted is not null) yield return extracted;
        }
    }

    /// <summary>The nearest nuget.config (any capitalisation) in the notebook's folder or above it.</summary>
    public static string? FindNuGetConfig(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            FileInfo[] files;
            try { files = dir.GetFiles(); } catch { continue; }
            var match = files.FirstOrDefault(f => f.Name.Equals("nuget.config", StringComparison.OrdinalIgnoreCase));
            if (match is not null) return match.FullName;
        }
        return null;
    }

    /// <summary>
    /// The config's text with relative local package sources (such as artifacts/packages) made absolute against the
    /// config's own folder, as NuGet would read them there; local sources that do not exist are left out.
    /// </summary>
    public static string RebaseConfig(string configPath)
    {
        var baseDir = Path.GetDirectoryName(configPath)!;
        var doc = XDocument.Load(configPath);
        foreach (var add in doc.Descendants("packageSources").Elements("add").ToList())
        {
            var value = add.Attribute("value")?.Value;
            if (string.IsNullOrEmpty(value)) continue;
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") continue;
            var full = Path.GetFullPath(Path.Combine(baseDir, value));
            if (Directory.Exists(full)) add.SetAttributeValue("value", full);
            else add.Remove();
        }
        return doc.ToString();
    }

    /// <summary>
    /// For every package in the restore graph: its runtime DLLs (what the process loads; cells compile against them too,
    /// so that the same assembly is seen at compile time and at run time), or its compile DLLs where it has no runtime ones.
    /// </summary>
    static RestoredAssemblies ReadAssets(string assetsPath, IReadOnlyList<PackageRequest> requested)
    {
        var assets = JsonNode.Parse(File.ReadAllText(assetsPath))!.AsObject();
        var folder = (assets["packageFolders"] as JsonObject)?.Select(p => p.Key).FirstOrDefault()
                     ?? throw new RestoreException($"{assetsPath} names no package folder");
        var libraries = assets["libraries"]!.AsObject();
        var target = assets["targets"]!.AsObject().First().Value!.AsObject();
        var dlls = new List<string>();
        var resolved = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var folders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, node) in target)
        {
            if (node?["type"]?.GetValue<string>() != "package") continue;
            var libPath = libraries[id]?["path"]?.GetValue<string>() ?? id.ToLowerInvariant();
            var name = id.Split('/')[0];
            resolved[name] = id.Split('/')[1];
            folders[name] = Path.GetFullPath(Path.Combine(folder, libPath));
            var runtime = Files(node["runtime"]);
            var chosen = runtime.Count > 0 ? runtime : Files(node["compile"]);
            dlls.AddRange(chosen.Select(f => Path.GetFullPath(Path.Combine(folder, libPath, f))));
        }
        foreach (var p in requested.Where(p => !resolved.ContainsKey(p.Name)))
            throw new RestoreException($"Package {p} was not part of the restore result");
        return new RestoredAssemblies(dlls.Distinct().ToList(), resolved, folders);

        static List<string> Files(JsonNode? group) => group is JsonObject o
            ? o.Select(kv => kv.Key).Where(k => k.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToList()
            : [];
    }

    async Task<(int ExitCode, string Output)> RunDotnetAsync(IEnumerable<string> args, string workingDirectory, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var v in DotnetHost.OuterBuildVariables) start.Environment.Remove(v);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancel);
        var stderr = process.StandardError.ReadToEndAsync(cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(Timeout);
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch { }
            throw new RestoreException($"dotnet restore did not finish within {Timeout.TotalSeconds:0} s");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

}
