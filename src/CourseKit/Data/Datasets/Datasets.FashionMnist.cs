using CourseKit.Data;

namespace CourseKit;

public static partial class Datasets
{
    /// <summary>
    /// Fashion-MNIST: 28×28 grey images of clothes in 10 classes, 60,000 for training and 10,000 for testing (Zalando
    /// Research; MIT licence) — a drop-in for MNIST that is harder to classify. Like
    /// <c>keras.datasets.fashion_mnist.load_data()</c>; <see cref="ClassNames"/> names the labels.
    /// </summary>
    public static class FashionMnist
    {
        /// <summary>Label 0 is "T-shirt/top", …, label 9 is "Ankle boot".</summary>
        public static IReadOnlyList<string> ClassNames { get; } =
            ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

        internal static DatasetSpec Spec { get; } = new("fashion-mnist", "Fashion-MNIST", "FashionMnist",
            IdxImageSet.Files("8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
                              "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310"),
            ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"],
            ["/usr/share/datasets/fashion-mnist"]);

        /// <summary>Loads Fashion-MNIST (see <see cref="Datasets"/> for where the files are looked for; Debian's package
        /// <c>dataset-fashion-mnist</c> installs them in <c>/usr/share/datasets/fashion-mnist</c>).</summary>
        /// <param name="folder">A folder that already holds the four original files.</param>
        public static ImageDataset Load(string? folder = null) => Load(folder, DataLocations.FromEnvironment());

        internal static ImageDataset Load(string? folder, DataLocations locations) =>
            IdxImageSet.Load(Spec, ClassNames, (60_000, 10_000), folder, locations);
    }
}
