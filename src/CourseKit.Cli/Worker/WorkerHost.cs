using System.Collections.Immutable;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace CourseKit.Cli.Worker;

/// <summary>
/// The worker process (<c>coursekit __worker SOCKET</c>): runs C# cells one after another in one Roslyn script state, as
/// the .NET Interactive C# kernel does, and reports their outputs to the runner over a private socket (see
/// <see cref="Protocol"/>). Cells never see the socket's key or anything that writes to it: their console and
/// <c>display</c> only add to an <see cref="OutputOutbox"/>, which the <see cref="OutputSender"/> drains.
/// </summary>
sealed partial class WorkerHost
{
    /// <summary>The namespaces a cell can use without a using directive, like the kernel's defaults.</summary>
    public static readonly string[] DefaultImports =
    [
        "System", "System.IO", "System.Collections", "System.Collections.Generic", "System.Linq", "System.Text",
        "System.Threading", "System.Threading.Tasks", "System.Net.Http",
    ];

    readonly OutputOutbox outbox;
    readonly OutputSender sender;
    readonly CellGlobals globals;
    readonly ReportSink reports;
    readonly HookGuard guard = new();
    readonly PackageAssemblies packageAssemblies = new();
    readonly HashSet<string> referenced = new(StringComparer.OrdinalIgnoreCase);
    ScriptOptions options;
    ScriptState<object>? state;

    WorkerHost(OutputOutbox outbox, OutputSender sender, DisplaySink display)
    {
        this.outbox = outbox;
        this.sender = sender;
        globals = new CellGlobals(display);
        reports = new ReportSink(outbox);
        options = ScriptOptions.Default
            .WithReferences(FrameworkReferences())
            .AddReferences(MetadataReference.CreateFromFile(typeof(CellGlobals).Assembly.Location).WithAliases(["coursekitworker"]))
            .WithImports(DefaultImports)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithAllowUnsafe(true)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithOptimizationLevel(OptimizationLevel.Debug);
    }

    public static async Task<int> RunAsync(string socketPath)
    {
        WorkerSession.Begin();
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        var channel = new NetworkStream(socket, ownsSocket: true);
        var commands = new StreamReader(channel, new UTF8Encoding(false));
        var key = Convert.FromHexString(await commands.ReadLineAsync() ?? throw new IOException("The runner sent no key."));

        var outbox = new OutputOutbox();
        var display = new DisplaySink(outbox);
        var host = new WorkerHost(outbox, OutputSender.Start(outbox, new ChannelSeal(key), channel), display);
        Array.Clear(key);

        // Cells see a console of their own: what they write becomes stream outputs of the cell; they cannot read commands.
        Console.SetIn(new StringReader(""));
        Console.SetOut(new StreamCapture("stdout", outbox));
        Console.SetError(new StreamCapture("stderr", outbox));
        host.guard.KeepConsole();
        // Cells can reach these three handlers (through the runtime's statics), so each is a method of an object that
        // leads nowhere near the socket, never a lambda here, whose closure would share this method's locals.
        // What is still pending when a cell ends the process (Environment.Exit) is sent before it goes.
        AppDomain.CurrentDomain.ProcessExit += outbox.FlushOnExit;
        AssemblyLoadContext.Default.Resolving += host.packageAssemblies.Resolve;
        // CourseKit's Fit progress (and anything else) can show an output and update it in place; tests send reports.
        // Both are put back after every cell that replaces them (and the grader is told).
        host.guard.Install("CourseKit.Display", display.Hook(), "CourseKit's display hook");
        host.guard.Install(ReportSink.HookKey, host.reports.Hook(), "CourseKit's report hook");

        // Roslyn's first compilation takes a second or more; pay it before saying ready, so it does not count
        // against the first cell's time limit.
        try { await CSharpScript.Create("1", host.options, typeof(CellGlobals)).RunAsync(new CellGlobals()); } catch { }

        var runs = ReadCommands(commands);
        host.sender.Ready();
        await foreach (var message in runs.ReadAllAsync())
            if (message["type"]?.GetValue<string>() == Protocol.Run) await host.RunCellAsync(message);
        return 0;
    }

    /// <summary>
    /// Reads the runner's commands on their own thread, so that a runner that goes away is noticed even while a cell
    /// loops: the worker then ends itself and every process its cells started.
    /// </summary>
    static ChannelReader<JsonObject> ReadCommands(StreamReader commands)
    {
        var runs = Channel.CreateUnbounded<JsonObject>();
        _ = Task.Run(async () =>
        {
            try
            {
                while (await commands.ReadLineAsync() is { } line)
                    if (!string.IsNullOrWhiteSpace(line) && JsonNode.Parse(line) is JsonObject message) runs.Writer.TryWrite(message);
            }
            catch (Exception) { }
            WorkerSession.EndAll();
        });
        return runs.Reader;
    }

