using System.Diagnostics;

namespace CourseKit.Backends.Cpu;

/// <summary>
/// A few dedicated helper threads (one per extra core) that run the parts of a job alongside the caller: the parts of a
/// matrix product, or the chunks of an elementwise operation. One pool for all the CPU backend's parallel work, so that
/// its threads never compete with another pool's for the same cores.
/// </summary>
/// <remarks>
/// Why not <c>Parallel.For</c>? Training calls GEMM thousands of times a second, each call lasting from tens of
/// microseconds to a few milliseconds. A thread-pool thread that has gone to sleep can take 50 µs to several
/// milliseconds to wake up (much more on virtual machines, whose idle virtual CPUs are descheduled), and by then
/// the caller has done all the work alone. So, like OpenBLAS and OpenMP, the helpers here spin for a short while
/// (<see cref="SpinMilliseconds"/>) after each job, watching for the next one, and only then block.
/// <para>
/// One job runs at a time. A caller that finds the pool busy (another thread is multiplying) simply computes its
/// product alone, which is correct and keeps concurrent callers from waiting on each other. Parts are claimed
/// through one 64-bit counter holding (job number, next part), so a helper that wakes up late can never run a
/// part of a job that has already finished.
/// </para>
/// </remarks>
internal sealed class CpuWorkers
{
    /// <summary>How long an idle helper keeps watching for work before it blocks.</summary>
    private const double SpinMilliseconds = 2.0;

    private static CpuWorkers? s_instance;
    private static readonly object s_createLock = new();

    private readonly object _sleepLock = new();
    private int _busy;              // 1 while a caller owns the pool
    private int _sleepers;          // helpers blocked in Monitor.Wait
    private long _state;            // (job number << 32) | next part to claim
    private int _unfinished;        // parts of the current job not yet done
    private ParallelWork? _job;
    private Exception? _error;

    private CpuWorkers(int helpers)
    {
        for (int i = 0; i < helpers; i++)
            new Thread(HelperLoop) { IsBackground = true, Name = "CourseKit GEMM worker " + (i + 1) }.Start();
    }

    /// <summary>The pool, started on first use with one helper per core beyond the caller's.</summary>
    public static CpuWorkers Instance
    {
        get
        {
            if (s_instance != null) return s_instance;
            lock (s_createLock) return s_instance ??= new CpuWorkers(Environment.ProcessorCount - 1);
        }
    }

    /// <summary>Runs job.Run(0 … parts−1), on the caller and the helpers, and returns when all are done.</summary>
    public void Run(ParallelWork job, int parts)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (int i = 0; i < parts; i++) job.Run(i); // pool in use by another caller: work alone
            return;
        }
        try
        {
            long jobNumber = (Volatile.Read(ref _state) >> 32) + 1;
            job.Parts = parts;
            job.Number = jobNumber;
            _job = job;
            _error = null;
            Volatile.Write(ref _unfinished, parts);
            Interlocked.Exchange(ref _state, jobNumber << 32); // publishes the job to spinning helpers
            if (Volatile.Read(ref _sleepers) > 0)
                lock (_sleepLock) Monitor.PulseAll(_sleepLock);

            RunParts(job);
            var spinner = new SpinWait();
            while (Volatile.Read(ref _unfinished) != 0) spinner.SpinOnce(sleep1Threshold: -1);
            if (_error != null) throw new AggregateException(_error);
        }
        finally
        {
            _job = null;
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Claims and runs parts of <paramref name="job"/> until none is left (or the job is over).</summary>
    private void RunParts(ParallelWork job)
    {
        while (true)
        {
            long state = Volatile.Read(ref _state);
            int part = (int)(state & 0xFFFF_FFFF);
            if (state >> 32 != job.Number || part >= job.Parts) return;
            if (Interlocked.CompareExchange(ref _state, state + 1, state) != state) continue;
            try { job.Run(part); }
            catch (Exception e) { _error = e; }
            finally { Interlocked.Decrement(ref _unfinished); }
        }
    }

    private void HelperLoop()
    {
        long seenJob = 0;
        long spinTicks = (long)(SpinMilliseconds * Stopwatch.Frequency / 1000);
        while (true)
        {
            // Spin briefly, watching for a new job number, then block until a caller pulses.
            long start = Stopwatch.GetTimestamp();
            var spinner = new SpinWait();
            while (Volatile.Read(ref _state) >> 32 == seenJob)
            {
                if (Stopwatch.GetTimestamp() - start < spinTicks)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                    continue;
                }
                lock (_sleepLock)
                {
                    Interlocked.Increment(ref _sleepers); // a fence: the caller either sees us or we see its job
                    while (Volatile.Read(ref _state) >> 32 == seenJob) Monitor.Wait(_sleepLock);
                    Interlocked.Decrement(ref _sleepers);
                }
            }
            seenJob = Volatile.Read(ref _state) >> 32;
            ParallelWork? job = _job;
            if (job != null && job.Number == seenJob) RunParts(job);
        }
    }

    /// <summary>Runs <paramref name="body"/>(start, count) over [0, total) in a few ranges per core, on the caller and the helpers.</summary>
    public void For(int total, Action<int, int> body)
    {
        int parts = Math.Min(total, Environment.ProcessorCount * 4);
        int size = (total + parts - 1) / parts;
        parts = (total + size - 1) / size;
        Run(new ParallelWork(i => body(i * size, Math.Min(size, total - i * size))), parts);
    }
}

/// <summary>A job for <see cref="CpuWorkers"/>: <see cref="Body"/>(part) for each part.</summary>
internal sealed class ParallelWork(Action<int> body)
{
    public Action<int> Body { get; } = body;

    /// <summary>Set by the <see cref="CpuWorkers"/>: how many parts, and which job this is.</summary>
    public int Parts;
    public long Number;

    public void Run(int index) => Body(index);
}
