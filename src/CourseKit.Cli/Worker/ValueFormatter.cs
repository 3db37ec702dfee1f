using System.Collections;
using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;

namespace CourseKit.Cli.Worker;

/// <summary>
/// Turns a value into notebook output data (text/html and text/plain; a string is text/plain alone, as in the kernel),
/// finding formatters the way .NET Interactive does: a type (or one of its base types or interfaces) carries an attribute named <c>TypeFormatterSourceAttribute</c>,
/// from any namespace, whose <c>FormatterSourceType</c> is a class with <c>CreateTypeFormatters()</c>; each formatter it
/// returns has <c>MimeType</c>, <c>Type</c> and <c>bool Format(object, TextWriter)</c>. Everything is found by reflection,
/// so a library lights up here without referencing this tool or .NET Interactive.
/// </summary>
public static class ValueFormatter
{
    /// <summary>A formatter found by convention, called through reflection.</summary>
    sealed record Convention(string MimeType, Type Type, Func<object, TextWriter, bool> Format);

    static readonly ConcurrentDictionary<Type, IReadOnlyList<Convention>> SourceCache = new();
    static readonly ConcurrentDictionary<Type, IReadOnlyList<Convention>> TypeCache = new();

    /// <summary>The MIME type of a test's report to the grader (CourseKit's <c>Grading.ReportMimeType</c>).</summary>
    public const string ReportMimeType = "application/vnd.coursekit.report+json";

    public static JsonObject Format(object? value)
    {
        if (value is null) return new JsonObject { ["text/html"] = "<pre>&lt;null&gt;</pre>", ["text/plain"] = "<null>" };
        // The kernel shows a string as plain text alone; other values as HTML (CourseKit's formatters add text/plain).
        // For values without a formatter coursekit writes text/plain beside the HTML too: graders and diffs read it.
        if (value is string s) return new JsonObject { ["text/plain"] = s };

        var data = new JsonObject();
        var formatters = FormattersFor(value.GetType());
        foreach (var mime in new[] { "text/html", "text/plain" })
            if (TryConvention(formatters, mime, value) is { } text) data[mime] = text;

        string plain = data["text/plain"]?.GetValue<string>() ?? PlainText(value);
        data["text/plain"] ??= plain;
        data["text/html"] ??= $"<pre>{WebUtility.HtmlEncode(plain)}</pre>";
        // Keys in a stable order: html first, as Jupyter writes them.
        var output = new JsonObject { ["text/html"] = data["text/html"]!.DeepClone(), ["text/plain"] = data["text/plain"]!.DeepClone() };
        // A test's report to the grader (CourseKit's Grading.Report) also carries its plain data under its own type.
        if (TryConvention(formatters, ReportMimeType, value) is { } report) output[ReportMimeType] = report;
        return output;
    }

    /// <summary>ToString(), except for sequences, which show their items as the kernel's plain text does.</summary>
    static string PlainText(object value)
    {
        if (value is string s) return s;
        if (value is IEnumerable items && value.GetType().GetMethod("ToString", Type.EmptyTypes)?.DeclaringType == typeof(object))
        {
            var shown = items.Cast<object?>().Take(21).Select(i => i?.ToString() ?? "<null>").ToList();
            return "[ " + string.Join(", ", shown.Take(20)) + (shown.Count > 20 ? ", …" : "") + " ]";
        }
        return value.ToString() ?? "";
    }

    static string? TryConvention(IReadOnlyList<Convention> formatters, string mime, object value)
    {
        // The most derived matching type wins, as with the kernel's formatter registry.
        foreach (var f in formatters.Where(f => f.MimeType == mime && f.Type.IsInstanceOfType(value))
                                    .OrderByDescending(f => Depth(f.Type)))
        {
            try
            {
                using var writer = new StringWriter();
                if (f.Format(value, writer)) return writer.ToString();
            }
            catch (Exception e)
            {
                var inner = e is TargetInvocationException { InnerException: { } ie } ? ie : e;
                return mime == "text/html"
                    ? $"<pre>Formatter for {WebUtility.HtmlEncode(f.Type.Name)} failed: {WebUtility.HtmlEncode(inner.Message)}</pre>"
                    : $"Formatter for {f.Type.Name} failed: {inner.Message}";
            }
        }
        return null;
    }

    static int Depth(Type t)
    {
        if (t.IsInterface) return 0;
        int d = 1;
        for (var b = t.BaseType; b is not null; b = b.BaseType) d++;
        return d;
    }

    static IReadOnlyList<Convention> FormattersFor(Type type) => TypeCache.GetOrAdd(type, t =>
    {
        var result = new List<Convention>();
        var seen = new HashSet<Type>();
        foreach (var candidate in SelfBasesAndInterfaces(t))
            foreach (var attribute in SafeAttributes(candidate))
            {
                var attributeType = attribute.GetType();
                if (attributeType.Name != "TypeFormatterSourceAttribute") continue;
                if (attributeType.GetProperty("FormatterSourceType")?.GetValue(attribute) is Type source && seen.Add(source))
                    result.AddRange(SourceCache.GetOrAdd(source, CreateFormatters));
            }
        return result;
    });

    static IEnumerable<Type> SelfBasesAndInterfaces(Type t)
    {
        for (var b = t; b is not null; b = b.BaseType) yield return b;
        foreach (var i in t.GetInterfaces()) yield return i;
    }

    static object[] SafeAttributes(Type t)
    {
        try { return t.GetCustomAttributes(inherit: false); }
        catch { return []; }
    }

    const BindingFlags AnyInstance = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;

    /// <summary>Public members first, then explicit interface implementations ("ITypeFormatter.MimeType").</summary>
    static T? Member<T>(Type t, string name) where T : MemberInfo =>
        t.GetMembers(AnyInstance).OfType<T>().Where(m => Named(m, name)).OrderBy(m => m.Name == name ? 0 : 1).FirstOrDefault();

    static bool Named(MemberInfo m, string name) => m.Name == name || m.Name.EndsWith("." + name, StringComparison.Ordinal);

    static IReadOnlyList<Convention> CreateFormatters(Type source)
    {
        var list = new List<Convention>();
        try
        {
            var instance = Activator.CreateInstance(source, nonPublic: true);
            var create = source.GetMethod("CreateTypeFormatters", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static, Type.EmptyTypes);
            if (create?.Invoke(create.IsStatic ? null : instance, null) is not IEnumerable formatters) return list;
            foreach (var formatter in formatters)
            {
                if (formatter is null) continue;
                var ft = formatter.GetType();
                var mime = Member<PropertyInfo>(ft, "MimeType")?.GetValue(formatter) as string;
                var type = Member<PropertyInfo>(ft, "Type")?.GetValue(formatter) as Type;
                var format = ft.GetMethods(AnyInstance).FirstOrDefault(m => Named(m, "Format") && m.ReturnType == typeof(bool)
                    && m.GetParameters() is { Length: 2 } p && p[1].ParameterType == typeof(TextWriter));
                if (mime is null || type is null || format is null) continue;
                list.Add(new Convention(mime, type, (value, writer) => (bool)format.Invoke(formatter, [value, writer])!));
            }
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"coursekit: formatter source {source.FullName} could not be used: {(e.InnerException ?? e).Message}");
        }
        return list;
    }
}
