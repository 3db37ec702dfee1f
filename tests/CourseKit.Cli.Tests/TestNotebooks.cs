using System.Text.Json.Nodes;
using CourseKit.Cli.Notebooks;
using Spectre.Console;

namespace CourseKit.Cli.Tests;

/// <summary>Small notebooks written into temporary folders, and helpers to read what the runner wrote.</summary>
static class TestNotebooks
{
    public static string NewFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "coursekit-cli-tests", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>An nbformat 4.5 notebook; a cell starting with "md:" is markdown, "fs:" F#, anything else C#.</summary>
    public static string WriteIpynb(string dir, string name, params string[] cells)
    {
        var array = new JsonArray();
        int i = 0;
        foreach (var text in cells)
        {
            var id = $"c{i++}";
            if (text.StartsWith("md:"))
                array.Add(new JsonObject { ["cell_type"] = "markdown", ["id"] = id, ["metadata"] = new JsonObject(), ["source"] = NotebookWriter.Lines(text[3..]) });
            else
            {
                var language = text.StartsWith("fs:") ? "fsharp" : "csharp";
                array.Add(new JsonObject
                {
                    ["cell_type"] = "code", ["id"] = id, ["execution_count"] = null,
                    ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = language } },
                    ["outputs"] = new JsonArray(),
                    ["source"] = NotebookWriter.Lines(language == "fsharp" ? text[3..] : text),
                });
            }
        }
        var nb = new JsonObject
        {
            ["cells"] = array,
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["language"] = "C#", ["display_name"] = ".NET (C#)" } },
            ["nbformat"] = 4, ["nbformat_minor"] = 5,
        };
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, nb.ToJsonString());
        return path;
    }

    public static JsonObject ReadJson(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    public static JsonArray Outputs(JsonObject notebook, int cellIndex) => notebook["cells"]![cellIndex]!["outputs"]!.AsArray();

    public static IEnumerable<JsonObject> OfType(JsonArray outputs, string type) =>
        outputs.OfType<JsonObject>().Where(o => o["output_type"]!.GetValue<string>() == type);

    public static string Data(JsonObject output, string mime) => output["data"]![mime]!.GetValue<string>();

    /// <summary>Runs the real command line in-process (cells still run in the child worker); returns exit code and printed text.</summary>
    public static async Task<(int ExitCode, string Log)> RunCliAsync(params string[] args)
    {
        var log = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(log),
        });
        var code = await Program.RunAsync(args, log, console);
        return (code, log.ToString());
    }
}
