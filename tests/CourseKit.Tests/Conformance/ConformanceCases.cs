using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace CourseKit.Tests.Conformance;

/// <summary>One case from a conformance file: its file, name, kind and raw JSON (see /shared/conformance/README.md).</summary>
public sealed class ConformanceCase(string file, int index, JsonObject json)
{
    /// <summary>The file it came from, e.g. <c>layers.json</c>.</summary>
    public string File { get; } = file;

    /// <summary>Its position in the file's <c>cases</c> array.</summary>
    public int Index { get; } = index;

    /// <summary>The case as stored; tests may clone and edit it.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>The case's <c>name</c>, or <c>#index</c> when it has none.</summary>
    public string Name => TryString("name") ?? $"#{Index}";

    /// <summary>The case's <c>kind</c>, or "" when it has none.</summary>
    public string Kind => TryString("kind") ?? "";

    /// <summary><c>file/name</c>, for messages.</summary>
    public string Label => $"{File}/{Name}";

    /// <summary>A copy that can be edited without touching the loaded catalog.</summary>
    public ConformanceCase Clone() => new(File, Index, (JsonObject)Json.DeepClone());

    /// <summary>The string at <paramref name="key"/>, or null when it is absent or not a string.</summary>
    public string? TryString(string key) =>
        Json[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The tensor at <paramref name="key"/>; fails when it is absent or malformed.</summary>
    public JsonTensor Tensor(string key) =>
        JsonTensor.Parse(Json[key] ?? throw Fail($"has no \"{key}\""), $"{Label}: \"{key}\"");

    /// <summary>The object at <paramref name="key"/> (an empty one when absent).</summary>
    public JsonObject Object(string key) => Json[key] switch
    {
        null => [],
        JsonObject o => o,
        var other => throw Fail($"\"{key}\" should be an object, got {other.ToJsonString()}"),
    };

    /// <summary>The case's (rtol, atol); <paramref name="fallback"/> when it gives none (facts), else a failure.</summary>
    public (double Rtol, double Atol) Tolerances((double Rtol, double Atol)? fallback = null)
    {
        double? rtol = Number(Json["rtol"]), atol = Number(Json["atol"]);
        if (rtol is double r && atol is double a) return (r, a);
        if (rtol is null && atol is null && fallback is { } f) return f;
        throw Fail("needs both \"rtol\" and \"atol\"");
    }

    /// <summary>An assertion failure that names this case.</summary>
    public XunitException Fail(string message) => new($"{Label}: {message}");

    /// <summary>The number in <paramref name="node"/>, or null when it is not a number.</summary>
    public static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;

    /// <inheritdoc />
    public override string ToString() => Label;
}

/// <summary>A tensor as the files store it: <c>{"shape": [...], "data": [row-major values]}</c>.</summary>
public sealed record JsonTensor(int[] Shape, double[] Data)
{
    /// <summary>Reads and checks a stored tensor (only <c>shape</c> and <c>data</c>, with matching sizes).</summary>
    public static JsonTensor Parse(JsonNode node, string what)
    {
        if (node is not JsonObject o) throw new XunitException($"{what} should be a tensor object {{shape, data}}, got {node.ToJsonString()}.");
        var extra = o.Select(p => p.Key).Where(k => k is not ("shape" or "data")).ToList();
        if (extra.Count > 0) throw new XunitException($"{what} has unknown tensor keys: {string.Join(", ", extra)}.");
        if (o["shape"] is not JsonArray shapeNode || o["data"] is not JsonArray dataNode)
            throw new XunitException($"{what} needs the arrays \"shape\" and \"data\".");
        var shape = shapeNode.Select(d => ConformanceCase.Number(d) is double x && x == Math.Floor(x) && x >= 0 ? (int)x
            : throw new XunitException($"{what}: shape {shapeNode.ToJsonString()} must hold non-negative integers.")).ToArray();
        var data = dataNode.Select(d => ConformanceCase.Number(d)
            ?? throw new XunitException($"{what}: data must hold only numbers, found {d?.ToJsonString() ?? "null"}.")).ToArray();
        long size = shape.Aggregate(1L, (p, d) => p * d);
        if (size != data.Length)
            throw new XunitException($"{what}: shape [{string.Join(", ", shape)}] needs {size} values but data has {data.Length}.");
        return new JsonTensor(shape, data);
    }

    /// <summary>A CourseKit tensor with these numbers on <paramref name="device"/>.</summary>
    public Tensor ToTensor(Device device, bool requiresGrad = false) =>
        global::CourseKit.Tensor.FromData(Data.Select(v => (float)v).ToArray(), Shape, device, requiresGrad);
}

/// <summary>
/// Finds and loads the conformance files: every <c>*.json</c> in <c>COURSEKIT_CONFORMANCE_DIR</c> or, by default,
/// <c>&lt;folder holding CourseKit.sln&gt;/../shared/conformance</c>.
/// </summary>
public static class ConformanceCases
{
    /// <summary>The environment variable that overrides where the files are.</summary>
    public const string DirectoryVariable = "COURSEKIT_CONFORMANCE_DIR";

