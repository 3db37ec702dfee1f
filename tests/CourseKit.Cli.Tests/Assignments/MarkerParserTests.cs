using CourseKit.Cli.Assignments;
using CourseKit.Cli.Notebooks;
using static CourseKit.Cli.Tests.Assignments.Masters;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests.Assignments;

public class MarkerParserTests
{
    static MasterNotebook Neuron(out string folder)
    {
        folder = NewFolder();
        return MarkerParser.Read(Write(folder, "a00-neuron.ipynb", Masters.Neuron));
    }

    [Fact]
    public void Every_cell_gets_its_role_question_and_test()
    {
        var master = Neuron(out _);

        Assert.Equal("a00-neuron", master.Name);
        Assert.Equal("A00: the neuron", master.Title);
        Assert.Equal(
            [
                (CellRole.Markdown, false, null, null), (CellRole.Markdown, true, null, null), (CellRole.Locked, false, null, null),
                (CellRole.Markdown, false, "q1", null), (CellRole.Answer, false, "q1", null), (CellRole.PublicTest, false, "q1", "q1.zero"),
                (CellRole.HiddenTest, false, "q1", "q1.many"), (CellRole.Markdown, false, "q2", null), (CellRole.Prose, false, "q2", "q2.why"),
                (CellRole.Answer, false, "q2", null), (CellRole.Code, false, "q2", null),
            ],
            master.Cells.Select(c => (c.Role, c.Dropped, c.Question, c.Test?.Id)).ToList());
        Assert.Equal([("q1", "1. The sigmoid"), ("q2", "2. Saturation")], master.Questions);
        Assert.Equal(["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10"], master.Cells.Select(c => c.Id));
    }

    [Fact]
    public void Tests_and_prose_answers_keep_their_points_descriptions_hints_and_patterns()
    {
        var master = Neuron(out _);

        Assert.Equal(
            [
                new TestMarker("q1.zero", "q1", "public", 1, "the sigmoid of 0 is one half", "1 / (1 + e^0)"),
                new TestMarker("q1.many", "q1", "hidden", 2, "the sigmoid at a few points", null),
                new TestMarker("q2.why", "q2", "prose", 1, "why a saturated sigmoid learns slowly", "think of the slope") { Patterns = ["saturat", "gradient"] },
            ],
            master.Tests);
    }

    [Fact]
    public void Settings_set_the_limits_and_data_and_are_left_out_of_the_students_cell()
    {
        var master = Neuron(out _);

        Assert.Equal(new AssignmentLimits { CellTimeoutSeconds = 60, MemoryMegabytes = 1024 }, master.Limits);
        Assert.Equal(["banknote/*"], master.DataPatterns);
        Assert.Equal("# A00: the neuron\n\nA warm-up.", master.Cells[0].StudentSource);
    }

    [Fact]
    public void A_cell_that_holds_only_the_settings_is_dropped()
    {
        var folder = NewFolder();
        var master = MarkerParser.Read(Write(folder, "a.ipynb", WithQuestion("md:<!-- ASSIGNMENT submission-timeout=300 -->\n")));

        Assert.True(master.Cells[3].Dropped);
        Assert.Equal(300, master.Limits.SubmissionTimeoutSeconds);
    }

    [Fact]
    public void Solution_regions_become_the_default_stub_or_the_one_given_at_the_begin_lines_indentation()
    {
        var master = Neuron(out _);

        Assert.Equal("double Sigmoid(double z)\n{\n    throw new NotImplementedException(\"your code here\");\n}", master.Cells[4].StudentSource);
        Assert.Equal("var z = 2.0;\ndouble s = double.NaN; // your code here\ns", master.Cells[9].StudentSource);
        Assert.Equal(Masters.Neuron[4], master.Cells[4].Source);
    }

    [Fact]
    public void A_prose_answer_keeps_its_marker_without_patterns_or_hint_and_loses_its_model_answer()
    {
        var master = Neuron(out _);

        Assert.Equal("<!-- ANSWER q2.why points=1 \"why a saturated sigmoid learns slowly\" -->\n\n_Write your answer here._", master.Cells[8].StudentSource);
    }

