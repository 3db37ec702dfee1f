using System.Diagnostics;
using System.Text.Json;

namespace CourseKit.Testing;

/// <summary>
/// Debian's Chromium, headless, opening a local page the way a student's browser would with the network cut off: every
/// host name resolves to nothing, and Chromium's network log records each request the page tried to make, so a test
/// can tell that nothing left the machine. With <see cref="JavaScript"/> off it shows what a page is without scripts
/// (GitHub's notebook view, an untrusted notebook). Linked into both test projects (tests/Shared).
/// </summary>
internal sealed class HeadlessChromium
{
    /// <summary>Where Debian's package installs it (<c>./test.sh</c> installs the package).</summary>
    public const string Executable = "/usr/bin/chromium";

    /// <summary>Whether the browser is there; tests skip without it.</summary>
    public static bool IsInstalled => File.Exists(Executable);

    /// <summary>Whether the page's scripts run.</summary>
    public bool JavaScript { get; init; } = true;

    /// <summary>The page's DOM after its scripts ran (Chromium's <c>--dump-dom</c>).</summary>
    public Task<BrowserVisit> DumpDomAsync(string page) => VisitAsync(page, ["--dump-dom"]);

    /// <summary>A PNG of the page's first <paramref name="height"/> pixels, written to <paramref name="png"/>.</summary>
    public Task<BrowserVisit> ScreenshotAsync(string page, string png, int width, int height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(png))!);
        File.Delete(png);
        return VisitAsync(page, [$"--screenshot={Path.GetFullPath(png)}", $"--window-size={width},{height}", "--hide-scrollbars"]);
    }

    private async Task<BrowserVisit> VisitAsync(string page, string[] action)
    {
        var folder = Directory.CreateTempSubdirectory("coursekit-chromium-").FullName;
        try
        {
            var netLog = Path.Combine(folder, "netlog.json");
            var start = new ProcessStartInfo(Executable)
            {
                WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var flag in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                         "--disable-background-networking", "--disable-component-update", $"--user-data-dir={Path.Combine(folder, "profile")}",
                         "--host-resolver-rules=MAP * ~NOTFOUND", $"--log-net-log={netLog}", "--virtual-time-budget=30000",
                         "--enable-logging=stderr", "--v=0",
                     })
                start.ArgumentList.Add(flag);
            if (!JavaScript) BlockScripts(Path.Combine(folder, "profile"));
            foreach (var flag in action) start.ArgumentList.Add(flag);
            start.ArgumentList.Add(new Uri(Path.GetFullPath(page)).AbsoluteUri);

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var log = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return new BrowserVisit(process.ExitCode, await output, await log, PageRequests(netLog));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Turns the profile's JavaScript content setting off, as a user would in the browser's settings: the page's
    /// scripts do not run, while Chromium can still read the DOM and take screenshots (which
    /// <c>--blink-settings=scriptEnabled=false</c> stops too: it leaves both empty).
    /// </summary>
    private static void BlockScripts(string profile)
    {
        Directory.CreateDirectory(Path.Combine(profile, "Default"));
        File.WriteAllText(Path.Combine(profile, "Default", "Preferences"),
            """{"profile": {"default_content_setting_values": {"javascript": 2}}}""");
    }

    /// <summary>
    /// The URLs the page asked for, read from the network log: requests whose network isolation key is the local page
    /// (<c>file://</c>). Chromium's own background requests (update checks and the like) have other keys.
    /// </summary>
    private static List<string> PageRequests(string netLog)
    {
        if (!File.Exists(netLog)) throw new InvalidOperationException("Chromium wrote no network log at " + netLog);
        using var log = JsonDocument.Parse(File.ReadAllText(netLog));
        int startJob = log.RootElement.GetProperty("constants").GetProperty("logEventTypes").GetProperty("URL_REQUEST_START_JOB").GetInt32();
        var urls = new List<string>();
        foreach (var e in log.RootElement.GetProperty("events").EnumerateArray())
            if (e.GetProperty("type").GetInt32() == startJob && e.TryGetProperty("params", out var p)
                && p.TryGetProperty("url", out var url)
                && p.TryGetProperty("network_isolation_key", out var key) && key.GetString()!.StartsWith("file://", StringComparison.Ordinal))
                urls.Add(url.GetString()!);
        return urls;
    }
}

/// <summary>What one Chromium run gave: its exit code, standard output (the DOM for <c>--dump-dom</c>), its log
/// (console messages, script errors) and the URLs the page requested.</summary>
internal sealed record BrowserVisit(int ExitCode, string Output, string Log, IReadOnlyList<string> PageRequests)
{
    /// <summary>Requests for anything but the local disk and inline data: each would have gone over the network.</summary>
    public IEnumerable<string> RequestsOffTheMachine =>
        PageRequests.Where(u => !u.StartsWith("file:", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal)
                                && !u.StartsWith("blob:", StringComparison.Ordinal));
}
