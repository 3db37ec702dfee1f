using System.Text.Json.Nodes;
using CourseKit.Cli.Notebooks;
using CourseKit.Cli.Running;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests;

public class NotebookFormatTests
{
    [Fact]
    public void Dib_is_read_as_cells_after_its_meta_header()
    {
        const string dib = """
            #!meta

            {"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"},{"aliases":[],"name":"fsharp"}]}}

            #!markdown

            # Title $x^2$

            #!csharp

            var x = 1;
            #!time
            x

            #!fsharp

            let y = 2
            """;
        var nb = NotebookReader.ParseDib("lesson.dib", dib);

        Assert.Equal(3, nb.Cells.Count);
        Assert.Equal(CellKind.Markdown, nb.Cells[0].Kind);
        Assert.Equal("# Title $x^2$", nb.Cells[0].Source);
        Assert.Equal("csharp", nb.Cells[1].Language);
        Assert.Equal("var x = 1;\n#!time\nx", nb.Cells[1].Source); // a magic command is not a separator
        Assert.Equal("fsharp", nb.Cells[2].Language);
        Assert.Equal("csharp", nb.DefaultLanguage);
    }

    [Theory]
    [InlineData("{ \"cells\": [ ", "is not valid JSON")]
    [InlineData("{ \"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {} }", "has no \"cells\" array")]
    [InlineData("{ \"nbformat\": 3, \"worksheets\": [] }", "is nbformat 3")]
    [InlineData("{ \"cells\": [] }", "has no \"nbformat\"")]
    [InlineData("{ \"nbformat\": 4, \"cells\": [ { \"source\": \"x\" } ] }", "cell 1 has no \"cell_type\"")]
    [InlineData("[1, 2]", "top level of the JSON must be an object")]
    public void Malformed_ipynb_names_the_file_and_the_problem(string json, string problem)
    {
        var e = Assert.Throws<NotebookFormatException>(() => NotebookReader.ParseIpynb("broken.ipynb", json));
        Assert.StartsWith("broken.ipynb: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_source_list_holding_a_number_says_which_cell_and_item()
    {
        const string json = """
            { "nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
              { "cell_type": "markdown", "metadata": {}, "source": "# Title" },
              { "cell_type": "code", "id": "abc", "metadata": {}, "outputs": [], "source": ["var x = 1;\n", 5] } ] }
            """;
        var e = Assert.Throws<NotebookFormatException>(() => NotebookReader.ParseIpynb("numbers.ipynb", json));
        Assert.Equal("numbers.ipynb: cell 2 (id \"abc\") has a \"source\" list whose item 2 is a number (5), not text; " +
                     "each item must be a line of the cell in quotes", e.Message);
    }

    [Theory]
    [InlineData("{ \"nbformat\": 4, \"cells\": [ { \"cell_type\": \"code\" } ] }", "cell 1 has no \"source\"")]
    [InlineData("{ \"nbformat\": 4, \"cells\": [ { \"cell_type\": \"code\", \"source\": 12 } ] }", "cell 1 has a \"source\" that is a number (12)")]
    [InlineData("{ \"nbformat\": 4, \"cells\": [ { \"cell_type\": \"code\", \"source\": [\"a\", null] } ] }", "item 2 is null")]
    public void A_bad_source_says_what_was_found(string json, string problem)
    {
        var e = Assert.Throws<NotebookFormatException>(() => NotebookReader.ParseIpynb("bad.ipynb", json));
        Assert.Contains(problem, e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void An_empty_file_is_called_empty(string text)
    {
        var e = Assert.Throws<NotebookFormatException>(() => NotebookReader.ParseIpynb("empty.ipynb", text));
        Assert.Equal("empty.ipynb: is empty; an .ipynb notebook is a JSON object with \"cells\", \"metadata\" and \"nbformat\" " +
                     "(open it in Jupyter or VS Code and save it again)", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t \n")]
    [InlineData("#!csharp\n\n#!markdown\n")]
    public void An_empty_dib_is_called_empty_not_run_as_a_notebook_without_cells(string text)
    {
        var e = Assert.Throws<NotebookFormatException>(() => NotebookReader.ParseDib("empty.dib", text));
        Assert.Equal("empty.dib: is empty (it has no cell with any text); a .dib notebook holds cells, each after a line " +
                     "such as #!csharp or #!markdown", e.Message);
    }

    [Theory]
    [InlineData("{ \"nbformat\": 4, \"cells\": [ { \"cell_type\": 5, \"source\": \"x\" } ] }", "cell 1 has a \"cell_type\" that is a number (5); expected \"code\", \"markdown\" or \"raw\"")]
    [InlineData("{ \"nbformat\": 4.0, \"cells\": [] }", "has an \"nbformat\" that is a number (4.0); only nbformat 4 notebooks can be run")]
    [InlineData("{ \"nbformat\": \"4\", \"cells\": [] }", "has an \"nbformat\" that is \"4\"; only nbformat 4 notebooks can be run")]
    public void A_value_of_the_wrong_kind_is_described_not_called_missing(string json, string problem)
    {
        var e = Assert.Throws<NotebookFormatException>(() => NotebookReader.ParseIpynb("kinds.ipynb", json));
        Assert.Equal("kinds.ipynb: " + problem, e.Message);
    }

    [Theory]
    [InlineData("a.dib")]
    [InlineData("a.ipynb")]
    public void A_notebook_that_is_not_utf8_is_refused_with_its_line_not_changed_silently(string name)
    {
        var path = Path.Combine(NewFolder(), name);
        var text = name.EndsWith(".dib")
            ? "#!csharp\nvar a = 1;\nConsole.WriteLine(\"\xff\");\n"
            : "{ \"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {},\n \"cells\": [ { \"cell_type\": \"code\", \"source\": \"\xff\" } ] }";
        File.WriteAllBytes(path, text.Select(c => (byte)c).ToArray());
        var e = Assert.Throws<NotebookFormatException>(() => NotebookReader.Read(path));
        Assert.Equal($"{path}: is not UTF-8 text (line {(name.EndsWith(".dib") ? 3 : 2)} holds bytes that are not); " +
                     "save it again as UTF-8 in your editor", e.Message);
    }

    [Fact]
    public void Json_with_a_key_given_twice_is_reported_as_a_format_error()
    {
        var path = Path.Combine(NewFolder(), "twice.ipynb");
        File.WriteAllText(path, "{ \"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [], \"cells\": [] }");
        var e = Assert.Throws<NotebookFormatException>(() => NotebookReader.Read(path));
        Assert.Contains("Key: cells", e.Message);
    }

    [SkippableFact]
    public void A_symlink_loop_finds_each_notebook_once()
    {
        var dir = NewFolder();
        WriteIpynb(dir, "a.ipynb", "1");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        WriteIpynb(Path.Combine(dir, "sub"), "b.ipynb", "2");
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(dir, "sub", "loop"), dir);        // sub/loop -> the folder itself
            Directory.CreateSymbolicLink(Path.Combine(dir, "again"), Path.Combine(dir, "sub"));
            File.CreateSymbolicLink(Path.Combine(dir, "c.ipynb"), Path.Combine(dir, "a.ipynb"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Skip.If(true, "cannot make symbolic links here"); }

        var found = NotebookFinder.Find([dir, Path.Combine(dir, "sub", "loop", "a.ipynb")], null);

        Assert.Equal(["a.ipynb", Path.Combine("sub", "b.ipynb")], found.Select(f => Path.GetRelativePath(dir, f.Path)));
    }

    [Fact]
    public void Written_notebook_carries_the_dotnet_interactive_kernelspec_and_cell_languages()
    {
        var nb = NotebookReader.ParseDib("x.dib", "#!markdown\n\nText\n\n#!csharp\n\n1 + 1\n\n#!fsharp\n\n1 + 1\n");
        var json = JsonNode.Parse(NotebookWriter.ToJsonText(nb))!.AsObject();

        Assert.Equal(4, json["nbformat"]!.GetValue<int>());
        Assert.Equal(5, json["nbformat_minor"]!.GetValue<int>());
        var meta = json["metadata"]!;
        Assert.Equal(".net-csharp", meta["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal(".NET (C#)", meta["kernelspec"]!["display_name"]!.GetValue<string>());
        Assert.Equal("C#", meta["kernelspec"]!["language"]!.GetValue<string>());
        Assert.Equal("polyglot-notebook", meta["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", meta["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());

        var cells = json["cells"]!.AsArray();
        Assert.All(cells, c => Assert.False(string.IsNullOrEmpty(c!["id"]!.GetValue<string>())));
        Assert.Null(cells[0]!["outputs"]);
        Assert.Equal("csharp", cells[1]!["metadata"]!["dotnet_interactive"]!["language"]!.GetValue<string>());
        Assert.Equal("csharp", cells[1]!["metadata"]!["polyglot_notebook"]!["kernelName"]!.GetValue<string>());
        Assert.Equal("fsharp", cells[2]!["metadata"]!["polyglot_notebook"]!["kernelName"]!.GetValue<string>());
    }

    [Fact]
    public void Ipynb_round_trip_keeps_ids_sources_and_outputs()
    {
        var dir = NewFolder();
        var path = WriteIpynb(dir, "a.ipynb", "md:# Hi\nthere", "var a = 1;\na");
        var nb = NotebookReader.Read(path);
        var again = NotebookReader.ParseIpynb(path, NotebookWriter.ToJsonText(nb));

        Assert.Equal(nb.Cells.Select(c => (c.Id, c.Source, c.Kind)), again.Cells.Select(c => (c.Id, c.Source, c.Kind)));
        Assert.Equal("# Hi\nthere", again.Cells[0].Source);
    }

    [Fact]
    public void Directives_are_taken_out_and_their_lines_left_blank()
    {
        var d = CellDirectives.Parse("#!csharp\n#r \"nuget: Newtonsoft.Json, 13.0.3\"\n#r \"nuget:Humanizer\"\n#i \"nuget: feed\"\n#r \"lib/x.dll\"\nvar x = 1;", "/nb");

        Assert.Equal("\n\n\n\n\nvar x = 1;", d.Code);
        Assert.Equal([new PackageRequest("Newtonsoft.Json", "13.0.3"), new PackageRequest("Humanizer", null)], d.Packages);
        Assert.Equal([Path.GetFullPath("/nb/feed")], d.Sources);
        Assert.Equal([Path.GetFullPath("/nb/lib/x.dll")], d.AssemblyPaths);
    }

    [Fact]
    public void Nuget_config_local_feeds_are_made_absolute_against_the_config_folder()
    {
        var dir = NewFolder();
        Directory.CreateDirectory(Path.Combine(dir, "artifacts", "packages"));
        var config = Path.Combine(dir, "nuget.config");
        File.WriteAllText(config, """
            <configuration><packageSources><clear />
              <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              <add key="local" value="artifacts/packages" />
              <add key="missing" value="no/such/folder" />
            </packageSources></configuration>
            """);
        Directory.CreateDirectory(Path.Combine(dir, "notebooks", "week1"));

        Assert.Equal(config, PackageRestorer.FindNuGetConfig(Path.Combine(dir, "notebooks", "week1")));
        var rebased = PackageRestorer.RebaseConfig(config);
        Assert.Contains($"value=\"{Path.Combine(dir, "artifacts", "packages")}\"", rebased);
        Assert.Contains("https://api.nuget.org/v3/index.json", rebased);
        Assert.DoesNotContain("no/such/folder", rebased);
    }

    [Fact]
    public void Folder_inputs_skip_dot_folders_output_folders_and_earlier_outputs()
    {
        var dir = NewFolder();
        foreach (var f in new[] { "b.ipynb", "a.dib", "a.executed.ipynb", "sub/c.ipynb", ".ipynb_checkpoints/b-checkpoint.ipynb", "out/old.ipynb", "notes.txt" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, f))!);
            File.WriteAllText(Path.Combine(dir, f), "");
        }
        var found = NotebookFinder.Find([dir], Path.Combine(dir, "out"));

        Assert.Equal(["a.dib", "b.ipynb", Path.Combine("sub", "c.ipynb")], found.Select(f => Path.GetRelativePath(dir, f.Path)));
        Assert.Equal(Path.Combine("sub", "c.ipynb"), found[2].RelativeOutput);
        Assert.Equal("a.ipynb", found[0].RelativeOutput);
    }

    [Fact]
    public async Task Usage_errors_exit_with_2()
    {
        Assert.Equal(2, (await RunCliAsync()).ExitCode);
        Assert.Equal(2, (await RunCliAsync("frobnicate")).ExitCode);
        Assert.Equal(2, (await RunCliAsync("run")).ExitCode);
        Assert.Equal(2, (await RunCliAsync("run", "/no/such/notebook.ipynb")).ExitCode);
        Assert.Equal(2, (await RunCliAsync("run", NewFolder(), "--timeout-per-cell", "soon")).ExitCode);
        Assert.Equal(2, (await RunCliAsync("run", NewFolder(), "--bogus")).ExitCode);
    }

    [Fact]
    public async Task Malformed_notebook_fails_the_run_and_nothing_is_written_for_it()
    {
        var dir = NewFolder();
        File.WriteAllText(Path.Combine(dir, "broken.ipynb"), "{ \"nbformat\": 4, \"cells\": ");
        var (exitCode, log) = await RunCliAsync("run", dir, "--out", Path.Combine(dir, "out"), "--html");

        Assert.Equal(1, exitCode);
        Assert.Contains("broken.ipynb: is not valid JSON", log);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")) && Directory.EnumerateFileSystemEntries(Path.Combine(dir, "out")).Any());
        Assert.False(File.Exists(Path.Combine(dir, "broken.executed.ipynb")));
    }

    [Fact]
    public void An_error_whose_traceback_starts_with_its_message_shows_the_message_once_on_the_page()
    {
        const string json = """
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": "while (true) { }",
             "metadata": {}, "execution_count": 1, "outputs": [{"output_type": "error", "ename": "TimeoutException",
             "evalue": "Cell 1 (while (true) { }) did not finish within 2 s", "traceback": ["Cell 1 (while (true) { }) did not finish within 2 s", "the worker was stopped"]}]}]}
            """;
        var page = CourseKit.Cli.Html.HtmlExporter.Export(NotebookReader.ParseIpynb("t.ipynb", json), NewFolder());
        Assert.Contains("TimeoutException: Cell 1 (while (true) { }) did not finish within 2 s\nthe worker was stopped", page);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "did not finish within 2 s"));
    }
}
