using System.Runtime.InteropServices;

namespace CourseKit;

/// <summary>
/// Tells a regular file from a device, pipe or socket (<c>/dev/null</c>, a FIFO), which a save must never replace:
/// renaming a new file over <c>/dev/null</c> would succeed for root and break the system. .NET does not expose the
/// file type, so on Linux this asks the kernel (<c>statx</c>, whose layout is the same on every architecture).
/// </summary>
internal static unsafe class FileKind
{
    private const int CurrentFolder = -100, TypeBits = 0xF000, RegularFile = 0x8000;
    private const uint WantType = 0x1;

    /// <summary>True for a regular file, false for a device, pipe or socket, null when it cannot tell (other systems,
    /// no such file).</summary>
    public static bool? IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = stackalloc byte[256]; // struct statx; stx_mode is the 16-bit number at byte 28
        try { if (statx(CurrentFolder, path, 0, WantType, buffer) != 0) return null; }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return null; }
        return (*(ushort*)(buffer + 28) & TypeBits) == RegularFile;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int folder, string path, int flags, uint mask, byte* buffer);
}
