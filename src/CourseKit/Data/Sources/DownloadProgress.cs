using System.Globalization;

namespace CourseKit;

/// <summary>How far a dataset download has got.</summary>
/// <param name="File">The file being downloaded, as <c>dataset/file</c>.</param>
/// <param name="Received">Bytes received so far.</param>
/// <param name="Total">The file's size if the server said, else null.</param>
/// <param name="Done">True for the last report of the file.</param>
public sealed record DownloadProgress(string File, long Received, long? Total, bool Done)
{
    /// <summary>Fraction done (0–1), when the size is known.</summary>
    public double? Fraction => Total is > 0 ? (double)Received / Total.Value : null;

    /// <summary>A one-line bar: <c>mnist/train-images-idx3-ubyte.gz [########------------]  41%  4.0 of 9.9 MB</c>.</summary>
    public override string ToString()
    {
        const int width = 20;
        string size = Total is long total ? $"{Megabytes(Received)} of {Megabytes(total)} MB" : $"{Megabytes(Received)} MB";
        if (Fraction is not double f) return $"{File} {size}";
        int filled = (int)Math.Round(f * width);
        return $"{File} [{new string('#', filled)}{new string('-', width - filled)}] {(int)Math.Round(f * 100),3}%  {size}";
    }

    private static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>The default progress display: a bar redrawn in place on a terminal, or a line every 25% when the output is
/// captured (a notebook or a log), so the output stays readable.</summary>
internal sealed class ConsoleProgress : IProgress<DownloadProgress>
{
    private int _lastQuarter = -1;
    private long _lastDraw;

    public void Report(DownloadProgress value)
    {
        if (!Console.IsErrorRedirected)
        {
            long now = Environment.TickCount64;
            if (!value.Done && now - _lastDraw < 100) return;
            _lastDraw = now;
            Console.Error.Write("\r" + value + (value.Done ? Environment.NewLine : ""));
            return;
        }
        int quarter = value.Fraction is double f ? (int)(f * 4) : 0;
        if (value.Done || quarter > _lastQuarter)
        {
            _lastQuarter = quarter;
            Console.Error.WriteLine(value);
        }
    }
}
