using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests;

/// <summary>
/// Cells that try to fake the worker's messages to the runner, by every route a cell can find: the raw standard
/// output and error (as streams, through P/Invoke and through /proc/self/fd), every other open file descriptor,
/// the environment, and reflection over the worker's objects and static fields. Each failing notebook must still fail,
/// and what a cell wrote must stay in that cell.
/// </summary>
public sealed class ForgingNotebooks : IAsyncLifetime
{
    /// <summary>Protocol-looking lines: the old JSON-lines format, and the same with a made-up signature and sequence number.</summary>
    const string Lines = """
        static readonly string[] Forged =
        [
            "{\"type\":\"done\",\"cell\":2,\"status\":\"ok\"}",
            "{\"type\":\"output\",\"output\":{\"output_type\":\"stream\",\"name\":\"stdout\",\"text\":\"forged\\n\"}}",
            "{\"type\":\"done\",\"cell\":3,\"status\":\"ok\"}",
            "00000000000000000000000000000000 {\"type\":\"done\",\"cell\":2,\"status\":\"ok\",\"seq\":1}",
        ];
        static byte[] ForgedBytes => System.Text.Encoding.UTF8.GetBytes("\n" + string.Join("\n", Forged) + "\n");
        class Native
        {
            [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
            public static extern nint write(int fd, byte[] buffer, nint count);
        }
        """;

    /// <summary>Only the raw standard output and error: what is written there must show up as plain text in this cell.</summary>
    const string RawStreams = Lines + """

        foreach (var raw in new[] { Console.OpenStandardOutput(), Console.OpenStandardError() }) { raw.Write(ForgedBytes); raw.Flush(); }
        foreach (var fd in new[] { 1, 2 }) Native.write(fd, ForgedBytes, ForgedBytes.Length);
        foreach (var fd in new[] { "1", "2" })
            try { using var s = new FileStream("/proc/self/fd/" + fd, FileMode.Open, FileAccess.Write); s.Write(ForgedBytes); } catch (Exception e) { Console.WriteLine("proc: " + e.Message); }
        throw new InvalidOperationException("this cell fails");
        """;

    /// <summary>
    /// Reflection: walks from every object a cell can reach (the console, the display hook, <c>display</c>'s target,
    /// every static field of CourseKit's assemblies), writing to every writer and stream found and calling every
    /// method that takes a JsonObject.
    /// </summary>
    const string Reflection = """
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<(object, int)>();
        void Visit(object? o, int depth) { if (o is not null && depth < 8 && seen.Add(o)) queue.Enqueue((o, depth)); }
        Visit(Console.Out, 0); Visit(Console.Error, 0);
        Visit(AppContext.GetData("CourseKit.Display"), 0);
        Visit(new Func<object, object>(display).Target, 0);
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name!.StartsWith("CourseKit")))
            foreach (var type in assembly.GetTypes().Where(t => !t.ContainsGenericParameters))
                foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
                    try { Visit(field.GetValue(null), 0); } catch { }
        int written = 0, called = 0;
        while (queue.Count > 0)
        {
            var (o, depth) = queue.Dequeue();
            if (o is MemberInfo or Assembly || seen.Count > 200_000) continue;
            if (o is Delegate d) { Visit(d.Target, depth + 1); continue; }
            if (o is TextWriter w) try { w.Write(System.Text.Encoding.UTF8.GetString(ForgedBytes)); w.Flush(); written++; } catch { }
            if (o is Stream st && st.CanWrite) try { st.Write(ForgedBytes); st.Flush(); written++; } catch { }
            var type = o.GetType();
            foreach (var m in type.GetMethods(All).Where(m => !m.IsStatic && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(JsonObject)))
                try { m.Invoke(o, [JsonNode.Parse(Forged[0])]); called++; } catch { }
            if (type.IsPrimitive || o is string || type.IsArray && type.GetElementType()!.IsPrimitive) continue;
            if (o is System.Collections.IEnumerable items && o is not string) foreach (var item in items.Cast<object>().Take(100)) Visit(item, depth + 1);
            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                    try { Visit(field.GetValue(o), depth + 1); } catch { }
        }
        Console.WriteLine($"reflection: {seen.Count} objects, {written} writers, {called} calls");
        """;

    /// <summary>Reflection alone: a cell that finds no way to forge a message fails with its own error.</summary>
    const string ReflectionOnly = """
        using System.Reflection;
        using System.Text.Json.Nodes;

        """ + Lines + "\n" + Reflection + """

        throw new InvalidOperationException("this cell fails");
        """;

    /// <summary>Every route at once: every pipe or socket among the open descriptors, the environment, reflection.</summary>
    const string EveryRoute = """
        using System.Reflection;
        using System.Text.Json.Nodes;

        """ + Lines + """

        // Every open descriptor that is a pipe or a socket (never a file: that would overwrite it).
        foreach (var link in Directory.GetFiles("/proc/self/fd"))
        {
            string target;
            try { target = new FileInfo(link).LinkTarget ?? ""; } catch { continue; }
            if (!target.StartsWith("pipe:") && !target.StartsWith("socket:")) continue;
            int fd = int.Parse(Path.GetFileName(link));
            Native.write(fd, ForgedBytes, ForgedBytes.Length);
            try { using var s = new FileStream(link, FileMode.Open, FileAccess.Write); s.Write(ForgedBytes); } catch { }
        }
        """ + "\n" + Reflection + """

        throw new InvalidOperationException("this cell fails");
        """;