    async Task RunCellAsync(JsonObject message)
    {
        int cell = message["cell"]!.GetValue<int>();
        string code = message["code"]!.GetValue<string>();
        foreach (var path in (message["references"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
            AddReference(path);

        // Everything the cell's code does from here, in any thread or task it starts, is marked as this cell's; what it
        // and the processes it starts write on file descriptors 1 and 2 goes into pipes of this cell's own.
        var pipes = CellPipes.Open(message);
        RunningCell.Number = cell;
        var cellOptions = options.WithFilePath(CellFileName(cell));
        bool ok = true;
        try
        {
            // Compiled first, so that the report hook knows the cell's own assembly (reports come from its code only).
            var script = state is null ? CSharpScript.Create(code, cellOptions, typeof(CellGlobals)) : state.Script.ContinueWith(code, cellOptions);
            script.Compile();
            reports.RunningAssembly = script.GetCompilation().AssemblyName;
            var next = state is null
                ? await script.RunAsync(globals, catchException: _ => true)
                : await script.RunFromAsync(state, catchException: _ => true);
            state = next;
            if (next.Exception is { } exception)
            {
                ok = false;
                Add(cell, RuntimeError(exception, cell, code));
            }
            else if (next.ReturnValue is { } value && EndsWithExpression(code))
            {
                Add(cell, new JsonObject
                {
                    ["output_type"] = "execute_result",
                    ["data"] = ValueFormatter.Format(value),
                    ["metadata"] = new JsonObject(),
                });
            }
        }
        catch (CompilationErrorException e)
        {
            ok = false;
            Add(cell, CompileError(e.Diagnostics));
        }
        catch (Exception e)
        {
            ok = false;
            Add(cell, RuntimeError(e, cell, code));
        }
        reports.RunningAssembly = null;
        foreach (var (kind, what) in guard.Restore()) outbox.Add(new TamperingItem(cell, kind, what));
        RunningCell.Number = 0;
        CellPipes.Detach();
        sender.Done(cell, ok, pipes);
    }

    void Add(int cell, JsonObject output) => outbox.Add(new OutputItem(cell, output));

    void AddReference(string path)
    {
        if (!referenced.Add(path)) return;
        packageAssemblies.Add(path);
        options = options.AddReferences(MetadataReference.CreateFromFile(path));
    }

    internal static string CellFileName(int cell) => $"cell-{cell}.csx";

    [GeneratedRegex(@"cell-(\d+)\.csx:line (\d+)")]
    private static partial Regex CellFrame();

    /// <summary>The error output for compile errors: one traceback line per diagnostic, "(line,col): error CSxxxx: …".</summary>
    static JsonObject CompileError(ImmutableArray<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count == 0) errors = diagnostics.ToList();
        var lines = errors.Select(d =>
        {
            var span = d.Location.GetMappedLineSpan();
            var at = d.Location.IsInSource ? $"({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): " : "";
            return $"{at}{d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.GetMessage()}";
        }).ToList();
        return Protocol.Error("CompilationErrorException", lines.FirstOrDefault() ?? "compilation failed", lines);
    }

    /// <summary>The error output for an exception: its type and message, the failing line of the cell, then the stack with cell lines.</summary>
    static JsonObject RuntimeError(Exception exception, int cell, string code)
    {
        while (exception is TargetInvocationException { InnerException: { } inner }) exception = inner;
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate) exception = aggregate.InnerExceptions[0];

        var trace = new List<string> { $"{exception.GetType().FullName}: {exception.Message}" };
        var stackLines = (exception.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimEnd('\r'))
            .TakeWhile(l => !l.Contains("Microsoft.CodeAnalysis.Scripting"))
            .Where(l => !l.StartsWith("--- End of stack trace", StringComparison.Ordinal))
            .ToList();
        var here = stackLines.Select(l => CellFrame().Match(l)).FirstOrDefault(m => m.Success && m.Groups[1].Value == cell.ToString());
        if (here is not null)
        {
            int line = int.Parse(here.Groups[2].Value);
            var source = code.Replace("\r\n", "\n").Split('\n');
            var text = line >= 1 && line <= source.Length ? source[line - 1].Trim() : "";
            trace.Add($"   in cell {cell}, line {line}: {text}");
        }
        trace.AddRange(stackLines.Select(l => CellFrame().Replace(l, m => $"cell {m.Groups[1].Value}, line {m.Groups[2].Value}")));
        if (exception.InnerException is { } innerException)
            trace.Add($" ---> {innerException.GetType().FullName}: {innerException.Message}");
        return Protocol.Error(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, trace);
    }

    /// <summary>True when the cell's last statement is an expression without a semicolon, whose value the kernel shows.</summary>
    static bool EndsWithExpression(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script));
        var last = tree.GetCompilationUnitRoot().Members.LastOrDefault();
        return last is Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax
        {
            Statement: Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax { SemicolonToken.IsMissing: true },
        };
    }

    /// <summary>The shared framework's assemblies (System.*, Microsoft.*), so cells compile against all of .NET.</summary>
    static IEnumerable<MetadataReference> FrameworkReferences()
    {
        var runtimeDir = RuntimeEnvironment.GetRuntimeDirectory();
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator);
        foreach (var path in tpa.Where(p => p.Length > 0 && p.StartsWith(runtimeDir, StringComparison.Ordinal)))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal)
                || name is "System" or "netstandard" or "mscorlib")
            {
                MetadataReference? reference = null;
                try { reference = MetadataReference.CreateFromFile(path); } catch (BadImageFormatException) { }
                if (reference is not null) yield return reference;
            }
        }
    }
}