    [Fact]
    public void Quoted_texts_round_trip_through_the_students_marker()
    {
        var cells = WithQuestion("md:<!-- ANSWER q1.say points=0.5 \"quote \\\"this\\\" and a \\\\ backslash\" -->\nanything");

        var folder = NewFolder();
        var master = MarkerParser.Read(Write(folder, "a.ipynb", cells));
        var prose = master.Cells[3];
        Assert.Equal("quote \"this\" and a \\ backslash", prose.Test!.Description);
        Assert.Equal(0.5, prose.Test.Points);

        // The student's marker, read again, gives the same test (without patterns: those are the instructor's).
        var again = MarkerParser.Read(Write(folder, "b.ipynb", [.. cells[..3], "md:" + prose.StudentSource]));
        Assert.Equal(prose.Test, again.Cells[3].Test);
    }

    [Fact]
    public void Backslashes_in_patterns_stay_as_written_except_before_a_quote_or_a_backslash()
    {
        var folder = NewFolder();
        var master = MarkerParser.Read(Write(folder, "a.ipynb",
            WithQuestion("md:<!-- ANSWER q1.p \"x\" patterns=\"\\bover\\w* ;; \\d+ ;; say \\\"so\\\" \" -->\nIt overfits 2 times, I say \"so\".")));

        Assert.Equal(["\\bover\\w*", "\\d+", "say \"so\""], master.Cells[3].Test!.Patterns);
    }

    [Fact]
    public void The_student_notebook_read_as_a_master_keeps_every_cells_id_and_role()
    {
        var master = Neuron(out var folder);
        var path = Path.Combine(folder, "student", "a00-neuron.ipynb");
        NotebookWriter.WriteAtomically(path, StudentNotebook.Text(master, path));

        var again = MarkerParser.Read(path);

        var kept = master.Cells.Where(c => c.InStudentVersion).ToList();
        Assert.Equal(kept.Select(c => c.Id), again.Cells.Select(c => c.Id));
        Assert.Equal(kept.Select(c => c.Role == CellRole.Answer ? CellRole.Code : c.Role), again.Cells.Select(c => c.Role));
        Assert.Equal(kept.Select(c => c.StudentSource), again.Cells.Select(c => c.Source));
    }

    [Fact]
    public void A_master_without_cell_ids_gets_ids_derived_from_position_role_and_question_the_same_every_time()
    {
        var path = WriteWithoutIds(NewFolder(), "old.ipynb", Masters.Neuron);

        var first = MarkerParser.Read(path).Cells.Select(c => c.Id).ToList();
        var second = MarkerParser.Read(path).Cells.Select(c => c.Id).ToList();

        Assert.Equal(first, second);
        Assert.Equal(CellIds.Derived(5, CellRole.Answer, "q1"), first[4]);
        Assert.Equal(11, first.Distinct().Count());
        Assert.All(first, id => Assert.Matches("^ck-[0-9a-f]{10}$", id));
    }

    [Fact]
    public void A_dib_master_gets_derived_ids()
    {
        var path = Path.Combine(NewFolder(), "a05.dib");
        File.WriteAllText(path, "#!markdown\n\n# Five\n\n#!markdown\n\n<!-- QUESTION q1 -->\n## One\n\n#!csharp\n\n// TEST q1.a public \"x\"\nCheck();\n");

        var master = MarkerParser.Read(path);

        Assert.Equal([CellIds.Derived(1, CellRole.Markdown, null), CellIds.Derived(2, CellRole.Markdown, "q1"), CellIds.Derived(3, CellRole.PublicTest, "q1")],
            master.Cells.Select(c => c.Id));
    }

    [Fact]
    public void A_public_test_may_call_a_helper_instead_of_Grading_Check()
    {
        Assert.Empty(Problems(WithQuestion("// TEST q1.helper public \"checked by a helper\"\nCheckSigmoid();")));
    }

    // ---- every problem, with the cell it is in and the fix ----

