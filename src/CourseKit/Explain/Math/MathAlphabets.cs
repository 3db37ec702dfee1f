namespace CourseKit;

/// <summary>The math alphabets of <c>\mathbf</c>, <c>\mathbb</c>, <c>\mathcal</c> and friends.</summary>
internal enum MathFont { None, Roman, Bold, Italic, BoldItalic, DoubleStruck, Script, Fraktur, SansSerif, Monospace }

/// <summary>
/// Letters in a math alphabet as Unicode's Mathematical Alphanumeric Symbols (𝐱, ℝ, 𝒩): MathML Core styles letters by
/// character, not by a font attribute, so <c>\mathbb{R}</c> becomes ℝ and <c>\mathbf{x}</c> becomes 𝐱.
/// </summary>
internal static class MathAlphabets
{
    // First code point of A, a and 0 in each alphabet (0 where Unicode has no such letters).
    private static (int Upper, int Lower, int Digit) Start(MathFont font) => font switch
    {
        MathFont.Bold => (0x1D400, 0x1D41A, 0x1D7CE),
        MathFont.Italic => (0x1D434, 0x1D44E, 0),
        MathFont.BoldItalic => (0x1D468, 0x1D482, 0),
        MathFont.Script => (0x1D49C, 0x1D4B6, 0),
        MathFont.Fraktur => (0x1D504, 0x1D51E, 0),
        MathFont.DoubleStruck => (0x1D538, 0x1D552, 0x1D7D8),
        MathFont.SansSerif => (0x1D5A0, 0x1D5BA, 0x1D7E2),
        MathFont.Monospace => (0x1D670, 0x1D68A, 0x1D7F6),
        _ => (0, 0, 0),
    };

    // Letters that Unicode had before the math block (its slots there are empty).
    private static readonly Dictionary<(MathFont, char), string> Holes = new()
    {
        [(MathFont.Italic, 'h')] = "ℎ",
        [(MathFont.Script, 'B')] = "ℬ", [(MathFont.Script, 'E')] = "ℰ", [(MathFont.Script, 'F')] = "ℱ", [(MathFont.Script, 'H')] = "ℋ",
        [(MathFont.Script, 'I')] = "ℐ", [(MathFont.Script, 'L')] = "ℒ", [(MathFont.Script, 'M')] = "ℳ", [(MathFont.Script, 'R')] = "ℛ",
        [(MathFont.Script, 'e')] = "ℯ", [(MathFont.Script, 'g')] = "ℊ", [(MathFont.Script, 'o')] = "ℴ",
        [(MathFont.Fraktur, 'C')] = "ℭ", [(MathFont.Fraktur, 'H')] = "ℌ", [(MathFont.Fraktur, 'I')] = "ℑ", [(MathFont.Fraktur, 'R')] = "ℜ",
        [(MathFont.Fraktur, 'Z')] = "ℨ",
        [(MathFont.DoubleStruck, 'C')] = "ℂ", [(MathFont.DoubleStruck, 'H')] = "ℍ", [(MathFont.DoubleStruck, 'N')] = "ℕ",
        [(MathFont.DoubleStruck, 'P')] = "ℙ", [(MathFont.DoubleStruck, 'Q')] = "ℚ", [(MathFont.DoubleStruck, 'R')] = "ℝ",
        [(MathFont.DoubleStruck, 'Z')] = "ℤ",
    };

    /// <summary>The character in <paramref name="font"/>; unchanged when the alphabet has no such character
    /// (Greek, punctuation, or digits in italic).</summary>
    public static string Map(char c, MathFont font)
    {
        if (Holes.TryGetValue((font, c), out var hole)) return hole;
        var (upper, lower, digit) = Start(font);
        int code = c switch
        {
            >= 'A' and <= 'Z' when upper != 0 => upper + (c - 'A'),
            >= 'a' and <= 'z' when lower != 0 => lower + (c - 'a'),
            >= '0' and <= '9' when digit != 0 => digit + (c - '0'),
            _ => 0,
        };
        return code == 0 ? c.ToString() : char.ConvertFromUtf32(code);
    }

    /// <summary>Greek in bold (<c>\boldsymbol{\theta}</c>): 𝛂 … 𝛚 and 𝚨 … 𝛀; other characters unchanged.</summary>
    public static string BoldGreek(string letter) => letter.Length == 1 && letter[0] is var c
        ? c switch
        {
            >= 'α' and <= 'ω' => char.ConvertFromUtf32(0x1D6C2 + (c - 'α')),
            >= 'Α' and <= 'Ω' when c != '\u03A2' => char.ConvertFromUtf32(0x1D6A8 + (c - 'Α')),
            _ => letter,
        }
        : letter;

    /// <summary>The font named by a command (<c>mathbf</c> → bold), or null for commands that are not font commands.</summary>
    public static MathFont? FontOf(string command) => command switch
    {
        "mathrm" or "rm" or "mathup" => MathFont.Roman,
        "mathbf" or "bf" or "boldsymbol" or "bm" => MathFont.Bold,
        "mathit" or "it" => MathFont.Italic,
        "mathbb" or "Bbb" => MathFont.DoubleStruck,
        "mathcal" or "mathscr" or "cal" => MathFont.Script,
        "mathfrak" => MathFont.Fraktur,
        "mathsf" or "sf" => MathFont.SansSerif,
        "mathtt" or "tt" => MathFont.Monospace,
        _ => null,
    };
}
