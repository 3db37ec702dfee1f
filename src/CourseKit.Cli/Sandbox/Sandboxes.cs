using System.Diagnostics;

namespace CourseKit.Cli.Sandbox;

/// <summary>Finds the sandbox this machine offers, once per process.</summary>
public static class Sandboxes
{
    static readonly Lazy<ISandbox> Detected = new(Probe);

    /// <summary>How long the probe's sandboxed <c>true</c> may take.</summary>
    static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// <see cref="Bubblewrap"/> when a real sandboxed run of <c>true</c> succeeds here (with the same namespaces, mounts,
    /// user change and limits a worker gets); otherwise <see cref="Unisolated"/>, with the reason.
    /// </summary>
    public static ISandbox Detect() => Detected.Value;

    static ISandbox Probe()
    {
        if (!OperatingSystem.IsLinux()) return new Unisolated("bubblewrap runs on Linux only");
        var bwrap = OnPath("bwrap");
        if (bwrap is null) return new Unisolated("bubblewrap (bwrap) is not installed");
        var prlimit = OnPath("prlimit");
        var setpriv = SandboxAccount.IsRoot ? OnPath("setpriv") : null;
        if (prlimit is null || SandboxAccount.IsRoot && setpriv is null)
            return new Unisolated("util-linux's prlimit and setpriv, which set the sandbox's limits and user, are not installed");
        var sandbox = new Bubblewrap(bwrap, prlimit, setpriv);
        return Try(sandbox, OnPath("true") ?? "/bin/true") is { } failure
            ? new Unisolated($"a test run of bubblewrap failed ({failure})")
            : sandbox;
    }

    /// <summary>Runs <paramref name="program"/> in <paramref name="sandbox"/>; null when it succeeded, else what went wrong.</summary>
    static string? Try(ISandbox sandbox, string program)
    {
        var folder = Directory.CreateTempSubdirectory("coursekit-sandbox-probe-");
        try
        {
            var start = sandbox.Wrap(new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true },
                new SandboxSpec(folder.FullName), []);
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(ProbeTimeout))
            {
                process.Kill(entireProcessTree: true);
                return $"it did not finish within {ProbeTimeout.TotalSeconds:0} s";
            }
            var message = error.Result.Trim();
            return process.ExitCode == 0 ? null
                : $"{Path.GetFileName(start.FileName)} exited with code {process.ExitCode}{(message.Length > 0 ? ": " + message : "")}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return e.Message;
        }
        finally
        {
            try { folder.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The full path of a program found on PATH, or null.</summary>
    static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
