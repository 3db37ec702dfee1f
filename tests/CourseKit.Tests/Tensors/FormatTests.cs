namespace CourseKit.Tests.Tensors;

/// <summary>
/// How tensors print (Tensor.Format.cs): a header line "Tensor (shape) float32 on device", then the numbers as NumPy
/// prints them — one style for all numbers (whole numbers as "1.", or a common number of decimals, or scientific),
/// right-aligned to a common width, and "…" in place of the middle of large tensors. The expected strings are written
/// out by hand from those rules.
/// </summary>
public class FormatTests
{
    private static string Header(string shape, string device) => $"Tensor {shape} float32 on {device}" + Environment.NewLine;

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void WholeNumbersPrintWithATrailingDot(string device)
    {
        var t = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }, Devices.Get(device));
        Assert.Equal(Header("(2, 3)", device) + "[[1., 2., 3.],\n [4., 5., 6.]]", t.ToString());
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ColumnsAreRightAlignedToTheWidestNumber(string device)
    {
        var t = Tensor.FromArray(new float[,] { { -1, 10 }, { 100, 2 } }, Devices.Get(device));
        Assert.Equal("[[ -1.,  10.],\n [100.,   2.]]", t.FormatValues());
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void DecimalsUseTheLargestNumberOfDecimalsNeeded(string device)
    {
        // 1.5 needs 1 decimal, −2.25 two, 0.125 three: every number gets three, padded to the widest ("10.000").
        var t = Tensor.FromArray(new float[,] { { 1.5f, -2.25f }, { 10, 0.125f } }, Devices.Get(device));
        Assert.Equal(Header("(2, 2)", device) + "[[ 1.500, -2.250],\n [10.000,  0.125]]", t.ToString());

        var v = Tensor.FromArray(new float[] { 0.1f, 0.2f, 0.3f }, Devices.Get(device));
        Assert.Equal(Header("(3,)", device) + "[0.1, 0.2, 0.3]", v.ToString());
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void DecimalsStopAtFour(string device)
    {
        var t = Tensor.FromArray(new float[] { 1f / 3, 2 }, Devices.Get(device));
        Assert.Equal("[0.3333, 2.0000]", t.FormatValues());
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void TinyOrHugeMagnitudesUseScientificNotation(string device)
    {
        var d = Devices.Get(device);
        Assert.Equal("[1.0000e-05, 1.0000e+00]", Tensor.FromArray(new float[] { 1e-5f, 1 }, d).FormatValues());
        Assert.Equal("[ 2.5000e+06, -1.5000e+00]", Tensor.FromArray(new float[] { 2.5e6f, -1.5f }, d).FormatValues());
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void StyleIsChosenFromTheShownNumbersAndTheirRange(string device)
    {
        var d = Devices.Get(device);
        // A small value alone is not enough for scientific notation: the range must be wide too (as in NumPy).
        Assert.Equal("[0.0002, 0.0500]", Tensor.FromArray(new float[] { 2e-5f * 10, 0.05f }, d).FormatValues());
        // A tiny value hidden in the middle of a large tensor does not change how its corners print.
        var data = Enumerable.Repeat(0.5f, 2000).ToArray();
        data[1000] = 1e-7f;
        var printed = Tensor.FromData(data, [2000], d).FormatValues();
        Assert.Equal("[0.5, 0.5, 0.5, …, 0.5, 0.5, 0.5]", printed);
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ComputedNaNAndInfinityPrintAsInNumPy(string device)
    {
        var d = Devices.Get(device);
        // 1/0, −1/0, 0/0 and 1.5/1: the style comes from the finite numbers only.
        var y = Tensor.FromArray(new float[] { 1, -1, 0, 1.5f }, d) / Tensor.FromArray(new float[] { 0, 0, 0, 1 }, d);
        Assert.Equal("[ inf, -inf,  nan,  1.5]", y.FormatValues());
        Assert.Equal("[inf, nan]", (Tensor.FromArray(new float[] { 1, 0 }, d) / 0f).FormatValues());
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void Rank3TensorsSeparateBlocksWithABlankLine(string device)
    {
        var t = Tensor.Arange(1, 9, device: Devices.Get(device)).Reshape(2, 2, 2);
        Assert.Equal("[[[1., 2.],\n  [3., 4.]],\n\n [[5., 6.],\n  [7., 8.]]]", t.FormatValues());
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void AScalarPrintsAsOneNumber(string device)
    {
        var d = Devices.Get(device);
        Assert.Equal(Header("()", device) + "3.5", Tensor.Scalar(3.5f, d).ToString());
        Assert.Equal(Header("()", device) + "-2.", Tensor.Scalar(-2, d).ToString());
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void TheHeaderNamesTheTensorAndHowItWasMade(string device)
    {
        var d = Devices.Get(device);
        var w = Tensor.FromArray(new float[] { 1, 2 }, d, requiresGrad: true).Named("W");
        Assert.Equal($"Tensor (2,) float32 on {device} · W · requires grad" + Environment.NewLine + "[1., 2.]", w.ToString());
        var y = w * 2f;
        Assert.Equal($"Tensor (2,) float32 on {device} · from mul" + Environment.NewLine + "[2., 4.]", y.ToString());
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void ALargeMatrixShowsOnlyItsCorners(string device)
    {
        var t = Tensor.Arange(10_000, Devices.Get(device)).Reshape(100, 100);
        const string expected =
            "[[   0.,    1.,    2., …,   97.,   98.,   99.],\n" +
            " [ 100.,  101.,  102., …,  197.,  198.,  199.],\n" +
            " [ 200.,  201.,  202., …,  297.,  298.,  299.],\n" +
            " …,\n" +
            " [9700., 9701., 9702., …, 9797., 9798., 9799.],\n" +
            " [9800., 9801., 9802., …, 9897., 9898., 9899.],\n" +
            " [9900., 9901., 9902., …, 9997., 9998., 9999.]]";
        var text = t.ToString();
        Assert.Equal(Header("(100, 100)", device) + expected, text);
        Assert.StartsWith(Header("(100, 100)", device) + "[[   0.", text); // first value
        Assert.EndsWith("9999.]]", text);                                      // last value
        Assert.DoesNotContain("5050.", text);                                  // a middle value is left out
    }

    [SkippableTheory]
    [MemberData(nameof(Devices.All), MemberType = typeof(Devices))]
    public void OnlyTensorsAboveAThousandElementsAreAbbreviated(string device)
    {
        var d = Devices.Get(device);
        var thousand = Tensor.Arange(1000, d).FormatValues();
        Assert.DoesNotContain("…", thousand);
        Assert.Contains("500.", thousand);
        Assert.Equal("[   0.,    1.,    2., …,  998.,  999., 1000.]", Tensor.Arange(1001, d).FormatValues());
    }
}
