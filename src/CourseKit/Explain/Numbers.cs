namespace CourseKit;

/// <summary>
/// The number rules every explainer shares in plain text; the digits each family shows stay with the family
/// (<see cref="ForwardPassText"/>, <see cref="WindowGeometry"/>, <see cref="GraphText"/>, <see cref="StepsHtml"/>).
/// </summary>
internal static class Numbers
{
    /// <summary>A formatted number with a real minus sign (−) and without "-0".</summary>
    public static string WithMinus(string text) => (text == "-0" ? "0" : text).Replace('-', '−');

    /// <summary>A formatted number as a factor in a written-out product: negative numbers in parentheses, as in 5·(−0.4).</summary>
    public static string Factor(string text) => text.StartsWith('-') || text.StartsWith('−') ? $"({text})" : text;
}
