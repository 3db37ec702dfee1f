namespace CourseKit;

/// <summary>
/// Wraps an explanation's HTML so that its LaTeX is typeset wherever it is shown: in a notebook (VS Code, Jupyter) and
/// in pages exported by <c>coursekit run --html</c>. Like figures load plotly.js, the fragment uses KaTeX's
/// auto-render when the page already has it, and otherwise loads KaTeX from its CDN once per page.
/// </summary>
public static class MathHtml
{
    /// <summary>The KaTeX version loaded from the CDN when the page has none.</summary>
    public const string KatexVersion = "0.16.11";

    /// <summary>A div (with <paramref name="cssClass"/>) holding <paramref name="innerHtml"/>, plus the script that typesets
    /// its <c>$…$</c> and <c>$$…$$</c> formulas.</summary>
    public static string Block(string innerHtml, string cssClass = "coursekit-explain")
    {
        string id = "ck-math-" + Guid.NewGuid().ToString("N")[..12];
        string cdn = $"https://cdn.jsdelivr.net/npm/katex@{KatexVersion}/dist";
        return $$"""
            <div id="{{id}}" class="{{cssClass}}">{{innerHtml}}</div>
            <script>
            (function () {
              var el = document.getElementById('{{id}}');
              var opts = { delimiters: [{left: '$$', right: '$$', display: true}, {left: '$', right: '$', display: false}], throwOnError: false };
              function typeset() { if (window.renderMathInElement) window.renderMathInElement(el, opts); }
              if (window.renderMathInElement) { typeset(); return; }
              var waiting = window.__coursekitKatex = window.__coursekitKatex || [];
              waiting.push(typeset);
              if (waiting.length > 1) return;
              function load(src, then) { var s = document.createElement('script'); s.src = src; s.onload = then; document.head.appendChild(s); }
              var css = document.createElement('link'); css.rel = 'stylesheet'; css.href = '{{cdn}}/katex.min.css'; document.head.appendChild(css);
              load('{{cdn}}/katex.min.js', function () {
                load('{{cdn}}/contrib/auto-render.min.js', function () { waiting.splice(0).forEach(function (f) { f(); }); });
              });
            })();
            </script>
            """;
    }
}
