using System.Text.Json.Nodes;
using CourseKit.Cli.Running;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests;

/// <summary>One notebook, run once through the real worker process, that every test below looks at.</summary>
public sealed class ExecutedNotebook : IAsyncLifetime
{
    public const string CompileErrorCell = "var ok = 1;\nint wrong = \"text\";";
    public string Folder { get; } = NewFolder();
    public NotebookReport Report { get; private set; } = null!;
    public JsonObject Output { get; private set; } = null!;
    public string Html { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var testAssembly = typeof(Greeting).Assembly.Location;
        // Cell indexes below are 0-based positions in this list; the page numbers the C# cells it ran from 1 ([1], [2], …).
        var path = WriteIpynb(Folder, "lesson.ipynb",
            "md:# Lesson\n\nThe loss is $L = (y - \\hat y)^2$ and **bold**.",         // 0
            "var x = 20;\nConsole.WriteLine(\"from stdout\");",                        // 1 state, stdout
            "x * 2 + 2",                                                              // 2 state across cells, trailing expression
            "var h = display(\"first\");\nh.Update(\"second\");\nConsole.Error.WriteLine(\"to stderr\");", // 3 display + update
            "var show = (Func<object, Action<object>>)AppContext.GetData(\"CourseKit.Display\");\n" +
            "var update = show(\"epoch 1\");\nupdate(\"epoch 2\");\nupdate(\"epoch 3\");",   // 4 CourseKit.Display hook
            CompileErrorCell,                                                          // 5 compile error, line 2
            "void Fail() => throw new InvalidOperationException(\"went wrong\");\nConsole.WriteLine(\"before\");\nFail();", // 6 runtime error
            $"#r \"{testAssembly}\"\nnew CourseKit.Cli.Tests.Greeting(\"Ada\")",       // 7 convention formatter
            "fs:let y = 1",                                                            // 8 F#: skipped
            "Environment.GetEnvironmentVariable(\"COURSEKIT_DATA\") + \"|\" + Directory.GetCurrentDirectory()", // 9 data dir, cwd
            "display(\"<div class='plotly-graph-div'></div>\");\nx");                 // 10 a "figure" on the page
        Directory.CreateDirectory(Path.Combine(Folder, "data"));
        var options = new RunOptions
        {
            Inputs = [path],
            OutputDirectory = Path.Combine(Folder, "out"),
            Html = true,
            KeepGoing = true, // the cells after the two failing ones are looked at too
            DataDirectory = Path.Combine(Folder, "data"),
            TimeoutPerCell = TimeSpan.FromSeconds(60),
            Log = TextWriter.Null,
        };
        var report = await new NotebookRunner(options).RunAsync();
        Report = report.Notebooks.Single();
        Output = ReadJson(Report.OutputPath!);
        Html = File.ReadAllText(Report.HtmlPath!);
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

public class ExecutionTests(ExecutedNotebook run) : IClassFixture<ExecutedNotebook>
{
    CellReport Cell(int index) => run.Report.Cells[index];
    JsonArray Outputs(int index) => TestNotebooks.Outputs(run.Output, index);

    [Fact]
    public void Output_goes_to_the_out_folder_under_the_notebook_name()
    {
        Assert.Equal(Path.Combine(run.Folder, "out", "lesson.ipynb"), run.Report.OutputPath);
        Assert.Equal(Path.Combine(run.Folder, "out", "lesson.html"), run.Report.HtmlPath);
    }

    [Fact]
    public void State_carries_across_cells_and_a_trailing_expression_is_the_result()
    {
        Assert.Equal(CellStatus.Ok, Cell(2).Status);
        var result = Assert.Single(OfType(Outputs(2), "execute_result"));
        Assert.Equal("42", Data(result, "text/plain"));
        Assert.Equal("<pre>42</pre>", Data(result, "text/html"));
        Assert.Equal(2, result["execution_count"]!.GetValue<int>());
        Assert.Equal(2, run.Output["cells"]![2]!["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public void Console_output_is_captured_as_streams()
    {
        var stdout = Assert.Single(OfType(Outputs(1), "stream"));
        Assert.Equal("stdout", stdout["name"]!.GetValue<string>());
        Assert.Equal("from stdout\n", stdout["text"]!.GetValue<string>());
        Assert.Contains(OfType(Outputs(3), "stream"), o => o["name"]!.GetValue<string>() == "stderr" && o["text"]!.GetValue<string>() == "to stderr\n");
    }

    [Fact]
    public void Display_update_replaces_the_output_in_place()
    {
        var shown = Assert.Single(OfType(Outputs(3), "display_data"));
        Assert.Equal("second", Data(shown, "text/plain"));
        Assert.Equal("display_data", Outputs(3)[0]!["output_type"]!.GetValue<string>()); // before the later stderr text
    }

    [Fact]
    public void CourseKit_display_hook_shows_the_last_update()
    {
        var shown = Assert.Single(OfType(Outputs(4), "display_data"));
        Assert.Equal("epoch 3", Data(shown, "text/plain"));
    }

    [Fact]
    public void Compile_error_is_reported_with_its_line()
    {
        Assert.Equal(CellStatus.Failed, Cell(5).Status);
        var error = Assert.Single(OfType(Outputs(5), "error"));
        Assert.Equal("CompilationErrorException", error["ename"]!.GetValue<string>());
        Assert.Contains("(2,13): error CS0029", error["evalue"]!.GetValue<string>());
        Assert.Contains("(2,13): error CS0029", error["traceback"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Runtime_exception_names_the_cell_and_line()
    {
        Assert.Equal(CellStatus.Failed, Cell(6).Status);
        Assert.Equal("before\n", Assert.Single(OfType(Outputs(6), "stream"))["text"]!.GetValue<string>());
        var error = Assert.Single(OfType(Outputs(6), "error"));
        Assert.Equal("System.InvalidOperationException", error["ename"]!.GetValue<string>());
        Assert.Equal("went wrong", error["evalue"]!.GetValue<string>());
        var trace = error["traceback"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        // The innermost frame in the cell comes first, with its source line; the stack shows every cell line on the way.
        // The cell is named by the number the page shows beside it: [6], the sixth C# cell (the first cell is markdown).
        Assert.Equal(6, run.Output["cells"]![6]!["execution_count"]!.GetValue<int>());
        Assert.Equal("   in cell 6, line 1: void Fail() => throw new InvalidOperationException(\"went wrong\");", trace[1]);
        Assert.Contains(trace, l => l.Contains("Fail() in cell 6, line 1"));
        Assert.Contains(trace, l => l.Contains("in cell 6, line 3"));
        Assert.Equal(6, Cell(6).Number);
    }

    [Fact]
    public void With_keep_going_later_cells_still_run_after_an_error()
    {
        Assert.Equal(CellStatus.Ok, Cell(7).Status);
        Assert.Equal(CellStatus.Ok, Cell(10).Status);
        Assert.False(run.Report.Succeeded);
    }

    [Fact]
    public void Convention_formatter_from_a_referenced_assembly_gives_the_html()
    {
        var result = Assert.Single(OfType(Outputs(7), "execute_result"));
        Assert.Equal("<b class=\"greeting\">Hello, Ada!</b>", Data(result, "text/html"));
        Assert.Equal("Greeting(Ada)", Data(result, "text/plain"));
    }

    [Fact]
    public void Other_languages_are_skipped_and_markdown_passes_through()
    {
        Assert.Equal(CellStatus.Skipped, Cell(8).Status);
        Assert.Empty(Outputs(8));
        Assert.Equal("fsharp", run.Output["cells"]![8]!["metadata"]!["polyglot_notebook"]!["kernelName"]!.GetValue<string>());
        Assert.Equal(CellStatus.Markdown, Cell(0).Status);
        Assert.Equal("markdown", run.Output["cells"]![0]!["cell_type"]!.GetValue<string>());
        Assert.Equal("# Lesson\n", run.Output["cells"]![0]!["source"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Worker_runs_in_the_notebook_folder_with_the_data_folder_set()
    {
        var text = Data(Assert.Single(OfType(Outputs(9), "execute_result")), "text/plain");
        Assert.Equal($"{Path.Combine(run.Folder, "data")}|{run.Folder}", text);
    }

    [Fact]
    public void Html_page_has_markdown_outputs_errors_and_scripts()
    {
        var html = run.Html;
        Assert.Contains("<h1", html);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("<math><semantics><mrow><mi>L</mi><mo>=</mo>", html);  // $L = (y - \hat y)^2$ typeset as MathML
        Assert.Contains("<mover accent=\"true\"><mi>y</mi><mo stretchy=\"false\">^</mo></mover>", html);
        Assert.Contains("<pre>42</pre>", html);                       // text/html inserted raw
        Assert.Contains("<b class=\"greeting\">Hello, Ada!</b>", html);
        Assert.Contains("class=\"output error\"", html);
        Assert.Contains("went wrong", html);
        Assert.Contains("from stdout", html);
        Assert.DoesNotContain("katex", html, StringComparison.OrdinalIgnoreCase);        // formulas need no script
        Assert.DoesNotContain("data-coursekit=\"plotly.js", html);  // a string that says "plotly" is no figure: no 1.4 MB
    }
}
