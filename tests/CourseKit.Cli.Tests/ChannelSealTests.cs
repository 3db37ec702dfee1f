using System.Text.Json.Nodes;
using CourseKit.Cli.Worker;

namespace CourseKit.Cli.Tests;

/// <summary>The signatures and sequence numbers on the worker's messages: only genuine messages, each once and in order, pass.</summary>
public class ChannelSealTests
{
    static readonly byte[] Key = Enumerable.Range(1, ChannelSeal.KeyBytes).Select(i => (byte)i).ToArray();

    static JsonObject Done(int cell) => new() { ["type"] = "done", ["cell"] = cell, ["status"] = "ok" };

    [Fact]
    public void Genuine_messages_in_order_open_with_their_content()
    {
        var worker = new ChannelSeal(Key);
        var runner = new ChannelSeal(Key);
        Assert.Equal(1, runner.Open(worker.Seal(Done(1)))["cell"]!.GetValue<int>());
        var second = runner.Open(worker.Seal(Done(2)));
        Assert.Equal(2, second["cell"]!.GetValue<int>());
        Assert.Equal(2, second["seq"]!.GetValue<long>());
    }

    [Fact]
    public void A_replayed_duplicated_or_skipped_message_is_tampering()
    {
        var worker = new ChannelSeal(Key);
        var runner = new ChannelSeal(Key);
        var first = worker.Seal(Done(1));
        var second = worker.Seal(Done(2));
        var third = worker.Seal(Done(3));
        runner.Open(first);
        Assert.Contains("replayed", Assert.Throws<ChannelTamperedException>(() => runner.Open(first)).Message);
        Assert.Contains("3 where 2 was due", Assert.Throws<ChannelTamperedException>(() => runner.Open(third)).Message);
        runner.Open(second);
    }

    [Fact]
    public void A_changed_unsigned_or_wrongly_keyed_line_is_tampering()
    {
        var worker = new ChannelSeal(Key);
        var line = worker.Seal(Done(1));
        Assert.Contains("wrong signature", Assert.Throws<ChannelTamperedException>(() => new ChannelSeal(Key).Open(line.Replace("\"ok\"", "\"no\""))).Message);
        Assert.Contains("not a signed message", Assert.Throws<ChannelTamperedException>(() => new ChannelSeal(Key).Open("{\"type\":\"done\",\"cell\":1}")).Message);
        Assert.Contains("wrong signature", Assert.Throws<ChannelTamperedException>(() => new ChannelSeal(ChannelSeal.NewKey()).Open(line)).Message);
    }

    [Fact]
    public void End_markers_differ_per_cell_stream_and_key()
    {
        var seal = new ChannelSeal(Key);
        Assert.NotEqual(seal.EndMarker(1, "stdout"), seal.EndMarker(2, "stdout"));
        Assert.NotEqual(seal.EndMarker(1, "stdout"), seal.EndMarker(1, "stderr"));
        Assert.NotEqual(seal.EndMarker(1, "stdout"), new ChannelSeal(ChannelSeal.NewKey()).EndMarker(1, "stdout"));
        Assert.Equal(seal.EndMarker(1, "stdout"), new ChannelSeal(Key).EndMarker(1, "stdout"));
    }
}
