using System.Diagnostics;
using System.Text.Json.Nodes;
using CourseKit.Cli.Grading;
using static CourseKit.Cli.Tests.Grading.TestAssignment;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests.Adversarial;

/// <summary>
/// A class of hostile submissions to the small test assignment (<see cref="Grading.TestAssignment"/>: q1 Sigmoid with a
/// public and a hidden test, 5 points; q2 Square with two hidden tests, 2 points; q3 a prose answer, 1 point), each
/// attacking the grader one way, graded once, together, by <c>coursekit grade --jobs 2</c> in the sandbox; each test of
/// <see cref="AdversarialTests"/> reads one student's results. Every other answer of an attacker is right, so the
/// points a submission must get are those its honest content earns.
/// </summary>
public sealed class HostileClass : IAsyncLifetime
{
    /// <summary>A short cell limit: the endless loop costs this much, twice in all.</summary>
    const double CellTimeoutSeconds = 15;

    /// <summary>Fake report lines a cell prints: what a report of a right Square looks like to anyone reading the output.</summary>
    const string FakeReport = """{"name":"square(3)","value":{"kind":"number","numbers":[9]},"judge":{"kind":"exact"}}""";

    /// <summary>Each attacker: the answers it replaces and the cells it adds after a cell of the student notebook.</summary>
    static readonly Dictionary<string, (Dictionary<string, string?> Answers, (string After, string Source)[] Added)> Attackers = new()
    {
        ["loop"] = (new() { ["q2-answer"] = "double Square(double x) { while (true) { } }" }, []),
        ["thread"] = (new()
        {
            ["q2-answer"] = """
                double Square(double x) => x + 1;
                new Thread(() => { while (true) { Console.WriteLine("PASS ✓ square(3)"); Thread.Sleep(20); } }) { IsBackground = false }.Start();
                """,
        }, []),
        ["recursion"] = (new() { ["q2-answer"] = "double Square(double x) => Square(x) + 1;" }, []),
        ["exit"] = (new() { ["q2-answer"] = "double Square(double x) { Console.WriteLine(\"PASS\"); Console.Out.Flush(); Environment.Exit(0); return 0; }" }, []),
        ["fake-lines"] = (new()
        {
            ["q2-answer"] = $$"""
                [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "write")]
                static extern nint RawWrite(int fd, byte[] bytes, nint count);
                double Square(double x)
                {
                    var line = "{{FakeReport.Replace("\"", "\\\"")}}\n✓ square(3)\nPASS\n";
                    Console.WriteLine(line);
                    Console.Error.WriteLine(line);
                    using (var raw = Console.OpenStandardOutput()) raw.Write(System.Text.Encoding.UTF8.GetBytes(line));
                    var bytes = System.Text.Encoding.UTF8.GetBytes(line);
                    RawWrite(1, bytes, bytes.Length);
                    RawWrite(2, bytes, bytes.Length);
                    return x + 1;
                }
                """,
        }, []),
        ["snoop"] = (new()
        {
            // Looks for the bundle (by a hidden test's code, spelled so that this notebook does not hold it),
            // other submissions and the output folder everywhere it might be, and in every environment it can read.
            ["q2-answer"] = """
                double Square(double x) => x + 1;
                var secret = "Sigmoid(" + "0.8125)";
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 6 };
                var roots = new[] { "/work", "/tmp", "/home", "/root", "/srv", "/var/tmp", "/proc/1/root/work", "/proc/1/root/tmp", "..", "../..",
                                    Environment.GetEnvironmentVariable("HOME") ?? "/root", Environment.GetEnvironmentVariable("OLDPWD") ?? "/root" };
                foreach (var root in roots.Where(r => Directory.Exists(r) && Path.GetFullPath(r) != "/"))
                    foreach (var file in Directory.EnumerateFiles(root, "*", options).Take(3000).TakeWhile(_ => clock.Elapsed.TotalSeconds < 8))
                    {
                        // (pipes, of length 0, are left alone: reading one waits for a writer)
                        try { if (new FileInfo(file).Length is > 0 and < 1_000_000 && File.ReadAllText(file).Contains(secret)) Console.WriteLine("FOUND " + file); }
                        catch (Exception) { }
                    }
                foreach (var dir in Directory.GetDirectories("/proc"))
                {
                    try { if (File.ReadAllText(dir + "/environ").Contains("grading-tests")) Console.WriteLine("FOUND environ " + dir); }
                    catch (Exception) { }
                }
                foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
                    if ($"{e.Value}".Contains("grading-tests") || $"{e.Value}".Contains("bundle")) Console.WriteLine("FOUND variable " + e.Key);
                Console.WriteLine("searched");
                """,
        }, []),
        ["reflection"] = (new()
        {
            // Finds the worker's display sink through the display hook's target and Console.Out's fields, and shows
            // a forged report of a right Square through it, as a display output with the report's MIME type.
            ["q2-answer"] = """
                using System.Reflection;
                var flags = BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance;
                var sink = ((Delegate)AppContext.GetData("CourseKit.Display")!).Target!;
                var outboxes = new List<object>();
                foreach (var holder in new object[] { sink, Console.Out })
                    foreach (var field in holder.GetType().GetFields(flags))
                        if (field.GetValue(holder) is { } value && value.GetType().Name == "OutputOutbox") outboxes.Add(value);
                Console.WriteLine($"outboxes: {outboxes.Count}");
                var show = sink.GetType().GetMethod("Show", flags) ?? sink.GetType().GetFields(flags).Select(f => f.GetValue(sink)).OfType<object>()
                    .Select(o => o.GetType().GetMethod("Show", flags)).First(m => m is not null);
                var forged = new System.Text.Json.Nodes.JsonObject { ["name"] = "square(3)", ["value"] = System.Text.Json.Nodes.JsonNode.Parse("{\"kind\":\"number\",\"numbers\":[9]}"), ["judge"] = System.Text.Json.Nodes.JsonNode.Parse("{\"kind\":\"exact\"}") };
                var ctor = typeof(GradingReport).GetConstructors(flags).Single();
                double Square(double x)
                {
                    forged["name"] = x == 3 ? "square(3)" : "square(-1.5)";
                    forged["value"] = System.Text.Json.Nodes.JsonNode.Parse(x == 3 ? "{\"kind\":\"number\",\"numbers\":[9]}" : "{\"kind\":\"number\",\"numbers\":[2.25]}");
                    show!.Invoke(show.IsStatic ? null : sink, [ctor.Invoke([forged.DeepClone()])]);
                    return x + 1;
                }
                """,
        }, []),
        ["shadow"] = (new()
        {
            // Its own Grading, whose Check passes the expected value on as the student's.
            ["q1-answer"] = """
                double Sigmoid(double z) => 0;
                static class Grading
                {
                    public static void Check(string name, object actual, object expected, Judge judge = null, string hint = null) =>
                        CourseKit.Grading.Check(name, expected, expected, judge, hint);
                    public static void Report(string name, object value, Judge judge = null) => CourseKit.Grading.Report(name, value, judge);
                }
                """,
        }, []),
        ["mallory"] = (new()
        {
            // The display hook, replaced by one that rewrites Square's reports in flight.
            ["q2-answer"] = """
                double Square(double x) => x + 100;
                var original = (Func<object, Action<object>>)AppContext.GetData("CourseKit.Display")!;
                AppContext.SetData("CourseKit.Display", (Func<object, Action<object>>)(v => {
                  if (v is GradingReport r && r.Name == "square(3)") r.Json["value"] = ReportedValue.Number(9).ToJson();
                  if (v is GradingReport r2 && r2.Name == "square(-1.5)") r2.Json["value"] = ReportedValue.Number(2.25).ToJson();
                  return original(v); }));
                """,
        }, []),
        ["report-hook"] = (new()
        {
            // The report hook, replaced (again and again, from a thread, so that it is in place while the tests run) by
            // one that passes right values of Square on to the worker's.
            ["q2-answer"] = """
                double Square(double x) => x + 100;
                var worker = AppContext.GetData("CourseKit.Report");
                Action<string> forger = json => ((Action<string>)worker!)(json.Replace("\"numbers\":[109]", "\"numbers\":[9]").Replace("\"numbers\":[98.5]", "\"numbers\":[2.25]"));
                new Thread(() => { while (true) { AppContext.SetData("CourseKit.Report", forger); Thread.Sleep(1); } }) { IsBackground = true }.Start();
                """,
        }, []),
        ["forwarder"] = (new()
        {
            // Square itself sends the right values, under the hidden tests' names, before the tests send the wrong ones.
            ["q2-answer"] = """
                double Square(double x)
                {
                    CourseKit.Grading.Report("square(3)", 9.0, Judge.Exact());
                    CourseKit.Grading.Report("square(-1.5)", 2.25);
                    return x + 100;
                }
                """,
        }, []),
        ["locked"] = (new()
        {
            ["q1-answer"] = "double Sigmoid(double z) => 0;",
            ["q1-zero"] = "// TEST q1.zero public points=2 \"sigmoid(0) is one half\"\nConsole.WriteLine(\"✓ sigmoid(0)\");",
        }, []),
        ["equals"] = (new()
        {
            ["q1-answer"] = """
                class Liar { public override bool Equals(object o) => true; public override int GetHashCode() => 0; public override string ToString() => "0.5"; }
                dynamic Sigmoid(double z) => new Liar();
                """,
            ["q2-answer"] = "dynamic Square(double x) => new Liar();\nConsole.SetError(TextWriter.Null);",
        }, []),
        ["nan"] = (new()
        {
            ["q1-answer"] = "double Sigmoid(double z) => double.PositiveInfinity;",
            ["q2-answer"] = "double Square(double x) => double.NaN;",
        }, []),
        ["alloc"] = (new(), [("q2-answer", "var hoard = new List<byte[]>();\nfor (long i = 0; i < 30L * 1024; i++) { var block = new byte[1 << 20]; block[^1] = 1; hoard.Add(block); }")]),
        ["forkbomb"] = (new(), [("q3-why", """
            var started = 0;
            try { for (int i = 0; i < 10000; i++) { System.Diagnostics.Process.Start("/bin/sh", ["-c", ":(){ :|:& };:"]); started++; } }
            catch (Exception e) { Console.WriteLine($"stopped after {started}: {e.GetType().Name}"); }
            Thread.Sleep(3000);
            """)]),
        ["sleeper"] = (new(), [("q2-answer", "System.Diagnostics.Process.Start(\"sleep\", \"1000\");")]),
        ["network"] = (new(), [("q2-answer", """
            foreach (var (host, port) in new[] { ("1.1.1.1", 53), ("8.8.8.8", 443), ("example.com", 80) })
            {
                try { using var client = new System.Net.Sockets.TcpClient(); client.Connect(host, port); Console.WriteLine($"NETWORK {host}"); }
                catch (Exception e) { Console.WriteLine($"no network to {host}: {e.GetType().Name}"); }
            }
            """)]),
        ["flood"] = (new(), [("q2-answer", "var line = new string('x', 999);\nfor (int i = 0; i < 100_000; i++) Console.WriteLine(line);")]),
        ["broken"] = (new() { ["q2-answer"] = "double Square(double x) => x * ;" }, []),
    };

