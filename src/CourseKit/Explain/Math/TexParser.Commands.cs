using System.Text;

namespace CourseKit;

internal sealed partial class TexParser
{
    /// <summary>A command: a symbol from <see cref="TexSymbols"/>, or one that takes arguments (\frac, \sqrt, \text, …).
    /// An unknown command becomes a visible error naming it.</summary>
    private MathNode? Command(string name)
    {
        if (TexSymbols.Identifiers.TryGetValue(name, out var letter))
            return new MathNode("mi", _font == MathFont.Bold ? MathAlphabets.BoldGreek(letter) : letter);
        if (TexSymbols.UprightIdentifiers.TryGetValue(name, out var upright))
            return new MathNode("mi", _font == MathFont.Bold ? MathAlphabets.BoldGreek(upright) : upright).Set("mathvariant", "normal");
        if (TexSymbols.Operators.TryGetValue(name, out var op))
        {
            var mo = MathNode.Operator(op.Text, op.Atom);
            return TexSymbols.Delimiter(new(TexTokenKind.Command, name)) is not null ? mo.Set("stretchy", "false") : mo;
        }
        if (TexSymbols.LargeOperators.TryGetValue(name, out var large))
            return new MathNode("mo", large.Text, AtomClass.Op) { LimitsUnderOver = large.Limits };
        if (TexSymbols.Functions.Contains(name)) return new MathNode("mi", name, AtomClass.Op) { IsFunction = true };
        if (TexSymbols.FunctionsWithLimits.Contains(name)) return LimitsOperator(name.Replace("arg", "arg ").Replace("lim", "lim ").Trim());
        if (TexSymbols.Spaces.TryGetValue(name, out var width)) return MathNode.Space(width);
        if (TexSymbols.Accents.TryGetValue(name, out var accent))
            return new MathNode("mover").Set("accent", "true")
                .Add(Argument("\\" + name), MathNode.Operator(accent.Mark, AtomClass.Ord).Set("stretchy", accent.Stretchy ? "true" : "false"));
        if (MathAlphabets.FontOf(name) is { } font) return WithFont(font, () => Argument("\\" + name));
        if (TexSymbols.BigSize(name) is { } size && name.StartsWith("big", StringComparison.OrdinalIgnoreCase)) return Big(name, size);

        switch (name)
        {
            case "frac" or "cfrac" or "dfrac" or "tfrac":
                var fraction = new MathNode("mfrac").Add(Argument("\\" + name), Argument("\\" + name));
                return name switch { "dfrac" or "cfrac" => fraction.Set("displaystyle", "true"), "tfrac" => fraction.Set("displaystyle", "false"), _ => fraction };
            case "binom" or "dbinom" or "tbinom":
                var choose = new MathNode("mfrac").Set("linethickness", "0").Add(Argument("\\" + name), Argument("\\" + name));
                if (name != "binom") choose.Set("displaystyle", name == "dbinom" ? "true" : "false");
                return MathNode.Row([StretchyFence("(", AtomClass.Open), choose, StretchyFence(")", AtomClass.Close)]);
            case "sqrt":
                return Root();
            case "text" or "textrm" or "textnormal" or "textup" or "mbox" or "hbox":
                return Text(null);
            case "textbf":
                return Text("font-weight:bold");
            case "textit" or "emph":
                return Text("font-style:italic");
            case "texttt":
                return Text("font-family:monospace");
            case "textsf":
                return Text("font-family:sans-serif");
            case "operatorname" or "operatorname*":
                var named = WithFont(MathFont.Roman, () => Argument("\\" + name));
                if (name.EndsWith('*')) return named.Text is { } text ? LimitsOperator(text) : named;
                return named.WithAtom(AtomClass.Op).AsFunction(true);
            case "mathrel" or "mathbin" or "mathop" or "mathord" or "mathopen" or "mathclose" or "mathpunct":
                return AsAtom(name, Argument("\\" + name));
            case "left":
                return LeftRight();
            case "middle":
                return MathNode.Operator(Delimiter("\\middle"), AtomClass.Rel).Set("stretchy", "true").Set("symmetric", "true");
            case "begin":
                return Environment(RawArgument());
            case "underbrace" or "overbrace":
                bool under = name == "underbrace";
                // scripts go under (over) the brace; spaced as an ordinary atom so that A·W+b keeps its spaces
                return new MathNode(under ? "munder" : "mover") { LimitsUnderOver = true }
                    .Add(Argument("\\" + name), MathNode.Operator(under ? "⏟" : "⏞", AtomClass.Ord).Set("stretchy", "true"));
            case "underline":
                return new MathNode("munder").Set("accentunder", "true").Add(Argument("\\underline"), MathNode.Operator("_", AtomClass.Ord).Set("stretchy", "true"));
            case "overset" or "stackrel" or "underset":
                var script = Argument("\\" + name);
                var body = Argument("\\" + name);
                return new MathNode(name == "underset" ? "munder" : "mover", atom: name == "stackrel" ? AtomClass.Rel : body.Atom).Add(body, script);
            case "boxed":
                return MathNode.Row([Argument("\\boxed")]).Set("style", "border:1px solid currentColor;padding:0.2em 0.3em");
            case "phantom" or "hphantom" or "vphantom":
                return new MathNode("mphantom").Add(Argument("\\" + name));
            case "textcolor":
                var color = Color(RawArgument());
                return MathNode.Row([Argument("\\textcolor")]).Set("mathcolor", color);
            case "not":
                var negated = Argument("\\not");
                if (negated.Text is { } t) negated.Text = (t + "\u0338").Normalize(NormalizationForm.FormC);
                return negated;
            case "bmod" or "mod":
                return MathNode.Row([MathNode.Space(name == "mod" ? "1em" : "0.2222em"), new MathNode("mi", "mod"), MathNode.Space(name == "mod" ? "0.3333em" : "0.2222em")]);
            case "pmod":
                return MathNode.Row([MathNode.Space("1em"), Fence("("), new MathNode("mi", "mod"), MathNode.Space("0.3333em"), Argument("\\pmod"), Fence(")")]);
            case "!":
                return MathNode.Space("0").Set("style", "margin-left:-0.1667em");
            case "label" or "tag":
                RawArgument();
                return null;
            case "hline" or "hdashline" or "nonumber" or "notag" or "limits" or "nolimits" or "\\" or "cr":
                return null;
            default:
                return MathNode.Error("\\" + name);
        }
    }

