using CourseKit.Data;

namespace CourseKit;

/// <summary>The four IDX files of MNIST-style data (training and test images and labels), read and checked together.</summary>
internal static class IdxImageSet
{
    public const string TrainImages = "train-images-idx3-ubyte.gz", TrainLabels = "train-labels-idx1-ubyte.gz";
    public const string TestImages = "t10k-images-idx3-ubyte.gz", TestLabels = "t10k-labels-idx1-ubyte.gz";

    /// <summary>Finds, reads and checks the files; <paramref name="officialCounts"/> are the published split sizes, used to
    /// tell the student when a copy (such as an offline stand-in) differs.</summary>
    public static ImageDataset Load(DatasetSpec spec, IReadOnlyList<string> classNames, (int Train, int Test) officialCounts,
                                    string? folder, DataLocations locations)
    {
        var ((train, test), source) = DatasetFinder.Load(spec, folder, locations, dir =>
            (Split(dir, TrainImages, TrainLabels, classNames.Count), Split(dir, TestImages, TestLabels, classNames.Count)));
        int trainCount = train.X.ShapeView[0], testCount = test.X.ShapeView[0];
        string? note = (trainCount, testCount) == officialCounts ? null
            : $"this copy has {trainCount:N0} training and {testCount:N0} test images, not the official {officialCounts.Train:N0} and " +
              $"{officialCounts.Test:N0}: a smaller stand-in (e.g. an offline mirror), so accuracies will differ from published ones";
        return new ImageDataset(spec.Name, train, test, classNames, source, note);
    }

    private static (Tensor X, Tensor Y) Split(string dir, string imagesFile, string labelsFile, int classes)
    {
        string imagesPath = Path.Combine(dir, imagesFile), labelsPath = Path.Combine(dir, labelsFile);
        var images = Idx.Read(imagesPath);
        var labels = Idx.Read(labelsPath);
        if (images.Dimensions.Count != 3 || images.Dimensions[1] != 28 || images.Dimensions[2] != 28)
            throw new DataFormatException(imagesPath, $"holds an array of shape ({string.Join(", ", images.Dimensions)}), not (n, 28, 28) images.");
        if (labels.Dimensions.Count != 1)
            throw new DataFormatException(labelsPath, $"holds an array of shape ({string.Join(", ", labels.Dimensions)}), not a list of labels.");
        if (labels.Count != images.Count)
            throw new DataFormatException(labelsPath, $"has {labels.Count:N0} labels but {imagesFile} has {images.Count:N0} images; the two files must belong together.");
        int bad = Array.FindIndex(labels.Data, l => l >= classes);
        if (bad >= 0)
            throw new DataFormatException(labelsPath,
                $"the label of image {FormatText.Count(bad)} (counting from 0) is {labels.Data[bad]}, but there are only {classes} classes " +
                $"(0–{classes - 1}): the file is damaged or holds other labels.");
        return (images.ToTensor(), labels.ToTensor());
    }
}