    [Fact]
    public void An_unknown_marker_word_close_to_a_known_one_is_named_with_the_likely_one()
    {
        Assert.Equal(["cell 4: unknown marker word «QUESTON»; did you mean QUESTION? (if it is an ordinary comment, write it in lower case)"],
            Problems(WithQuestion("md:<!-- QUESTON q2 -->\n## Two")));
        Assert.Equal(["cell 4: unknown marker word «TSET»; did you mean TEST? (if it is an ordinary comment, write it in lower case)"],
            Problems(WithQuestion("// TSET q1.a public \"x\"\nCheck();")));
        Assert.Equal(["cell 4: line 1: unknown marker «// BEGIN SOLUTON»; did you mean // BEGIN SOLUTION?"],
            Problems(WithQuestion("// BEGIN SOLUTON\nvar x = 1;")));
    }

    [Fact]
    public void Ordinary_comments_are_not_markers()
    {
        Assert.Empty(Problems(WithQuestion("md:<!-- TODO: a picture -->\nText", "// TODO tidy\n// Test it with small numbers\n// END OF LOOP\nvar x = 1;")));
    }

    [Fact]
    public void A_markdown_marker_in_lower_case_is_refused()
    {
        Assert.Equal(["cell 4: the marker «question» must be written in capitals: QUESTION"],
            Problems(WithQuestion("md:<!-- question q2 -->\n## Two")));
    }

    [Fact]
    public void A_duplicate_test_id_names_both_cells()
    {
        Assert.Equal(["cell 4: test id q1.ok is used twice (cells 3 and 4); give each test its own name"],
            Problems(WithQuestion("// TEST q1.ok hidden \"again\"\nGrading.Report(\"x\", 1);")));
    }

    [Fact]
    public void A_test_of_a_question_never_declared_or_declared_later_is_refused()
    {
        Assert.Equal(["cell 4: test q9.a belongs to question q9, which is never declared; add <!-- QUESTION q9 --> to a markdown cell above it, or fix the id"],
            Problems(WithQuestion("// TEST q9.a public \"x\"\nCheck();")));
        Assert.Equal(["cell 4: test q2.a comes before its question q2 (declared in cell 5); move the QUESTION marker above the test"],
            Problems(WithQuestion("// TEST q2.a public \"x\"\nCheck();", "md:<!-- QUESTION q2 -->\n## Two")));
    }

    [Fact]
    public void Solution_regions_that_are_not_closed_or_not_opened_or_nested_are_refused()
    {
        Assert.Equal(["cell 4: line 2: BEGIN SOLUTION is never closed; add a line // END SOLUTION where the solution ends"],
            Problems(WithQuestion("int F()\n  // BEGIN SOLUTION\n  => 1;")));
        Assert.Equal(["cell 4: line 2: END SOLUTION without a BEGIN SOLUTION above it; add // BEGIN SOLUTION where the solution starts, or remove this line"],
            Problems(WithQuestion("var x = 1;\n// END SOLUTION")));
        Assert.Equal(["cell 4: line 2: BEGIN SOLUTION inside the region opened on line 1; close that one first with // END SOLUTION"],
            Problems(WithQuestion("// BEGIN SOLUTION\n// BEGIN SOLUTION\nvar x = 1;\n// END SOLUTION")));
        Assert.Equal(["cell 4: line 1: «// BEGIN SOLUTION here» has text after BEGIN SOLUTION; write nothing there, or \"stub: CODE\" to give the line the student gets instead of the default throw"],
            Problems(WithQuestion("// BEGIN SOLUTION here\nvar x = 1;\n// END SOLUTION")));
    }

    [Fact]
    public void A_code_marker_in_a_markdown_cell_is_refused()
    {
        Assert.Equal(["cell 4: «// TEST» is a code marker, but this is a markdown cell; change the cell's type to code (C#)"],
            Problems(WithQuestion("md:// TEST q1.b public \"x\"\nCheck();")));
        Assert.Equal(["cell 4: «<!-- LOCKED» is a code marker, but this is a markdown cell; write // LOCKED as the first line of a code cell"],
            Problems(WithQuestion("md:<!-- LOCKED -->\ntext")));
        // Inside a fenced block a marker is only an example.
        Assert.Empty(Problems(WithQuestion("md:Write:\n```csharp\n// TEST q1.x public \"…\"\n```")));
    }

    [Fact]
    public void A_markdown_marker_in_a_code_cell_is_refused()
    {
        Assert.Equal(["cell 4: line 1: QUESTION is a markdown marker; write <!-- QUESTION … --> in a markdown cell"],
            Problems(WithQuestion("// QUESTION q2\nvar x = 1;")));
    }

