namespace CourseKit;

/// <summary>
/// Names for the nodes of a graph of numbers, in the student's own notation: a tensor named with <c>.Named("a1")</c>
/// keeps its name (a_{1}), a constant is its value, and an unnamed intermediate is the expression that computed it,
/// written from its inputs' names: <c>2 x - 5</c>, <c>w_{1} x + b_{1}</c>, <c>\sigma(w_{2} a_{1} + b_{2})</c>. An
/// expression longer than <see cref="MaxLength"/> visible characters falls back to u_{id}, the node's number. Every
/// graph explainer names its nodes here (<see cref="Explain.Graph"/>, <see cref="Explain.BackwardSteps"/>,
/// <see cref="Explain.ChainRule"/>), so one node reads the same in all three.
/// </summary>
internal static class NodeExpressions
{
    /// <summary>Expressions longer than this many visible characters are written u_{id} instead.</summary>
    public const int MaxLength = 18;

    /// <summary>LaTeX for every node of <paramref name="graph"/> (the unnamed output: f).</summary>
    public static string[] Of(ComputationGraph graph)
    {
        var names = new string[graph.Nodes.Count];
        foreach (var n in graph.Nodes)   // data-flow order: inputs come first
        {
            string? expression = n.Name is { Length: > 0 } name ? GraphText.LatexName(name)
                : n.IsLeaf && !n.IsParameter && n.Tensor.Size == 1 ? GraphText.Number(n.Tensor.ToArray()[0])
                : n.Id == graph.Output.Id ? "f"
                : Expression(n, [.. n.InputIds.Select(i => names[i])]);
            names[n.Id] = expression is not null && VisibleLength(expression) <= MaxLength ? expression : $"u_{{{n.Id}}}";
        }
        return names;
    }

    /// <summary>
    /// The symbol as an operand: a compound expression in parentheses (<c>(a_{2} - y)</c>), a single symbol as it is.
    /// </summary>
    public static string Operand(string symbol) => IsCompound(symbol) ? $"({symbol})" : symbol;

    /// <summary>∂upper/∂lower as a LaTeX fraction, compound symbols in parentheses: <c>\frac{\partial f}{\partial (x + y)}</c>.</summary>
    public static string Derivative(string upper, string lower) =>
        $"\\frac{{\\partial {Operand(upper)}}}{{\\partial {Operand(lower)}}}";

    /// <summary>Whether the symbol is an expression with an operator at its top level (a sum, a difference, a product).</summary>
    public static bool IsCompound(string symbol)
    {
        int depth = 0;
        for (int i = 0; i < symbol.Length; i++)
        {
            char c = symbol[i];
            if (c is '(' or '{') depth++;
            else if (c is ')' or '}') depth--;
            else if (depth == 0 && (c is '+' or ' ' || c == '-' && i > 0)) return true;
        }
        return false;
    }

    private static string? Expression(GraphNode n, string[] inputs)
    {
        string A() => inputs[0];
        string B() => inputs[1];
        string Factor(string s) => s.Contains('+') || s.Contains('-') && s.Length > 1 || s.StartsWith('-') ? $"({s})" : s;
        return (n.Op, inputs.Length) switch
        {
            ("add" or "bias_add", 2) => $"{A()} + {B()}",
            ("sub", 2) => $"{A()} - {(B().Contains('+') || B().Contains(" - ") ? $"({B()})" : B())}",
            ("mul" or "matmul", 2) => Product(Factor(A()), Factor(B())),
            ("div", 2) => $"\\frac{{{A()}}}{{{B()}}}",
            ("neg", 1) => $"-{Factor(A())}",
            ("pow", 1) when GraphText.Exponent(n.Tensor) is double p => $"{Power(A())}^{{{GraphText.Number(p)}}}",
            ("sigmoid", 1) => $"\\sigma({A()})",
            ("tanh", 1) => $"\\tanh({A()})",
            ("relu", 1) => $"\\operatorname{{relu}}({A()})",
            ("bias_add_relu", 2) => $"\\operatorname{{relu}}({A()} + {B()})",
            ("bias_add_sigmoid", 2) => $"\\sigma({A()} + {B()})",
            ("bias_add_tanh", 2) => $"\\tanh({A()} + {B()})",
            ("exp", 1) => $"e^{{{A()}}}",
            ("log", 1) => $"\\log({A()})",
            ("sqrt", 1) => $"\\sqrt{{{A()}}}",
            ("abs", 1) => $"|{A()}|",
            ("sum", 1) when n.Tensor.Inputs[0].Size == 1 => A(),   // the sum of a single number: the number itself
            ("sum", 1) => $"\\sum {Factor(A())}",
            ("reshape" or "broadcast", 1) => A(),
            _ => null,
        };
    }

    /// <summary>a·b written as students do: 2x, w_{1} x; a dot before a number (x \cdot 2).</summary>
    private static string Product(string a, string b) => char.IsDigit(b[0]) ? $"{a} \\cdot {b}" : $"{a} {b}";

    private static string Power(string a) => a.Length == 1 || a.StartsWith('(') ? a : a.Contains('_') && !IsCompound(a) ? $"{{{a}}}" : $"({a})";

    /// <summary>Roughly how many characters the expression shows: commands count as one symbol, braces as none.</summary>
    internal static int VisibleLength(string latex)
    {
        int length = 0;
        for (int i = 0; i < latex.Length; i++)
        {
            char c = latex[i];
            if (c == '\\')
            {
                while (i + 1 < latex.Length && char.IsLetter(latex[i + 1])) i++;
                length++;
            }
            else if (c is not ('{' or '}' or '_' or '^' or ' ')) length++;
        }
        return length;
    }
}