    /// <summary>The environment's names, so that a secret there would show.</summary>
    const string EnvironmentNames = "Console.WriteLine(\"env: \" + string.Join(\",\", Environment.GetEnvironmentVariables().Keys.Cast<string>().Order()));";

    public string Folder { get; } = NewFolder();
    public string Out => Path.Combine(Folder, "out");
    public int RawExitCode { get; private set; }
    public string RawLog { get; private set; } = "";
    public int EveryExitCode { get; private set; }
    public int ReflectionExitCode { get; private set; }
    public string EveryLog { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var raw = WriteIpynb(Folder, "raw.ipynb", "Console.WriteLine(\"one\");", RawStreams, "Console.WriteLine(\"three\");", EnvironmentNames);
        var every = WriteIpynb(Folder, "every.ipynb", "Console.WriteLine(\"one\");", EveryRoute, "Console.WriteLine(\"three\");");
        (RawExitCode, RawLog) = await RunCliAsync("run", raw, "--out", Out, "--timeout-per-cell", "60", "--keep-going");
        (EveryExitCode, EveryLog) = await RunCliAsync("run", every, "--out", Out, "--timeout-per-cell", "60", "--keep-going");
        var reflection = WriteIpynb(Folder, "reflection.ipynb", "Console.WriteLine(\"one\");", ReflectionOnly, "Console.WriteLine(\"three\");");
        (ReflectionExitCode, _) = await RunCliAsync("run", reflection, "--out", Out, "--timeout-per-cell", "60", "--keep-going");
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

public class ChannelTests(ForgingNotebooks run) : IClassFixture<ForgingNotebooks>
{
    static string Texts(System.Text.Json.Nodes.JsonArray outputs) =>
        string.Concat(OfType(outputs, "stream").Select(o => o["text"]!.GetValue<string>()));

    [Fact]
    public void Raw_stdout_and_stderr_are_plain_text_of_the_cell_that_wrote_them()
    {
        Assert.Equal(1, run.RawExitCode);
        var nb = ReadJson(Path.Combine(run.Out, "raw.ipynb"));
        Assert.Equal("one\n", Texts(Outputs(nb, 0)));
        var two = Outputs(nb, 1);
        // Six writes of the three forged "done" lines (two streams, two fds, two /proc paths), all shown as text.
        int Dones(string name) => string.Concat(OfType(two, "stream").Where(o => o["name"]!.GetValue<string>() == name)
            .Select(o => o["text"]!.GetValue<string>())).Split('\n').Count(l => l.Contains("\"type\":\"done\""));
        Assert.Equal(9, Dones("stdout"));
        Assert.Equal(9, Dones("stderr"));
        Assert.Equal("this cell fails", Assert.Single(OfType(two, "error"))["evalue"]!.GetValue<string>());
        Assert.Equal("three\n", Texts(Outputs(nb, 2)));
        Assert.Contains("failed", run.RawLog);
    }

    [Fact]
    public void A_cell_trying_every_route_cannot_make_a_failing_notebook_pass()
    {
        Assert.Equal(1, run.EveryExitCode);
        var nb = ReadJson(Path.Combine(run.Out, "every.ipynb"));
        Assert.Equal("one\n", Texts(Outputs(nb, 0)));
        // The cell is failed as tampering with the channel; the notebook stops there, and no output moves to cell 3.
        var error = Assert.Single(OfType(Outputs(nb, 1), "error"));
        Assert.Contains("private channel", error["evalue"]!.GetValue<string>());
        Assert.Empty(OfType(Outputs(nb, 2), "error"));
        Assert.Contains("crashed", run.EveryLog);
        Assert.DoesNotContain("forged", Texts(Outputs(nb, 0)));
        Assert.DoesNotContain("forged", Texts(Outputs(nb, 2)));
        Assert.DoesNotContain("\"type\"", Texts(Outputs(nb, 2)));
        Assert.Empty(OfType(Outputs(nb, 2), "execute_result"));
    }

    [Fact]
    public void Reflection_over_the_workers_objects_cannot_forge_a_message()
    {
        Assert.Equal(1, run.ReflectionExitCode);
        var nb = ReadJson(Path.Combine(run.Out, "reflection.ipynb"));
        Assert.Equal("one\n", Texts(Outputs(nb, 0)));
        var two = Outputs(nb, 1);
        Assert.Equal("this cell fails", Assert.Single(OfType(two, "error"))["evalue"]!.GetValue<string>());
        Assert.Contains("reflection: ", Texts(two));
        Assert.Equal("three\n", Texts(Outputs(nb, 2)));
    }

    [Fact]
    public void No_secret_is_in_the_environment()
    {
        var nb = ReadJson(Path.Combine(run.Out, "raw.ipynb"));
        var env = Texts(Outputs(nb, 3)).Split('\n').Single(l => l.StartsWith("env: "));
        Assert.DoesNotContain("SECRET", env, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("HMAC", env, StringComparison.OrdinalIgnoreCase);
    }
}
