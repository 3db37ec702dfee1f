namespace CourseKit.Cli;

/// <summary>
/// Reads a command line's arguments one at a time, for every <c>coursekit</c> command: an option may be given only
/// once, and an option that takes a value takes the next argument, which must not be an option itself. A bad command
/// line throws a <see cref="UsageException"/> that names the option.
/// </summary>
public sealed class OptionReader(string[] args, int start = 0)
{
    readonly HashSet<string> given = [];
    int index = start - 1;
    string current = "";

    /// <summary>The next argument, null after the last; <paramref name="aliases"/> turns a short option into its long name (-o → --out).</summary>
    public string? Next(params (string Short, string Long)[] aliases)
    {
        if (++index >= args.Length) return null;
        current = aliases.FirstOrDefault(a => a.Short == args[index]).Long ?? args[index];
        if (current.StartsWith('-') && !given.Add(current)) throw new UsageException($"{current} given twice");
        return current;
    }

    /// <summary>The value of the option just read.</summary>
    public string Value()
    {
        if (index + 1 >= args.Length || args[index + 1].StartsWith("--")) throw new UsageException($"{current} needs a value");
        return args[++index];
    }
}
