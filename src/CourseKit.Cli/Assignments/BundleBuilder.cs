using System.Security.Cryptography;
using System.Text;

namespace CourseKit.Cli.Assignments;

/// <summary>
/// Makes the grader's bundle of an assignment: first its skeleton (cells, questions, tests, limits, checksums),
/// from the master alone; then, once the master has run, the values each test reported as the expected ones.
/// </summary>
public static class BundleBuilder
{
    /// <summary>The bundle without expectations. <paramref name="studentText"/> is the student notebook's file text.</summary>
    public static Bundle Skeleton(MasterNotebook master, string studentText)
    {
        var tests = master.Tests.ToList();
        return new Bundle
        {
            Assignment = master.Name,
            Title = master.Title,
            StudentNotebookSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(studentText))),
            Limits = master.Limits,
            DataFiles = master.DataPatterns,
            Cells = master.Cells.Where(c => c.InBundle).Select(c => new BundleCell
            {
                Id = c.Id,
                Role = c.Role,
                Source = c.StudentSource,
                Sha256 = c.Role is CellRole.Locked or CellRole.PublicTest or CellRole.HiddenTest ? BundleCell.ChecksumOf(c.StudentSource) : null,
                Question = c.Question,
                Test = c.Role is CellRole.PublicTest or CellRole.HiddenTest ? c.Test?.Id : null,
            }).ToList(),
            Questions = master.Questions.Select(q => new Question
            {
                Id = q.Id,
                Title = q.Title,
                Points = tests.Where(t => t.Question == q.Id).Sum(t => t.Points),
            }).ToList(),
            Tests = master.Cells.Where(c => c.Test is not null).Select(c => new TestSpec
            {
                Id = c.Test!.Id,
                Question = c.Test.Question,
                Visibility = c.Test.Visibility,
                Points = c.Test.Points,
                Description = c.Test.Description,
                Hint = c.Test.Hint,
                Cell = c.Id,
                Patterns = c.Test.Patterns,
            }).ToList(),
        };
    }

    /// <summary>
    /// The bundle with each test's expectations: one per report its cell made in the master's run, the master's value
    /// expected, except for accuracy judges, whose expected value is the true labels (read by <paramref name="labels"/>).
    /// </summary>
    public static Bundle WithExpectations(Bundle bundle, MasterRun run, LabelFiles labels) => bundle with
    {
        Tests = bundle.Tests.Select(t => t with
        {
            Expectations = run.ReportsOf(t.Id).Select(r => new Expectation
            {
                Name = r.Name,
                Judge = r.Judge.ToJson(),
                Expected = (r.Judge.Kind == "accuracy" ? labels.Read(r.Judge.Labels!) : r.Value).ToJson(),
            }).ToList(),
        }).ToList(),
        LabelFiles = run.Reports.Values.SelectMany(r => r).Where(r => r.Judge.Kind == "accuracy")
            .Select(r => r.Judge.Labels!).Distinct().Order(StringComparer.Ordinal).ToList(),
    };
}
