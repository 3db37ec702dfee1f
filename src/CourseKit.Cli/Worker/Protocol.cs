using System.Text.Json.Nodes;

namespace CourseKit.Cli.Worker;

/// <summary>
/// The runner and its worker process talk over a private Unix socket, one JSON object per line, each with a "type".
/// The worker's lines are signed and numbered (see <see cref="ChannelSeal"/>); the runner's first line is the key.
/// <code>
/// runner → worker  &lt;key as hex&gt;                                                  once, right after connecting
/// worker → runner  {"type":"ready"}                                                once, when it can take cells
/// runner → worker  {"type":"run","cell":3,"code":"…","references":["/x.dll"]}     run one C# cell
/// worker → runner  {"type":"output","cell":3,"output":{…nbformat output…}}         stream / display_data / execute_result / error
/// worker → runner  {"type":"update","cell":3,"displayId":"d1","output":{…}}        replace the output shown with that display id
/// worker → runner  {"type":"done","cell":3,"status":"ok"|"error"}                 the cell has finished
/// </code>
/// "cell" in an output is the cell whose code produced it, also when a thread the cell started prints after the cell
/// has finished (0 when it cannot be told). The worker's own stdout and stderr are not part of the protocol: the runner
/// reads them as plain text of the running cell (native code, raw handles), up to a signed end marker per cell.
/// </summary>
public static class Protocol
{
    public const string Ready = "ready";
    public const string Run = "run";
    public const string Output = "output";
    public const string Update = "update";
    public const string Done = "done";

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

    public static JsonObject DisplayData(JsonObject data) => new()
    {
        ["output_type"] = "display_data",
        ["data"] = data,
        ["metadata"] = new JsonObject(),
    };
}
