using CourseKit.Cli.Grading;

namespace CourseKit.Cli.Tests.Adversarial;

/// <summary>
/// The adversarial submissions: each gets the points its honest content earns (q1 5, q2 2 and q3 1 when
/// right), the grader goes on, no process is left behind, and what is detected is named in the student's results.
/// All are graded once, together (<see cref="HostileClass"/>), alone: the leftover check counts every process of this
/// test run's sandboxes, so no other test's may be running then.
/// </summary>
[Collection(nameof(ConcurrentRestoreTests))]
public class AdversarialTests(HostileClass graded) : IClassFixture<HostileClass>
{
    /// <summary>The points of q1, q2 and q3, and the total.</summary>
    void AssertPoints(string student, double q1, double q2, double q3)
    {
        var result = graded.Result(student);
        var tests = string.Join("\n", result.Tests.Select(t => $"{t.Id}: {t.Points} {t.Status} {t.Message}"));
        Assert.True(result.Gradable, $"{student}: {result.Reason}\n{graded.Log}");
        Assert.True(q1 == result.Questions.Single(q => q.Id == "q1").Points, $"{student} q1\n{tests}");
        Assert.True(q2 == result.Questions.Single(q => q.Id == "q2").Points, $"{student} q2\n{tests}");
        Assert.True(q3 == result.Questions.Single(q => q.Id == "q3").Points, $"{student} q3\n{tests}");
        Assert.Equal(q1 + q2 + q3, result.Points);
    }

    string Notices(string student) => string.Join("\n", graded.Result(student).Notices);

    TestResult Test(string student, string id) => graded.Result(student).Tests.Single(t => t.Id == id);

    [Fact]
    public void The_class_is_graded_to_the_end_and_no_process_of_its_sandboxes_is_left()
    {
        Assert.True(graded.ExitCode == 0, graded.Log);
        Assert.Contains("20 submissions, 20 graded", graded.Log);
        Assert.True(graded.Leftovers.Count == 0, string.Join("\n", graded.Leftovers));
        Console.WriteLine($"The hostile class took {graded.Elapsed.TotalSeconds:0} s.");
    }

    [Fact]
    public void An_endless_loop_costs_its_own_tests()
    {
        AssertPoints("loop", 5, 0, 1);
        Assert.Equal("timeout", Test("loop", "q2.positive").Status);
        Assert.Contains("The hidden test q2.positive was stopped because it did not finish within 15 s", Notices("loop"));
    }

    [Fact]
    public void A_thread_that_outlives_its_cell_and_prints_PASS_counts_for_nothing()
    {
        AssertPoints("thread", 5, 0, 1);
        Assert.Contains("PASS", graded.Printed("thread"));
    }

    [Fact]
    public void Unbounded_recursion_costs_its_own_tests()
    {
        AssertPoints("recursion", 5, 0, 1);
        Assert.Equal("crashed", Test("recursion", "q2.positive").Status);
        Assert.Contains("The hidden test q2.negative ended the session", Notices("recursion"));
    }

    [Fact]
    public void Exiting_after_printing_PASS_costs_its_own_tests()
    {
        AssertPoints("exit", 5, 0, 1);
        Assert.Contains("The hidden test q2.positive ended the session", Notices("exit"));
    }

    [Fact]
    public void Fake_report_lines_on_the_console_raw_streams_and_file_descriptors_count_for_nothing()
    {
        // P/Invoke is grading machinery's business: the public tests, whose answers are known, count for nothing then.
        AssertPoints("fake-lines", 3, 0, 1);
        Assert.Equal("failed", Test("fake-lines", "q2.positive").Status);
        Assert.Contains("native code (DllImport)", Notices("fake-lines"));
        Assert.Contains("Your answer cell for q2", Notices("fake-lines"));
    }

    [Fact]
    public void The_bundle_other_submissions_and_the_output_folder_are_nowhere_to_be_found()
    {
        AssertPoints("snoop", 5, 0, 1);
        var printed = graded.Printed("snoop");
        Assert.Contains("searched", printed);
        Assert.DoesNotContain("FOUND", printed);
    }

