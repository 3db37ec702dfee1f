using CourseKit.Interactive;
using CourseKit.Tests.Interactive;

namespace CourseKit.Tests.Grading;

/// <summary>What a test cell calls: Check in the notebook, Report to the grader, and the plain data values become.</summary>
public class GradingTests
{
    [Fact]
    public void PlainTurnsTensorsArraysAndListsIntoNumbersWithTheirShape()
    {
        Assert.Equal(ReportedValue.Array([2, 2], [1, 2, 3, 4]), CourseKit.Grading.Plain(Tensor.FromArray(new float[] { 1, 2, 3, 4 }).Reshape(2, 2)));
        Assert.Equal(ReportedValue.Array([2, 3], [1, 2, 3, 4, 5, 6]), CourseKit.Grading.Plain(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }));
        Assert.Equal(ReportedValue.Array([2, 2], [1, 2, 3, 4]), CourseKit.Grading.Plain(new List<int[]> { new[] { 1, 2 }, new[] { 3, 4 } }));
        Assert.Equal(ReportedValue.Number(3), CourseKit.Grading.Plain(3L));
        Assert.Equal(new ReportedValue { Kind = "bool", Numbers = [1] }, CourseKit.Grading.Plain(true));
        Assert.Equal("list whose items are not all numbers or rows of one shape", CourseKit.Grading.Plain(new[] { new[] { 1.0 }, new[] { 1.0, 2.0 } }).Text);
    }

    sealed class AlwaysEqual : IEnumerable<double>
    {
        public override bool Equals(object? obj) => true;
        public override int GetHashCode() => 0;
        public IEnumerator<double> GetEnumerator() { yield return 0.5; }
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public void AnObjectThatEqualsEverythingIsNotAcceptedAsAValue()
    {
        var plain = CourseKit.Grading.Plain(new AlwaysEqual());
        Assert.Equal("unsupported", plain.Kind);
        var failure = Assert.Throws<CheckFailedException>(() => CourseKit.Grading.Check("q1.a", new AlwaysEqual(), 0.5));
        Assert.StartsWith("✗ q1.a: the test got a AlwaysEqual", failure.Message);
    }

    [Fact]
    public void CheckPrintsATickOrThrowsWithTheHint()
    {
        var console = Console.Out;
        var output = new StringWriter();
        Console.SetOut(output);
        try { CourseKit.Grading.Check("q1.sigmoid", 1 / (1 + Math.Exp(-0.5)), 0.6224593); }
        finally { Console.SetOut(console); }
        Assert.Equal("✓ q1.sigmoid\n", output.ToString().Replace("\r\n", "\n"));

        var failure = Assert.Throws<CheckFailedException>(() => CourseKit.Grading.Check("q1.sigmoid", 0.5, 0.6224593, hint: "σ(z) = 1 / (1 + e^(−z))"));
        Assert.Equal("✗ q1.sigmoid: expected 0.622459, got 0.5\nHint: σ(z) = 1 / (1 + e^(−z))", failure.Message);
        Assert.Equal("q1.sigmoid", failure.Test);
    }

    [Fact]
    public void ReportSendsPlainDataOnlyWhenGraded()
    {
        var host = new FakeHost();
        var before = Environment.GetEnvironmentVariable(CourseKit.Grading.GradingVariable);
        try
        {
            using (NotebookHost.Use(host.Display))
            {
                Environment.SetEnvironmentVariable(CourseKit.Grading.GradingVariable, null);
                CourseKit.Grading.Report("q2.hidden", 1.25);
                Assert.Empty(host.Displayed);

                Environment.SetEnvironmentVariable(CourseKit.Grading.GradingVariable, "1");
                CourseKit.Grading.Report("q2.hidden", new[] { 1.25, 2 }, Judge.Between(0, 3));
            }
        }
        finally { Environment.SetEnvironmentVariable(CourseKit.Grading.GradingVariable, before); }
        var report = Assert.IsType<GradingReport>(Assert.Single(host.Displayed));
        Assert.Equal("""{"name":"q2.hidden","value":{"kind":"array","shape":[2],"numbers":[1.25,2]},"judge":{"kind":"between","rtol":0,"atol":0,"low":0,"high":3,"labels":null}}""", report.ToString());
        var formatter = CourseKitFormatterSource.Find(typeof(GradingReport), CourseKit.Grading.ReportMimeType)!;
        var written = new StringWriter();
        Assert.True(formatter.Format(report, written));
        Assert.Equal(report.ToString(), written.ToString());
    }

    [Fact]
    public void A_grader_s_report_hook_takes_the_report_as_JSON_instead_of_an_output()
    {
        var host = new FakeHost();
        var received = new List<string>();
        var before = Environment.GetEnvironmentVariable(CourseKit.Grading.GradingVariable);
        try
        {
            AppContext.SetData(CourseKit.Grading.ReportHook, (Action<string>)received.Add);
            Environment.SetEnvironmentVariable(CourseKit.Grading.GradingVariable, "1");
            using (NotebookHost.Use(host.Display))
            {
                CourseKit.Grading.Report("q2.hidden", 2.5, Judge.Exact());
                CourseKit.Grading.Check("q1.zero", 0.5, 0.5);
            }
        }
        finally
        {
            AppContext.SetData(CourseKit.Grading.ReportHook, null);
            Environment.SetEnvironmentVariable(CourseKit.Grading.GradingVariable, before);
        }
        Assert.Empty(host.Displayed);
        Assert.Equal(2, received.Count);
        var hidden = System.Text.Json.Nodes.JsonNode.Parse(received[0])!;
        Assert.Equal("q2.hidden", hidden["name"]!.GetValue<string>());
        Assert.Equal(ReportedValue.Number(2.5), ReportedValue.FromJson(hidden["value"]));
        Assert.Equal("exact", hidden["judge"]!["kind"]!.GetValue<string>());
        var check = System.Text.Json.Nodes.JsonNode.Parse(received[1])!;
        Assert.Equal("q1.zero", check["name"]!.GetValue<string>());
        Assert.Equal(ReportedValue.Number(0.5), ReportedValue.FromJson(check["value"]));
    }
}
