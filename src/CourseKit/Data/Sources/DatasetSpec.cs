namespace CourseKit.Data;

/// <summary>
/// What a dataset consists of and where it can come from: its files (with the published MD5 where one exists), the
/// canonical download locations, and folders that Linux distributions install it into.
/// </summary>
/// <param name="Name">Folder name in mirrors and in the cache, e.g. "mnist".</param>
/// <param name="Title">How people write it, e.g. "MNIST".</param>
/// <param name="Loader">The C# loader, e.g. "Mnist" for <c>Datasets.Mnist</c> (used in messages).</param>
/// <param name="Files">The files, under their original names.</param>
/// <param name="DownloadUrls">Base URLs the files can be downloaded from, tried in order.</param>
/// <param name="SystemFolders">Folders distributions install the files into.</param>
internal sealed record DatasetSpec(
    string Name,
    string Title,
    string Loader,
    IReadOnlyList<DataFile> Files,
    IReadOnlyList<string> DownloadUrls,
    IReadOnlyList<string> SystemFolders)
{
    public string FileList => string.Join(", ", Files.Select(f => f.FileName));
}

/// <summary>One file of a dataset; <see cref="Md5"/> is the checksum its publisher gives for the download, if any.</summary>
internal sealed record DataFile(string FileName, string? Md5 = null);
