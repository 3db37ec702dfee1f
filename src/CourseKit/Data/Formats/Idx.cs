using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CourseKit;

/// <summary>
/// Reads IDX files, the simple format MNIST and Fashion-MNIST are published in
/// (<see href="http://yann.lecun.com/exdb/mnist/"/>): <c>var images = Idx.Read("train-images-idx3-ubyte.gz");</c>.
/// </summary>
/// <remarks>
/// <para>An IDX file is a tiny header followed by the numbers:</para>
/// <code>
/// 0x00 0x00             two zero bytes
/// 0x08                  the type of the numbers (0x08 = unsigned byte, the only type MNIST uses)
/// 0x03                  how many dimensions follow (3 for images, 1 for labels)
/// 4 bytes per dimension each size as a big-endian int32, e.g. 10000, 28, 28
/// the numbers           row-major: image 0 row 0, image 0 row 1, …
/// </code>
/// <para>
/// Files are usually gzip-compressed (<c>.gz</c>); <see cref="Read(string)"/> notices that from the first two bytes
/// (0x1F 0x8B), not from the name. Every problem with a file, whether bad compression, a wrong header, or too much or
/// too little data, is reported as a <see cref="DataFormatException"/> that names the file and says what is wrong.
/// </para>
/// </remarks>
public static class Idx
{
    /// <summary>The type byte of unsigned bytes (0–255), the type MNIST and Fashion-MNIST use.</summary>
    public const byte UnsignedByte = 0x08;

    /// <summary>The first buffer holds at most this many bytes when the stream's length is unknown (gzip): enough
    /// for Fashion-MNIST's 47 MB of training images in one piece, and a corrupt header cannot make us allocate
    /// gigabytes before we find out that the data is not there.</summary>
    private const int FirstBlockLimit = 64 << 20;

