namespace CourseKit.Backends;

/// <summary>
/// Freed float arrays of the CPU backends, kept by length for the next allocation of the same size. Training frees each
/// step's results (<see cref="TensorScope"/>), so from the second step on, activations and gradients reuse the first
/// step's arrays instead of asking the garbage collector for new large ones — which .NET puts on the large-object heap
/// and reclaims only in full collections. Small arrays are left to the garbage collector, which handles them cheaply.
/// </summary>
internal static class HostMemoryPool
{
    /// <summary>Arrays shorter than this (64 KiB) are not kept.</summary>
    public const int MinimumLength = 16 * 1024;

    /// <summary>At most this many bytes wait in the pool; more freed arrays go to the garbage collector.</summary>
    public const long MaximumCachedBytes = 256L << 20;

    private static readonly object Gate = new();
    private static readonly Dictionary<int, Stack<float[]>> Free = new();
    private static long _cachedBytes;

    /// <summary>Bytes waiting for reuse.</summary>
    public static long CachedBytes
    {
        get { lock (Gate) return _cachedBytes; }
    }

    /// <summary>An array of <paramref name="length"/> floats: zero-filled when <paramref name="zeroed"/>, otherwise with
    /// whatever it held (the caller overwrites every element).</summary>
    public static float[] Rent(int length, bool zeroed)
    {
        if (length >= MinimumLength)
        {
            float[]? reused = null;
            lock (Gate)
                if (Free.TryGetValue(length, out var stack) && stack.Count > 0)
                {
                    reused = stack.Pop();
                    _cachedBytes -= (long)length * sizeof(float);
                }
            if (reused is not null)
            {
                if (zeroed) Array.Clear(reused);
                return reused;
            }
        }
        return zeroed ? new float[length] : GC.AllocateUninitializedArray<float>(length);
    }

    /// <summary>Takes back an array nobody uses any more.</summary>
    public static void Return(float[] array)
    {
        if (array.Length < MinimumLength) return;
        long bytes = (long)array.Length * sizeof(float);
        lock (Gate)
        {
            if (_cachedBytes + bytes > MaximumCachedBytes) return;
            if (!Free.TryGetValue(array.Length, out var stack)) Free[array.Length] = stack = new Stack<float[]>();
            stack.Push(array);
            _cachedBytes += bytes;
        }
    }
}
