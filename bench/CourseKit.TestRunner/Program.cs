using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CourseKit.TestRunner;

/// <summary>
/// Runs the xunit 2 tests of one assembly with nothing but the .NET runtime: it drives xunit's own engine
/// (<see cref="XunitTestFramework"/> from xunit.execution, which the test assembly ships) directly, the way
/// `dotnet test` does through its adapter, and prints the failures and one closing line
/// "N passed, N failed, N skipped". Exit code 0 when nothing failed, 1 when a test (or a fixture) failed, 2 for
/// bad arguments.
/// <code>
/// dotnet exec --runtimeconfig CourseKit.Tests.runtimeconfig.json --depsfile CourseKit.Tests.deps.json \
///     CourseKit.TestRunner.dll CourseKit.Tests.dll [--filter TEXT]... [--results FILE] [--serial] [--verbose]
/// </code>
/// The test assembly's runtimeconfig and deps files make the host load exactly what the tests need (their packages
/// and frameworks, ASP.NET Core's included), so this dll must lie in the test assembly's folder.
/// </summary>
public static class Program
{
    private const string Usage = """
        Usage: dotnet exec --runtimeconfig T.runtimeconfig.json --depsfile T.deps.json CourseKit.TestRunner.dll T.dll [options]

          --filter TEXT   run only tests whose display name contains TEXT (ignoring case); may be repeated (any matches)
          --results FILE  write one line per test: PASS|FAIL|SKIP <tab> seconds <tab> display name
          --serial        run the test collections one after another (default: in parallel, as dotnet test does)
          --verbose       print every test as it finishes, and xunit's diagnostic messages
        """;

