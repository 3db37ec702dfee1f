using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CourseKit.Interactive;

/// <summary>
/// A minimal PNG writer, enough to show tensors as pictures: 8-bit grey or RGB, no interlacing, every row stored
/// unfiltered and the whole image compressed with zlib. A PNG file is a signature followed by chunks (length, type,
/// data, CRC-32): IHDR (size and pixel format), IDAT (the compressed rows) and IEND.
/// </summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Encodes <paramref name="pixels"/> (row by row, <paramref name="channels"/> bytes per pixel: 1 grey, 3 RGB),
    /// each pixel drawn as a <paramref name="scale"/>×<paramref name="scale"/> square so small images stay visible.
    /// </summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels, int scale = 1)
    {
        if (channels is not (1 or 3)) throw new ArgumentException($"PNG pixels need 1 (grey) or 3 (RGB) channels, got {channels}.", nameof(channels));
        if (width < 1 || height < 1) throw new ArgumentException($"An image needs at least one pixel, got {width}×{height}.");
        if (pixels.Length != width * height * channels)
            throw new ArgumentException($"{width}×{height}×{channels} pixels need {width * height * channels} bytes, got {pixels.Length}.", nameof(pixels));
        if (scale < 1) throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be at least 1.");

        int outWidth = width * scale, outHeight = height * scale, rowBytes = outWidth * channels;
        var raw = new byte[outHeight * (1 + rowBytes)];       // each row: filter type 0 (none), then the bytes
        for (int y = 0; y < outHeight; y++)
        {
            int source = (y / scale) * width * channels, target = y * (1 + rowBytes) + 1;
            for (int x = 0; x < outWidth; x++)
                pixels.Slice(source + (x / scale) * channels, channels).CopyTo(raw.AsSpan(target + x * channels));
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, outWidth);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), outHeight);
        header[8] = 8;                                        // bits per channel
        header[9] = (byte)(channels == 1 ? 0 : 2);            // colour type: 0 grey, 2 RGB
        // header[10..12]: compression 0 (zlib), filter method 0, no interlacing

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(raw);

        using var file = new MemoryStream();
        file.Write(Signature);
        WriteChunk(file, "IHDR", header);
        WriteChunk(file, "IDAT", compressed.ToArray());
        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        stream.Write(number);
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        stream.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.Of(typeAndData));
        stream.Write(number);
    }
}
