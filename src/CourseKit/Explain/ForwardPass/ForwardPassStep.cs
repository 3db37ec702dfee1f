namespace CourseKit;

/// <summary>
/// One Dense layer of a forward pass, with the numbers: <c>Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ · W⁽ˡ⁾ + b⁽ˡ⁾</c>, then <c>A⁽ˡ⁾ = f(Z⁽ˡ⁾)</c>.
/// Each row of A⁽ˡ⁻¹⁾ is one example; A⁽⁰⁾ is the input x. If the shapes do not fit, <see cref="Problem"/> says why
/// and <see cref="Z"/> and <see cref="A"/> are null.
/// </summary>
public sealed class ForwardPassStep
{
    internal ForwardPassStep(int layer, string layerName, string activation, float[,]? input, int[] inputShape,
                             float[,]? weights, int[] weightShape, float[]? bias, int[]? biasShape)
    {
        Layer = layer;
        LayerName = layerName;
        Activation = activation;
        Input = input;
        InputShape = inputShape;
        Weights = weights;
        WeightShape = weightShape;
        Bias = bias;
        BiasShape = biasShape;
    }

    /// <summary>l, counted from 1 (the l in W⁽ˡ⁾).</summary>
    public int Layer { get; }

    /// <summary>The layer's name in the model ("dense_1"), or "layer l" for a hand-built chain.</summary>
    public string LayerName { get; }

    /// <summary>The activation f ("relu", "sigmoid", "linear", …); "g∘f" when an Activation layer follows.</summary>
    public string Activation { get; internal set; }

    /// <summary>A⁽ˡ⁻¹⁾, one example per row (null if it is not a matrix).</summary>
    public float[,]? Input { get; }

    /// <summary>The shape of A⁽ˡ⁻¹⁾.</summary>
    public int[] InputShape { get; }

    /// <summary>W⁽ˡ⁾: one row per input feature, one column per unit (null if it is not a matrix).</summary>
    public float[,]? Weights { get; }

    /// <summary>The shape of W⁽ˡ⁾.</summary>
    public int[] WeightShape { get; }

    /// <summary>b⁽ˡ⁾, one number per unit (null when the layer has no bias).</summary>
    public float[]? Bias { get; }

    /// <summary>The shape of b⁽ˡ⁾ (null when there is none).</summary>
    public int[]? BiasShape { get; }

    /// <summary>Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ · W⁽ˡ⁾ + b⁽ˡ⁾ (null where the pass broke).</summary>
    public float[,]? Z { get; internal set; }

    /// <summary>A⁽ˡ⁾ = f(Z⁽ˡ⁾) (null where the pass broke).</summary>
    public float[,]? A { get; internal set; }

    /// <summary>Why the pass breaks at this layer ("A⁽¹⁾ has 3 columns but W⁽²⁾ has 4 rows"), or null.</summary>
    public string? Problem { get; internal set; }

    /// <summary>Layers passed through just before or after this one (Flatten, Activation, Dropout), as sentences.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>The matrix equation with the shapes, written as <see cref="Tensor.Shape"/> prints them:
    /// <c>Z⁽¹⁾ = A⁽⁰⁾ · W⁽¹⁾ + b⁽¹⁾   (3, 3) = (3, 2) · (2, 3) + (3,)</c>.</summary>
    public string Equation
    {
        get
        {
            string l = ForwardPassText.Layer(Layer), prev = ForwardPassText.Layer(Layer - 1);
            string zShape = Z is null ? "(?)" : ShapeMath.Format([Z.GetLength(0), Z.GetLength(1)]);
            string eq = $"Z{l} = A{prev} · W{l}" + (Bias is null ? "" : $" + b{l}");
            string shapes = $"{zShape} = {ShapeMath.Format(InputShape)} · {ShapeMath.Format(WeightShape)}" +
                            (BiasShape is null ? "" : $" + {ShapeMath.Format(BiasShape)}");
            return $"{eq}   {shapes}";
        }
    }

    /// <summary>The activation step: <c>A⁽¹⁾ = relu(Z⁽¹⁾)</c>.</summary>
    public string ActivationEquation => $"A{ForwardPassText.Layer(Layer)} = {Activation}(Z{ForwardPassText.Layer(Layer)})";

    /// <summary>
    /// Entry (<paramref name="row"/>, <paramref name="column"/>) of A⁽ˡ⁻¹⁾ · W⁽ˡ⁾ with the inputs as numbers and the
    /// weights as symbols, counted from 1 as in the lecture: for A = [[3,5],[5,1],[10,2]] entry (1, 1) is "3W11+5W21".
    /// </summary>
    public string SymbolicEntry(int row, int column)
    {
        var a = Input ?? throw new InvalidOperationException($"A{ForwardPassText.Layer(Layer - 1)} is not a matrix here: {Problem}");
        if (row < 1 || row > a.GetLength(0)) throw new ArgumentOutOfRangeException(nameof(row), $"A{ForwardPassText.Layer(Layer - 1)} has rows 1 to {a.GetLength(0)}.");
        if (column < 1 || column > WeightShape[^1]) throw new ArgumentOutOfRangeException(nameof(column), $"W{ForwardPassText.Layer(Layer)} has columns 1 to {WeightShape[^1]}.");
        return string.Concat(Terms(a, row - 1, column - 1, tex: false));
    }

    /// <summary>The same entry in LaTeX: 3W_{11}+5W_{21}.</summary>
    internal string SymbolicEntryTex(int row, int column) => string.Concat(Terms(Input!, row, column, tex: true));

    private static IEnumerable<string> Terms(float[,] a, int i, int j, bool tex)
    {
        int n = a.GetLength(1);
        var ks = n <= 4 ? Enumerable.Range(0, n).ToList() : [0, 1, -1, n - 1];
        for (int t = 0; t < ks.Count; t++)
        {
            int k = ks[t];
            if (k < 0) { yield return tex ? "+\\cdots" : "+…"; continue; }
            double v = a[i, k];
            string num = tex ? ForwardPassText.TexNum(Math.Abs(v)) : ForwardPassText.Num(Math.Abs(v));
            string sign = v < 0 ? (tex ? "-" : "−") : t == 0 ? "" : "+";
            string w = tex ? $"W_{{{ForwardPassText.Idx(k + 1, j + 1)}}}" : $"W{ForwardPassText.Idx(k + 1, j + 1)}";
            yield return sign + num + w;
        }
    }

    /// <summary>The step as readable text (equation, symbolic form, numbers, result).</summary>
    public override string ToString() => ForwardPassExplanation.StepText(this);
}
