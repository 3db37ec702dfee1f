namespace CourseKit;

/// <summary>
/// A dataset's files were found nowhere and could not be downloaded. The message names the dataset, every place that
/// was searched (and why each did not work), and how to supply the files.
/// </summary>
public sealed class DatasetNotFoundException(string message) : FileNotFoundException(message);
