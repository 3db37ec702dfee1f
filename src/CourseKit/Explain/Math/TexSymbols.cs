namespace CourseKit;

/// <summary>
/// What each TeX symbol command stands for: letters and ordinary symbols (identifiers), operators and relations with their
/// atom class, large operators, function names, spaces, accents and delimiters.
/// </summary>
internal static class TexSymbols
{
    /// <summary>Greek letters and other symbols written as identifiers. Lowercase Greek is italic, as in TeX.</summary>
    public static readonly Dictionary<string, string> Identifiers = new()
    {
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ϵ", ["varepsilon"] = "ε",
        ["zeta"] = "ζ", ["eta"] = "η", ["theta"] = "θ", ["vartheta"] = "ϑ", ["iota"] = "ι", ["kappa"] = "κ",
        ["lambda"] = "λ", ["mu"] = "μ", ["nu"] = "ν", ["xi"] = "ξ", ["omicron"] = "ο", ["pi"] = "π", ["varpi"] = "ϖ",
        ["rho"] = "ρ", ["varrho"] = "ϱ", ["sigma"] = "σ", ["varsigma"] = "ς", ["tau"] = "τ", ["upsilon"] = "υ",
        ["phi"] = "ϕ", ["varphi"] = "φ", ["chi"] = "χ", ["psi"] = "ψ", ["omega"] = "ω",
        ["partial"] = "∂", ["ell"] = "ℓ", ["hbar"] = "ℏ", ["imath"] = "ı", ["jmath"] = "ȷ", ["wp"] = "℘",
    };

    /// <summary>Symbols that stay upright (identifiers with mathvariant="normal"): capital Greek, ∞, ∇, ⊤ and friends.</summary>
    public static readonly Dictionary<string, string> UprightIdentifiers = new()
    {
        ["Gamma"] = "Γ", ["Delta"] = "Δ", ["Theta"] = "Θ", ["Lambda"] = "Λ", ["Xi"] = "Ξ", ["Pi"] = "Π",
        ["Sigma"] = "Σ", ["Upsilon"] = "Υ", ["Phi"] = "Φ", ["Psi"] = "Ψ", ["Omega"] = "Ω",
        ["infty"] = "∞", ["nabla"] = "∇", ["top"] = "⊤", ["bot"] = "⊥", ["emptyset"] = "∅", ["varnothing"] = "∅",
        ["forall"] = "∀", ["exists"] = "∃", ["nexists"] = "∄", ["neg"] = "¬", ["lnot"] = "¬", ["angle"] = "∠",
        ["triangle"] = "△", ["aleph"] = "ℵ", ["Re"] = "ℜ", ["Im"] = "ℑ", ["checkmark"] = "✓", ["square"] = "□",
        ["prime"] = "′", ["#"] = "#", ["%"] = "%", ["$"] = "$", ["_"] = "_", ["dagger"] = "†", ["S"] = "§",
    };