    [Fact]
    public void A_report_forged_through_the_worker_s_display_sink_by_reflection_counts_for_nothing_and_is_named()
    {
        AssertPoints("reflection", 3, 0, 1);
        Assert.Contains("private reflection (BindingFlags.NonPublic)", Notices("reflection"));
        Assert.Contains("the public tests count for nothing", Test("reflection", "q1.zero").Message);
    }

    [Fact]
    public void A_Grading_class_of_the_student_s_own_is_not_what_the_tests_call()
    {
        AssertPoints("shadow", 0, 2, 1);
        Assert.Equal("expected 0.5, got 0", Test("shadow", "q1.zero").Message);
        Assert.Contains("declares its own Grading", Notices("shadow"));
    }

    [Fact]
    public void A_replaced_display_hook_that_rewrites_reports_in_flight_counts_for_nothing_and_is_named()
    {
        AssertPoints("mallory", 3, 0, 1);
        Assert.Contains("AppContext.SetData", Notices("mallory"));
        Assert.Contains("replaced CourseKit's display hook", Notices("mallory"));
    }

    [Fact]
    public void A_replaced_report_hook_that_passes_forged_values_on_counts_for_nothing_and_is_named()
    {
        AssertPoints("report-hook", 3, 0, 1);
        Assert.Contains("replaced CourseKit's report hook", Notices("report-hook"));
        Assert.Contains("a report that did not come from the test cell", Notices("report-hook"));
    }

    [Fact]
    public void Reports_the_student_s_code_sends_while_a_test_runs_count_for_nothing_and_are_named()
    {
        AssertPoints("forwarder", 3, 0, 1);
        Assert.Contains("The hidden test q2.positive received a report that did not come from the test cell", Notices("forwarder"));
    }

    [Fact]
    public void An_edited_public_test_is_restored_from_the_bundle_and_named()
    {
        AssertPoints("locked", 0, 2, 1);
        Assert.Equal("expected 0.5, got 0", Test("locked", "q1.zero").Message);
        Assert.Contains("q1.zero", Notices("locked"));
    }

    [Fact]
    public void An_object_whose_Equals_is_always_true_is_no_number()
    {
        AssertPoints("equals", 0, 0, 1);
        Assert.Contains("Liar", Test("equals", "q1.zero").Message);
        // Its cell also silenced Console.Error: put back and noticed, which costs nothing by itself.
        Assert.Contains("replaced Console.Error; it was put back.", Notices("equals"));
    }

    [Fact]
    public void NaN_and_infinity_are_wrong_answers()
    {
        AssertPoints("nan", 0, 0, 1);
        Assert.Equal("got Infinity: a result that is not a finite number (look for a division by zero or an overflowing exp)", Test("nan", "q1.zero").Message);
        Assert.Equal("got NaN: a result that is not a finite number (look for a division by zero or an overflowing exp)", Test("nan", "q2.positive").Message);
    }

    [Fact]
    public void A_30_GB_allocation_costs_only_its_own_cell()
    {
        AssertPoints("alloc", 5, 2, 1);
        Assert.Contains(graded.Result("alloc").Cells, c => c.Role == "extra" && c.Status is "failed" or "crashed");
    }

    [Fact]
    public void A_fork_bomb_is_bounded_and_costs_nothing_else()
    {
        AssertPoints("forkbomb", 5, 2, 1);
    }

    [Fact]
    public void A_process_that_sleeps_is_ended_with_the_sandbox()
    {
        AssertPoints("sleeper", 5, 2, 1);
    }

    [Fact]
    public void There_is_no_network()
    {
        AssertPoints("network", 5, 2, 1);
        var printed = graded.Printed("network");
        Assert.Contains("no network to 1.1.1.1", printed);
        Assert.DoesNotContain("NETWORK", printed);
    }

    [Fact]
    public void A_100_MB_flood_of_output_is_cut_and_named()
    {
        AssertPoints("flood", 5, 2, 1);
        Assert.Contains("was cut: a cell keeps at most 1048576 bytes", Notices("flood"));
        Assert.True(new FileInfo(Path.Combine(graded.OutDir, "flood", "results.json")).Length < 100_000);
    }

    [Fact]
    public void A_cell_that_never_compiles_costs_its_own_tests()
    {
        AssertPoints("broken", 5, 0, 1);
        Assert.Contains("did not compile", Test("broken", "q2.positive").Message);
    }
}
