using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit.Cli.Worker;

/// <summary>
/// Signs and checks the worker's messages to the runner. The runner makes a fresh random key for each worker and hands
/// it over the private socket before any cell runs (never in an environment variable, argument or file). Every message
/// carries a sequence number and an HMAC-SHA256 of its text, so a line a cell writes into the channel, a replayed,
/// duplicated or missing message are all noticed: the runner then fails the cell as tampering, never passes it.
/// <code>
/// &lt;64 hex digits: HMAC-SHA256(key, json)&gt; &lt;space&gt; {"type":"done","cell":3,"status":"ok","seq":17}
/// </code>
/// The same key makes the end-of-cell markers the worker writes into each cell's raw stdout and stderr pipes (see <see cref="EndMarker"/>).
/// </summary>
sealed class ChannelSeal(byte[] secret)
{
    /// <summary>The key's length in bytes; the runner sends it as one line of hex digits.</summary>
    public const int KeyBytes = 32;

    readonly byte[] key = (byte[])secret.Clone();
    long sent;
    long received;

    /// <summary>A fresh random key.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    /// <summary>The line to send for <paramref name="message"/>, numbered with the next sequence number.</summary>
    public string Seal(JsonObject message)
    {
        message["seq"] = ++sent;
        var json = message.ToJsonString();
        return Convert.ToHexString(Tag(json)) + " " + json;
    }

    /// <summary>The message in a line from the worker; throws <see cref="ChannelTamperedException"/> when it is not genuine and next in order.</summary>
    public JsonObject Open(string line)
    {
        int space = line.IndexOf(' ');
        if (space != 2 * 32) throw new ChannelTamperedException($"a line that is not a signed message: {Shorten(line)}");
        var json = line[(space + 1)..];
        byte[] tag;
        try { tag = Convert.FromHexString(line.AsSpan(0, space)); }
        catch (FormatException) { throw new ChannelTamperedException($"a line that is not a signed message: {Shorten(line)}"); }
        if (!CryptographicOperations.FixedTimeEquals(tag, Tag(json)))
            throw new ChannelTamperedException($"a message with a wrong signature: {Shorten(json)}");
        JsonObject? message;
        try { message = JsonNode.Parse(json) as JsonObject; }
        catch (JsonException) { message = null; }
        long seq = message?["seq"] is JsonValue v && v.TryGetValue(out long s) ? s : -1;
        if (message is null || seq != received + 1)
            throw new ChannelTamperedException($"message {seq} where {received + 1} was due (replayed, duplicated or lost): {Shorten(json)}");
        received = seq;
        return message;
    }

    /// <summary>
    /// The bytes the worker writes into cell <paramref name="cell"/>'s raw <paramref name="stream"/> pipe ("stdout" or
    /// "stderr") when the cell has finished: everything before them in that pipe was written while the cell ran.
    /// </summary>
    public byte[] EndMarker(int cell, string stream) =>
        [.. EndMarkerPrefix, .. Encoding.ASCII.GetBytes(Convert.ToHexString(Tag($"end {cell} {stream}"))[..32] + "\n")];

    /// <summary>How every end marker starts (a record separator, then a name); the whole marker is <see cref="EndMarkerLength"/> bytes.</summary>
    public static ReadOnlySpan<byte> EndMarkerPrefix => "\u001ecoursekit-end "u8;

    /// <summary>The length of every end marker: the prefix, 32 hex digits and a newline.</summary>
    public static int EndMarkerLength => EndMarkerPrefix.Length + 33;

    byte[] Tag(string text) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text));

    static string Shorten(string text) => text.Length > 120 ? text[..117] + "…" : text;
}

/// <summary>A message on the worker's channel was not genuine or not in order: a cell wrote to it or interfered with it.</summary>
sealed class ChannelTamperedException(string message) : Exception(message);
