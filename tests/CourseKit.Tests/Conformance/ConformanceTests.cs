using Xunit.Sdk;

namespace CourseKit.Tests.Conformance;

/// <summary>
/// Every case of every conformance file (Keras 3 reference values), on every device. Loss, optimizer and model cases
/// are skipped until the Keras-like model API exists.
/// </summary>
public class ConformanceTests
{
    /// <summary>(file, case name, device) for every case.</summary>
    public static IEnumerable<object[]> Cases() => ConformanceCases.Rows();

    [SkippableTheory]
    [Trait("Category", "Conformance")]
    [MemberData(nameof(Cases))]
    public void Case(string file, string name, string device) =>
        ConformanceRunner.Run(ConformanceCases.Find(file, name), Tensors.Devices.Get(device));

    [Fact]
    [Trait("Category", "Conformance")]
    public void EveryFileAndCaseIsUnderstood()
    {
        var cases = ConformanceCases.All; // fails with the folder it looked in when there is none
        var problems = new List<string>();
        foreach (var (file, why) in ConformanceCases.UnreadableFiles) problems.Add($"{file}: {why}");
        foreach (var (file, root) in ConformanceCases.Files)
            if (root is not null) problems.AddRange(ConformanceSchema.FileProblems(file, root));
        foreach (var c in cases) problems.AddRange(ConformanceSchema.Problems(c));

        if (problems.Count > 0)
            throw new XunitException($"{problems.Count} problem(s) in {ConformanceCases.Folder}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        Assert.NotEmpty(cases);
        Assert.Equal(cases.Count * ConformanceCases.Devices.Length, ConformanceCases.Rows().Count());
    }
}
