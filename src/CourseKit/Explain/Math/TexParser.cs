namespace CourseKit;

/// <summary>
/// Reads a TeX formula into a tree of MathML elements (<see cref="MathNode"/>). It never throws: what it cannot read
/// (an unknown command, a missing brace) becomes a visible <c>merror</c> and the rest of the formula still renders.
/// This file reads rows of atoms and their scripts; the commands and environments are in the other parts.
/// </summary>
internal sealed partial class TexParser
{
    /// <summary>What ends a row besides the end of the formula.</summary>
    [Flags]
    private enum Stop
    {
        None = 0,
        Group = 1,      // }
        Right = 2,      // \right
        Cell = 4,       // &, \\, \cr and \end inside a table
        Bracket = 8,    // ] after \sqrt[
        Dollar = 16,    // $ ending math inside \text{…}
    }

    private readonly List<TexToken> _tokens;
    private int _at;
    private MathFont _font = MathFont.None;

    private TexParser(string tex) => _tokens = TexTokenizer.Tokenize(tex);

    /// <summary>The formula as one MathML element (an mrow, or an mtable when it has several lines).</summary>
    public static MathNode Parse(string tex)
    {
        var parser = new TexParser(tex);
        var rows = parser.ParseTable();
        while (!parser.AtEnd)                                   // an \end without \begin: said visibly, then go on
        {
            parser.Next();
            var error = MathNode.Error($"\\end{{{parser.RawArgument()}}} without \\begin");
            var more = parser.ParseTable();
            rows[^1][^1] = MathNode.Row([rows[^1][^1], error, more[0][0]]);
            rows.AddRange(more.Skip(1));
        }
        return rows.Count == 1 && rows[0].Count == 1 ? rows[0][0] : Lines(rows);
    }

    private bool AtEnd => _at >= _tokens.Count;

    private TexToken Peek() => AtEnd ? new(TexTokenKind.Space, "") : _tokens[_at];

    private TexToken Next() => AtEnd ? new(TexTokenKind.Space, "") : _tokens[_at++];

    private void SkipSpaces()
    {
        while (!AtEnd && _tokens[_at].Kind == TexTokenKind.Space) _at++;
    }

    private bool Ends(TexToken t, Stop stop) =>
        (t.Kind == TexTokenKind.Close && stop.HasFlag(Stop.Group))
        || (t.IsCommand("right") && stop.HasFlag(Stop.Right))
        || ((t.Kind == TexTokenKind.Align || t.IsCommand("\\") || t.IsCommand("cr") || t.IsCommand("end")) && stop.HasFlag(Stop.Cell))
        || (t.IsSymbol("]") && stop.HasFlag(Stop.Bracket))
        || (t.IsSymbol("$") && stop.HasFlag(Stop.Dollar));

    /// <summary>Atoms up to (not including) what ends the row, spaced as TeX spaces them.</summary>
    private MathNode ParseRow(Stop stop)
    {
        var items = new List<MathNode>();
        while (true)
        {
            SkipSpaces();
            if (AtEnd) break;
            var t = Peek();
            if (Ends(t, stop)) break;
            if (t.Kind == TexTokenKind.Close || t.IsCommand("right") || t.IsCommand("end"))
            {
                Next();                                         // a }, \right or \end that closes nothing here
                items.Add(MathNode.Error($"unexpected {t.Source}"));
                continue;
            }
            if (t.Kind == TexTokenKind.Align || t.IsCommand("\\") || t.IsCommand("cr"))
            {
                Next();                                         // a line break or & outside a table: ignored
                continue;
            }
            if (SwitchForRestOfRow(t, stop) is { } switched)
            {
                items.Add(switched);
                break;
            }
            var atom = ParseAtom();
            if (atom is null) continue;
            items.Add(ParseScripts(atom));
        }
        return MathNode.Row(TexSpacing.Space(items));
    }

    /// <summary>One atom without its scripts: a letter, a number, a symbol, a {group} or a command; null for what draws nothing.</summary>
    private MathNode? ParseAtom()
    {
        var t = Next();
        switch (t.Kind)
        {
            case TexTokenKind.Letter:
                return Letters(t.Text);
            case TexTokenKind.Digit:
                return Number(t.Text);
            case TexTokenKind.Open:
                return Group();
            case TexTokenKind.Subscript or TexTokenKind.Superscript:
                _at--;                                          // a script with nothing before it: {}_x
                return new MathNode("mrow");
            case TexTokenKind.Command:
                return Command(t.Text);
            case TexTokenKind.Symbol:
                return Symbol(t.Text);
            default:
                return null;
        }
    }

    /// <summary>A {group}: its row (scripts on the group go on the whole row).</summary>
    private MathNode Group()
    {
        var row = ParseRow(Stop.Group);
        if (Peek().Kind == TexTokenKind.Close) Next();
        return row.Unwrapped();
    }

    /// <summary>A letter, or with a font like \mathrm or \mathbf a run of letters as one identifier ("relu", "𝐱𝐲").</summary>
    private MathNode Letters(string first)
    {
        if (_font == MathFont.None) return new MathNode("mi", first);
        var text = first;
        while (Peek().Kind == TexTokenKind.Letter || Peek().IsCommand("_")) text += Next().Text;
        if (_font == MathFont.Roman)
            return text.Length == 1 ? new MathNode("mi", text).Set("mathvariant", "normal") : new MathNode("mi", text);
        return new MathNode("mi", string.Concat(text.Select(c => MathAlphabets.Map(c, _font))));
    }

