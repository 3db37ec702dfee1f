using System.Text;

namespace CourseKit;

/// <summary>
/// The step walker every explainer shares: previous/next and "All steps" buttons over a list of steps, one step shown at
/// a time. Every step is written into the HTML as it is: without JavaScript (an exported page opened where scripts
/// don't run, GitHub's notebook view, an untrusted notebook) the buttons stay hidden and the steps are a plain list, all
/// visible. The small script only adds the class <c>ck-js</c> to the root, which hides the steps but the current one
/// (marked <c>ck-on</c>); "All steps" shows every step again, and printing the page always does.
/// </summary>
internal static class StepView
{
    /// <summary>How the steps are written: the element of the list and of each step, and extras for the walker.</summary>
    /// <param name="ListTag">The element around the steps ("div", or "ol" for a numbered list).</param>
    /// <param name="StepTag">The element of one step ("div", "section", "li").</param>
    /// <param name="ListClass">CSS classes of the list element, if any.</param>
    /// <param name="StepAttributes">Extra attributes of step k (style, data-*), written as they are.</param>
    /// <param name="AllButton">Whether there is an "All steps" button that shows every step at once (there is, unless a
    /// walker has another way to show them all).</param>
    /// <param name="OnShow">A JavaScript function <c>(root, step, all)</c> called after each change, e.g. to fill an output grid.</param>
    public sealed record Options(string ListTag = "div", string StepTag = "div", string? ListClass = null,
                                 Func<int, string>? StepAttributes = null, bool AllButton = true, string? OnShow = null);

    /// <summary>A fresh element id with the given prefix, e.g. "ck-fp-3f2a…".</summary>
    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// The navigation, the steps and the script, to be written inside the element with id <paramref name="id"/>
    /// (the root the script looks for).
    /// </summary>
    public static string Render(string id, IReadOnlyList<string> steps, Options? options = null)
    {
        var o = options ?? new Options();
        var sb = new StringBuilder("<style>")
            .Append($"#{id} .ck-nav{{display:none;margin:4px 0}}#{id}.ck-js .ck-nav{{display:block}}")
            .Append($"#{id}.ck-js .ck-step{{display:none}}")
            .Append($"#{id}.ck-js .ck-step.ck-on,#{id}.ck-js.ck-all .ck-step{{display:revert}}")
            .Append($"@media print{{#{id}.ck-js .ck-step{{display:revert}}#{id}.ck-js .ck-nav{{display:none}}}}</style>");
        sb.Append("<div class=\"ck-nav\">")
          .Append("<button type=\"button\" class=\"ck-prev\" data-ck=\"prev\" title=\"previous step\">◀ Previous</button> ")
          .Append("<span class=\"ck-pos\" data-ck=\"pos\"></span> ")
          .Append("<button type=\"button\" class=\"ck-next\" data-ck=\"next\" title=\"next step\">Next ▶</button>");
        if (o.AllButton) sb.Append(" <button type=\"button\" class=\"ck-all\" data-ck=\"all\">All steps</button>");
        sb.Append("</div>");
        sb.Append($"<{o.ListTag} data-ck=\"steps\"").Append(o.ListClass is null ? "" : $" class=\"{o.ListClass}\"").Append('>');
        for (int k = 0; k < steps.Count; k++)
            sb.Append($"<{o.StepTag} class=\"ck-step\" data-step=\"{k}\"").Append(o.StepAttributes?.Invoke(k) ?? "")
              .Append('>').Append(steps[k]).Append($"</{o.StepTag}>");
        sb.Append($"</{o.ListTag}>");
        return sb.Append(Script(id, o.OnShow)).ToString();
    }

    // Prev/next move one step (and leave "all"); "All steps" toggles showing every step. Only the root's own list counts,
    // so a walker nested inside a step keeps its own steps.
    private static string Script(string id, string? onShow) => $$"""
        <script>
        (function () {
          var root = document.getElementById('{{id}}'); if (!root) return;
          var list = root.querySelector('[data-ck="steps"]'), steps = list ? list.children : [];
          if (!steps.length) return;
          var pos = root.querySelector('[data-ck="pos"]'), all = root.querySelector('[data-ck="all"]'), at = 0, every = false;
          var onShow = {{onShow ?? "null"}};
          function show(k) {
            at = Math.max(0, Math.min(steps.length - 1, k));
            for (var i = 0; i < steps.length; i++) steps[i].classList.toggle('ck-on', i === at);
            root.classList.toggle('ck-all', every);
            pos.textContent = every ? 'all steps' : 'step ' + (at + 1) + ' of ' + steps.length;
            if (onShow) onShow(root, steps[at], every);
          }
          root.querySelector('[data-ck="prev"]').onclick = function () { every = false; show(at - 1); };
          root.querySelector('[data-ck="next"]').onclick = function () { every = false; show(at + 1); };
          if (all) all.onclick = function () { every = !every; show(at); };
          root.classList.add('ck-js'); show(0);
        })();
        </script>
        """;
}
