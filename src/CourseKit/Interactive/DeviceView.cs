namespace CourseKit.Interactive;

/// <summary>A device as one line: its name, what it is, and whether new tensors go there.</summary>
internal static class DeviceView
{
    public static string Text(Device device) => $"{device.Name} — {device.Description}{(IsDefault(device) ? " (default)" : "")}";

    public static string Html(Device device) =>
        Interactive.Html.Block("device", $"<b>{Interactive.Html.Escape(device.Name)}</b> — {Interactive.Html.Escape(device.Description)}" +
                                         (IsDefault(device) ? " <span class=\"ck-dim\">(default)</span>" : ""));

    /// <summary>Whether <paramref name="device"/> is <see cref="Device.Default"/> (false if COURSEKIT_DEVICE names no device).</summary>
    internal static bool IsDefault(Device device)
    {
        try { return Device.Default == device; }
        catch (InvalidOperationException) { return false; }
    }
}