    /// <summary>Operators by command, with the atom class that spaces them.</summary>
    public static readonly Dictionary<string, (string Text, AtomClass Atom)> Operators = new()
    {
        // binary operators
        ["times"] = ("×", AtomClass.Bin), ["cdot"] = ("⋅", AtomClass.Bin), ["pm"] = ("±", AtomClass.Bin), ["mp"] = ("∓", AtomClass.Bin),
        ["div"] = ("÷", AtomClass.Bin), ["ast"] = ("∗", AtomClass.Bin), ["star"] = ("⋆", AtomClass.Bin), ["circ"] = ("∘", AtomClass.Bin),
        ["bullet"] = ("∙", AtomClass.Bin), ["odot"] = ("⊙", AtomClass.Bin), ["oplus"] = ("⊕", AtomClass.Bin), ["ominus"] = ("⊖", AtomClass.Bin),
        ["otimes"] = ("⊗", AtomClass.Bin), ["oslash"] = ("⊘", AtomClass.Bin), ["cup"] = ("∪", AtomClass.Bin), ["cap"] = ("∩", AtomClass.Bin),
        ["wedge"] = ("∧", AtomClass.Bin), ["land"] = ("∧", AtomClass.Bin), ["vee"] = ("∨", AtomClass.Bin), ["lor"] = ("∨", AtomClass.Bin),
        ["setminus"] = ("∖", AtomClass.Bin), ["bmod"] = ("mod", AtomClass.Bin), ["diamond"] = ("⋄", AtomClass.Bin), ["amalg"] = ("⨿", AtomClass.Bin),
        // relations
        ["le"] = ("≤", AtomClass.Rel), ["leq"] = ("≤", AtomClass.Rel), ["ge"] = ("≥", AtomClass.Rel), ["geq"] = ("≥", AtomClass.Rel),
        ["leqslant"] = ("⩽", AtomClass.Rel), ["geqslant"] = ("⩾", AtomClass.Rel),
        ["ne"] = ("≠", AtomClass.Rel), ["neq"] = ("≠", AtomClass.Rel), ["approx"] = ("≈", AtomClass.Rel), ["sim"] = ("∼", AtomClass.Rel),
        ["simeq"] = ("≃", AtomClass.Rel), ["cong"] = ("≅", AtomClass.Rel), ["equiv"] = ("≡", AtomClass.Rel), ["propto"] = ("∝", AtomClass.Rel),
        ["ll"] = ("≪", AtomClass.Rel), ["gg"] = ("≫", AtomClass.Rel), ["in"] = ("∈", AtomClass.Rel), ["notin"] = ("∉", AtomClass.Rel),
        ["ni"] = ("∋", AtomClass.Rel), ["subset"] = ("⊂", AtomClass.Rel), ["subseteq"] = ("⊆", AtomClass.Rel), ["supset"] = ("⊃", AtomClass.Rel),
        ["supseteq"] = ("⊇", AtomClass.Rel), ["mid"] = ("∣", AtomClass.Rel), ["parallel"] = ("∥", AtomClass.Rel), ["perp"] = ("⟂", AtomClass.Rel),
        ["models"] = ("⊨", AtomClass.Rel), ["vdash"] = ("⊢", AtomClass.Rel), ["coloneqq"] = ("≔", AtomClass.Rel), ["doteq"] = ("≐", AtomClass.Rel),
        ["to"] = ("→", AtomClass.Rel), ["rightarrow"] = ("→", AtomClass.Rel), ["leftarrow"] = ("←", AtomClass.Rel), ["gets"] = ("←", AtomClass.Rel),
        ["leftrightarrow"] = ("↔", AtomClass.Rel), ["Rightarrow"] = ("⇒", AtomClass.Rel), ["Leftarrow"] = ("⇐", AtomClass.Rel),
        ["Leftrightarrow"] = ("⇔", AtomClass.Rel), ["implies"] = ("⟹", AtomClass.Rel), ["impliedby"] = ("⟸", AtomClass.Rel),
        ["iff"] = ("⟺", AtomClass.Rel), ["mapsto"] = ("↦", AtomClass.Rel), ["longrightarrow"] = ("⟶", AtomClass.Rel),
        ["longleftarrow"] = ("⟵", AtomClass.Rel), ["Longrightarrow"] = ("⟹", AtomClass.Rel), ["longmapsto"] = ("⟼", AtomClass.Rel),
        ["uparrow"] = ("↑", AtomClass.Rel), ["downarrow"] = ("↓", AtomClass.Rel), ["nearrow"] = ("↗", AtomClass.Rel), ["searrow"] = ("↘", AtomClass.Rel),
        ["rightleftharpoons"] = ("⇌", AtomClass.Rel), ["sqsubseteq"] = ("⊑", AtomClass.Rel), ["prec"] = ("≺", AtomClass.Rel), ["succ"] = ("≻", AtomClass.Rel),
        // punctuation and dots
        ["colon"] = (":", AtomClass.Punct), ["ldots"] = ("…", AtomClass.Ord), ["dots"] = ("…", AtomClass.Ord), ["dotsc"] = ("…", AtomClass.Ord),
        ["cdots"] = ("⋯", AtomClass.Ord), ["dotsb"] = ("⋯", AtomClass.Ord), ["vdots"] = ("⋮", AtomClass.Ord), ["ddots"] = ("⋱", AtomClass.Ord),
        // delimiters used on their own (not after \left or \right)
        ["{"] = ("{", AtomClass.Open), ["}"] = ("}", AtomClass.Close), ["lbrace"] = ("{", AtomClass.Open), ["rbrace"] = ("}", AtomClass.Close),
        ["langle"] = ("⟨", AtomClass.Open), ["rangle"] = ("⟩", AtomClass.Close), ["lfloor"] = ("⌊", AtomClass.Open), ["rfloor"] = ("⌋", AtomClass.Close),
        ["lceil"] = ("⌈", AtomClass.Open), ["rceil"] = ("⌉", AtomClass.Close), ["lvert"] = ("|", AtomClass.Open), ["rvert"] = ("|", AtomClass.Close),
        ["lVert"] = ("‖", AtomClass.Open), ["rVert"] = ("‖", AtomClass.Close), ["vert"] = ("|", AtomClass.Ord), ["Vert"] = ("‖", AtomClass.Ord),
        ["|"] = ("‖", AtomClass.Ord), ["lbrack"] = ("[", AtomClass.Open), ["rbrack"] = ("]", AtomClass.Close), ["backslash"] = ("∖", AtomClass.Ord),
        ["&"] = ("&", AtomClass.Ord),
    };

