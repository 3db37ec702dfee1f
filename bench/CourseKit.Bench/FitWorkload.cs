using System.Diagnostics;
using System.Globalization;

namespace CourseKit.Bench;

/// <summary>The options every Fit benchmark (<c>mlp</c>, <c>cnn</c>) takes, with the defaults.</summary>
/// <param name="Threads">Cores CourseKit may use (null: all of them); see <see cref="FitWorkload.RunWithThreads"/>.</param>
/// <param name="Layers">Also print each layer's forward and backward time on one batch.</param>
internal sealed record FitOptions(string Dataset, string Backend, int Epochs, int BatchSize, int Seed, int? Threads, bool Layers)
{
    /// <summary>Reads <c>--dataset --epochs --batch-size --seed --backend --threads N --layers</c>; null (with
    /// <paramref name="error"/> set) for an unknown option or a bad value.</summary>
    public static FitOptions? Parse(ReadOnlySpan<string> args, out string? error)
    {
        var options = new FitOptions("fashion-mnist", "cpu", Epochs: 1, BatchSize: 128, Seed: 42, Threads: null, Layers: false);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--layers") { options = options with { Layers = true }; continue; }
            if (i + 1 >= args.Length) { error = $"Option {args[i]} needs a value."; return null; }
            string value = args[++i];
            switch (args[i - 1])
            {
                case "--dataset" when value is "fashion-mnist" or "mnist": options = options with { Dataset = value }; break;
                case "--dataset": error = $"Unknown dataset '{value}'; use fashion-mnist or mnist."; return null;
                case "--epochs" when Positive(value) is int e: options = options with { Epochs = e }; break;
                case "--batch-size" when Positive(value) is int b: options = options with { BatchSize = b }; break;
                case "--threads" when Positive(value) is int t: options = options with { Threads = t }; break;
                case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out int s): options = options with { Seed = s }; break;
                case "--backend": options = options with { Backend = value }; break;
                default: error = $"Unknown option or bad value: {args[i - 1]} {value}."; return null;
            }
        }
        error = null;
        return options;
    }

    private static int? Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : null;
}

/// <summary>
/// What the Fit benchmarks share: the dataset as the lecture prepares it, epochs timed by a callback, the process's
/// peak memory per phase, and running on a given number of cores.
/// </summary>
internal static class FitWorkload
{
    /// <summary>Reads the options and the device, and restarts on the requested number of cores when needed. Returns null
    /// to go on with <paramref name="options"/> on <paramref name="device"/>, else the exit code to end with (2 for a bad
    /// option, through <paramref name="fail"/>; the child's code after a restart).</summary>
    public static int? Start(ReadOnlySpan<string> args, Func<string, int> fail, out FitOptions options, out Device device)
    {
        device = Device.Cpu;
        if (FitOptions.Parse(args, out string? error) is not FitOptions parsed)
        {
            options = null!;
            return fail(error!);
        }
        options = parsed;
        if (RunWithThreads(options.Threads) is int exitCode) return exitCode;
        try { device = Device.Parse(options.Backend); }
        catch (ArgumentException e) { return fail(e.Message); }
        return null;
    }

    /// <summary>Training and test images scaled to [0, 1], reshaped to (count, <paramref name="imageShape"/>), on
    /// <paramref name="device"/>.</summary>
    public static (Tensor XTrain, Tensor YTrain, Tensor XTest, Tensor YTest) LoadData(string dataset, Device device, int[] imageShape)
    {
        var data = dataset == "mnist" ? Datasets.Mnist.Load() : Datasets.FashionMnist.Load();
        Tensor Images(Tensor x) => Preprocessing.NormalizeImages(x).Reshape([x.Shape[0], .. imageShape]).To(device);
        return (Images(data.Train.X), data.Train.Y.To(device), Images(data.Test.X), data.Test.Y.To(device));
    }

    /// <summary>Seconds of each epoch of <c>model.Fit</c>, timed from the epoch's first batch to its end.</summary>
    public static List<double> TimedFit(Model model, Tensor x, Tensor y, int epochs, int batchSize)
    {
        var epochTimes = new List<double>();
        var clock = new Stopwatch();
        var timer = new LambdaCallback(onEpochBegin: _ => clock.Restart(), onEpochEnd: (_, _) => epochTimes.Add(clock.Elapsed.TotalSeconds));
        model.Fit(x, y, epochs: epochs, batchSize: batchSize, verbose: 0, callbacks: [timer]);
        return epochTimes;
    }

    /// <summary>The share of rows of <paramref name="probabilities"/> (one row of class scores per example) whose
    /// largest score is at the example's label (the first of equal scores, as ArgMax picks).</summary>
    public static float Accuracy(float[] probabilities, float[] labels)
    {
        int classes = probabilities.Length / labels.Length, correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            var row = probabilities.AsSpan(i * classes, classes);
            int best = 0;
            for (int c = 1; c < classes; c++) if (row[c] > row[best]) best = c;
            if (best == (int)labels[i]) correct++;
        }
        return (float)correct / labels.Length;
    }

    /// <summary>The process's peak resident memory so far in MB (VmHWM in /proc/self/status; elsewhere .NET's
    /// peak working set, which is the same number on Linux).</summary>
    public static long PeakMb()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
            foreach (string line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) >> 10;
        return Process.GetCurrentProcess().PeakWorkingSet64 >> 20;
    }

    /// <summary>Starts a new peak-memory phase: Linux resets VmHWM to the current resident size when "5" is written to
    /// /proc/self/clear_refs. False where that is not possible (then the next <see cref="PeakMb"/> covers the whole run).</summary>
    public static bool ResetPeak()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>
    /// CourseKit's CPU backend uses as many cores as .NET reports (<see cref="Environment.ProcessorCount"/>), which is
    /// fixed when the process starts. When <paramref name="threads"/> differs, the benchmark runs again in a child process
    /// with <c>DOTNET_PROCESSOR_COUNT</c> set (as a user would set it) and returns its exit code; null means "go on here".
    /// </summary>
    public static int? RunWithThreads(int? threads)
    {
        if (threads is not int n || n == Environment.ProcessorCount) return null;
        string wanted = n.ToString(CultureInfo.InvariantCulture);
        if (Environment.GetEnvironmentVariable("DOTNET_PROCESSOR_COUNT") == wanted) return null; // already the child

        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(typeof(FitWorkload).Assembly.Location);
        foreach (string arg in Environment.GetCommandLineArgs().Skip(1)) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_PROCESSOR_COUNT"] = wanted;
        using var child = Process.Start(start)!;
        child.WaitForExit();
        return child.ExitCode;
    }
}