    /// <summary>Reads the IDX file at <paramref name="path"/>, gzip-compressed or not.</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="DataFormatException">The file is not a valid IDX file of unsigned bytes.</exception>
    public static IdxData Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"Idx.Read: there is no file at '{path}' (full path: {Path.GetFullPath(path)}). Check the folder and the file name.", path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(file, path);
    }

    /// <summary>
    /// Reads an IDX file from <paramref name="stream"/> (gzip-compressed or not) to its end. <paramref name="name"/>
    /// says where the bytes came from (a file name or URL) for error messages.
    /// </summary>
    /// <exception cref="DataFormatException">The bytes are not a valid IDX file of unsigned bytes.</exception>
    public static IdxData Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);

        var magic = new byte[2];
        int got = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        if (got == 2 && IsGzip(magic))
        {
            using var gzip = new GZipStream(new ReplayStream(magic, stream), CompressionMode.Decompress, leaveOpen: true);
            try
            {
                return ReadIdx(gzip, name, remaining: null, compressed: true);
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException(name, $"not a valid gzip stream: {e.Message} The download may be incomplete or damaged — download it again.", e);
            }
        }

        long? remaining = stream.CanSeek ? stream.Length - stream.Position + got : null;
        return ReadIdx(new ReplayStream(magic.AsMemory(0, got), stream), name, remaining, compressed: false);
    }

    private static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B;

    /// <summary>Reads header and data from uncompressed IDX bytes. <paramref name="remaining"/> is how many bytes the
    /// stream holds, when that is known before reading (a plain file), so the length can be checked up front.</summary>
    private static IdxData ReadIdx(Stream idx, string name, long? remaining, bool compressed)
    {
        // The fixed part: two zero bytes, the type, the number of dimensions.
        var start = new byte[4];
        int got = idx.ReadAtLeast(start, 4, throwOnEndOfStream: false);
        if (got < 4)
            throw new DataFormatException(name, got == 0
                ? (compressed ? "decompresses to nothing: the gzip stream holds no data, or it was cut short — download it again." : "is empty: an IDX file starts with a 4-byte header.")
                : $"is too short to be an IDX file: it has {FormatText.Plural(got, "byte")}{(compressed ? " after decompression" : "")}, but the header alone needs at least 4.");
        if (start[0] != 0 || start[1] != 0)
            throw new DataFormatException(name, WrongMagic(start, compressed));
        CheckType(name, start[2]);
        int rank = start[3];
        if (rank == 0)
            throw new DataFormatException(name, "declares 0 dimensions (its 4th byte); an IDX file has at least one (1 for labels, 3 for images).");

        // The size of each dimension, big-endian.
        var sizes = new byte[4 * rank];
        got = idx.ReadAtLeast(sizes, sizes.Length, throwOnEndOfStream: false);
        if (got < sizes.Length)
            throw new DataFormatException(name,
                $"ends inside its header: it declares {rank} dimensions, which need {FormatText.Count(4 + sizes.Length)} header bytes, but it has only {FormatText.Count(4 + got)}. The file is truncated — download it again.");
        var dimensions = new int[rank];
        for (int d = 0; d < rank; d++) dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(sizes.AsSpan(4 * d));
        int count = CheckedElementCount(name, dimensions);
        string what = rank switch { 1 => "label data", 3 => "image data", _ => "data" };
        string promise = rank == 1 ? FormatText.Count(count) : $"{FormatText.Count(count)} ({FormatText.Sizes(dimensions)})";

        // When we know the length up front (a plain file), check it before allocating anything.
        long header = 4 + sizes.Length;
        if (remaining is long total)
        {
            long data = total - header;
            if (data < count) throw Truncated(name, what, data, promise);
            if (data > count) throw Trailing(name, data - count, header + count);
        }

        var bytes = ReadData(idx, count, firstBlock: remaining is null ? Math.Min(count, FirstBlockLimit) : count);
        if (bytes.Length < count) throw Truncated(name, what, bytes.Length, promise);
        long extra = CountRest(idx);
        if (extra > 0) throw Trailing(name, extra, header + count);
        return new IdxData(dimensions, bytes, name);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes, or fewer if the stream ends first (the array is then
    /// shortened to what was read). Starts with one buffer of <paramref name="firstBlock"/> bytes (the exact size when
    /// the length was checked, else at most 64 MiB) that grows only as data actually arrives, so a lying header
    /// cannot exhaust memory.</summary>
    private static byte[] ReadData(Stream idx, int count, int firstBlock)
    {
        var buffer = new byte[firstBlock];
        int filled = 0;
        while (true)
        {
            filled += idx.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, throwOnEndOfStream: false);
            if (filled < buffer.Length) return buffer[..filled];     // the stream ended early
            if (filled == count) return buffer;
            Array.Resize(ref buffer, (int)Math.Min(count, 2L * buffer.Length));
        }
    }

    /// <summary>How many bytes are left in the stream (0 for a file that ends where its header says).</summary>
    private static long CountRest(Stream idx)
    {
        var scratch = new byte[1 << 16];
        long total = 0;
        for (int n; (n = idx.Read(scratch)) > 0;) total += n;
        return total;
    }

    private static void CheckType(string name, byte type)
    {
        if (type == UnsignedByte) return;
        string? typeName = type switch
        {
            0x09 => "signed bytes", 0x0B => "16-bit integers", 0x0C => "32-bit integers",
            0x0D => "32-bit floats", 0x0E => "64-bit floats", _ => null,
        };
        throw new DataFormatException(name, typeName is null
            ? $"has the type byte 0x{type:X2}, which is not an IDX type (0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E): the file is damaged or not an IDX file."
            : $"holds {typeName} (type byte 0x{type:X2}); Idx.Read supports only unsigned bytes (type 0x08), the type MNIST and Fashion-MNIST use.");
    }

    /// <summary>The number of elements the dimensions promise, rejecting sizes below 1 and totals no array can hold.</summary>
    private static int CheckedElementCount(string name, int[] dimensions)
    {
        long count = 1;
        for (int d = 0; d < dimensions.Length; d++)
        {
            if (dimensions[d] <= 0)
                throw new DataFormatException(name,
                    $"declares a size of {FormatText.Count(dimensions[d])} for dimension {d} (sizes: {FormatText.Sizes(dimensions)}); every dimension needs a size of at least 1. The header is damaged.");
            count *= dimensions[d];   // both factors ≤ int.MaxValue while count ≤ Array.MaxLength: cannot overflow a long
            if (count > Array.MaxLength)
                throw new DataFormatException(name,
                    $"declares dimensions {FormatText.Sizes(dimensions)}, more than the {FormatText.Count(Array.MaxLength)} values an array can hold: the header is damaged or this is not an IDX file.");
        }
        return (int)count;
    }

    private static string WrongMagic(byte[] start, bool compressed)
    {
        string bytes = string.Join(" ", start.Select(b => b.ToString("X2")));
        string problem = $"does not start with the IDX magic number (0x00 0x00, a type byte, a dimension count); it starts with {bytes}";
        if (IsGzip(start))
            return problem + " — the gzip signature again after decompressing: is it compressed twice? Decompress it once (gunzip) and read the result.";
        string text = Encoding.ASCII.GetString(start);
        if (text.StartsWith('<'))
            return problem + $" (\"{text}…\"): this looks like a web page, perhaps an error page saved instead of the data. Download the file again.";
        if (text.StartsWith("PK"))
            return problem + " (\"PK\"): this is a zip archive. Unzip it and read the IDX file inside.";
        return problem + (compressed ? " after decompression" : "") + ": this is not an IDX file, or it is damaged.";
    }

    private static DataFormatException Truncated(string name, string what, long have, string promise) =>
        new(name, $"has {FormatText.Count(have)} bytes of {what} but its header promises {promise}: the file is truncated — download it again.");

    private static DataFormatException Trailing(string name, long extra, long expected) =>
        new(name, $"has {FormatText.Plural(extra, "byte")} after the data its header describes (it should end after {FormatText.Count(expected)} bytes): the header and the data do not match, or two files were joined.");

    /// <summary>Gives back bytes already read from a stream (the 2 we peeked at for the gzip signature), then the rest
    /// of the stream: lets us look at the start of a stream that cannot seek back.</summary>
    private sealed class ReplayStream(ReadOnlyMemory<byte> first, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _first = first;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_first.IsEmpty) return rest.Read(buffer);
            int n = Math.Min(buffer.Length, _first.Length);
            _first.Span[..n].CopyTo(buffer);
            _first = _first[n..];
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
