using System.Text.Json.Nodes;

namespace CourseKit.Cli.Worker;

/// <summary>
/// The runner and its worker process talk over a private Unix socket, one JSON object per line, each with a "type".
/// The worker's lines are signed and numbered (see <see cref="ChannelSeal"/>); the runner's first line is the key.
/// <code>
/// runner → worker  &lt;key as hex&gt;                                                  once, right after connecting
/// worker → runner  {"type":"ready"}                                                once, when it can take cells
/// runner → worker  {"type":"run","cell":3,"code":"…","references":["/x.dll"],     run one C# cell, its raw stdout and stderr
///                   "stdout":"/proc/RUNNER/fd/N","stderr":"/proc/RUNNER/fd/M"}    going into pipes made for it
/// worker → runner  {"type":"output","cell":3,"output":{…nbformat output…}}         stream / display_data / execute_result / error
/// worker → runner  {"type":"update","cell":3,"displayId":"d1","output":{…}}        replace the output shown with that display id
/// worker → runner  {"type":"report","cell":3,"report":{"name",…}}                 a test's report (Grading.Check/Report)
/// worker → runner  {"type":"tampering","cell":3,"kind":"report"|"hook"|"console",  a report not sent by the cell's own code,
///                   "what":"…"}                                                    or a hook replaced (and put back)
/// worker → runner  {"type":"done","cell":3,"status":"ok"|"error"}                 the cell has finished
/// </code>
/// "cell" in an output is the cell whose code produced it, also when a thread the cell started prints after the cell
/// has finished (0 when it cannot be told). Raw stdout and stderr (native code, raw handles, child processes) are not
/// part of the protocol: each cell's go into pipes of its own (see <see cref="CellPipes"/>), which the runner reads as
/// plain text of that cell, up to a signed end marker for what was written while the cell ran.
/// </summary>
public static class Protocol
{
    public const string Ready = "ready";
    public const string Run = "run";
    public const string Output = "output";
    public const string Update = "update";
    public const string Done = "done";
    public const string Report = "report";
    public const string Tampering = "tampering";

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
