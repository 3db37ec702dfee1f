using CourseKit.Cli.Notebooks;
using CourseKit.Cli.Running;

namespace CourseKit.Cli.Assignments;

/// <summary>
/// <c>coursekit assign --check</c>: regenerates every student notebook in memory from its master (no master run is
/// needed: student notebooks hold no expected values) and compares the bytes with the committed ones, so CI notices a
/// master edited without running <c>assign</c>, or a student notebook edited by hand.
/// </summary>
public static class ExerciseCheck
{
    /// <summary>Logs each notebook that is missing, differs or has no master; returns 1 when there is any, else 0.</summary>
    public static int Run(IReadOnlyList<NotebookInput> masters, string outDir, TextWriter log)
    {
        var findings = new List<string>();
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in masters)
        {
            var student = Path.Combine(outDir, input.RelativeOutput);
            expected.Add(student);
            if (input.Problem is not null) { findings.Add(input.Problem); continue; }
            string text;
            try { text = StudentNotebook.Text(MarkerParser.Read(input.Path), student); }
            catch (Exception e) when (e is NotebookFormatException or AssignmentException)
            {
                findings.Add(e.Message);
                continue;
            }
            if (!File.Exists(student))
                findings.Add($"missing: {student} (run coursekit assign {input.Path} --out {outDir})");
            else if (!File.ReadAllBytes(student).AsSpan().SequenceEqual(System.Text.Encoding.UTF8.GetBytes(text)))
                findings.Add($"differs: {student} is not what {input.Path} makes (run coursekit assign {input.Path} --out {outDir}, " +
                             "and change the master, not the student notebook)");
        }
        if (Directory.Exists(outDir))
            foreach (var extra in NotebookFinder.Find([outDir], null).Where(n => n.Problem is null && !expected.Contains(n.Path)))
                findings.Add($"extra: {extra.Path} has no master among the ones given; remove it, or add its master");

        foreach (var finding in findings) log.WriteLine($"  ✗ {finding}");
        log.WriteLine(findings.Count == 0
            ? $"✓ all {masters.Count} student notebook(s) in {outDir} are what their masters make"
            : $"✗ {findings.Count} problem(s) with the student notebooks in {outDir}");
        return findings.Count == 0 ? 0 : 1;
    }
}
