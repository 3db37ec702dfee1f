namespace CourseKit;

/// <summary>The kinds of piece a TeX formula is made of.</summary>
internal enum TexTokenKind
{
    /// <summary>A control sequence: <c>\frac</c> (text "frac") or a control symbol like <c>\,</c> (text ",").</summary>
    Command,
    Letter,
    Digit,
    /// <summary>Any other character: + - = ( ) [ ] | ' , and so on.</summary>
    Symbol,
    Open,
    Close,
    Subscript,
    Superscript,
    /// <summary>The column separator &amp; of matrices and aligned equations.</summary>
    Align,
    Space,
}

/// <summary>One piece of a TeX formula; <see cref="Text"/> is the command name without its backslash, or the character.</summary>
internal readonly record struct TexToken(TexTokenKind Kind, string Text)
{
    public bool IsCommand(string name) => Kind == TexTokenKind.Command && Text == name;

    public bool IsSymbol(string text) => Kind == TexTokenKind.Symbol && Text == text;

    /// <summary>The token as it was written, e.g. <c>\alpha</c> or <c>x</c>.</summary>
    public string Source => Kind == TexTokenKind.Command ? "\\" + Text : Text;
}

/// <summary>Splits a TeX formula into tokens. Comments (<c>%</c> to the end of the line) are dropped, as TeX does.</summary>
internal static class TexTokenizer
{
    public static List<TexToken> Tokenize(string tex)
    {
        var tokens = new List<TexToken>();
        for (int i = 0; i < tex.Length; i++)
        {
            char c = tex[i];
            if (c == '\\')
            {
                if (i + 1 == tex.Length) { tokens.Add(new(TexTokenKind.Symbol, "\\")); break; }
                int start = i + 1, end = start;
                while (end < tex.Length && char.IsAsciiLetter(tex[end])) end++;
                if (end == start) end++;                                        // a control symbol: \, \{ \\ \_
                else if (end < tex.Length && tex[end] == '*' && tex[start..end] is "operatorname") end++;
                tokens.Add(new(TexTokenKind.Command, tex[start..end]));
                i = end - 1;
            }
            else if (c == '%')
            {
                while (i + 1 < tex.Length && tex[i + 1] != '\n') i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                while (i + 1 < tex.Length && char.IsWhiteSpace(tex[i + 1])) i++;
                tokens.Add(new(TexTokenKind.Space, " "));
            }
            else
            {
                var kind = c switch
                {
                    '{' => TexTokenKind.Open,
                    '}' => TexTokenKind.Close,
                    '_' => TexTokenKind.Subscript,
                    '^' => TexTokenKind.Superscript,
                    '&' => TexTokenKind.Align,
                    _ when char.IsAsciiDigit(c) => TexTokenKind.Digit,
                    _ when char.IsLetter(c) => TexTokenKind.Letter,
                    _ => TexTokenKind.Symbol,
                };
                // A character outside the Basic Multilingual Plane (𝐱, 𝟙) stays one token.
                int length = char.IsHighSurrogate(c) && i + 1 < tex.Length ? 2 : 1;
                tokens.Add(new(kind, tex.Substring(i, length)));
                i += length - 1;
            }
        }
        return tokens;
    }
}