    [Fact]
    public void Test_and_locked_and_hint_lines_must_be_where_they_belong()
    {
        Assert.Equal(["cell 4: line 2: // TEST must be the first line of its cell; make this a cell of its own"],
            Problems(WithQuestion("var x = 1;\n// TEST q1.b public \"x\"")));
        Assert.Equal(["cell 4: line 2: // LOCKED must be the first line of its cell"],
            Problems(WithQuestion("var x = 1;\n// LOCKED")));
        Assert.Equal(["cell 4: line 3: // HINT belongs right below a // TEST line (or another // HINT)"],
            Problems(WithQuestion("// TEST q1.b public \"x\"\nCheck();\n// HINT late")));
        Assert.Equal(["cell 4: a TEST cell cannot hold a solution region; put the solution in a cell of its own"],
            Problems(WithQuestion("// TEST q1.b public \"x\"\n// BEGIN SOLUTION\nCheck();\n// END SOLUTION")));
    }

    [Fact]
    public void Hints_below_a_test_are_joined()
    {
        var folder = NewFolder();
        var master = MarkerParser.Read(Write(folder, "a.ipynb", WithQuestion("// TEST q1.b public \"x\"\n// HINT look at\n// HINT the sign\nCheck();")));
        Assert.Equal("look at the sign", master.Cells[3].Test!.Hint);
    }

    [Fact]
    public void A_hidden_test_that_never_calls_Grading_Report_is_refused()
    {
        Assert.Equal(["cell 4: hidden test q1.h never calls Grading.Report, so the grader would get nothing from it; send each value to judge with Grading.Report(\"name\", value)"],
            Problems(WithQuestion("// TEST q1.h hidden \"x\"\nGrading.Check(\"a\", 1, 1);")));
    }

    [Fact]
    public void A_test_marker_needs_an_id_of_question_and_name_a_visibility_and_a_description()
    {
        Assert.Equal(
            [
                "cell 4: TEST needs a description in quotes, e.g. \"computes the sigmoid of a few numbers\"; students see it in their feedback",
                "cell 4: TEST id «q1» must be question.name, e.g. q1.sigmoid (letters, digits, - and _, each part starting with a letter)",
                "cell 4: TEST needs public or hidden after the id, e.g. // TEST q1.sigmoid public points=2 \"…\"; «secret» is neither",
                "cell 4: TEST has points=-1; it needs a number of at least 0",
            ],
            Problems(WithQuestion("// TEST q1 secret points=-1\nCheck();")));
        Assert.Equal(["cell 4: TEST has an unknown setting weight=; it takes points="],
            Problems(WithQuestion("// TEST q1.b public weight=2 \"x\"\nCheck();")));
        Assert.Equal(["cell 4: TEST cannot read «\"open»: a quote is not closed (write a quote inside a text as \\\")"],
            Problems(WithQuestion("// TEST q1.b public \"open\nCheck();")));
    }

    [Fact]
    public void A_prose_answer_must_start_its_cell_and_its_model_answer_must_match_its_patterns()
    {
        Assert.Equal(["cell 4: <!-- ANSWER … --> must start its cell (the rest of the cell is the model answer)"],
            Problems(WithQuestion("md:Intro\n<!-- ANSWER q1.p \"x\" -->\nanswer")));
        Assert.Equal(["cell 4: the model answer of q1.p does not match its pattern «overfit»; change the pattern or the model answer below the marker"],
            Problems(WithQuestion("md:<!-- ANSWER q1.p \"x\" patterns=\"valid ;; overfit\" -->\nUse a validation set.")));
        Assert.Equal(["cell 4: the patterns of q1.p all match an empty answer, so a cell left unanswered would score; make them specific to a right answer"],
            Problems(WithQuestion("md:<!-- ANSWER q1.p \"x\" patterns=\"(overfit)? ;; x*\" -->\nIt overfits.")));
        Assert.Empty(Problems(WithQuestion("md:<!-- ANSWER q1.p \"why it overfits\" patterns=\"overfit ;; .*\" -->\nIt overfits.")));
        Assert.StartsWith("cell 4: ANSWER q1.p has a pattern «(unclosed» that is not a regular expression (",
            Assert.Single(Problems(WithQuestion("md:<!-- ANSWER q1.p \"x\" patterns=\"(unclosed\" -->\nanything"))));
    }

