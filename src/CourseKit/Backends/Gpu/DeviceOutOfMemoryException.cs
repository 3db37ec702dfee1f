using System.Globalization;

namespace CourseKit.Backends;

/// <summary>
/// A GPU ran out of memory: the message names the device, the bytes requested, the bytes free (where the driver tells)
/// and what to change — usually a smaller batch.
/// </summary>
public class DeviceOutOfMemoryException : OutOfMemoryException
{
    /// <summary>The advice every message ends with.</summary>
    public const string Hint = "lower the batch size (e.g. batchSize: 64) or use a smaller model";

    internal DeviceOutOfMemoryException(string message, long requestedBytes, long freeBytes, long totalBytes) : base(message)
    {
        RequestedBytes = requestedBytes;
        FreeBytes = freeBytes;
        TotalBytes = totalBytes;
    }

    /// <summary>Bytes asked for.</summary>
    public long RequestedBytes { get; }

    /// <summary>Bytes the device had free when the request failed, or −1 where the driver cannot tell (OpenCL).</summary>
    public long FreeBytes { get; }

    /// <summary>The device's whole memory in bytes.</summary>
    public long TotalBytes { get; }

    /// <summary>A size for people: "12.5 MB".</summary>
    internal static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture) + " MB";
}
