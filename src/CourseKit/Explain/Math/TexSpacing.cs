namespace CourseKit;

/// <summary>
/// The spacing rules of TeX that the browser's operator dictionary does not know, applied to one row of atoms:
/// a binary operator with nothing to combine on one side is a sign (<c>-4</c>, <c>(-4)</c>, <c>= -x</c>) and gets no space;
/// neighbouring relations form one relation (<c>\mathrel{+}=</c> becomes +=); a function name (ln, exp) is followed
/// by an invisible function application and a thin space unless a bracket follows, and set off by a thin space from
/// a symbol before it. In sub- and superscripts operators
/// get no space at all (<c>x_{k+1}</c>), as in TeX's script styles.
/// </summary>
internal static class TexSpacing
{
    private const string Thick = "0.2778em", Thin = "0.1667em";

    public static List<MathNode> Space(List<MathNode> items)
    {
        var result = new List<MathNode>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var before = Neighbour(items, i, -1);
            var after = Neighbour(items, i, +1);
            if (item is { Tag: "mo", Atom: AtomClass.Bin }
                && (before is null or { Atom: AtomClass.Bin or AtomClass.Op or AtomClass.Rel or AtomClass.Open or AtomClass.Punct }
                    || after is null or { Atom: AtomClass.Rel or AtomClass.Close or AtomClass.Punct }))
                item.Set("lspace", "0").Set("rspace", "0");
            if (item is { Tag: "mo", Atom: AtomClass.Rel } && result.Count > 0 && result[^1] is { Tag: "mo", Atom: AtomClass.Rel } previous)
            {
                previous.Text += item.Text;
                previous.Set("lspace", Thick).Set("rspace", Thick);
                continue;
            }
            if (i > 0 && items[i - 1].IsFunction)
            {
                result.Add(MathNode.Operator("\u2061", AtomClass.Ord));
                if (item.Atom != AtomClass.Open && item.Tag != "mspace") result.Add(MathNode.Space(Thin));
            }
            else if (item.IsFunction && before is { Atom: AtomClass.Ord or AtomClass.Close } && items[i - 1].Tag != "mspace")
                result.Add(MathNode.Space(Thin));                      // y log y, (1−y) log(1−y)
            result.Add(item);
        }
        return result;
    }

    /// <summary>A script: its binary operators, relations and punctuation unspaced, however deep.</summary>
    public static MathNode Tight(MathNode script)
    {
        if (script is { Tag: "mo", Atom: AtomClass.Bin or AtomClass.Rel or AtomClass.Punct }) script.Set("lspace", "0").Set("rspace", "0");
        foreach (var child in script.Children) Tight(child);
        return script;
    }

    // The nearest atom before or after position i that is not a space (spaces do not change how TeX classes atoms).
    private static MathNode? Neighbour(List<MathNode> items, int i, int step)
    {
        for (int j = i + step; j >= 0 && j < items.Count; j += step)
            if (items[j].Tag != "mspace") return items[j];
        return null;
    }
}
