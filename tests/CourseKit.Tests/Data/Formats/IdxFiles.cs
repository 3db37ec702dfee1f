using System.Buffers.Binary;
using System.IO.Compression;

namespace CourseKit.Tests.Data.Formats;

/// <summary>Builds IDX files byte by byte, and gzips or gunzips bytes, for the IDX tests.</summary>
public static class IdxFiles
{
    /// <summary>The bytes of an IDX file: 0x00 0x00, the type, the rank, each size big-endian, then <paramref name="data"/>.</summary>
    public static byte[] Build(int[] dimensions, byte[] data, byte type = 0x08)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        bytes[2] = type;
        bytes[3] = checked((byte)dimensions.Length);
        for (int d = 0; d < dimensions.Length; d++)
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dimensions[d]);
        data.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(bytes);
        return output.ToArray();
    }

    public static byte[] Gunzip(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Reads <paramref name="bytes"/> as an IDX file named "test.idx".</summary>
    public static IdxData Read(byte[] bytes) => Idx.Read(new MemoryStream(bytes), "test.idx");

    /// <summary>The problem text of the <see cref="DataFormatException"/> that reading <paramref name="bytes"/> throws.</summary>
    public static string Problem(byte[] bytes)
    {
        var e = Assert.Throws<DataFormatException>(() => Read(bytes));
        Assert.Equal("test.idx", e.File);
        Assert.Equal($"test.idx: {e.Problem}", e.Message);
        return e.Problem;
    }
}

/// <summary>A stream that can only be read forwards, like a download: no Length, no Seek.</summary>
public sealed class ForwardOnlyStream(byte[] bytes, int chunk = 7) : Stream
{
    private int _position;

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(Math.Min(count, chunk), bytes.Length - _position);
        Array.Copy(bytes, _position, buffer, offset, n);
        _position += n;
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
