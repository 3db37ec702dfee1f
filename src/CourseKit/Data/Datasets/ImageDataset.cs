using System.Text;

namespace CourseKit;

/// <summary>
/// A set of labelled images split into training and test parts, as Keras's <c>load_data()</c> returns them:
/// <c>var ((xTrain, yTrain), (xTest, yTest)) = Datasets.Mnist.Load();</c>. Images are (n, height, width) with grey
/// values 0–255 as floats; labels are class indices.
/// </summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class ImageDataset(string name, (Tensor X, Tensor Y) train, (Tensor X, Tensor Y) test,
                                 IReadOnlyList<string> classNames, string source, string? note = null)
{
    /// <summary>The dataset's name, e.g. "mnist".</summary>
    public string Name { get; } = name;

    /// <summary>Training images and their labels.</summary>
    public (Tensor X, Tensor Y) Train { get; } = train;

    /// <summary>Test images and their labels.</summary>
    public (Tensor X, Tensor Y) Test { get; } = test;

    /// <summary>The name of each class index (digits "0"–"9" for MNIST, "T-shirt/top" … "Ankle boot" for Fashion-MNIST).</summary>
    public IReadOnlyList<string> ClassNames { get; } = classNames;

    /// <summary>Where the files came from (a folder or a URL).</summary>
    public string Source { get; } = source;

    /// <summary>Anything a student should know about this copy (e.g. that it is a smaller offline stand-in), or null.</summary>
    public string? Note { get; } = note;

    public void Deconstruct(out (Tensor X, Tensor Y) train, out (Tensor X, Tensor Y) test)
    {
        train = Train;
        test = Test;
    }

    /// <summary>How many images of each class a split has.</summary>
    public static int[] ClassCounts(Tensor labels, int classes)
    {
        var counts = new int[classes];
        foreach (float label in labels.ToArray()) counts[(int)label]++;
        return counts;
    }

    /// <summary>The grey values of one image as rows of bytes, for drawing it.</summary>
    public static byte[,] Pixels(Tensor images, int index)
    {
        var image = images[index].ToArray2D();
        var pixels = new byte[image.GetLength(0), image.GetLength(1)];
        for (int r = 0; r < pixels.GetLength(0); r++)
            for (int c = 0; c < pixels.GetLength(1); c++) pixels[r, c] = (byte)Math.Clamp(image[r, c], 0, 255);
        return pixels;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        var image = Train.X.ShapeView;
        sb.AppendLine($"{Name}: {Train.X.ShapeView[0]:N0} training and {Test.X.ShapeView[0]:N0} test images of {image[1]}×{image[2]} pixels, {ClassNames.Count} classes");
        sb.AppendLine($"source: {Source}");
        if (Note is not null) sb.AppendLine($"note: {Note}");
        var counts = ClassCounts(Train.Y, ClassNames.Count);
        sb.Append("training images per class: " + string.Join(", ", ClassNames.Select((c, i) => $"{c} {counts[i]:N0}")));
        return sb.ToString();
    }
}
