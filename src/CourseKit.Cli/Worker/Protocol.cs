using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit.Cli.Worker;

/// <summary>
/// The runner and its worker process talk in JSON lines: one JSON object per line, each with a "type".
/// <code>
/// worker → runner  {"type":"ready"}                                              once, when it can take cells
/// runner → worker  {"type":"run","cell":3,"code":"…","references":["/x.dll"]}   run one C# cell
/// worker → runner  {"type":"output","output":{…nbformat output…}}               stream / display_data / execute_result / error
/// worker → runner  {"type":"update","displayId":"d1","output":{…}}              replace the output shown with that display id
/// worker → runner  {"type":"done","cell":3,"status":"ok"|"error"}               the cell has finished
/// </code>
/// Anything the cell itself writes to the console is captured and sent as stream outputs, so the protocol
/// owns the real stdout; a worker that dies mid-cell simply stops talking and the runner reports the crash.
/// </summary>
public static class Protocol
{
    public const string Ready = "ready";
    public const string Run = "run";
    public const string Output = "output";
    public const string Update = "update";
    public const string Done = "done";

    public static string Line(JsonObject message) => message.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    public static JsonObject Stream(string name, string text) => new()
    {
        ["output_type"] = "stream",
        ["name"] = name,
        ["text"] = text,
    };

    public static JsonObject Error(string ename, string evalue, IEnumerable<string> traceback) => new()
    {
        ["output_type"] = "error",
        ["ename"] = ename,
        ["evalue"] = evalue,
        ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode)t).ToArray()),
    };
}
