using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CourseKit.Cli.Running;
using CourseKit.Cli.Sandbox;
using Xunit.Abstractions;

namespace CourseKit.Cli.Tests.Sandbox;

/// <summary>
/// Cells of a worker in the bubblewrap sandbox: they run (with CourseKit from NuGet), but reach no network, see no file
/// outside their submission folder and the few read-only folders the worker needs, see no process but their own, and
/// cannot exhaust processes, memory or disk; everything they start is gone when the worker is disposed.
/// </summary>
public class SandboxTests(ITestOutputHelper log)
{
    [SkippableFact]
    public async Task A_cell_runs_in_the_sandbox_and_uses_CourseKit_restored_outside_it()
    {
        var sandbox = SandboxedCells.Bubblewrap();
        var version = await LocalBuilds.PackIntoRepositoryFeedAsync();
        var restorer = new PackageRestorer();
        // The runner restores outside the sandbox (with the repository's nuget.config); the worker only reads the packages.
        var restored = await restorer.RestoreAsync([new PackageRequest("CourseKit", version)], [], LocalBuilds.Root);
        await using var cells = await SandboxedCells.StartAsync(sandbox,
            spec => spec with { Environment = new Dictionary<string, string> { ["COURSEKIT_GRADING"] = "1" } }, restorer.PackagesFolder);

        var messages = new List<System.Text.Json.Nodes.JsonObject>();
        cells.Worker.OnGrading = (_, message) => messages.Add(message);

        var (outcome, text) = await cells.RunAsync("CourseKit.Grading.Check(\"sum\", 1 + 2, 3);\nConsole.WriteLine(Environment.CurrentDirectory);",
            restored.Assemblies);

        Assert.True(outcome.Status == CellStatus.Ok, $"{outcome.Note}\n{text}");
        Assert.Equal($"✓ sum\n{cells.Submission}\n", text);
        // Graded (COURSEKIT_GRADING=1 from the spec), Check also reports the value to the grader, in a message of its own.
        var report = Assert.Single(messages);
        Assert.Equal("report", report["type"]!.GetValue<string>());
        Assert.Equal("sum", report["report"]!["name"]!.GetValue<string>());
        Assert.DoesNotContain(cells.Outputs, o => o["data"]?["application/vnd.coursekit.report+json"] is not null);
    }

