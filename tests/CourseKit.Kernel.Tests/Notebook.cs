using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace CourseKit.Kernel.Tests;

/// <summary>
/// A .NET Interactive C# kernel in this process, with CourseKit loaded the way a notebook loads it: <c>#r</c> of the
/// built CourseKit.dll, then the package's <c>interactive-extensions/dotnet/extension.dib</c> (the kernel tool runs it
/// when <c>#r "nuget: CourseKit"</c> loads the package; a kernel hosted here has to run it itself). One kernel serves
/// every test, like one notebook with many cells: see <see cref="NotebookCollection"/>.
/// <para>The dll rather than the package: <c>#r "nuget: CourseKit"</c> would take the copy in ~/.nuget/packages, which
/// a rebuilt package of the same version does not replace, so the tests could run an old build. It makes no difference
/// to the display: the kernel's formatter reads the attribute named <c>TypeFormatterSourceAttribute</c> on a value's
/// type the first time it formats one, whichever way the assembly was loaded.</para>
/// </summary>
public sealed class Notebook : IAsyncLifetime
{
    // As the kernel tool sets it up: display(...) and the other helpers in scope; #r "nuget: …" restores packages and
    // references their assemblies.
    private readonly CompositeKernel _kernel = new()
    {
        new CSharpKernel().UseNugetDirective((kernel, packages) =>
        {
            kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
            return Task.CompletedTask;
        }).UseKernelHelpers(),
    };

    /// <summary>What the extension script produced when CourseKit was loaded (the banner).</summary>
    public Cell Extension { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string library = Path.Combine(AppContext.BaseDirectory, "CourseKit.dll");
        (await Run($"#r \"{library}\"")).Succeeded();
        var script = File.ReadAllLines(Path.Combine(SourceFolder(), "interactive-extensions", "dotnet", "extension.dib"));
        Assert.Equal("#!csharp", script[0]);
        Extension = (await Run(string.Join('\n', script.Skip(1)))).Succeeded();
    }

    public Task DisposeAsync()
    {
        _kernel.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Runs <paramref name="code"/> as one cell and returns everything it produced.</summary>
    public async Task<Cell> Run(string code)
    {
        var result = await _kernel.SubmitCodeAsync(code);
        return new Cell(code, result.Events);
    }

    /// <summary>src/CourseKit in this checkout.</summary>
    public static string SourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CourseKit.sln"))) return Path.Combine(dir.FullName, "src", "CourseKit");
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds CourseKit.sln.");
    }
}

/// <summary>The tests share one kernel and run one after another, as cells do.</summary>
[CollectionDefinition(Name)]
public sealed class NotebookCollection : ICollectionFixture<Notebook>
{
    public const string Name = "notebook";
}

/// <summary>The events one cell produced, with what a test asks of them.</summary>
public sealed record Cell(string Code, IReadOnlyList<KernelEvent> Events)
{
    /// <summary>Fails with the kernel's message if the cell failed; returns the cell otherwise.</summary>
    public Cell Succeeded()
    {
        if (Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
            Assert.Fail($"The cell failed: {failed.Message}\n{Code}");
        return this;
    }

    /// <summary>The cell's failure (asserts there is one).</summary>
    public CommandFailed Failure => Assert.Single(Events.OfType<CommandFailed>());

    /// <summary>The value of the cell's trailing expression.</summary>
    public ReturnValueProduced Returned => Assert.Single(Succeeded().Events.OfType<ReturnValueProduced>());

    /// <summary>The object the cell ended with (the kernel runs in this process), as its ToString() shows it.</summary>
    public string Value => Returned.Value?.ToString() ?? "null";

    /// <summary>What display(...) showed.</summary>
    public IReadOnlyList<DisplayedValueProduced> Displayed => [.. Succeeded().Events.OfType<DisplayedValueProduced>()];

    /// <summary>The updates of displayed values, in order.</summary>
    public IReadOnlyList<DisplayedValueUpdated> Updated => [.. Succeeded().Events.OfType<DisplayedValueUpdated>()];

    /// <summary>What the cell wrote to the console.</summary>
    public string StandardOutput => string.Concat(Events.OfType<StandardOutputValueProduced>()
        .SelectMany(e => e.FormattedValues).Select(v => v.Value));
}

/// <summary>The formats of a shown value.</summary>
public static class Formats
{
    /// <summary>The value in <paramref name="mimeType"/>; asserts the kernel wrote it exactly once.</summary>
    public static string In(this DisplayEvent shown, string mimeType) =>
        Assert.Single(shown.FormattedValues, v => v.MimeType == mimeType).Value;

    public static string Html(this DisplayEvent shown) => shown.In("text/html");

    public static string Text(this DisplayEvent shown) => shown.In("text/plain");
}
