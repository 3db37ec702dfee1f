using System.Reflection;
using System.Text;
using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// CourseKit in a notebook. When the package is loaded with <c>#r "nuget: CourseKit"</c>, .NET Interactive runs its
/// <c>extension.dib</c>, which shows <see cref="Banner"/>. Tensors, models, histories, datasets and figures then show
/// themselves as tables and pictures: no set-up is needed, and nothing in the maths depends on the notebook.
/// </summary>
public static class Notebook
{
    /// <summary>What is loaded: the CourseKit version, the devices (the default marked) and where datasets are looked for.</summary>
    public static NotebookBanner Banner() => new();
}

/// <summary>The banner shown when CourseKit is loaded into a notebook (see <see cref="Notebook.Banner"/>).</summary>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]
public sealed class NotebookBanner
{
    internal NotebookBanner()
    {
        var assembly = typeof(Notebook).Assembly;
        Version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                  ?? assembly.GetName().Version?.ToString() ?? "unknown";
        Devices = Device.List();
        try { DefaultDevice = Device.Default; }
        catch (InvalidOperationException e) { DeviceProblem = e.Message; }
        DatasetSearchOrder = Datasets.SearchOrder();
    }

    /// <summary>CourseKit's version, e.g. "0.1.0+63ac697…" (the part after "+" is the source commit).</summary>
    public string Version { get; }

    /// <summary>Every device this machine offers.</summary>
    public IReadOnlyList<Device> Devices { get; }

    /// <summary>Where new tensors go (<see cref="Device.Default"/>), or null if COURSEKIT_DEVICE names no device.</summary>
    public Device? DefaultDevice { get; }

    /// <summary>Why there is no default device (a wrong COURSEKIT_DEVICE), or null.</summary>
    public string? DeviceProblem { get; }

    /// <summary>Where datasets are looked for, in order (<see cref="Datasets.SearchOrder"/>).</summary>
    public IReadOnlyList<string> DatasetSearchOrder { get; }

    /// <summary>The version without the commit: "0.1.0".</summary>
    private string ShortVersion => Version.Split('+')[0];

    /// <summary>The banner as plain text.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder($"CourseKit {Version}");
        sb.Append("\nDevices:");
        foreach (var d in Devices) sb.Append($"\n  {(d == DefaultDevice ? "*" : " ")} {d.Name} — {d.Description}{(d == DefaultDevice ? " (default)" : "")}");
        if (DeviceProblem is not null) sb.Append($"\n  ! {DeviceProblem}");
        sb.Append("\nDatasets are looked for in:");
        for (int i = 0; i < DatasetSearchOrder.Count; i++) sb.Append($"\n  {i + 1}. {DatasetSearchOrder[i]}");
        return sb.ToString();
    }

    internal string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append($"<div class=\"ck-head\">CourseKit {Html.Escape(ShortVersion)} <span class=\"ck-dim\" title=\"{Html.Escape(Version)}\">is loaded</span></div>");
        sb.Append(Html.RawTable(["device", "what it is"], Devices.Select(d => (IReadOnlyList<string>)
        [
            $"<b>{Html.Escape(d.Name)}</b>" + (d == DefaultDevice ? " <span class=\"ck-dim\">(default)</span>" : ""),
            Html.Escape(d.Description),
        ])));
        if (DeviceProblem is not null) sb.Append($"<div>{Html.Escape(DeviceProblem)}</div>");
        sb.Append(Html.Note("Datasets are looked for in:"));
        sb.Append("<ol style=\"margin:2px 0\">")
          .Append(string.Concat(DatasetSearchOrder.Select(s => $"<li>{Html.Escape(s)}</li>")))
          .Append("</ol>");
        return Html.Block("banner", sb.ToString());
    }
}
