using System.Text.RegularExpressions;

namespace CourseKit.Cli.Running;

/// <summary>A NuGet package a cell asks for with <c>#r "nuget: Name, Version"</c>; a null version floats to the highest.</summary>
public sealed record PackageRequest(string Name, string? Version)
{
    public override string ToString() => Version is null ? Name : $"{Name}, {Version}";
}

/// <summary>
/// The kernel directives of a C# cell, taken out of its code: <c>#r "nuget: …"</c>, <c>#i "nuget: …"</c> (a package
/// source), <c>#r "path.dll"</c>, and magic-command lines (<c>#!csharp</c>, <c>#!time</c>, …). Each directive's line is
/// left blank in <see cref="Code"/>, so line numbers in errors still match the cell.
/// </summary>
public sealed partial class CellDirectives
{
    public required string Code { get; init; }
    public List<PackageRequest> Packages { get; } = new();
    public List<string> Sources { get; } = new();
    public List<string> AssemblyPaths { get; } = new();

    [GeneratedRegex(@"^\s*#(?<kind>[ri])\s+""(?<value>[^""]*)""\s*;?\s*$")]
    private static partial Regex Directive();

    /// <param name="code">The cell's source.</param>
    /// <param name="baseDirectory">Where relative paths (a DLL, a local source) are taken from: the notebook's folder.</param>
    public static CellDirectives Parse(string code, string baseDirectory)
    {
        var lines = code.Replace("\r\n", "\n").Split('\n');
        var result = new CellDirectives { Code = "" };
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("#!", StringComparison.Ordinal))
            {
                lines[i] = "";
                continue;
            }
            var m = Directive().Match(line);
            if (!m.Success) continue;
            var value = m.Groups["value"].Value.Trim();
            bool nuget = value.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase);
            var rest = nuget ? value["nuget:".Length..].Trim() : value;
            if (m.Groups["kind"].Value == "i")
            {
                if (nuget) result.Sources.Add(ResolveSource(rest, baseDirectory));
                else continue; // #i "path" is not a NuGet source; leave it for the compiler to report
            }
            else if (nuget)
            {
                var parts = rest.Split(',', 2, StringSplitOptions.TrimEntries);
                result.Packages.Add(new PackageRequest(parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null));
            }
            else
            {
                result.AssemblyPaths.Add(Path.GetFullPath(Path.Combine(baseDirectory, rest)));
            }
            lines[i] = "";
        }
        return new CellDirectives { Code = string.Join("\n", lines) }.With(result);
    }

    CellDirectives With(CellDirectives other)
    {
        Packages.AddRange(other.Packages);
        Sources.AddRange(other.Sources);
        AssemblyPaths.AddRange(other.AssemblyPaths);
        return this;
    }

    /// <summary>A URL stays as it is; a folder is made absolute against the notebook's folder.</summary>
    internal static string ResolveSource(string source, string baseDirectory) =>
        Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? source
            : Path.GetFullPath(Path.Combine(baseDirectory, source));
}
