namespace CourseKit.Data;

/// <summary>
/// What a dataset consists of and where it can come from: its files (with their sizes and checksums), the
/// canonical download locations, and folders that Linux distributions install it into.
/// </summary>
/// <param name="Name">Folder name in mirrors and in the cache, e.g. "mnist".</param>
/// <param name="Title">How people write it, e.g. "MNIST".</param>
/// <param name="Loader">The C# loader, e.g. "Mnist" for <c>Datasets.Mnist</c> (used in messages).</param>
/// <param name="Files">The files, under their original names.</param>
/// <param name="DownloadUrls">Base URLs the files can be downloaded from, tried in order.</param>
/// <param name="SystemFolders">Folders distributions install the files into.</param>
/// <param name="Examples">For a dataset that is one table: how many examples (rows) the original file has.</param>
internal sealed record DatasetSpec(
    string Name,
    string Title,
    string Loader,
    IReadOnlyList<DataFile> Files,
    IReadOnlyList<string> DownloadUrls,
    IReadOnlyList<string> SystemFolders,
    int? Examples = null)
{
    public string FileList => string.Join(", ", Files.Select(f => f.FileName));
}

/// <summary>
/// One file of a dataset and what the official copy looks like, so that a download is verified before it is cached:
/// its size and SHA-256 (computed from the canonical copy), the MD5 its publisher gives, and — for a gzip file whose
/// published bytes CourseKit could not check directly — the size and SHA-256 of its decompressed content, which is the
/// same however the file was compressed. Every file CourseKit downloads carries at least one checksum.
/// </summary>
/// <param name="FileName">The original file name, e.g. "train-images-idx3-ubyte.gz".</param>
/// <param name="Size">The official file's size in bytes.</param>
/// <param name="Sha256">The official file's SHA-256, lower-case hex.</param>
/// <param name="Md5">The MD5 the publisher gives for the download, lower-case hex.</param>
/// <param name="UnpackedSize">The size of the decompressed content of a gzip file.</param>
/// <param name="UnpackedSha256">The SHA-256 of the decompressed content of a gzip file.</param>
internal sealed record DataFile(string FileName, long? Size = null, string? Sha256 = null, string? Md5 = null,
                                long? UnpackedSize = null, string? UnpackedSha256 = null)
{
    /// <summary>Whether a download of this file can be checked against a checksum.</summary>
    public bool HasChecksum => Sha256 is not null || Md5 is not null || UnpackedSha256 is not null;
}
