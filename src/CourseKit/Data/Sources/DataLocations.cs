namespace CourseKit.Data;

/// <summary>
/// Where datasets are looked for, in order: an offline mirror (<c>COURSEKIT_DATA</c>), the per-user cache, the folders
/// distributions install data into, and finally a download into the cache. Read from the environment by default;
/// tests build their own.
/// </summary>
internal sealed record DataLocations
{
    /// <summary>An offline mirror laid out as <c>&lt;dataset&gt;/&lt;original file names&gt;</c> (<c>COURSEKIT_DATA</c>), or null.</summary>
    public string? MirrorFolder { get; init; }

    /// <summary>Where downloads are kept, as <c>&lt;dataset&gt;/&lt;file&gt;</c>.</summary>
    public required string CacheFolder { get; init; }

    /// <summary>Whether to look in distribution folders such as <c>/usr/share/datasets/fashion-mnist</c>.</summary>
    public bool UseSystemFolders { get; init; } = true;

    /// <summary>Whether downloading is allowed (<c>COURSEKIT_OFFLINE=1</c> turns it off).</summary>
    public bool AllowDownload { get; init; } = true;

    /// <summary>A base URL that replaces the canonical locations (<c>COURSEKIT_DOWNLOAD_URL</c>): files are fetched from
    /// <c>&lt;base&gt;/&lt;dataset&gt;/&lt;file&gt;</c>. Lets a lab serve the datasets from one local machine.</summary>
    public string? DownloadMirror { get; init; }

    /// <summary>A download that receives nothing for this long is abandoned (never a hang).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Receives download progress; null shows a progress bar on the console.</summary>
    public IProgress<DownloadProgress>? Progress { get; init; }

    public static DataLocations FromEnvironment() => new()
    {
        MirrorFolder = NonEmpty(Environment.GetEnvironmentVariable("COURSEKIT_DATA")),
        CacheFolder = DefaultCacheFolder(),
        AllowDownload = Environment.GetEnvironmentVariable("COURSEKIT_OFFLINE") is not ("1" or "true" or "yes"),
        DownloadMirror = NonEmpty(Environment.GetEnvironmentVariable("COURSEKIT_DOWNLOAD_URL")),
    };

    /// <summary>
    /// <c>COURSEKIT_CACHE</c> if set; otherwise the XDG cache (<c>$XDG_CACHE_HOME/coursekit/datasets</c>, by default
    /// <c>~/.cache/coursekit/datasets</c>) on Linux and macOS, and <c>%LOCALAPPDATA%\CourseKit\datasets</c> on Windows.
    /// </summary>
    public static string DefaultCacheFolder()
    {
        if (NonEmpty(Environment.GetEnvironmentVariable("COURSEKIT_CACHE")) is string explicitFolder) return explicitFolder;
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "CourseKit", "datasets");
        string cache = NonEmpty(Environment.GetEnvironmentVariable("XDG_CACHE_HOME"))
                       ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "coursekit", "datasets");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
