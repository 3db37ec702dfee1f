using System.Text.Json.Nodes;

namespace CourseKit.Cli.Running;

/// <summary>Something that came from a worker process, in the order the runner received it.</summary>
abstract record WorkerEvent;

/// <summary>A genuine, in-order message from the worker's private channel.</summary>
sealed record WorkerMessage(JsonObject Message) : WorkerEvent;

/// <summary>Text written on a raw stdout or stderr (native code, raw handles, child processes), for cell <paramref name="Cell"/>.</summary>
sealed record RawText(int Cell, string Stream, string Text) : WorkerEvent;

/// <summary>Everything cell <paramref name="Cell"/> wrote on a raw stream while it ran has arrived (its end marker, or the stream closed).</summary>
sealed record RawEnd(int Cell, string Stream) : WorkerEvent;

/// <summary>Something on the private channel was not genuine or not in order: a cell interfered with it.</summary>
sealed record ChannelTampered(string Reason) : WorkerEvent;
