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

    private static readonly ArraysByLength Shared = new(MaximumCachedBytes);

    /// <summary>Bytes waiting for reuse.</summary>
    public static long CachedBytes => Shared.CachedBytes;

    /// <summary>An array of <paramref name="length"/> floats: zero-filled when <paramref name="zeroed"/>, otherwise with
    /// whatever it held (the caller overwrites every element).</summary>
    public static float[] Rent(int length, bool zeroed)
    {
        if (length >= MinimumLength && Shared.Take(length) is float[] reused)
        {
            if (zeroed) Array.Clear(reused);
            return reused;
        }
        return zeroed ? new float[length] : GC.AllocateUninitializedArray<float>(length);
    }

    /// <summary>Takes back an array nobody uses any more.</summary>
    public static void Return(float[] array)
    {
        if (array.Length >= MinimumLength) Shared.Keep(array);
    }
}

/// <summary>
/// Free arrays by length, up to a number of bytes. When a returned array does not fit, the arrays of the lengths that
/// were used longest ago make room for it: when work changes shape — from training at batch 128 to predicting in
/// passes of another size — the new sizes take over the pool instead of finding it full of sizes nobody asks for.
/// </summary>
internal sealed class ArraysByLength(long capacityBytes)
{
    private readonly Dictionary<int, Stack<float[]>> _free = new();
    private readonly Dictionary<int, long> _lastUse = new();
    private long _cachedBytes, _clock;

    /// <summary>Bytes waiting for reuse.</summary>
    public long CachedBytes
    {
        get { lock (_free) return _cachedBytes; }
    }

    /// <summary>A kept array of <paramref name="length"/> floats, or null.</summary>
    public float[]? Take(int length)
    {
        lock (_free)
        {
            _lastUse[length] = ++_clock;
            if (!_free.TryGetValue(length, out var stack) || stack.Count == 0) return null;
            _cachedBytes -= Bytes(length);
            return stack.Pop();
        }
    }

    /// <summary>Keeps <paramref name="array"/> for the next <see cref="Take"/> of its length, freeing arrays of the least
    /// recently used other lengths if needed; an array bigger than the whole capacity is not kept.</summary>
    public void Keep(float[] array)
    {
        long bytes = Bytes(array.Length);
        if (bytes > capacityBytes) return;
        lock (_free)
        {
            _lastUse[array.Length] = ++_clock;
            while (_cachedBytes + bytes > capacityBytes && LeastRecentlyUsed(except: array.Length) is int oldest)
            {
                _free[oldest].Pop();   // the garbage collector's now
                _cachedBytes -= Bytes(oldest);
            }
            if (_cachedBytes + bytes > capacityBytes) return;   // full of arrays of this very length: enough of them
            if (!_free.TryGetValue(array.Length, out var stack)) _free[array.Length] = stack = new Stack<float[]>();
            stack.Push(array);
            _cachedBytes += bytes;
        }
    }

    /// <summary>The length with kept arrays that was used longest ago, other than <paramref name="except"/>.</summary>
    private int? LeastRecentlyUsed(int except)
    {
        int? oldest = null;
        foreach (var (length, stack) in _free)
            if (length != except && stack.Count > 0 && (oldest is null || _lastUse[length] < _lastUse[oldest.Value])) oldest = length;
        return oldest;
    }

    private static long Bytes(int length) => (long)length * sizeof(float);
}
