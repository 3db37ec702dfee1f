namespace CourseKit.Cli.Running;

/// <summary>
/// Finds and stops every process a worker started (Linux, through /proc): the worker's descendants, every process in
/// its session or process group, and every process carrying the worker's tree mark in its environment (which
/// survives setsid and re-parenting). Elsewhere it falls back to .NET's own process-tree kill.
/// </summary>
static class ProcessTree
{
    /// <summary>The environment variable that marks a worker's processes; its value is unique to one worker.</summary>
    public const string MarkVariable = "COURSEKIT_WORKER_TREE";

    /// <summary>One line of /proc/PID/stat, the fields we need.</summary>
    readonly record struct ProcessInfo(int Pid, int Parent, int Group, int Session);

    /// <summary>
    /// Kills the worker <paramref name="rootPid"/> and everything it started, repeating until nothing is left (a
    /// process may fork while we look). The worker is stopped first, so that it starts nothing new.
    /// </summary>
    public static void KillAll(int rootPid, string mark)
    {
        if (!OperatingSystem.IsLinux()) return;
        var self = Environment.ProcessId;
        var snapshot = Snapshot();
        // Everything below the worker now, before its death re-parents the orphans.
        var doomed = Below(rootPid, snapshot).Append(rootPid).ToHashSet();
        for (int round = 0; round < 20; round++)
        {
            doomed.UnionWith(snapshot.Where(p => p.Session == rootPid || p.Group == rootPid).Select(p => p.Pid));
            doomed.UnionWith(Marked(mark, snapshot));
            foreach (var pid in doomed.ToList()) doomed.UnionWith(Below(pid, snapshot));
            doomed.Remove(self);
            doomed.RemoveWhere(pid => !snapshot.Any(p => p.Pid == pid));
            if (doomed.Count == 0) return;
            foreach (var pid in doomed) Posix.Kill(pid);
            Thread.Sleep(20);
            snapshot = Snapshot();
            doomed.Clear();
        }
    }

    /// <summary>Kills every descendant of this process (the runner's last sweep as it exits).</summary>
    public static void KillDescendants()
    {
        if (!OperatingSystem.IsLinux()) return;
        for (int round = 0; round < 20; round++)
        {
            var left = Below(Environment.ProcessId, Snapshot()).ToList();
            if (left.Count == 0) return;
            foreach (var pid in left) Posix.Kill(pid);
            Thread.Sleep(20);
        }
    }

    static IEnumerable<int> Below(int root, List<ProcessInfo> all)
    {
        var children = all.ToLookup(p => p.Parent, p => p.Pid);
        var queue = new Queue<int>([root]);
        var seen = new HashSet<int> { root };
        while (queue.Count > 0)
            foreach (var child in children[queue.Dequeue()])
                if (seen.Add(child))
                {
                    queue.Enqueue(child);
                    yield return child;
                }
    }

    static IEnumerable<int> Marked(string mark, List<ProcessInfo> all)
    {
        var needle = $"{MarkVariable}={mark}\0";
        foreach (var p in all)
        {
            string environment;
            try { environment = File.ReadAllText($"/proc/{p.Pid}/environ"); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            if (environment.Contains(needle, StringComparison.Ordinal)) yield return p.Pid;
        }
    }

    /// <summary>Every process /proc shows, except zombies (already dead, waiting to be reaped).</summary>
    static List<ProcessInfo> Snapshot()
    {
        var list = new List<ProcessInfo>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            if (Stat(pid) is { } fields && fields.Length > 3 && fields[0] != "Z"
                && int.TryParse(fields[1], out int parent) && int.TryParse(fields[2], out int group) && int.TryParse(fields[3], out int session))
                list.Add(new ProcessInfo(pid, parent, group, session));
        }
        return list;
    }

    /// <summary>The fields of /proc/PID/stat after the command name: state, ppid, pgrp, session, …; null when it is gone.</summary>
    static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