    /// <summary>The devices every case runs on.</summary>
    public static readonly string[] Devices = ["reference", "cpu", .. Tensors.Devices.Names.Skip(2)];

    private static readonly Lazy<Catalog> Loaded = new(Load);

    /// <summary>Every case of every readable file, or a failure saying why none could be loaded (folder missing or empty).</summary>
    public static IReadOnlyList<ConformanceCase> All
    {
        get
        {
            var catalog = Loaded.Value;
            if (catalog.SetupError is not null) throw new XunitException(catalog.SetupError);
            return catalog.Cases;
        }
    }

    /// <summary>Every *.json file found, with its top level (null when it could not be parsed).</summary>
    public static IReadOnlyList<(string File, JsonObject? Root)> Files => Loaded.Value.Files;

    /// <summary>Why files could not be read (file name → reason).</summary>
    public static IReadOnlyDictionary<string, string> UnreadableFiles => Loaded.Value.Unreadable;

    /// <summary>The folder the files were read from, for messages.</summary>
    public static string Folder => Loaded.Value.Folder;

    /// <summary>The case named <paramref name="name"/> in <paramref name="file"/>; fails on a setup error, an unreadable file or a duplicate name.</summary>
    public static ConformanceCase Find(string file, string name)
    {
        var cases = All;
        if (UnreadableFiles.TryGetValue(file, out var why)) throw new XunitException($"{file}: {why}");
        var matches = cases.Where(c => c.File == file && c.Name == name).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new XunitException($"{file}/{name}: no such case in {Folder} (was the file changed after test discovery?)."),
            _ => throw new XunitException($"{file}/{name}: {matches.Count} cases share this name; names must be unique within a file."),
        };
    }

    /// <summary>
    /// Theory rows (file, case name, device). A missing folder or an unreadable file still yields rows, which fail with
    /// the reason, so nothing can pass silently.
    /// </summary>
    public static IEnumerable<object[]> Rows()
    {
        var catalog = Loaded.Value;
        if (catalog.SetupError is not null)
        {
            foreach (var device in Devices) yield return ["(setup)", "(no cases loaded)", device];
            yield break;
        }
        foreach (var file in catalog.Unreadable.Keys)
            foreach (var device in Devices)
                yield return [file, "(unreadable file)", device];
        foreach (var c in catalog.Cases.DistinctBy(c => (c.File, c.Name)))
            foreach (var device in Devices)
                yield return [c.File, c.Name, device];
    }

    /// <summary>Where the files are expected, and how that folder was chosen (for messages).</summary>
    public static (string? Folder, string How) Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return (Path.GetFullPath(fromEnvironment), $"from the environment variable {DirectoryVariable}");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CourseKit.sln")))
                return (Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "conformance")),
                        $"the default <folder of CourseKit.sln>/../shared/conformance, with CourseKit.sln found in {dir.FullName}");
        return (null, $"no folder above {AppContext.BaseDirectory} holds CourseKit.sln, so the default <folder of CourseKit.sln>/../shared/conformance could not be formed");
    }

    /// <summary>What loading a folder gave: the cases, or why there are none, and which files could not be read.</summary>
    internal sealed record Catalog(
        string Folder, string? SetupError, List<(string File, JsonObject? Root)> Files, List<ConformanceCase> Cases, Dictionary<string, string> Unreadable);

    private static Catalog Load()
    {
        var (folder, how) = Locate();
        return LoadFrom(folder, how);
    }

    /// <summary>Loads every *.json file of <paramref name="folder"/>; <paramref name="how"/> says how it was chosen (for messages).</summary>
    internal static Catalog LoadFrom(string? folder, string how)
    {
        string help = $"Set the environment variable {DirectoryVariable} to the folder that holds the conformance *.json files " +
                      $"(e.g. export {DirectoryVariable}=/path/to/shared/conformance).";
        if (folder is null || !Directory.Exists(folder))
            return new(folder ?? "(none)", $"Conformance folder not found: looked in {folder ?? "(nowhere)"} ({how}). {help}", [], [], []);
        var paths = Directory.GetFiles(folder, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (paths.Count == 0)
            return new(folder, $"The conformance folder {folder} ({how}) holds no *.json files. {help}", [], [], []);

        var files = new List<(string, JsonObject?)>();
        var cases = new List<ConformanceCase>();
        var unreadable = new Dictionary<string, string>();
        foreach (var path in paths)
        {
            var file = Path.GetFileName(path);
            try
            {
                if (JsonNode.Parse(File.ReadAllText(path)) is not JsonObject root)
                    throw new FormatException("the top level is not an object");
                if (root["cases"] is not JsonArray array) throw new FormatException("it has no \"cases\" array");
                var parsed = array.Select((node, i) => node is JsonObject o ? new ConformanceCase(file, i, o)
                    : throw new FormatException($"case #{i} is not an object")).ToList();
                files.Add((file, root));
                cases.AddRange(parsed);
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                files.Add((file, null));
                unreadable[file] = $"cannot be read as a conformance file ({folder}): {e.Message}";
            }
        }
        return new(folder, null, files, cases, unreadable);
    }
}