    /// <summary>
    /// \displaystyle, \textstyle, \color and the old font switches (\rm, \bf) change everything after them in the row:
    /// the rest of the row, styled; null for any other token.
    /// </summary>
    private MathNode? SwitchForRestOfRow(TexToken t, Stop stop)
    {
        if (t.Kind != TexTokenKind.Command) return null;
        switch (t.Text)
        {
            case "displaystyle" or "textstyle" or "scriptstyle" or "scriptscriptstyle":
                Next();
                var style = new MathNode("mstyle").Set("displaystyle", t.Text == "displaystyle" ? "true" : "false");
                if (t.Text.StartsWith("script")) style.Set("scriptlevel", t.Text == "scriptstyle" ? "1" : "2");
                return style.Add(ParseRow(stop));
            case "color":
                Next();
                var color = Color(RawArgument());
                return new MathNode("mstyle").Set("mathcolor", color).Add(ParseRow(stop));
            case "rm" or "bf" or "it" or "cal" or "sf" or "tt":
                Next();
                return WithFont(MathAlphabets.FontOf(t.Text)!.Value, () => ParseRow(stop));
            default:
                return null;
        }
    }

    /// <summary>\sqrt{x} or \sqrt[n]{x}.</summary>
    private MathNode Root()
    {
        SkipSpaces();
        if (!Peek().IsSymbol("[")) return new MathNode("msqrt").Add(Argument("\\sqrt"));
        Next();
        var index = ParseRow(Stop.Bracket);
        if (Peek().IsSymbol("]")) Next();
        return new MathNode("mroot").Add(Argument("\\sqrt"), index.Unwrapped());
    }

