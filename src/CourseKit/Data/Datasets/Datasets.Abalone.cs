using CourseKit.Data;

namespace CourseKit;

public static partial class Datasets
{
    /// <summary>
    /// Abalone (Nash et al.; UCI, CC BY 4.0): 4,177 sea snails measured in 8 ways — sex (M, F, or I for infant), length,
    /// diameter, height and four weights — and their number of shell rings, the regression target. A snail's age in
    /// years is rings + 1.5 (<see cref="AgeFromRings"/>).
    /// </summary>
    public static class Abalone
    {
        /// <summary>The file's columns, in order (the file has no header).</summary>
        public static IReadOnlyList<string> ColumnNames { get; } =
            ["Sex", "Length", "Diameter", "Height", "Whole weight", "Shucked weight", "Viscera weight", "Shell weight", "Rings"];

        internal static DatasetSpec Spec { get; } = new("abalone", "abalone", "Abalone",
            // Size and SHA-256 of the canonical file (the offline mirror's copy); UCI publishes no checksum.
            [new("abalone.data", Size: 191_873,
                 Sha256: "de37cdcdcaaa50c309d514f248f7c2302a5f1f88c168905eba23fe2fbc78449f")],
            ["https://archive.ics.uci.edu/ml/machine-learning-databases/abalone/"],
            [],
            Examples: 4_177);

        /// <summary>Age in years from the number of rings: rings + 1.5.</summary>
        public static Tensor AgeFromRings(Tensor rings) => rings + 1.5f;

        /// <summary>
        /// Loads the 4,177 snails. X has 10 columns: the categorical Sex one-hot encoded as Sex_F, Sex_I, Sex_M, then the
        /// 7 measurements; Y is the number of rings. The raw table (with Sex as text) is in <see cref="TabularDataset.Table"/>.
        /// </summary>
        /// <param name="folder">A folder that already holds <c>abalone.data</c>.</param>
        public static TabularDataset Load(string? folder = null) => Load(folder, DataLocations.FromEnvironment());

        internal static TabularDataset Load(string? folder, DataLocations locations)
        {
            var (table, source) = DatasetFinder.Load(Spec, folder, locations, Read);
            var sex = new OneHotEncoder();
            var sexColumns = sex.FitTransform(table["Sex"].Values);
            var measurements = ColumnNames.Skip(1).SkipLast(1).ToArray();
            var x = Tensor.Concat([sexColumns, table.ToTensor(measurements)], axis: 1);
            return new TabularDataset("abalone", x, table["Rings"].ToTensor(), [.. sex.FeatureNames("Sex"), .. measurements], source,
                                      targetName: "rings", table: table);
        }

        private static Table Read(string dir)
        {
            string path = Path.Combine(dir, Spec.Files[0].FileName);
            var table = DatasetTable.Read(path, Spec, ColumnNames, ColumnNames.Skip(1));
            int rings = Array.FindIndex(table["Rings"].Numbers, r => r < 1 || r != MathF.Floor(r));
            if (rings >= 0)
                throw new DataFormatException(path,
                    $"line {DatasetTable.Line(table, rings)}: column 'Rings' holds {table["Rings"].Values[rings]}; a ring count is a whole number of at least 1.");
            int unknown = Array.FindIndex(table["Sex"].Values.ToArray(), v => v is not ("M" or "F" or "I"));
            if (unknown >= 0)
                throw new DataFormatException(path,
                    $"line {DatasetTable.Line(table, unknown)}: the Sex column holds '{table["Sex"].Values[unknown]}'; abalone sexes are M, F and I (infant).");
            return table;
        }
    }
}
