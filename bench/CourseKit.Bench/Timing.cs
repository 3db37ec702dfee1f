using System.Diagnostics;

namespace CourseKit.Bench;

/// <summary>How every benchmark is timed.</summary>
internal static class Timing
{
    /// <summary>How long to keep repeating the work once it is warmed up.</summary>
    private static readonly TimeSpan MeasureTime = TimeSpan.FromSeconds(1.5);

    /// <summary>How long to run it untimed first, so that the JIT and caches have settled.</summary>
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(0.3);

    /// <summary>Seconds of the fastest of repeated runs of <paramref name="work"/>.</summary>
    /// <remarks>
    /// We report the <b>best</b> run, not the median: on a shared or virtual machine other work steals cores
    /// now and then and only ever makes a run slower, so the fastest run is the most repeatable estimate of
    /// what the code itself can do. Warm-up first (the JIT compiles the fully optimised code and the helper
    /// threads start), then repetition for <see cref="MeasureTime"/>. A single run that takes longer than the
    /// whole budget (the reference backend at 1024³) is reported as it is, without repeats.
    /// </remarks>
    public static double BestSeconds(Action work)
    {
        double first = Seconds(work);
        if (first >= MeasureTime.TotalSeconds) return first;

        if (first < WarmupTime.TotalSeconds)
        {
            var warmup = Stopwatch.StartNew();
            for (int i = 0; i < 2 || warmup.Elapsed < WarmupTime; i++) work();
        }

        double best = double.MaxValue;
        var total = Stopwatch.StartNew();
        do best = Math.Min(best, Seconds(work));
        while (total.Elapsed < MeasureTime);
        return best;
    }

    private static double Seconds(Action work)
    {
        long start = Stopwatch.GetTimestamp();
        work();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