    /// <summary>Digits with at most one decimal point: 3.14, 0.5, 10.</summary>
    private MathNode Number(string first)
    {
        var text = first;
        while (Peek().Kind == TexTokenKind.Digit) text += Next().Text;
        if (Peek().IsSymbol(".") && _at + 1 < _tokens.Count && _tokens[_at + 1].Kind == TexTokenKind.Digit)
        {
            text += Next().Text;
            while (Peek().Kind == TexTokenKind.Digit) text += Next().Text;
        }
        return new MathNode("mn", _font is MathFont.None or MathFont.Roman ? text : string.Concat(text.Select(c => MathAlphabets.Map(c, _font))));
    }

    /// <summary>A character that is not a letter or digit: operators, relations, delimiters, punctuation.</summary>
    private static MathNode Symbol(string c) => c switch
    {
        "+" => MathNode.Operator("+", AtomClass.Bin),
        "-" => MathNode.Operator("−", AtomClass.Bin),
        "*" => MathNode.Operator("∗", AtomClass.Bin),
        "=" or "<" or ">" => MathNode.Operator(c, AtomClass.Rel),
        ":" => MathNode.Operator(":", AtomClass.Rel),
        "," or ";" => MathNode.Operator(c, AtomClass.Punct).Set("lspace", "0").Set("rspace", "0.1667em"),   // a thin space after, as TeX
        "(" or "[" => MathNode.Operator(c, AtomClass.Open).Set("stretchy", "false"),
        ")" or "]" => MathNode.Operator(c, AtomClass.Close).Set("stretchy", "false"),
        "|" or "/" => MathNode.Operator(c, AtomClass.Ord).Set("stretchy", "false").Set("lspace", "0").Set("rspace", "0"),
        "'" => MathNode.Operator("′", AtomClass.Ord),
        "~" => new MathNode("mtext", "\u00A0"),
        "!" or "?" or "." or "@" or "\"" => MathNode.Operator(c, AtomClass.Ord),
        _ when c.Length > 0 && char.IsLetter(c, 0) => new MathNode("mi", c),
        _ => new MathNode("mo", c),
    };

    /// <summary>The atom with the sub- and superscripts and primes that follow it.</summary>
    private MathNode ParseScripts(MathNode atom)
    {
        MathNode? sub = null, sup = null;
        int primes = 0;
        bool? limits = null;
        while (true)
        {
            SkipSpaces();
            var t = Peek();
            if (t.IsSymbol("'")) { Next(); primes++; }
            else if (t.Kind == TexTokenKind.Subscript) { Next(); sub = Joined(sub, TexSpacing.Tight(Argument("_"))); }
            else if (t.Kind == TexTokenKind.Superscript) { Next(); sup = Joined(sup, TexSpacing.Tight(Argument("^"))); }
            else if (t.IsCommand("limits")) { Next(); limits = true; }
            else if (t.IsCommand("nolimits")) { Next(); limits = false; }
            else break;
        }
        MathNode? prime = null;
        if (primes > 0)
        {
            prime = MathNode.Operator(primes switch { 1 => "′", 2 => "″", 3 => "‴", _ => new string('′', primes) }, AtomClass.Ord);
            if (sup is not null) (sup, prime) = (MathNode.Row([prime, sup]), null);
        }
        // A prime alone follows its base: math fonts draw ′ already raised (as a superscript it would shrink to a speck).
        MathNode Primed(MathNode node) => prime is null ? node
            : MathNode.Row([node, prime.Set("lspace", "0").Set("rspace", "0")]).WithAtom(node.Atom).AsFunction(node.IsFunction);
        if (sub is null && sup is null) return Primed(atom);

        bool under = limits ?? atom.LimitsUnderOver;
        if (limits == true) atom.Set("movablelimits", "false");
        string tag = (under, sub, sup) switch
        {
            (true, not null, not null) => "munderover",
            (true, not null, null) => "munder",
            (true, null, _) => "mover",
            (false, not null, not null) => "msubsup",
            (false, not null, null) => "msub",
            _ => "msup",
        };
        var scripted = new MathNode(tag, atom: atom.Atom) { IsFunction = atom.IsFunction }.Add(atom);
        if (sub is not null) scripted.Add(sub);
        if (sup is not null) scripted.Add(sup);
        return Primed(scripted);
    }

    private static MathNode Joined(MathNode? before, MathNode next) => before is null ? next : MathNode.Row([before, next]);

    /// <summary>The argument of a command or script: a {group}, or a single token (<c>x^2</c> takes only the 2 of 23).</summary>
    private MathNode Argument(string what)
    {
        SkipSpaces();
        var t = Peek();
        if (AtEnd || t.Kind is TexTokenKind.Close or TexTokenKind.Align || t.IsCommand("\\") || t.IsCommand("end") || t.IsCommand("right"))
            return MathNode.Error($"{what} needs an argument");
        if (t.Kind == TexTokenKind.Digit)
        {
            Next();
            return new MathNode("mn", t.Text);
        }
        return ParseAtom() ?? new MathNode("mrow");
    }

    /// <summary>The text of an argument that is a name rather than math: <c>{bmatrix}</c>, <c>{red}</c>, <c>{cc}</c>.</summary>
    private string RawArgument()
    {
        SkipSpaces();
        if (Peek().Kind != TexTokenKind.Open) return Next().Text;
        Next();
        var text = new System.Text.StringBuilder();
        for (int depth = 0; !AtEnd; )
        {
            var t = Next();
            if (t.Kind == TexTokenKind.Open) depth++;
            else if (t.Kind == TexTokenKind.Close && depth-- == 0) break;
            text.Append(t.Source);
        }
        return text.ToString();
    }

    /// <summary>The argument parsed with <paramref name="font"/> for its letters.</summary>
    private MathNode WithFont(MathFont font, Func<MathNode> parse)
    {
        var before = _font;
        _font = font;
        try { return parse(); }
        finally { _font = before; }
    }
}
