using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace CourseKit;

/// <summary>How the graph explainers write nodes, numbers and local derivatives: op symbols, short value summaries,
/// LaTeX names (<c>w1</c> → <c>w_{1}</c>) and each op's derivative rule as a formula.</summary>
internal static class GraphText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The symbol drawn for an op node: + − · ÷ σ Σ …, and a power with its exponent (x³, x⁻¹, x^0.5; xᵖ
    /// when the exponent is itself a tensor).</summary>
    public static string OpSymbol(Tensor node) => node.Op switch
    {
        "add" => "+",
        "sub" => "−",
        "mul" => "·",
        "div" => "÷",
        "neg" => "−x",
        "pow" => Exponent(node) is double p ? "x" + Superscript(Number(p)) : "xᵖ",
        "sigmoid" => "σ",
        "sum" => "Σ",
        "sqrt" => "√",
        "abs" => "|x|",
        "heaviside" => "H",
        "sign" => "sgn",
        // A layer's fused nodes read as the steps they fuse: "+ → relu", "conv2d → + → relu".
        var op when op?.StartsWith("bias_add") == true => FusedSteps("_" + op)[" → ".Length..],
        var op when op?.StartsWith("conv2d_") == true => "conv2d" + FusedSteps(op["conv2d".Length..]),
        var op => op ?? "",
    };

    /// <summary>"_bias_add_relu" → " → + → relu", "_bias_add" → " → +", "_sigmoid" → " → σ".</summary>
    private static string FusedSteps(string rest)
    {
        string steps = "";
        if (rest.StartsWith("_bias_add")) (steps, rest) = (" → +", rest["_bias_add".Length..]);
        if (rest.Length > 1) steps += " → " + (rest[1..] == "sigmoid" ? "σ" : rest[1..]);
        return steps;
    }

    /// <summary>"-2" → "⁻²"; text with characters that have no superscript form (0.5) becomes "^0.5".</summary>
    private static string Superscript(string text) =>
        text.All(c => char.IsAsciiDigit(c) || c == '-') ? string.Concat(text.Select(c => c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0'])) : "^" + text;

    /// <summary>A number as students write it: −12, 0.1192, 1.5e-05.</summary>
    public static string Number(double v)
    {
        if (double.IsNaN(v) || double.IsInfinity(v)) return v.ToString(Inv);
        if (v == Math.Round(v) && Math.Abs(v) < 1e7) return ((long)v).ToString(Inv);
        double a = Math.Abs(v);
        return a is >= 1e-3 and < 1e5 ? v.ToString("0.####", Inv) : v.ToString("0.###e0", Inv);
    }

    /// <summary>How many numbers a tensor may have to be written out whole (a box grows to show them).</summary>
    public const int ListedNumbers = 4;

    /// <summary>A tensor's value in a few characters: the number for a scalar; its shape and numbers when it has at most
    /// <see cref="ListedNumbers"/> ("(2, 1) [0.3, -0.2]"); otherwise its shape, mean and range.</summary>
    public static string Summary(Tensor t)
    {
        var data = t.ToArray();
        if (data.Length == 1) return Number(data[0]);
        if (data.Length == 0) return ShapeMath.Format(t.ShapeView) + " empty";
        if (data.Length <= ListedNumbers) return $"{ShapeMath.Format(t.ShapeView)} [{string.Join(", ", data.Select(v => Number(v)))}]";
        return $"{ShapeMath.Format(t.ShapeView)} μ={Number(data.Average(x => (double)x))} [{Number(data.Min())}, {Number(data.Max())}]";
    }

    /// <summary>A number inside a formula: negative numbers in parentheses.</summary>
    public static string LatexNumber(double v) => Numbers.Factor(Number(v));

    /// <summary>A tensor inside a formula: a number, or its shape and mean.</summary>
    public static string LatexValue(Tensor t) =>
        t.Size == 1 ? LatexNumber(t.ToArray()[0]) : $"\\underbrace{{\\cdots}}_{{{ShapeMath.Format(t.ShapeView)},\\ \\mu={Number(t.ToArray().Average(x => (double)x))}}}";

    /// <summary>A tensor's name as a LaTeX symbol: "w1" → w_{1}, "a_out" → a_{out}, "dense/kernel" → \text{dense/kernel}.</summary>
    public static string LatexName(string name)
    {
        if (name.Length == 1 && char.IsLetter(name[0])) return name;
        int split = name.Length;
        while (split > 0 && char.IsDigit(name[split - 1])) split--;
        if (split == 1 && split < name.Length && char.IsLetter(name[0])) return $"{name[0]}_{{{name[1..]}}}";
        int underscore = name.IndexOf('_');
        if (underscore == 1 && char.IsLetter(name[0]) && name.Length > 2 && name[2..].All(char.IsLetterOrDigit))
            return $"{name[0]}_{{{name[2..]}}}";
        return $"\\text{{{name.Replace("_", "\\_")}}}";
    }

    public static string Html(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A node's LaTeX symbol as plain text for titles and <c>ToString</c>: w_{1} → w₁, \text{dense/kernel} →
    /// dense/kernel, \sigma(z) → σ(z), a - y → a − y.</summary>
    public static string Plain(string latex)
    {
        string text = Regex.Replace(latex, @"\\text\{([^}]*)\}", "$1").Replace("\\_", "_");
        text = Regex.Replace(text, @"_\{(\d+)\}", m => string.Concat(m.Groups[1].Value.Select(c => "₀₁₂₃₄₅₆₇₈₉"[c - '0'])));
        text = Regex.Replace(text, @"\^\{(\d+)\}", m => Superscript(m.Groups[1].Value));
        text = text.Replace("\\sigma", "σ").Replace("\\tanh", "tanh").Replace("\\cdot", "·").Replace("\\operatorname{relu}", "relu").Replace("\\log", "log").Replace("\\sum ", "Σ");
        text = Regex.Replace(text, @"(?<=[\p{L}\p{N}₀-₉)]) (?=[\p{L}(])", "");   // w₁ x → w₁x
        return text.Replace(" - ", " − ").Replace("{", "").Replace("}", "");
    }

    /// <summary>
    /// The local derivative ∂(result)/∂(input number <paramref name="slot"/>) of <paramref name="op"/>, as a template over
    /// #a (first input), #b (second input), #y (the result) and #p (an exponent): symbolic (σ(z)(1−σ(z))) and in the
    /// form the numbers are put into (a(1−a) with a = σ(z)). Null for ops without a rule written here.
    /// </summary>
    public static (string Symbolic, string Numeric)? LocalRule(string op, int slot) => (op, slot) switch
    {
        ("add", _) => ("1", "1"),
        ("sub", 0) => ("1", "1"),
        ("sub", 1) => ("-1", "-1"),
        ("mul", 0) => ("#b", "#b"),
        ("mul", 1) => ("#a", "#a"),
        ("div", 0) => ("\\frac{1}{#b}", "\\frac{1}{#b}"),
        ("div", 1) => ("-\\frac{#a}{#b^{2}}", "-\\frac{#a}{#b^{2}}"),
        ("pow", 0) => ("#p\\,#a^{#p-1}", "#p\\cdot #a^{#p-1}"),
        ("neg", 0) => ("-1", "-1"),
        ("exp", 0) => ("e^{#a}", "#y"),
        ("log", 0) => ("\\frac{1}{#a}", "\\frac{1}{#a}"),
        ("sqrt", 0) => ("\\frac{1}{2\\sqrt{#a}}", "\\frac{1}{2\\cdot #y}"),
        ("sigmoid", 0) => ("\\sigma(#a)\\,(1-\\sigma(#a))", "#y\\cdot(1-#y)"),
        ("tanh", 0) => ("1-\\tanh^{2}(#a)", "1-#y^{2}"),
        ("relu", 0) => ("\\mathbb{1}[#a>0]", "\\mathbb{1}[#a>0]"),
        ("bias_add", _) => ("1", "1"),                                     // Dense/Conv2D: activation(a + b) in one node
        ("bias_add_relu", _) => ("\\mathbb{1}[#y>0]", "\\mathbb{1}[#y>0]"),
        ("bias_add_sigmoid", _) => ("#y\\,(1-#y)", "#y\\cdot(1-#y)"),
        ("bias_add_tanh", _) => ("1-#y^{2}", "1-#y^{2}"),
        ("heaviside", 0) or ("sign", 0) => ("0", "0"),                     // a step is flat on both sides of its jump
        ("matmul", 0) => ("#b^{\\top}", "#b^{\\top}"),
        ("matmul", 1) => ("#a^{\\top}", "#a^{\\top}"),
        ("sum", 0) => ("1", "1"),
        ("reshape", 0) => ("1", "1"),
        ("broadcast", 0) => ("1", "1"),
        _ => null,
    };

    /// <summary>The backward rule: how the upstream gradient g becomes the input's gradient (for matmul G·Bᵀ and Aᵀ·G).</summary>
    public static string BackwardRule(string op, int slot, string local) => (op, slot) switch
    {
        ("add" or "bias_add", _) or ("sub", 0) or ("reshape", _) => "g",
        ("sub", 1) or ("neg", _) => "-g",
        ("matmul", 0) => "g\\,#b^{\\top}",
        ("matmul", 1) => "#a^{\\top} g",
        ("sum", _) => "g\\ \\text{(copied to every element)}",
        ("broadcast", _) => "\\textstyle\\sum g\\ \\text{(over the copies)}",
        _ => $"{local}\\cdot g",
    };

    /// <summary>Fills a rule template with symbols or values; an expression such as <c>a_{2} - y</c> gets parentheses
    /// where it is an operand (<c>2\,(a_{2} - y)^{2-1}</c>), not where the template has them or braces already.</summary>
    public static string Fill(string template, string? a, string? b, string? y, string? p)
    {
        static string Put(string text, string hole, string value) =>
            text.Replace($"({hole})", $"({value})").Replace($"{{{hole}}}", $"{{{value}}}").Replace(hole, NodeExpressions.Operand(value));
        return Put(Put(Put(template, "#a", a ?? "a"), "#b", b ?? "b"), "#y", y ?? "y").Replace("#p", p ?? "p");
    }

    /// <summary>For <c>pow</c> with a fixed exponent: the exponent, found from the numbers (p = (∂y/∂a)·a / y).</summary>
    public static double? Exponent(Tensor node)
    {
        if (node.Op != "pow" || node.Inputs.Count != 1 || node.BackwardRule is null) return null;
        Tensor local;
        using (Autograd.NoGrad()) local = node.BackwardRule(Tensor.OnesLike(node))[0]!;
        var a = node.Inputs[0].ToArray(); var y = node.ToArray(); var d = local.ToArray();
        for (int i = 0; i < a.Length && i < d.Length; i++)
            if (Math.Abs(a[i]) > 1e-6 && Math.Abs(y[i]) > 1e-6)
            {
                double p = d[i] * a[i] / y[i];
                return Math.Abs(p - Math.Round(p)) < 1e-3 ? Math.Round(p) : p;
            }
        return null;
    }

    /// <summary>The gradients autograd computes for <paramref name="output"/> (seeded with ones), leaving every
    /// tensor's <see cref="Tensor.Grad"/> as it was.</summary>
    public static Dictionary<Tensor, Tensor> AutogradGradients(Tensor output)
    {
        var order = Backpropagation.TopologicalOrder(output);
        var saved = order.Select(t => t.Grad).ToArray();
        foreach (var t in order) t.Grad = null;
        try
        {
            output.Backward(Tensor.OnesLike(output));
            var grads = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance);
            foreach (var t in order) if (t.Grad is not null) grads[t] = t.Grad;
            return grads;
        }
        finally
        {
            for (int i = 0; i < order.Count; i++) order[i].Grad = saved[i];
        }
    }
}
