namespace CourseKit;

internal sealed partial class TexParser
{
    /// <summary>Cells split at &amp; and rows at \\ (or \cr), up to \end or the end of the formula; the \end is left
    /// for the caller. A \\ at the very end adds no empty row.</summary>
    private List<List<MathNode>> ParseTable()
    {
        var rows = new List<List<MathNode>> { new() };
        while (true)
        {
            rows[^1].Add(ParseRow(Stop.Cell));
            var t = Peek();
            if (AtEnd || t.IsCommand("end")) break;
            Next();
            if (t.Kind == TexTokenKind.Align) continue;
            SkipSpaces();
            if (Peek().IsSymbol("["))                           // \\[2pt]: extra row space, ignored
                while (!AtEnd && !Next().IsSymbol("]")) { }
            rows.Add([]);
        }
        if (rows.Count > 1 && rows[^1] is [{ Children.Count: 0 }]) rows.RemoveAt(rows.Count - 1);
        return rows;
    }

    /// <summary>\begin{name} … \end{name}: matrices with their brackets, cases, aligned equations, arrays.</summary>
    private MathNode Environment(string name)
    {
        string? columns = name is "array" or "subarray" ? RawArgument() : null;
        if (name is "alignat" or "alignat*" or "alignedat") RawArgument();      // the number of column pairs
        var rows = ParseTable();
        MathNode? problem = null;
        if (Next().IsCommand("end"))
        {
            var closing = RawArgument();
            if (closing != name) problem = MathNode.Error($"\\begin{{{name}}} ended by \\end{{{closing}}}");
        }
        else problem = MathNode.Error($"\\begin{{{name}}} without \\end{{{name}}}");

        MathNode result = name switch
        {
            "matrix" or "smallmatrix" => Table(rows, _ => null),
            "pmatrix" or "bmatrix" or "Bmatrix" or "vmatrix" or "Vmatrix" => Fenced(Table(rows, _ => null), name[0]),
            "array" or "subarray" => Table(rows, c => Align(ColumnAlignment(columns!, c))),
            "cases" or "dcases" => Fenced(Table(rows, CasesColumn), '{'),
            "rcases" => Fenced(Table(rows, CasesColumn), '}'),
            "aligned" or "align" or "align*" or "split" or "alignat" or "alignat*" or "alignedat" or "eqnarray" or "eqnarray*" => Aligned(rows),
            "gathered" or "gather" or "gather*" or "multline" or "multline*" => Table(rows, _ => null).Set("displaystyle", "true"),
            "equation" or "equation*" => rows.Count == 1 && rows[0].Count == 1 ? rows[0][0] : Lines(rows),
            _ => MathNode.Row([MathNode.Error($"unknown environment {name}"), Table(rows, _ => null)]),
        };
        if (name == "smallmatrix") result.Set("scriptlevel", "1");
        if (name == "dcases") result.Set("displaystyle", "true");
        return problem is null ? result : MathNode.Row([result, problem]);
    }

    /// <summary>Several lines at the top of a formula: aligned at &amp; when there is one, else centred.</summary>
    private static MathNode Lines(List<List<MathNode>> rows) =>
        rows.Any(r => r.Count > 1) ? Aligned(rows) : Table(rows, _ => null).Set("displaystyle", "true");

    /// <summary>
    /// Equations aligned at their &amp;s. A cell after an &amp; that starts with "=" or "+" gets an empty atom before it,
    /// as TeX's <c>{}=</c>, so that the operator is spaced as an operator between two things rather than as a sign.
    /// </summary>
    private static MathNode Aligned(List<List<MathNode>> rows)
    {
        foreach (var row in rows)
            for (int c = 1; c < row.Count; c += 2)
                if (row[c].Children.FirstOrDefault() is { Tag: "mo", Atom: AtomClass.Rel or AtomClass.Bin } first)
                {
                    first.Attributes.RemoveAll(a => a.Key is "lspace" or "rspace");
                    row[c].Children.Insert(0, new MathNode("mrow"));
                }
        return Table(rows, AlignedColumn).Set("displaystyle", "true");
    }

    private static MathNode Table(List<List<MathNode>> rows, Func<int, string?> columnStyle)
    {
        var table = new MathNode("mtable");
        foreach (var row in rows)
        {
            var tr = new MathNode("mtr");
            for (int c = 0; c < row.Count; c++)
            {
                var cell = new MathNode("mtd").Add(row[c].Unwrapped());
                if (columnStyle(c) is { } style) cell.Set("style", style);
                tr.Add(cell);
            }
            table.Add(tr);
        }
        return table;
    }

    // aligned: right-aligned and left-aligned columns in pairs, touching at the &, with room between the pairs.
    private static string AlignedColumn(int c) =>
        c % 2 == 0 ? "text-align:right;padding-right:0" + (c > 0 ? ";padding-left:2em" : "") : "text-align:left;padding-left:0";

    // cases: the values and their conditions, both left-aligned, a quad apart.
    private static string CasesColumn(int c) => c == 0 ? "text-align:left" : "text-align:left;padding-left:1em";

    private static string? Align(char column) => column switch { 'l' => "text-align:left", 'r' => "text-align:right", _ => null };

    // The c-th of the l, c and r letters of an array's column spec ("c|cc" has three); c when there are fewer.
    private static char ColumnAlignment(string spec, int c) =>
        spec.Where(ch => ch is 'l' or 'c' or 'r').ElementAtOrDefault(c) is var ch && ch != default ? ch : 'c';

    /// <summary>A table between stretchy brackets: p (), b [], B {}, v ||, V ‖‖, or a single { or } for cases.</summary>
    private static MathNode Fenced(MathNode table, char kind)
    {
        var (open, close) = kind switch
        {
            'p' => ("(", ")"),
            'b' => ("[", "]"),
            'B' => ("{", "}"),
            'v' => ("|", "|"),
            'V' => ("‖", "‖"),
            '{' => ("{", ""),
            _ => ("", "}"),
        };
        var row = new MathNode("mrow");
        if (open != "") row.Add(StretchyFence(open, AtomClass.Open));
        row.Add(table);
        if (close != "") row.Add(StretchyFence(close, AtomClass.Close));
        return row;
    }

    /// <summary>\left( … \right): the row between delimiters that grow with it.</summary>
    private MathNode LeftRight()
    {
        var open = Delimiter("\\left");
        var inner = ParseRow(Stop.Right);
        var row = new MathNode("mrow");
        if (open != "") row.Add(StretchyFence(open, AtomClass.Open));
        row.Add(inner);
        if (Peek().IsCommand("right"))
        {
            Next();
            var close = Delimiter("\\right");
            if (close != "") row.Add(StretchyFence(close, AtomClass.Close));
        }
        else row.Add(MathNode.Error("\\left without \\right"));
        return row;
    }

    /// <summary>The delimiter after \left, \right, \middle or \big: "(" , "⟨", "" for ".", or a visible error text.</summary>
    private string Delimiter(string after)
    {
        SkipSpaces();
        if (TexSymbols.Delimiter(Peek()) is { } delimiter)
        {
            Next();
            return delimiter;
        }
        return $"{after}?";
    }

    private static MathNode StretchyFence(string c, AtomClass atom) =>
        MathNode.Operator(c, atom).Set("fence", "true").Set("stretchy", "true").Set("symmetric", "true");

    /// <summary>A delimiter that keeps its size, as in \binom.</summary>
    private static MathNode Fence(string c) =>
        MathNode.Operator(c, c is "(" or "[" ? AtomClass.Open : AtomClass.Close).Set("stretchy", "false");
}
