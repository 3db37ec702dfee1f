using System.Globalization;

namespace CourseKit.Bench;

/// <summary>The most memory a command used: its own process's peak resident set (the kernel's high-water mark), and
/// the largest sum of resident sets of it and all its descendants seen at one sample (its workers, sandboxes and
/// restores), in MiB. Zero where /proc cannot be read (not Linux).</summary>
internal sealed record PeakMemory(double ProcessMiB, double TreeMiB);

/// <summary>
/// Watches a process tree's memory from /proc every 100 ms until stopped. The process's own peak is the kernel's
/// high-water mark (VmHWM), exact; the tree's peak is sampled, so a spike shorter than 100 ms can be missed.
/// </summary>
internal sealed class PeakMemorySampler : IDisposable
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    readonly int root;
    readonly CancellationTokenSource stop = new();
    readonly Task sampling;
    double processMiB, treeMiB;

    public PeakMemorySampler(int rootProcessId)
    {
        root = rootProcessId;
        sampling = OperatingSystem.IsLinux() ? Task.Run(SampleAsync) : Task.CompletedTask;
    }

    /// <summary>Stops sampling and returns the peaks seen.</summary>
    public PeakMemory Stop()
    {
        stop.Cancel();
        sampling.Wait();
        return new PeakMemory(processMiB, treeMiB);
    }

    public void Dispose()
    {
        if (!stop.IsCancellationRequested) Stop();
        stop.Dispose();
    }

    async Task SampleAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            if (HighWaterMiB(root) is double own) processMiB = Math.Max(processMiB, own);
            treeMiB = Math.Max(treeMiB, Tree().Sum(ResidentMiB));
            try { await Task.Delay(Interval, stop.Token); }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>The root and every process below it, from each process's parent in /proc/PID/stat.</summary>
    List<int> Tree()
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out int pid) || ParentOf(pid) is not int parent) continue;
            if (!children.TryGetValue(parent, out var list)) children[parent] = list = [];
            list.Add(pid);
        }
        var tree = new List<int> { root };
        for (int i = 0; i < tree.Count; i++)
            if (children.TryGetValue(tree[i], out var below)) tree.AddRange(below);
        return tree;
    }

    /// <summary>The parent's id: the field after the command name, which is in parentheses and may hold spaces.</summary>
    static int? ParentOf(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        int close = stat?.LastIndexOf(')') ?? -1;
        if (close < 0) return null;
        var fields = stat![(close + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], out int parent) ? parent : null;
    }

    static double ResidentMiB(int pid)
    {
        var statm = Read($"/proc/{pid}/statm")?.Split(' ');
        return statm is { Length: > 1 } && long.TryParse(statm[1], out long pages) ? pages * Environment.SystemPageSize / 1048576.0 : 0;
    }

    static double? HighWaterMiB(int pid)
    {
        var line = Read($"/proc/{pid}/status")?.Split('\n').FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is not null && long.TryParse(line[6..].Trim().Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kib)
            ? kib / 1024.0 : null;
    }

    /// <summary>A /proc file's text, or null when the process has gone (or the file cannot be read).</summary>
    static string? Read(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