    public string Folder { get; } = NewCheckoutFolder();
    public string OutDir => Path.Combine(Folder, "out");
    public int ExitCode { get; private set; }
    public string Log { get; private set; } = "";
    public TimeSpan Elapsed { get; private set; }

    /// <summary>Processes of this test run's sandboxes (their user ids) still alive after grading, with their command lines.</summary>
    public List<string> Leftovers { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await LocalBuilds.PackIntoRepositoryFeedAsync();
        var bundle = Bundle(CellTimeoutSeconds);
        var bundlePath = Path.Combine(Folder, "a00-test.bundle.json");
        File.WriteAllText(bundlePath, bundle.ToJson());
        var classFolder = Path.Combine(Folder, "class");
        foreach (var (student, (answers, added)) in Attackers)
            Submission(classFolder, $"{student}.ipynb", bundle, answers, added);
        var clock = Stopwatch.StartNew();
        (ExitCode, Log) = await RunCliAsync("grade", classFolder, "--bundle", bundlePath, "--out", OutDir, "--jobs", "2");
        Elapsed = clock.Elapsed;
        // Give the kernel a moment to reap what the sandboxes' deaths ended.
        await Task.Delay(500);
        Leftovers = SandboxProcesses();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public SubmissionResult Result(string student) =>
        SubmissionResult.FromJson(File.ReadAllText(Path.Combine(OutDir, student, "results.json")));

    /// <summary>The stream text of every cell of the student's graded notebook.</summary>
    public string Printed(string student)
    {
        var graded = ReadJson(Path.Combine(OutDir, student, "graded.ipynb"));
        return string.Concat(graded["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? [])
            .Where(o => o!["output_type"]!.GetValue<string>() == "stream")
            .Select(o => o!["text"] is JsonValue v ? v.GetValue<string>() : string.Concat(o!["text"]!.AsArray().Select(l => l!.GetValue<string>()))));
    }

    /// <summary>The host's processes running as a user id this test process's sandboxes get (see Sandbox/SandboxAccount).</summary>
    static List<string> SandboxProcesses()
    {
        long first = 2_000_000_000L + Environment.ProcessId % 1_000_000 * 100;
        var found = new List<string>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                var uid = File.ReadLines(Path.Combine(dir, "status")).First(l => l.StartsWith("Uid:")).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
                if (long.TryParse(uid, out var id) && id >= first && id < first + 100)
                    found.Add($"{Path.GetFileName(dir)} (uid {uid}): {File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ')}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException) { }
        }
        return found;
    }
}
