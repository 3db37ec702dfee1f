namespace CourseKit.Backends.Gpu;

/// <summary>
/// One device's cache of freed GPU memory, by size class, so that a training loop — which needs the same sizes every
/// step — allocates from the driver only in its first step. Freed memory waits here until an allocation of its size
/// class takes it; when the driver runs out, the cache is emptied and the allocation tried again (as PyTorch's caching
/// allocator does). Safe to use from any thread, including the finaliser thread.
/// </summary>
/// <remarks>Reuse is safe because each device runs its commands in one in-order queue: a kernel that still reads freed
/// memory was enqueued before, so it finishes before any later kernel writes the reused memory.</remarks>
internal sealed class GpuMemoryPool(GpuBackend device)
{
    private readonly object _gate = new();
    private readonly Dictionary<long, Stack<IntPtr>> _free = new();

    /// <summary>Bytes handed out and not yet returned.</summary>
    public long BytesInUse { get; private set; }

    /// <summary>Bytes kept for reuse.</summary>
    public long BytesCached { get; private set; }

    /// <summary>Allocations that had to go to the driver (the rest came from the cache).</summary>
    public long DriverAllocations { get; private set; }

    /// <summary>The size class of a request: whole 4 KiB pages up to 1 MiB, then whole 64 KiB blocks — small enough
    /// waste, and a batch of a slightly different size (the last one of an epoch) still finds its neighbour's memory.</summary>
    public static long SizeClass(long bytes)
    {
        long unit = bytes <= 1 << 20 ? 4096 : 65536;
        return Math.Max(unit, (bytes + unit - 1) / unit * unit);
    }

    public GpuBuffer Rent(int length)
    {
        long capacity = SizeClass((long)length * sizeof(float));
        IntPtr memory = TakeCached(capacity);
        if (memory == IntPtr.Zero)
        {
            memory = device.AllocateMemory(capacity);
            if (memory == IntPtr.Zero)
            {
                // Out of memory: give back what the garbage collector can find, empty the cache, try once more.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Trim();
                memory = device.AllocateMemory(capacity);
                if (memory == IntPtr.Zero) throw device.OutOfMemory(capacity, BytesInUse);
            }
            lock (_gate) DriverAllocations++;
        }
        lock (_gate) BytesInUse += capacity;
        return new GpuBuffer(device, memory, length, capacity);
    }

    public void Return(IntPtr memory, long capacity)
    {
        lock (_gate)
        {
            if (!_free.TryGetValue(capacity, out var stack)) _free[capacity] = stack = new Stack<IntPtr>();
            stack.Push(memory);
            BytesInUse -= capacity;
            BytesCached += capacity;
        }
    }

    /// <summary>Gives every cached block back to the driver.</summary>
    public void Trim()
    {
        List<IntPtr> blocks;
        lock (_gate)
        {
            blocks = _free.Values.SelectMany(s => s).ToList();
            _free.Clear();
            BytesCached = 0;
        }
        foreach (var block in blocks) device.FreeMemory(block);
    }

    private IntPtr TakeCached(long capacity)
    {
        lock (_gate)
        {
            if (!_free.TryGetValue(capacity, out var stack) || stack.Count == 0) return IntPtr.Zero;
            BytesCached -= capacity;
            return stack.Pop();
        }
    }
}
