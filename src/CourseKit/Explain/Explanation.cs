namespace CourseKit;

/// <summary>
/// A lecture step worked out with the student's own numbers: a data model (checked by tests), an HTML view for
/// notebooks (formulas written in TeX and typeset as MathML, which browsers draw without any script) and a plain-text
/// form. Every <c>Explain.…</c> method returns one.
/// </summary>
public abstract class Explanation
{
    /// <summary>A short title, e.g. "Forward pass of sequential_2".</summary>
    public abstract string Title { get; }

    /// <summary>The notebook view: a self-contained HTML fragment (formulas written between <c>$…$</c> / <c>$$…$$</c> are
    /// typeset as MathML by <see cref="MathHtml"/>).</summary>
    public abstract string ToHtml();

    /// <summary>The same content as plain text (formulas in a readable ASCII/Unicode form).</summary>
    public abstract override string ToString();
}
