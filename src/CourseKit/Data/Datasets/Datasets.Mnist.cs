using CourseKit.Data;

namespace CourseKit;

public static partial class Datasets
{
    /// <summary>
    /// MNIST: 28×28 grey images of handwritten digits, 60,000 for training and 10,000 for testing (LeCun, Cortes and
    /// Burges; CC BY-SA 3.0). Like <c>keras.datasets.mnist.load_data()</c>:
    /// <c>var ((xTrain, yTrain), (xTest, yTest)) = Datasets.Mnist.Load();</c> gives images of shape (n, 28, 28) with values
    /// 0–255 and labels 0–9.
    /// </summary>
    public static class Mnist
    {
        /// <summary>The digits "0" … "9".</summary>
        public static IReadOnlyList<string> ClassNames { get; } = Enumerable.Range(0, 10).Select(d => d.ToString()).ToArray();

        internal static DatasetSpec Spec { get; } = new("mnist", "MNIST", "Mnist",
            IdxImageSet.Files("f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
                              "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c"),
            ["https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/"],
            ["/usr/share/datasets/mnist"]);

        /// <summary>Loads MNIST (see <see cref="Datasets"/> for where the files are looked for).</summary>
        /// <param name="folder">A folder that already holds the four original files (<c>train-images-idx3-ubyte.gz</c>, …).</param>
        public static ImageDataset Load(string? folder = null) => Load(folder, DataLocations.FromEnvironment());

        internal static ImageDataset Load(string? folder, DataLocations locations) =>
            IdxImageSet.Load(Spec, ClassNames, (60_000, 10_000), folder, locations);
    }
}
