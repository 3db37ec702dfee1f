using CourseKit.Cli.Grading;

namespace CourseKit.Cli.Tests.Grading;

public class TestCellSourceTests
{
    [Fact]
    public void Grading_and_Judge_become_CourseKit_s_and_nothing_else_changes()
    {
        var code = "// TEST q1.zero public points=2 \"one half\"\nGrading.Check(\"sigmoid(0)\", Sigmoid(0), 0.5, judge: Judge.Close(1e-3));\n" +
                   "var j = Judge.Exact(); CourseKit.Grading.Report(\"x\", x.Grading, j);";

        Assert.Equal("// TEST q1.zero public points=2 \"one half\"\nglobal::CourseKit.Grading.Check(\"sigmoid(0)\", Sigmoid(0), 0.5, judge: global::CourseKit.Judge.Close(1e-3));\n" +
                     "var j = global::CourseKit.Judge.Exact(); CourseKit.Grading.Report(\"x\", x.Grading, j);",
            TestCellSource.Qualified(code));
    }
}