    /// <summary>\text{…}: words as they are written, with $…$ inside typeset as math again.</summary>
    private MathNode Text(string? style)
    {
        SkipSpaces();
        var parts = new List<MathNode>();
        var words = new StringBuilder();
        void Flush()
        {
            if (words.Length == 0) return;
            // Spaces at the ends of a token would be dropped: keep them as no-break spaces (as TeX keeps them).
            var mtext = new MathNode("mtext", words.ToString().Replace(' ', '\u00A0'));
            parts.Add(style is null ? mtext : mtext.Set("style", style));
            words.Clear();
        }

        if (Peek().Kind != TexTokenKind.Open) words.Append(Next().Text);
        else
        {
            Next();
            for (int depth = 0; !AtEnd; )
            {
                var t = Next();
                if (t.Kind == TexTokenKind.Open) depth++;
                else if (t.Kind == TexTokenKind.Close) { if (depth-- == 0) break; }
                else if (t.IsSymbol("$"))
                {
                    Flush();
                    parts.Add(WithFont(MathFont.None, () => ParseRow(Stop.Dollar | Stop.Group)));
                    if (Peek().IsSymbol("$")) Next();
                }
                else if (t.IsSymbol("~")) words.Append('\u00A0');
                else if (t.Kind != TexTokenKind.Command) words.Append(t.Text);
                else if (t.Text is "_" or "{" or "}" or "$" or "%" or "&" or "#" or " ") words.Append(t.Text);
                else if (t.Text is "textbackslash") words.Append('\\');
                else if (t.Text is "ldots" or "dots") words.Append('…');
                else if (t.Text is "\\") words.Append(' ');
                else { Flush(); parts.Add(MathNode.Error("\\" + t.Text)); }
            }
        }
        Flush();
        return parts.Count == 1 ? parts[0] : MathNode.Row(parts);
    }

    /// <summary>An operator name whose scripts go under it in display style: max, min, lim, or \operatorname*{…}.
    /// Like ln and exp it is a function, spaced by <see cref="TexSpacing"/>.</summary>
    private static MathNode LimitsOperator(string name) =>
        new MathNode("mo", name, AtomClass.Op) { LimitsUnderOver = true, IsFunction = true }
            .Set("movablelimits", "true").Set("form", "prefix").Set("lspace", "0").Set("rspace", "0");

    /// <summary>\mathrel{…} and friends: the argument spaced as a relation, binary operator, large operator, …</summary>
    private static MathNode AsAtom(string command, MathNode body)
    {
        var atom = command switch
        {
            "mathrel" => AtomClass.Rel,
            "mathbin" => AtomClass.Bin,
            "mathop" => AtomClass.Op,
            "mathopen" => AtomClass.Open,
            "mathclose" => AtomClass.Close,
            "mathpunct" => AtomClass.Punct,
            _ => AtomClass.Ord,
        };
        if (command == "mathop") return body.Text is { } name ? LimitsOperator(name) : body;
        if (body.Text is null) return MathNode.Row([body]).WithAtom(atom);
        var (lspace, rspace) = atom switch
        {
            AtomClass.Rel => ("0.2778em", "0.2778em"),
            AtomClass.Bin => ("0.2222em", "0.2222em"),
            AtomClass.Punct => ("0", "0.1667em"),
            _ => ("0", "0"),
        };
        return MathNode.Operator(body.Text, atom).Set("lspace", lspace).Set("rspace", rspace);
    }

    /// <summary>\big( … \Bigg]: a delimiter of a fixed larger size.</summary>
    private MathNode Big(string command, string size)
    {
        var atom = command[^1] switch { 'l' => AtomClass.Open, 'r' => AtomClass.Close, 'm' => AtomClass.Rel, _ => AtomClass.Ord };
        return MathNode.Operator(Delimiter("\\" + command), atom)
            .Set("stretchy", "true").Set("symmetric", "true").Set("minsize", size).Set("maxsize", size);
    }

    /// <summary>A colour name or #rgb for mathcolor; anything else is left out rather than written into the page.</summary>
    private static string Color(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '#') ? name : "inherit";
}
