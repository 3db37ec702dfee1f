using System.Globalization;

namespace CourseKit.Backends;

/// <summary>
/// A device ran out of memory (a GPU, or the CPU for a tensor larger than the process can get): the message names the device, the bytes requested, the bytes free (where the driver tells)
/// and what to change — usually a smaller batch.
/// </summary>
public class DeviceOutOfMemoryException : OutOfMemoryException
{
    /// <summary>The advice every message ends with.</summary>
    public const string Hint = "lower the batch size (e.g. batchSize: 64) or use a smaller model";

    /// <summary>The usual cause of a tensor far larger than intended, for messages about one.</summary>
    internal const string UnexpectedlyLarge =
        "If you did not expect a tensor this large, check the shapes that made it: e.g. (n, 1) combined with (n,) broadcasts to (n, n).";

    internal DeviceOutOfMemoryException(string message, long requestedBytes, long freeBytes, long totalBytes, Exception? inner = null)
        : base(message, inner)
    {
        RequestedBytes = requestedBytes;
        FreeBytes = freeBytes;
        TotalBytes = totalBytes;
    }

    /// <summary>Bytes asked for.</summary>
    public long RequestedBytes { get; }

    /// <summary>Bytes the device had free when the request failed, or −1 where it cannot tell (OpenCL, the CPU).</summary>
    public long FreeBytes { get; }

    /// <summary>The device's whole memory in bytes.</summary>
    public long TotalBytes { get; }

    /// <summary>
    /// The CPU could not give the memory for a tensor (.NET's bare <see cref="OutOfMemoryException"/>): the shape, the size,
    /// the usual fix, and the usual cause of a surprisingly large tensor.
    /// </summary>
    internal static DeviceOutOfMemoryException ForTensor(Device device, int[] shape, OutOfMemoryException cause)
    {
        long bytes = (long)ShapeMath.Size(shape) * sizeof(float);
        long total = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return new DeviceOutOfMemoryException(
            $"Not enough memory on {device.Name} for a tensor of shape {ShapeMath.Format(shape)}: {Megabytes(bytes)} of float32 " +
            $"(this process can use about {Megabytes(total)} in all); {Hint}. {UnexpectedlyLarge}",
            bytes, -1, total, cause);
    }

    /// <summary>A size for people: "12.5 MB".</summary>
    internal static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture) + " MB";
}
