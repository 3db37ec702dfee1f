using CourseKit.Cli.Grading;

namespace CourseKit.Cli.Tests.Grading;

public class StudentCodeScanTests
{
    [Fact]
    public void Honest_code_with_reflection_on_its_own_types_has_no_findings()
    {
        Assert.Empty(StudentCodeScan.Scan("""
            class Layer { public double W; }
            double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
            var field = typeof(Layer).GetField("W");
            AppContext.GetData("x");
            Console.WriteLine("Grading is fun");
            """));
    }

    [Fact]
    public void Each_construct_that_reaches_for_the_grading_machinery_is_named_once()
    {
        var findings = StudentCodeScan.Scan("""
            using System.Reflection;
            using System.Runtime.InteropServices;
            var flags = BindingFlags.NonPublic | BindingFlags.Instance;
            var other = System.Reflection.BindingFlags.NonPublic;
            var f = Console.Out.GetType().GetField("outbox", flags);
            AppContext.SetData("CourseKit.Report", null);
            var t = Type.GetType("CourseKit.Cli.Worker.ReportSink, coursekit");
            [DllImport("libc")] static extern int write(int fd, byte[] b, nint n);
            [LibraryImport("libc")] static partial int getpid();
            unsafe { delegate*<int> p = null; }
            var all = typeof(Console).GetTypeInfo().DeclaredFields;
            [System.Runtime.CompilerServices.UnsafeAccessor(System.Runtime.CompilerServices.UnsafeAccessorKind.Field, Name = "outbox")]
            static extern ref object Outbox(object sink);
            static class Grading { }
            void Judge() { }
            """);

        Assert.Equal(
        [
            new ScanFinding("private reflection (BindingFlags.NonPublic)", true),
            new ScanFinding("reflection on a type it did not declare (GetField)", true),
            new ScanFinding("AppContext.SetData (where CourseKit keeps its display and report hooks)", true),
            new ScanFinding("the grader's own types by name (\"CourseKit.Cli…\")", true),
            new ScanFinding("native code (DllImport)", true),
            new ScanFinding("native code (LibraryImport)", true),
            new ScanFinding("native code (function pointers)", true),
            new ScanFinding("reflection on a type's private members (DeclaredFields)", true),
            new ScanFinding("private access (UnsafeAccessor)", true),
            new ScanFinding("declares its own Grading (a name of CourseKit's check helpers; the tests use CourseKit's own)", false),
            new ScanFinding("declares its own Judge (a name of CourseKit's check helpers; the tests use CourseKit's own)", false),
        ], findings);
    }
}
