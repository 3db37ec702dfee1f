using CourseKit.Data;

namespace CourseKit;

/// <summary>
/// The course's datasets in one line each, like <c>keras.datasets</c>: <c>Datasets.Mnist.Load()</c>,
/// <c>Datasets.FashionMnist.Load()</c>, <c>Datasets.Banknote.Load()</c>, <c>Datasets.Abalone.Load()</c>, and generated
/// 2-D sets (<c>Datasets.Moons(…)</c>, <c>Datasets.Xor()</c>, …).
/// </summary>
/// <remarks>
/// Files are looked for, in order, in the offline mirror named by <c>COURSEKIT_DATA</c> (laid out as
/// <c>&lt;dataset&gt;/&lt;original file names&gt;</c>), the per-user cache (<see cref="CacheFolder"/>), the folders
/// Linux distributions install datasets into, and finally downloaded from the dataset's canonical location into the
/// cache, with a progress bar. Every loader also takes <c>folder:</c> for files you already have.
/// <para>
/// Nothing is lost and nothing is faked. A download is kept only when it matches the official file's size and
/// checksums (SHA-256, and the MD5 the publisher gives); one that was cut short, damaged, or is a web page is refused
/// and says so. A damaged file you placed (in a folder, the mirror, or copied into the cache) is reported with its
/// path, the line where it makes sense, and what to do; it is never changed or deleted. Only a file CourseKit
/// downloaded itself (it leaves a note <c>.&lt;file&gt;.downloaded</c> beside it) is replaced, and only once a fresh
/// copy has arrived and passed its checks. Partial downloads (<c>&lt;file&gt;.part-&lt;process&gt;-…</c>) of a process
/// that was killed are removed the next time the dataset is loaded. A blank line inside banknote or abalone is
/// refused as a sign of an edited file.
/// </para>
/// </remarks>
public static partial class Datasets
{
    /// <summary>Where downloaded datasets are kept (<c>COURSEKIT_CACHE</c>, else <c>~/.cache/coursekit/datasets</c>
    /// or <c>%LOCALAPPDATA%\CourseKit\datasets</c>).</summary>
    public static string CacheFolder => DataLocations.DefaultCacheFolder();

    /// <summary>The places datasets are looked for, in order, as one line each (shown by the notebook banner).</summary>
    public static IReadOnlyList<string> SearchOrder()
    {
        var locations = DataLocations.FromEnvironment();
        return
        [
            $"offline mirror (COURSEKIT_DATA): {locations.MirrorFolder ?? "not set"}",
            $"cache: {locations.CacheFolder}",
            "system data folders: /usr/share/datasets/<dataset> (e.g. Debian's dataset-fashion-mnist)",
            locations.AllowDownload
                ? $"download from {(locations.DownloadMirror is null ? "each dataset's canonical location" : locations.DownloadMirror + " (COURSEKIT_DOWNLOAD_URL)")}"
                : "download: turned off (COURSEKIT_OFFLINE)",
        ];
    }
}