    /// <summary>Large operators and whether their limits go under and over in display style (∑ yes, ∫ no).</summary>
    public static readonly Dictionary<string, (string Text, bool Limits)> LargeOperators = new()
    {
        ["sum"] = ("∑", true), ["prod"] = ("∏", true), ["coprod"] = ("∐", true), ["bigcup"] = ("⋃", true), ["bigcap"] = ("⋂", true),
        ["bigoplus"] = ("⨁", true), ["bigotimes"] = ("⨂", true), ["bigodot"] = ("⨀", true), ["bigvee"] = ("⋁", true), ["bigwedge"] = ("⋀", true),
        ["int"] = ("∫", false), ["iint"] = ("∬", false), ["iiint"] = ("∭", false), ["oint"] = ("∮", false),
    };

    /// <summary>Function names written upright: <c>\ln x</c>, <c>\exp(x)</c>.</summary>
    public static readonly HashSet<string> Functions =
    [
        "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "coth",
        "exp", "log", "ln", "lg", "dim", "ker", "deg", "hom", "arg",
    ];

    /// <summary>Function names whose sub- and superscripts go under them in display style: <c>\max_{m,n}</c>, <c>\lim_{x\to0}</c>.</summary>
    public static readonly HashSet<string> FunctionsWithLimits =
        ["max", "min", "lim", "limsup", "liminf", "sup", "inf", "det", "gcd", "Pr", "argmax", "argmin"];

    /// <summary>Horizontal spaces in em (18 mu = 1 em): <c>\,</c> thin, <c>\;</c> thick, <c>\quad</c> and so on.</summary>
    public static readonly Dictionary<string, string> Spaces = new()
    {
        [","] = "0.1667em", ["thinspace"] = "0.1667em", [":"] = "0.2222em", [">"] = "0.2222em", ["medspace"] = "0.2222em",
        [";"] = "0.2778em", ["thickspace"] = "0.2778em", [" "] = "0.25em", ["enspace"] = "0.5em", ["quad"] = "1em", ["qquad"] = "2em",
    };

    /// <summary>Accents over (or, for \underline, under) their argument, and whether the mark stretches to its width.</summary>
    public static readonly Dictionary<string, (string Mark, bool Stretchy)> Accents = new()
    {
        ["hat"] = ("^", false), ["widehat"] = ("^", true), ["check"] = ("ˇ", false), ["tilde"] = ("~", false), ["widetilde"] = ("~", true),
        ["bar"] = ("¯", false), ["overline"] = ("‾", true), ["vec"] = ("→", false), ["overrightarrow"] = ("→", true),
        ["overleftarrow"] = ("←", true), ["dot"] = ("˙", false), ["ddot"] = ("¨", false), ["breve"] = ("˘", false),
        ["acute"] = ("´", false), ["grave"] = ("`", false), ["mathring"] = ("˚", false),
    };

    /// <summary>What may follow \left, \right, \middle and \big: the delimiter's character ("" for the invisible "."), or null.</summary>
    public static string? Delimiter(TexToken token) => token.Kind switch
    {
        TexTokenKind.Symbol when token.Text is "(" or ")" or "[" or "]" or "|" or "/" or "<" or ">" => token.Text switch
        {
            "<" => "⟨",
            ">" => "⟩",
            var t => t,
        },
        TexTokenKind.Symbol when token.Text == "." => "",
        TexTokenKind.Command when Operators.TryGetValue(token.Text, out var op) && op.Atom is AtomClass.Open or AtomClass.Close or AtomClass.Ord
                                  && token.Text is not ("ldots" or "dots" or "dotsc" or "cdots" or "dotsb" or "vdots" or "ddots" or "&") => op.Text,
        TexTokenKind.Command when token.Text is "uparrow" or "downarrow" => Operators[token.Text].Text,
        _ => null,
    };

    /// <summary>Sizes of \big, \Big, \bigg and \Bigg (and their l, r, m forms) in em.</summary>
    public static string? BigSize(string command) => command.TrimEnd('l', 'r', 'm') switch
    {
        "big" => "1.2em",
        "Big" => "1.8em",
        "bigg" => "2.4em",
        "Bigg" => "3em",
        _ => null,
    };
}
