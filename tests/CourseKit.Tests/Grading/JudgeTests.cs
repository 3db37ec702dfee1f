namespace CourseKit.Tests.Grading;

/// <summary>How reported values are judged: the same code gives a public check's message in the notebook and the
/// grader's verdict outside it.</summary>
public class JudgeTests
{
    static ReportedValue Numbers(params double[] x) => ReportedValue.Array([x.Length], x);

    [Fact]
    public void CloseAcceptsValuesWithinTheToleranceAndNamesTheFirstWrongNumber()
    {
        var expected = Numbers(0.5, 0.731059, 0.880797);
        Assert.True(Judge.Close().Apply(Numbers(0.5, 0.7310595, 0.8807968), expected).Passed);

        var verdict = Judge.Close().Apply(Numbers(0.5, 0.7, 0.880797), expected);
        Assert.False(verdict.Passed);
        Assert.Equal("expected 0.731059, got 0.7 (1 of 3 numbers differ; the first at [1])", verdict.Message);
    }

    [Fact]
    public void AHiddenVerdictSaysHowFarOffWithoutTheExpectedNumbers()
    {
        var verdict = Judge.Close().Apply(ReportedValue.Number(0.75), ReportedValue.Number(0.731059), reveal: false);
        Assert.False(verdict.Passed);
        Assert.Equal("your result is not the expected one (within a relative tolerance of 1e-5); it is off by 2.59 %", verdict.Message);
        Assert.DoesNotContain("0.731", verdict.Message);

        var many = Judge.Close().Apply(Numbers(1, 2, 4), Numbers(1, 2, 3), reveal: false);
        Assert.Equal("1 of 3 numbers differ from the expected ones; the largest relative error is 33.33 %", many.Message);
    }

    [Fact]
    public void ShapesMustAgree()
    {
        var row = ReportedValue.Array([1, 4], [1, 2, 3, 4]);
        var square = ReportedValue.Array([2, 2], [1, 2, 3, 4]);
        Assert.Equal("expected an array of shape (2, 2), got an array of shape (1, 4)", Judge.Close().Apply(row, square).Message);
        Assert.Equal("got an array of shape (1, 4), which is not the shape this test needs", Judge.Close().Apply(row, square, reveal: false).Message);
    }

    [Fact]
    public void NaNAndInfinityFailWithAnExplanationEvenWhenExpectedIsNaN()
    {
        var verdict = Judge.Close().Apply(ReportedValue.Array([2, 2], [1, 2, double.PositiveInfinity, 4]), ReportedValue.Array([2, 2], [1, 2, 3, 4]));
        Assert.Equal("got Infinity at [1, 0]: a result that is not a finite number (look for a division by zero or an overflowing exp)", verdict.Message);
        Assert.False(Judge.Close().Apply(ReportedValue.Number(double.NaN), ReportedValue.Number(double.NaN)).Passed);
    }

    [Fact]
    public void BetweenAndExactAndStrings()
    {
        Assert.True(Judge.Between(0.8, 1).Apply(ReportedValue.Number(0.86), ReportedValue.Number(0.9)).Passed);
        Assert.Equal("got 0.62; it should be between 0.8 and 1", Judge.Between(0.8, 1).Apply(ReportedValue.Number(0.62), ReportedValue.Number(0.9)).Message);
        Assert.False(Judge.Exact().Apply(ReportedValue.Number(0.1 + 0.2), ReportedValue.Number(0.3)).Passed);
        var text = new ReportedValue { Kind = "string", Text = "relu" };
        Assert.Equal("expected \"relu\", got \"sigmoid\"", Judge.Close().Apply(new ReportedValue { Kind = "string", Text = "sigmoid" }, text).Message);
        Assert.Equal("got \"sigmoid\", which is not the expected answer", Judge.Close().Apply(new ReportedValue { Kind = "string", Text = "sigmoid" }, text, reveal: false).Message);
    }

    [Fact]
    public void AccuracyCountsAgreeingLabels()
    {
        var labels = Numbers(1, 2, 3, 4, 5, 6, 7, 8, 9, 0);
        var verdict = Judge.Accuracy(0.8, "mnist/t10k-labels-idx1-ubyte.gz").Apply(Numbers(1, 2, 3, 4, 5, 6, 7, 8, 0, 0), labels);
        Assert.Equal(new Verdict(true, "accuracy 0.900 (9 of 10)"), verdict);
        var low = Judge.Accuracy(0.95, "x").Apply(Numbers(1, 2, 3, 4, 5, 6, 7, 8, 0, 0), labels);
        Assert.Equal(new Verdict(false, "accuracy 0.900 (9 of 10); it needs at least 0.95"), low);
        Assert.StartsWith("expected one predicted class per example (10 numbers), got an array of shape (10, 2)",
            Judge.Accuracy(0.8, "x").Apply(ReportedValue.Array([10, 2], new double[20]), labels).Message);
    }

    [Fact]
    public void UnsupportedValuesNeverPass()
    {
        var verdict = Judge.Close().Apply(new ReportedValue { Kind = "unsupported", Text = "AlwaysEqual" }, ReportedValue.Number(1));
        Assert.Equal("the test got a AlwaysEqual (only numbers, bools, strings, arrays and tensors can be checked); it needs a number", verdict.Message);
    }

    [Fact]
    public void JudgesAndValuesRoundTripThroughJson()
    {
        foreach (var judge in new[] { Judge.Close(1e-3, 0), Judge.Exact(), Judge.Between(-1, 2.5), Judge.Accuracy(0.9, "mnist/t10k-labels-idx1-ubyte.gz") })
            Assert.Equal(judge, Judge.FromJson(System.Text.Json.Nodes.JsonNode.Parse(judge.ToJson().ToJsonString())));
        var value = ReportedValue.Array([2, 2], [1.5, double.NaN, double.NegativeInfinity, 1e-300]);
        Assert.Equal(value, ReportedValue.FromJson(System.Text.Json.Nodes.JsonNode.Parse(value.ToJson().ToJsonString())));
        Assert.Throws<FormatException>(() => ReportedValue.FromJson(System.Text.Json.Nodes.JsonNode.Parse("""{"kind":"array","shape":[3],"numbers":[1,2]}""")));
        Assert.Throws<ArgumentException>(() => Judge.Between(2, 1));
        Assert.Throws<ArgumentException>(() => Judge.Accuracy(1.5, "x"));
    }
}
