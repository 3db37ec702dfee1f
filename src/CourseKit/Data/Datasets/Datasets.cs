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
/// cache (with a progress bar and, where the publisher gives one, an MD5 check). Every loader also takes
/// <c>folder:</c> for files you already have.
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
