using CourseKit.Data;

namespace CourseKit;

public static partial class Datasets
{
    /// <summary>
    /// Banknote authentication (Lohweg; UCI, CC BY 4.0): 1,372 banknotes, each described by four statistics of its
    /// wavelet-transformed image — variance, skewness, curtosis and entropy — and a class: 0 genuine, 1 forged.
    /// The lecture's single neuron uses two of them, skewness and entropy: <c>Datasets.Banknote.Load(Banknote.LectureFeatures)</c>.
    /// </summary>
    public static class Banknote
    {
        /// <summary>The four features, in the file's order.</summary>
        public static IReadOnlyList<string> FeatureNames { get; } = ["variance", "skewness", "curtosis", "entropy"];

        /// <summary>The two features the lecture plots and classifies with: skewness and entropy.</summary>
        public static IReadOnlyList<string> LectureFeatures { get; } = ["skewness", "entropy"];

        /// <summary>Class 0 is a genuine note, class 1 a forged one.</summary>
        public static IReadOnlyList<string> ClassNames { get; } = ["genuine", "forged"];

        internal static DatasetSpec Spec { get; } = new("banknote", "banknote authentication", "Banknote",
            // Size and SHA-256 of the canonical file (the offline mirror's copy); UCI publishes no checksum.
            [new("data_banknote_authentication.txt", Size: 45_030,
                 Sha256: "50573e4d341c0c211668136a8b83b592b8dda436520785c3cc3d536fe407a157")],
            ["https://archive.ics.uci.edu/ml/machine-learning-databases/00267/"],
            [],
            Examples: 1_372);

        /// <summary>Loads the 1,372 notes: X holds the chosen features (all four by default), Y the class (0 or 1).</summary>
        /// <param name="features">Which features, by name (see <see cref="FeatureNames"/>), e.g. <see cref="LectureFeatures"/>.</param>
        /// <param name="folder">A folder that already holds <c>data_banknote_authentication.txt</c>.</param>
        public static TabularDataset Load(IReadOnlyList<string>? features = null, string? folder = null) =>
            Load(features, folder, DataLocations.FromEnvironment());

        internal static TabularDataset Load(IReadOnlyList<string>? features, string? folder, DataLocations locations)
        {
            features ??= FeatureNames;
            foreach (var f in features)
                if (!FeatureNames.Contains(f))
                    throw new ArgumentException($"Banknote has no feature '{f}'. Its features are {string.Join(", ", FeatureNames)}.", nameof(features));
            var (table, source) = DatasetFinder.Load(Spec, folder, locations, Read);
            return new TabularDataset("banknote", table.ToTensor([.. features]), table["class"].ToTensor(), features, source,
                                      ClassNames, "class", table);
        }

        private static Table Read(string dir)
        {
            string path = Path.Combine(dir, Spec.Files[0].FileName);
            var table = DatasetTable.Read(path, Spec, [.. FeatureNames, "class"], [.. FeatureNames, "class"]);
            int bad = Array.FindIndex(table["class"].Numbers, c => c is not (0 or 1));
            if (bad >= 0)
                throw new DataFormatException(path,
                    $"line {DatasetTable.Line(table, bad)} has class {table["class"].Values[bad]}; classes are 0 (genuine) and 1 (forged).");
            return table;
        }
    }
}