    [Fact]
    public void Questions_need_a_title_one_id_and_at_least_one_test()
    {
        Assert.Equal(["cell 4: question q2 has no title; put a heading such as \"## 1. The neuron\" in the cell of its QUESTION marker"],
            Problems(WithQuestion("md:<!-- QUESTION q2 -->\nNo heading here.")));
        Assert.Equal(["cell 4: question q1 is declared twice (cells 2 and 4); give each question its own id"],
            Problems(WithQuestion("md:<!-- QUESTION q1 -->\n## Again")));
        Assert.Equal(["cell 4: question q2 has no test and no graded answer, so it could score nothing; add a // TEST q2.name cell or an <!-- ANSWER q2.name … --> cell"],
            Problems(WithQuestion("md:<!-- QUESTION q2 -->\n## Two")));
    }

    [Fact]
    public void The_title_is_the_first_level_one_heading_outside_instructor_notes()
    {
        var folder = NewFolder();
        var master = MarkerParser.Read(Write(folder, "a.ipynb",
            ["md:<!-- INSTRUCTOR -->\n# Notes for the instructor", "md:Intro\n```\n# not a heading\n```\n# The real title", .. WithQuestion()[1..]]));
        Assert.Equal("The real title", master.Title);
    }

    [Fact]
    public void A_notebook_without_a_title_is_refused()
    {
        Assert.Equal(["the notebook has no title; start its first markdown cell with a heading such as \"# Assignment 1: the neuron\""],
            Problems("md:<!-- QUESTION q1 -->\n## One", "// TEST q1.a public \"x\"\nCheck();"));
    }

    [Fact]
    public void Assignment_settings_are_checked()
    {
        Assert.Equal(
            [
                "cell 4: ASSIGNMENT has an unknown setting timeout=; it takes cell-timeout=, submission-timeout=, memory=, data=",
                "cell 4: ASSIGNMENT has memory=lots; it needs a number of at least 64",
            ],
            Problems(WithQuestion("md:<!-- ASSIGNMENT timeout=5 memory=lots -->")));
        Assert.Equal(["cell 5: the assignment's settings are given twice (cells 4 and 5); keep one <!-- ASSIGNMENT … --> marker"],
            Problems(WithQuestion("md:<!-- ASSIGNMENT memory=512 -->", "md:<!-- ASSIGNMENT memory=1024 -->")));
        Assert.Equal(["cell 4: ASSIGNMENT data=\"…\" holds «../secret/*»; give paths under the course data folder, without a leading / or .."],
            Problems(WithQuestion("md:<!-- ASSIGNMENT data=\"mnist/* ../secret/*\" -->")));
    }

    [Fact]
    public void An_unclosed_marker_comment_and_misplaced_instructor_marker_are_refused()
    {
        Assert.Equal(["cell 4: the <!-- QUESTION marker is not closed; end it with -->"],
            Problems(WithQuestion("md:<!-- QUESTION q2\n## Two")));
        Assert.Equal(["cell 4: <!-- INSTRUCTOR --> must be the first line of its cell (the whole cell is the instructor's note)"],
            Problems(WithQuestion("md:Note\n<!-- INSTRUCTOR -->")));
    }

    [Fact]
    public void Every_problem_of_the_notebook_is_reported_at_once_with_the_files_name()
    {
        var folder = NewFolder();
        var path = Write(folder, "a99-broken.ipynb", WithQuestion("// TEST q1.ok public \"dup\"\nCheck();", "// BEGIN SOLUTION\nvar x = 1;"));

        var e = Assert.Throws<AssignmentException>(() => MarkerParser.Read(path));

        Assert.Equal($"""
            {path}: 2 problems; nothing was written:
              - cell 4: test id q1.ok is used twice (cells 3 and 4); give each test its own name
              - cell 5: line 1: BEGIN SOLUTION is never closed; add a line // END SOLUTION where the solution ends
            """, e.Message);
    }
}
