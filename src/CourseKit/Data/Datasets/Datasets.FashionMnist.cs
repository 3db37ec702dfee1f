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
            // The MD5s and sizes Zalando publishes for its downloads, and the size and SHA-256 of the decompressed content,
            // computed from Debian's dataset-fashion-mnist (recompressed by Debian, so only the content is the same).
            [
                new(IdxImageSet.TrainImages, Size: 26_421_880, Md5: "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
                    UnpackedSize: 47_040_016, UnpackedSha256: "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
                new(IdxImageSet.TrainLabels, Size: 29_515, Md5: "25c81989df183df01b3e8a0aad5dffbe",
                    UnpackedSize: 60_008, UnpackedSha256: "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
                new(IdxImageSet.TestImages, Size: 4_422_102, Md5: "bef4ecab320f06d8554ea6380940ec79",
                    UnpackedSize: 7_840_016, UnpackedSha256: "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
                new(IdxImageSet.TestLabels, Size: 5_148, Md5: "bb300cfdad3c16e7a12a480ee83cd310",
                    UnpackedSize: 10_008, UnpackedSha256: "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34")],
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