    [SkippableFact]
    public async Task A_cell_sees_no_file_outside_its_folder_no_other_process_and_not_the_graders_environment()
    {
        var sandbox = SandboxedCells.Bubblewrap();
        await using var cells = await SandboxedCells.StartAsync(sandbox);
        var repository = Path.Combine(LocalBuilds.Root, "CourseKit.sln");
        Assert.True(File.Exists(repository), "the test needs the repository's CourseKit.sln");

        var (outcome, text) = await cells.RunAsync($$"""
            foreach (var path in new[] { "mine.txt", @"{{repository}}", "/root", @"{{cells.GradingFolder}}/bundle.json",
                                         @"{{cells.GradingFolder}}/other-student/answers.ipynb", @"{{cells.GradingFolder}}/other-student" })
                Console.WriteLine($"{path}: {File.Exists(path) || Directory.Exists(path)}");
            var names = Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n is not ("LANG" or "LC_ALL" or "TZ")).Order(StringComparer.Ordinal);
            Console.WriteLine($"environment: {string.Join(" ", names)}");
            foreach (var dir in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
                Console.WriteLine($"process: {File.ReadAllText(dir + "/cmdline").Replace('\0', ' ').Trim()}");
            """);

        Assert.True(outcome.Status == CellStatus.Ok, $"{outcome.Note}\n{text}");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "mine.txt: True", $"{repository}: False", "/root: False", $"{cells.GradingFolder}/bundle.json: False",
            $"{cells.GradingFolder}/other-student/answers.ipynb: False", $"{cells.GradingFolder}/other-student: False",
        ], lines.Take(6));
        // None of the grader's variables (its PATH, HOME, tokens, COURSEKIT_DATA), only the sandbox's own.
        Assert.Equal("environment: COURSEKIT_WORKER_TREE DOTNET_CLI_TELEMETRY_OPTOUT DOTNET_EnableDiagnostics DOTNET_GCHeapHardLimit " +
                     "DOTNET_NOLOGO DOTNET_ROOT HOME PATH PWD TMPDIR", lines[6]); // PWD: bwrap sets it with --chdir
        // Only the sandbox's own processes: bubblewrap's init and the worker (no test host, no grader).
        var processes = lines.Skip(7).ToList();
        Assert.Equal(2, processes.Count);
        Assert.Matches("^process: [^ ]*bwrap --", processes[0]);
        Assert.Matches($"^process: [^ ]*dotnet [^ ]*CourseKit.Cli.dll {Program.WorkerVerb} ", processes[1]);
    }

    [SkippableFact]
    public async Task A_cell_reaches_neither_the_internet_nor_a_listener_on_the_graders_localhost()
    {
        var sandbox = SandboxedCells.Bubblewrap();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var cells = await SandboxedCells.StartAsync(sandbox);

        var (outcome, text) = await cells.RunAsync($$"""
            var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            foreach (var url in new[] { "http://1.1.1.1/", "http://127.0.0.1:{{port}}/" })
            {
                try { await http.GetAsync(url); Console.WriteLine($"{url} reached"); }
                catch (Exception e) { Console.WriteLine($"{url} {e.GetType().Name}"); }
            }
            """);

        Assert.True(outcome.Status == CellStatus.Ok, $"{outcome.Note}\n{text}");
        Assert.Equal($"http://1.1.1.1/ HttpRequestException\nhttp://127.0.0.1:{port}/ HttpRequestException\n", text);
        Assert.False(listener.Pending(), "the cell connected to the grader's listener");
    }

    [SkippableFact]
    public async Task A_fork_bomb_stops_at_the_process_limit_and_the_worker_survives_it()
    {
        var sandbox = SandboxedCells.Bubblewrap();
        const int limit = 100;
        await using var cells = await SandboxedCells.StartAsync(sandbox, spec => spec with { Limits = spec.Limits with { Processes = limit } });

        var (outcome, text) = await cells.RunAsync("""
            int started = 0;
            try { for (; started < 1000; started++) System.Diagnostics.Process.Start("sleep", "1000"); }
            catch (Exception e) { Console.WriteLine($"stopped: {e.GetType().Name}"); }
            Console.WriteLine(started < 100 ? "bounded" : $"unbounded: {started}");
            """);
        Assert.True(outcome.Status == CellStatus.Ok, $"{outcome.Note}\n{text}");
        Assert.Equal("stopped: Win32Exception\nbounded\n", text);

        // The real thing, in a shell: it keeps every slot busy; the cell still counts the processes.
        (outcome, text) = await cells.RunAsync("""
            foreach (var p in System.Diagnostics.Process.GetProcessesByName("sleep")) { p.Kill(); p.WaitForExit(5000); }
            // The killed processes free their slots once reaped, which the runtime does on its own thread: try until then.
            for (int attempt = 0; ; attempt++)
            {
                try { System.Diagnostics.Process.Start("bash", new[] { "-c", "exec 2>/dev/null; :(){ :|:& };:" }); break; }
                catch (System.ComponentModel.Win32Exception) when (attempt < 100) { Thread.Sleep(100); }
            }
            Thread.Sleep(3000);
            int count = Directory.GetDirectories("/proc").Count(d => int.TryParse(Path.GetFileName(d), out _));
            Console.WriteLine(count <= 100 ? "bounded" : $"unbounded: {count}");
            """);
        Assert.True(outcome.Status == CellStatus.Ok, $"{outcome.Note}\n{text}");
        Assert.Equal("bounded\n", text);
    }

    [SkippableFact]
    public async Task Thirty_gigabytes_fail_inside_the_cell_and_the_worker_goes_on()
    {
        var sandbox = SandboxedCells.Bubblewrap();
        await using var cells = await SandboxedCells.StartAsync(sandbox, spec => spec with { Limits = spec.Limits with { HeapMegabytes = 1024 } });

        var (outcome, text) = await cells.RunAsync("""
            var kept = new List<byte[]>();
            try { for (int i = 0; i < 30; i++) { var block = new byte[1 << 30]; Array.Fill(block, (byte)1); kept.Add(block); } }
            catch (Exception e) { Console.WriteLine($"managed: {e.GetType().Name} after {kept.Count} GB"); }
            kept.Clear();
            unsafe
            {
                try
                {
                    byte* native = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc((nuint)30 << 30);
                    for (long i = 0; i < 30L << 30; i += 4096) native[i] = 1;
                    Console.WriteLine("native: 30 GB touched");
                }
                catch (Exception e) { Console.WriteLine($"native: {e.GetType().Name}"); }
            }
            """);

        Assert.True(outcome.Status == CellStatus.Ok, $"{outcome.Note}\n{text}");
        Assert.Equal("managed: OutOfMemoryException after 0 GB\nnative: OutOfMemoryException\n", text);
        (outcome, text) = await cells.RunAsync("\"still here\"");
        Assert.Equal((CellStatus.Ok, "still here\n"), (outcome.Status, text));
    }

    [SkippableFact]
    public async Task A_file_larger_than_the_limit_cannot_be_written()
    {
        var sandbox = SandboxedCells.Bubblewrap();
        await using var cells = await SandboxedCells.StartAsync(sandbox, spec => spec with { Limits = spec.Limits with { FileMegabytes = 64 } });

        var (outcome, text) = await cells.RunAsync("""
            var chunk = new byte[1 << 20];
            // .NET reports the kernel's "File too large" (EFBIG) as an ArgumentOutOfRangeException about the file's length.
            try { using var file = File.Create("big.bin"); for (int i = 0; i < 200; i++) file.Write(chunk); }
            catch (Exception e) { Console.WriteLine(e is IOException or ArgumentOutOfRangeException ? "refused" : e.ToString()); }
            Console.WriteLine(new FileInfo("big.bin").Length / (1 << 20));
            """);

        Assert.True(outcome.Status == CellStatus.Ok, $"{outcome.Note}\n{text}");
        Assert.Equal("refused\n64\n", text);
    }

    [SkippableFact]
    public async Task Processes_a_cell_started_and_detached_are_gone_after_dispose()
    {
        var sandbox = SandboxedCells.Bubblewrap();
        var seconds = $"1000.{Random.Shared.Next(100_000, 999_999)}"; // an argument only this test's sleeps have
        var cells = await SandboxedCells.StartAsync(sandbox);
        try
        {
            var (outcome, text) = await cells.RunAsync($$"""
                System.Diagnostics.Process.Start("sleep", "{{seconds}}");
                System.Diagnostics.Process.Start("setsid", new[] { "-f", "sh", "-c", "sleep {{seconds}} & sleep {{seconds}}" }).WaitForExit();
                Thread.Sleep(500);
                """);
            Assert.True(outcome.Status == CellStatus.Ok, $"{outcome.Note}\n{text}");
            Assert.Equal(3, Sleeps(seconds).Count);
        }
        finally
        {
            await cells.DisposeAsync();
        }
        for (int i = 0; i < 50 && Sleeps(seconds).Count > 0; i++) await Task.Delay(100);
        Assert.Empty(Sleeps(seconds));
    }

    [SkippableFact]
    public async Task A_cell_reads_only_the_data_files_its_spec_allows()
    {
        var sandbox = SandboxedCells.Bubblewrap();
        var data = TestNotebooks.NewFolder();
        Directory.CreateDirectory(Path.Combine(data, "mnist"));
        foreach (var name in new[] { "mnist/train-images.gz", "mnist/train-labels.gz", "mnist/t10k-labels.gz", "notes.txt" })
            File.WriteAllText(Path.Combine(data, name), name);
        await using var cells = await SandboxedCells.StartAsync(sandbox, spec => spec with { DataFolder = data, DataFiles = ["mnist/train-*"] });

        var (outcome, text) = await cells.RunAsync("""
            var data = Environment.GetEnvironmentVariable("COURSEKIT_DATA")!;
            foreach (var name in new[] { "mnist/train-images.gz", "mnist/train-labels.gz", "mnist/t10k-labels.gz", "notes.txt" })
                Console.WriteLine($"{name}: {File.Exists(Path.Combine(data, name))}");
            Console.WriteLine(Directory.Exists("/usr/share/datasets") ? string.Join(",", Directory.GetFileSystemEntries("/usr/share/datasets")) : "no system datasets");
            """);

        Assert.True(outcome.Status == CellStatus.Ok, $"{outcome.Note}\n{text}");
        Assert.Equal("mnist/train-images.gz: True\nmnist/train-labels.gz: True\nmnist/t10k-labels.gz: False\nnotes.txt: False\n", string.Join("\n", text.Split('\n').Take(4)) + "\n");
        Assert.DoesNotContain("fashion", text);
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task Unisolated_runs_the_worker_plainly_and_says_so_loudly()
    {
        var sandbox = new Unisolated("bubblewrap (bwrap) is not installed");
        Assert.Equal(
            "WARNING: student code is NOT ISOLATED: bubblewrap (bwrap) is not installed. Submissions run with the grader's own rights: " +
            "they can read the bundle with its hidden tests, other submissions and the grade output, reach the network, and use up the " +
            "machine's processes, memory and disk. Grade untrusted submissions only where bubblewrap works (Debian: apt-get install bubblewrap).",
            sandbox.Warning);
        await using var cells = await SandboxedCells.StartAsync(sandbox,
            spec => spec with { Environment = new Dictionary<string, string> { ["COURSEKIT_GRADING"] = "1" } });

        var (outcome, text) = await cells.RunAsync($$"""
            Console.WriteLine(Environment.CurrentDirectory);
            Console.WriteLine(File.Exists(@"{{cells.GradingFolder}}/bundle.json"));
            Console.WriteLine(Environment.GetEnvironmentVariable("COURSEKIT_GRADING"));
            Console.WriteLine(Environment.GetEnvironmentVariable("DOTNET_GCHeapHardLimit"));
            """);

        Assert.True(outcome.Status == CellStatus.Ok, $"{outcome.Note}\n{text}");
        Assert.Equal($"{cells.Submission}\nTrue\n1\n0x80000000\n", text);
    }

    [SkippableFact]
    public void Detect_finds_bubblewrap_where_it_is_installed_and_works()
    {
        Skip.IfNot(File.Exists("/usr/bin/bwrap"), "bubblewrap is not installed here");
        var sandbox = Sandboxes.Detect();
        Assert.True(sandbox is Bubblewrap, (sandbox as Unisolated)?.Warning);
        Assert.Null(sandbox.Warning);
        Assert.Same(sandbox, Sandboxes.Detect());
    }

    /// <summary>Not a check: prints how much longer a sandboxed worker takes to start than a plain one (three of each).</summary>
    [SkippableFact]
    public async Task Start_overhead_of_the_sandbox()
    {
        var sandbox = SandboxedCells.Bubblewrap();
        var plain = new List<double>();
        var sandboxed = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            var folder = SandboxedCells.NewGradingFolder();
            var clock = Stopwatch.StartNew();
            await using (await WorkerClient.StartAsync(folder, null, TimeSpan.FromSeconds(120))) plain.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await using (var cells = await SandboxedCells.StartAsync(sandbox)) sandboxed.Add(clock.Elapsed.TotalMilliseconds);
        }
        log.WriteLine($"worker start: plain {string.Join(", ", plain.Select(t => $"{t:0}"))} ms; " +
                      $"bubblewrap {string.Join(", ", sandboxed.Select(t => $"{t:0}"))} ms; median overhead {Median(sandboxed) - Median(plain):0} ms");
        Assert.Equal(3, sandboxed.Count);
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>The host's processes (as the test sees them) whose command line is "sleep SECONDS".</summary>
    static List<int> Sleeps(string seconds)
    {
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")) == $"sleep\0{seconds}\0") found.Add(pid);
            }
            catch (IOException) { }
        }
        return found;
    }
}