    public static int Main(string[] args)
    {
        string? assemblyPath = null, resultsPath = null;
        var filters = new List<string>();
        bool serial = false, verbose = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--filter" when i + 1 < args.Length: filters.Add(args[++i]); break;
                case "--results" when i + 1 < args.Length: resultsPath = args[++i]; break;
                case "--serial": serial = true; break;
                case "--verbose": verbose = true; break;
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                default:
                    if (assemblyPath == null && !args[i].StartsWith("--", StringComparison.Ordinal)) assemblyPath = args[i];
                    else return Fail($"Unexpected argument '{args[i]}'.");
                    break;
            }
        }
        if (assemblyPath == null) return Fail("No test assembly given.");
        if (!File.Exists(assemblyPath)) return Fail($"Test assembly '{assemblyPath}' not found.");

        // The host was started with the tests' deps file, so the test assembly is on the trusted list: load it by name,
        // the same way xunit's executor does, so that both see one and the same assembly.
        Assembly assembly;
        try { assembly = Assembly.Load(AssemblyName.GetAssemblyName(Path.GetFullPath(assemblyPath))); }
        catch (FileNotFoundException e)
        {
            return Fail($"Cannot load {assemblyPath} ({e.Message}). Start the runner from the test assembly's folder with " +
                        "its runtimeconfig and deps files (dotnet exec --runtimeconfig … --depsfile …), as shown below.");
        }
        var report = new Report(verbose, resultsPath);
        var clock = Stopwatch.StartNew();

        using (var framework = new XunitTestFramework(new DiagnosticSink(report)))
        {
            var options = new TestOptions();
            options.SetValue("xunit.discovery.PreEnumerateTheories", true);  // one result per theory row, as dotnet test counts
            options.SetValue("xunit.discovery.MethodDisplay", "ClassAndMethod");
            options.SetValue("xunit.execution.DisableParallelization", serial);

            List<ITestCase> testCases;
            using (var discoverer = framework.GetDiscoverer(Reflector.Wrap(assembly)))
            {
                var discovery = new DiscoverySink();
                discoverer.Find(includeSourceInformation: false, discovery, options);
                discovery.Finished.WaitOne();
                testCases = discovery.TestCases
                    .Where(tc => filters.Count == 0 || filters.Any(f => tc.DisplayName.Contains(f, StringComparison.OrdinalIgnoreCase)))
                    .ToList();
            }
            Console.WriteLine($"Discovered {testCases.Count} test cases in {assembly.GetName().Name}" +
                              (filters.Count > 0 ? $" matching {string.Join(" or ", filters.Select(f => $"'{f}'"))}" : "") + ".");

            using var executor = framework.GetExecutor(assembly.GetName());
            var execution = new ExecutionSink(report);
            executor.RunTests(testCases, execution, options);
            execution.Finished.WaitOne();
        }

        report.Close();
        Console.WriteLine($"Ran in {clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s.");
        if (report.Errors > 0) Console.WriteLine($"{report.Errors} error(s) outside tests (fixtures, cleanup, the engine).");
        Console.WriteLine($"{report.Passed} passed, {report.Failed} failed, {report.Skipped} skipped");
        return report.Failed > 0 || report.Errors > 0 ? 1 : 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine(Usage);
        return 2;
    }

    /// <summary>Options for discovery and execution: xunit reads them by name and takes its defaults for any left unset.</summary>
    private sealed class TestOptions : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
    {
        private readonly Dictionary<string, object?> _values = new();

        public TValue GetValue<TValue>(string name) => _values.TryGetValue(name, out var value) && value is TValue typed ? typed : default!;

        public void SetValue<TValue>(string name, TValue value) => _values[name] = value;
    }

    /// <summary>Collects the test cases found; discovery runs on xunit's own thread and ends with a completion message.</summary>
    private sealed class DiscoverySink : IMessageSink
    {
        public List<ITestCase> TestCases { get; } = new();
        public ManualResetEvent Finished { get; } = new(false);

        public bool OnMessage(IMessageSinkMessage message)
        {
            if (message is ITestCaseDiscoveryMessage found) TestCases.Add(found.TestCase);
            else if (message is IDiscoveryCompleteMessage) Finished.Set();
            return true;
        }
    }

    /// <summary>Turns the execution messages into the report; the run ends with the assembly-finished message.</summary>
    private sealed class ExecutionSink(Report report) : IMessageSink
    {
        public ManualResetEvent Finished { get; } = new(false);

        public bool OnMessage(IMessageSinkMessage message)
        {
            switch (message)
            {
                case ITestPassed passed: report.OnPassed(passed); break;
                case ITestFailed failed: report.OnFailed(failed); break;
                case ITestSkipped skipped: report.OnSkipped(skipped); break;
                // Failures that belong to no single test: a fixture's constructor or Dispose, a collection's cleanup, …
                case IFailureInformation failure: report.OnError(message.GetType().Name, failure); break;
                case ITestAssemblyFinished: Finished.Set(); break;
            }
            return true;
        }
    }

    /// <summary>xunit's diagnostic messages (e.g. about configuration), shown with --verbose.</summary>
    private sealed class DiagnosticSink(Report report) : IMessageSink
    {
        public bool OnMessage(IMessageSinkMessage message)
        {
            if (message is IDiagnosticMessage diagnostic) report.Diagnostic(diagnostic.Message);
            return true;
        }
    }

    /// <summary>Counts results and prints them; test collections run in parallel, so every write takes the lock.</summary>
    private sealed class Report(bool verbose, string? resultsPath)
    {
        private readonly object _lock = new();
        private readonly StreamWriter? _results = resultsPath == null ? null : new StreamWriter(resultsPath);

        public int Passed { get; private set; }
        public int Failed { get; private set; }
        public int Skipped { get; private set; }
        public int Errors { get; private set; }

        public void OnPassed(ITestPassed test)
        {
            lock (_lock)
            {
                Passed++;
                Record("PASS", test);
                if (verbose) Console.WriteLine($"[PASS] {test.Test.DisplayName}");
            }
        }

        public void OnFailed(ITestFailed test)
        {
            lock (_lock)
            {
                Failed++;
                Record("FAIL", test);
                Console.WriteLine($"[FAIL] {test.Test.DisplayName}");
                WriteFailure(test);
                if (!string.IsNullOrWhiteSpace(test.Output)) Console.WriteLine(Indent("Output: " + test.Output.TrimEnd()));
            }
        }

        public void OnSkipped(ITestSkipped test)
        {
            lock (_lock)
            {
                Skipped++;
                Record("SKIP", test);
                if (verbose) Console.WriteLine($"[SKIP] {test.Test.DisplayName}: {test.Reason}");
            }
        }

        public void OnError(string kind, IFailureInformation failure)
        {
            lock (_lock)
            {
                Errors++;
                Console.WriteLine($"[ERROR] {kind}");
                WriteFailure(failure);
            }
        }

        public void Diagnostic(string text)
        {
            if (!verbose) return;
            lock (_lock) Console.WriteLine($"[diagnostic] {text}");
        }

        public void Close()
        {
            lock (_lock) _results?.Dispose();
        }

        private void Record(string status, ITestResultMessage result) =>
            _results?.WriteLine($"{status}\t{result.ExecutionTime.ToString("F3", CultureInfo.InvariantCulture)}\t{result.Test.DisplayName}");

        /// <summary>Every exception of the failure (the outer one first, then its inner ones), with type, message and stack.</summary>
        private static void WriteFailure(IFailureInformation failure)
        {
            for (int i = 0; i < failure.ExceptionTypes.Length; i++)
            {
                string prefix = i == 0 ? "" : "---- ";
                Console.WriteLine(Indent($"{prefix}{failure.ExceptionTypes[i]}: {failure.Messages[i]}"));
                string? stack = i < failure.StackTraces.Length ? failure.StackTraces[i] : null;
                if (!string.IsNullOrWhiteSpace(stack)) Console.WriteLine(Indent(stack.TrimEnd()));
            }
        }

        private static string Indent(string text) => "    " + text.ReplaceLineEndings(Environment.NewLine + "    ");
    }
}
