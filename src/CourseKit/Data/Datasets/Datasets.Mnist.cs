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
            [
                // The training images are not in the offline mirror: the published MD5, and the size TensorFlow and torchvision report when they fetch it.
                new(IdxImageSet.TrainImages, Size: 9_912_422, Md5: "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
                // The other three: size and SHA-256 of the official files in the mirror's mnist-official/, whose MD5s are the published ones.
                new(IdxImageSet.TrainLabels, Size: 28_881, Md5: "d53e105ee54ea40749a09fcbcd1e9432",
                    Sha256: "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
                new(IdxImageSet.TestImages, Size: 1_648_877, Md5: "9fb629c4189551a2d022fa330f9573f3",
                    Sha256: "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
                new(IdxImageSet.TestLabels, Size: 4_542, Md5: "ec29112dd5afa0611ce80d1b7f02629c",
                    Sha256: "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6")],
            ["https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/"],
            ["/usr/share/datasets/mnist"]);

        /// <summary>Loads MNIST (see <see cref="Datasets"/> for where the files are looked for).</summary>
        /// <param name="folder">A folder that already holds the four original files (<c>train-images-idx3-ubyte.gz</c>, …).</param>
        public static ImageDataset Load(string? folder = null) => Load(folder, DataLocations.FromEnvironment());

        internal static ImageDataset Load(string? folder, DataLocations locations) =>
            IdxImageSet.Load(Spec, ClassNames, (60_000, 10_000), folder, locations);
    }
}
