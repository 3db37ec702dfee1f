using System.Text;

namespace CourseKit;

/// <summary>How TeX spaces an atom against its neighbours: an ordinary symbol, a large operator (∑, max), a binary
/// operator (+, ×), a relation (=, ≤, →), an opening or closing delimiter, or punctuation.</summary>
internal enum AtomClass { Ord, Op, Bin, Rel, Open, Close, Punct }

/// <summary>
/// One MathML element of a converted formula: a token (<c>mi</c>, <c>mn</c>, <c>mo</c>, <c>mtext</c>) with its text, or a
/// layout element (<c>mrow</c>, <c>mfrac</c>, <c>msub</c>, <c>mtable</c>, …) with children. Besides what is written out
/// it remembers what the TeX parser needs to space and place it: its atom class, whether scripts go under and over it
/// (∑ in display), and whether it names a function (ln, exp) that is applied to what follows.
/// </summary>
internal sealed class MathNode
{
    public MathNode(string tag, string? text = null, AtomClass atom = AtomClass.Ord)
    {
        Tag = tag;
        Text = text;
        Atom = atom;
    }

    /// <summary>The element name, e.g. "mi" or "mfrac".</summary>
    public string Tag { get; }

    /// <summary>The text of a token element; null for layout elements.</summary>
    public string? Text { get; set; }

    public List<MathNode> Children { get; } = [];

    public List<KeyValuePair<string, string>> Attributes { get; } = [];

    /// <summary>The TeX atom class, used to space operators as TeX does.</summary>
    public AtomClass Atom { get; set; }

    /// <summary>Sub- and superscripts go under and over (∑, max, \underbrace) rather than beside.</summary>
    public bool LimitsUnderOver { get; set; }

    /// <summary>A function name (ln, exp, \operatorname{softmax}): an invisible function application follows it.</summary>
    public bool IsFunction { get; set; }

    public static MathNode Row(IEnumerable<MathNode> children) => new MathNode("mrow").Add(children);

    public static MathNode Operator(string text, AtomClass atom) => new("mo", text, atom);

    /// <summary>A visible error: the formula goes on, and the reader sees what could not be typeset.</summary>
    public static MathNode Error(string message) => new MathNode("merror").Add(new MathNode("mtext", message));

    public static MathNode Space(string width) => new MathNode("mspace").Set("width", width);

    public MathNode Add(params IEnumerable<MathNode> children)
    {
        Children.AddRange(children);
        return this;
    }

    public MathNode Set(string name, string value)
    {
        Attributes.RemoveAll(a => a.Key == name);
        Attributes.Add(new(name, value));
        return this;
    }

    public MathNode WithAtom(AtomClass atom)
    {
        Atom = atom;
        return this;
    }

    public MathNode AsFunction(bool isFunction)
    {
        IsFunction = isFunction;
        return this;
    }

    /// <summary>This node, unless it is an mrow holding exactly one child: then that child (keeping its own class).</summary>
    public MathNode Unwrapped() => Tag == "mrow" && Children.Count == 1 && Attributes.Count == 0 ? Children[0] : this;

    /// <summary>The element as MathML, with text and attribute values escaped.</summary>
    public void WriteTo(StringBuilder sb)
    {
        sb.Append('<').Append(Tag);
        foreach (var (name, value) in Attributes) sb.Append(' ').Append(name).Append("=\"").Append(Escape(value, attribute: true)).Append('"');
        if (Text is null && Children.Count == 0 && Tag is "mspace" or "mrow" or "mtd")
        {
            sb.Append("/>");
            return;
        }
        sb.Append('>');
        if (Text is not null) sb.Append(Escape(Text, attribute: false));
        foreach (var child in Children) child.WriteTo(sb);
        sb.Append("</").Append(Tag).Append('>');
    }

    /// <summary>Text for an element or an attribute value: &amp;, &lt; and &gt; (and quotes in attributes) escaped.</summary>
    public static string Escape(string text, bool attribute)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' when attribute => "&quot;",
                _ => c.ToString(),
            });
        return sb.ToString();
    }
}
