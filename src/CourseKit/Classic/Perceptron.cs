using CourseKit.Interactive;

namespace CourseKit;

/// <summary>
/// Rosenblatt's perceptron, as scikit-learn's <c>Perceptron</c> does it: a threshold logic unit ŷ = step(w·x + b) that
/// learns with the perceptron rule instead of gradient descent. The weights start at 0; for each training example in
/// turn, when the unit is wrong (or exactly on the boundary) the weights move towards the right answer,
/// <code>w ← w + η (y − ŷ) x,   b ← b + η (y − ŷ)</code>
/// and when it is right nothing changes. (With targets y = ±1, as scikit-learn uses internally, a mistake moves w by
/// ±η·x.) If a straight line separates the classes, the rule finds one after finitely many mistakes; for data that no
/// line separates (XOR) it never settles.
/// <code>var unit = new Perceptron(shuffle: false).Fit(x, y);   // x: (n, features), y: class labels (n,)
/// unit.Predict(x); unit.Coef; unit.Intercept; unit.Iterations</code>
/// More than two classes: one unit per class, each learning "this class or the rest" (one-vs-rest); the class whose
/// unit gives the largest value wins.
/// </summary>
/// <remarks>
/// Training stops after <see cref="MaxIter"/> epochs, or earlier by scikit-learn's rule: when the epoch's loss
/// Σ max(0, −y·(w·x + b)) has not dropped below the best so far minus <see cref="Tol"/>·n for
/// <see cref="NIterNoChange"/> epochs in a row. With <c>shuffle: false</c> the results equal scikit-learn's exactly; with
/// shuffling both are reproducible from <see cref="RandomState"/>, but the orders (and so the weights) differ from
/// scikit-learn's, whose random generator is not .NET's.
/// </remarks>
[TypeFormatterSource(typeof(CourseKitFormatterSource))]   // how notebooks show it: see Interactive/
public sealed class Perceptron
{
    private float[] _classes = [];
    private PerceptronRule[] _units = [];

    /// <summary>A perceptron with scikit-learn's defaults.</summary>
    /// <param name="eta0">The learning rate η: how far one mistake moves the weights (default 1).</param>
    /// <param name="maxIter">The most epochs (passes over the data) <see cref="Fit"/> makes.</param>
    /// <param name="tol">The stopping rule's tolerance; null turns the rule off, so Fit always makes <paramref name="maxIter"/> epochs.</param>
    /// <param name="shuffle">Whether to shuffle the examples before each epoch.</param>
    /// <param name="randomState">The seed of the shuffling (scikit-learn's default is 0); null: a different order every run.</param>
    /// <param name="nIterNoChange">How many epochs without improvement stop training.</param>
    /// <param name="fitIntercept">Whether to learn the bias b (false: b stays 0, the boundary passes through the origin).</param>
    /// <param name="penalty">None by default (the plain perceptron rule); "l2", "l1" or "elasticnet" shrink the weights
    /// towards 0 at every example, by η·α·w (l2), by η·α towards 0 without crossing it (l1), or a mix (elasticnet).</param>
    /// <param name="alpha">The strength α of the penalty (used only with one).</param>
    /// <param name="l1Ratio">The L1 share of the elasticnet penalty, between 0 (all L2) and 1 (all L1).</param>
    public Perceptron(double eta0 = 1, int maxIter = 1000, double? tol = 1e-3, bool shuffle = true, int? randomState = 0,
                      int nIterNoChange = 5, bool fitIntercept = true, string? penalty = null, double alpha = 0.0001, double l1Ratio = 0.15)
    {
        if (!(alpha >= 0) || double.IsInfinity(alpha)) throw new ArgumentException($"Perceptron: alpha must be 0 or more, got {alpha}.", nameof(alpha));
        if (!(l1Ratio is >= 0 and <= 1)) throw new ArgumentException($"Perceptron: l1Ratio must be between 0 and 1, got {l1Ratio}.", nameof(l1Ratio));
        Penalty = penalty?.Trim().ToLowerInvariant() switch
        {
            null or "" or "none" => null,
            "l2" or "l1" or "elasticnet" => penalty.Trim().ToLowerInvariant(),
            _ => throw new ArgumentException($"Perceptron: unknown penalty \"{penalty}\"; use null (none), \"l2\", \"l1\" or \"elasticnet\".", nameof(penalty)),
        };
        (Alpha, L1Ratio) = (alpha, l1Ratio);
        if (!(eta0 > 0) || double.IsInfinity(eta0)) throw new ArgumentException($"Perceptron: eta0 must be a positive number, got {eta0}.", nameof(eta0));
        if (maxIter < 1) throw new ArgumentException($"Perceptron: maxIter must be at least 1, got {maxIter}.", nameof(maxIter));
        if (tol is { } t && !(t >= 0)) throw new ArgumentException($"Perceptron: tol must be 0 or more (or null to turn the stopping rule off), got {t}.", nameof(tol));
        if (nIterNoChange < 1) throw new ArgumentException($"Perceptron: nIterNoChange must be at least 1, got {nIterNoChange}.", nameof(nIterNoChange));
        (Eta0, MaxIter, Tol, Shuffle, RandomState, NIterNoChange, FitIntercept) = (eta0, maxIter, tol, shuffle, randomState, nIterNoChange, fitIntercept);
    }

    /// <summary>The learning rate η.</summary>
    public double Eta0 { get; }

    /// <summary>The most epochs <see cref="Fit"/> makes.</summary>
    public int MaxIter { get; }

    /// <summary>The stopping rule's tolerance (null: no early stop).</summary>
    public double? Tol { get; }

    /// <summary>Whether the examples are shuffled before each epoch.</summary>
    public bool Shuffle { get; }

    /// <summary>The seed of the shuffling (null: unseeded).</summary>
    public int? RandomState { get; }

    /// <summary>How many epochs without improvement stop training.</summary>
    public int NIterNoChange { get; }

    /// <summary>Whether the bias is learned.</summary>
    public bool FitIntercept { get; }

    /// <summary>The weight penalty: null (none), "l2", "l1" or "elasticnet".</summary>
    public string? Penalty { get; }

    /// <summary>The penalty's strength α.</summary>
    public double Alpha { get; }

    /// <summary>The L1 share of the elasticnet penalty.</summary>
    public double L1Ratio { get; }

    /// <summary>The penalty as the rule applies it: α and the L1 share (0 for l2, 1 for l1).</summary>
    private PerceptronPenalty Shrinkage => Penalty switch
    {
        null => new(0, 0),
        "l2" => new(Alpha, 0),
        "l1" => new(Alpha, 1),
        _ => new(Alpha, L1Ratio),
    };

    /// <summary>Whether the perceptron has been trained (by <see cref="Fit"/> or <see cref="PartialFit"/>).</summary>
    public bool IsFitted => _units.Length > 0;

    /// <summary>The class labels, sorted (scikit-learn's <c>classes_</c>).</summary>
    public IReadOnlyList<float> Classes => _classes;

    /// <summary>The number of input features.</summary>
    public int Features => _units.Length > 0 ? _units[0].Weights.Length : 0;

    /// <summary>
    /// The weights w (scikit-learn's <c>coef_</c>): shape (1, features) for two classes (the unit for the second class),
    /// (classes, features) for more, one row per class.
    /// </summary>
    public Tensor Coef => Tensor.FromData(Fitted("Coef").SelectMany(u => u.Weights.Select(w => (float)w)).ToArray(), [_units.Length, Features]);

    /// <summary>The biases b (scikit-learn's <c>intercept_</c>): shape (1,) for two classes, (classes,) for more.</summary>
    public Tensor Intercept => Tensor.FromData(Fitted("Intercept").Select(u => (float)u.Bias).ToArray(), [_units.Length]);

    /// <summary>The epochs the last <see cref="Fit"/> made (for several classes, the most any unit made; scikit-learn's
    /// <c>n_iter_</c>); 1 after <see cref="PartialFit"/>.</summary>
    public int Iterations { get; private set; }

    /// <summary>Whether the last <see cref="Fit"/> stopped by the stopping rule rather than at <see cref="MaxIter"/>
    /// (which it reports with a warning, as scikit-learn's ConvergenceWarning).</summary>
    public bool Converged { get; private set; }

    /// <summary>
    /// Trains from zero weights on <paramref name="x"/> (one example per row) and their class labels <paramref name="y"/>
    /// (shape (n,) or (n, 1), any numbers: 0/1, −1/+1, 0…k−1). Returns this perceptron, so that
    /// <c>new Perceptron().Fit(x, y).Predict(x)</c> reads as one line.
    /// </summary>
    public Perceptron Fit(Tensor x, Tensor y)
    {
        var (xs, labels) = Data(x, y, "Fit");
        var classes = labels.Distinct().Order().ToArray();
        if (classes.Length < 2)
            throw new ArgumentException($"Perceptron.Fit: the labels have only one class ({Label(classes[0])}); a classifier needs examples of at least two.", nameof(y));
        Start(classes, xs[0].Length);
        var seeds = Seeds(_units.Length);
        int most = 0;
        bool converged = true;
        for (int k = 0; k < _units.Length; k++)
        {
            var (epochs, stopped) = Train(_units[k], xs, Targets(labels, k), seeds[k]);
            most = Math.Max(most, epochs);
            converged &= stopped;
        }
        (Iterations, Converged) = (most, converged);
        if (!converged && MaxIter > 1)
            Warnings.Write($"Perceptron.Fit: training stopped at maxIter = {MaxIter} epochs while the examples were still misclassified by changing amounts: " +
                           "the classes may not be separable by a straight line (as XOR), or more epochs are needed (raise maxIter).");
        return this;
    }

    /// <summary>
    /// One epoch of the perceptron rule on <paramref name="x"/>, <paramref name="y"/>, continuing from the current weights
    /// (scikit-learn's <c>partial_fit</c>, for data that arrive in pieces). The first call must name every class that will
    /// ever appear in <paramref name="classes"/>; later calls may leave it out.
    /// </summary>
    public Perceptron PartialFit(Tensor x, Tensor y, IReadOnlyList<float>? classes = null)
    {
        var (xs, labels) = Data(x, y, "PartialFit");
        if (!IsFitted)
        {
            if (classes is null || classes.Distinct().Count() < 2)
                throw new ArgumentException("Perceptron.PartialFit: the first call must list every class, at least two (classes: [0, 1]), " +
                                            "because later pieces of the data may hold classes this piece lacks.", nameof(classes));
            Start(classes.Distinct().Order().ToArray(), xs[0].Length);
        }
        else
        {
            if (classes is not null && !classes.Distinct().Order().SequenceEqual(_classes))
                throw new ArgumentException($"Perceptron.PartialFit: classes [{string.Join(", ", classes.Select(Label))}] differ from the first call's [{string.Join(", ", _classes.Select(Label))}].", nameof(classes));
            CheckFeatures(xs[0].Length, "PartialFit");
        }
        foreach (var label in labels)
            if (Array.IndexOf(_classes, label) < 0)
                throw new ArgumentException($"Perceptron.PartialFit: label {Label(label)} is not one of the classes [{string.Join(", ", _classes.Select(Label))}].", nameof(y));
        var seeds = Seeds(_units.Length);
        for (int k = 0; k < _units.Length; k++)
        {
            _units[k].Epoch(xs, Targets(labels, k), Order(xs.Length, seeds[k]), Eta0, FitIntercept);
            _units[k].Settle();
        }
        (Iterations, Converged) = (1, false);
        return this;
    }

    /// <summary>
    /// The units' values w·x + b for each row of <paramref name="x"/> (scikit-learn's <c>decision_function</c>): shape (n,)
    /// for two classes (positive means the second class), (n, classes) for more. Its sign is the side of the boundary, its
    /// size the distance to it in units of |w|.
    /// </summary>
    public Tensor DecisionFunction(Tensor x)
    {
        var xs = Inputs(x, "DecisionFunction");
        var values = new float[xs.Length * _units.Length];
        for (int i = 0; i < xs.Length; i++)
            for (int k = 0; k < _units.Length; k++)
                values[i * _units.Length + k] = (float)_units[k].Value(xs[i]);
        return _units.Length == 1 ? Tensor.FromData(values, [xs.Length]) : Tensor.FromData(values, [xs.Length, _units.Length]);
    }

    /// <summary>
    /// The predicted class label of each row of <paramref name="x"/>, shape (n,): for two classes the second one where
    /// w·x + b &gt; 0 and the first where it is ≤ 0 (a unit on the boundary does not fire, as <see cref="Tensor.Heaviside"/>);
    /// for more, the class whose unit has the largest value. With labels 0 and 1 it can draw its own decision boundary:
    /// <c>Plot.DecisionBoundary(unit.Predict, x, y)</c>.
    /// </summary>
    public Tensor Predict(Tensor x)
    {
        var xs = Inputs(x, "Predict");
        var labels = new float[xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            if (_units.Length == 1) { labels[i] = _classes[_units[0].Value(xs[i]) > 0 ? 1 : 0]; continue; }
            int best = 0;
            double bestValue = double.NegativeInfinity;
            for (int k = 0; k < _units.Length; k++)
            {
                double v = _units[k].Value(xs[i]);
                if (v > bestValue) (best, bestValue) = (k, v);
            }
            labels[i] = _classes[best];
        }
        return Tensor.FromData(labels, [xs.Length]);
    }

    /// <summary>The accuracy on <paramref name="x"/>, <paramref name="y"/>: the fraction of examples predicted correctly.</summary>
    public float Score(Tensor x, Tensor y)
    {
        var (_, labels) = Data(x, y, "Score");
        var predicted = Predict(x).ToArray();
        return (float)((double)predicted.Where((p, i) => p == labels[i]).Count() / labels.Length);
    }

    public override string ToString() => PerceptronView.Text(this);

    // ---- training ----

    private void Start(float[] classes, int features)
    {
        _classes = classes;
        _units = Enumerable.Range(0, classes.Length == 2 ? 1 : classes.Length).Select(_ => new PerceptronRule(features, Shrinkage)).ToArray();
    }

    /// <summary>Unit <paramref name="k"/>'s targets: +1 for its class, −1 for the others (for two classes, the unit of the second class).</summary>
    private double[] Targets(float[] labels, int k)
    {
        float positive = _classes[_units.Length == 1 ? 1 : k];
        return labels.Select(l => l == positive ? 1.0 : -1.0).ToArray();
    }

    /// <summary>Epochs until the stopping rule or <see cref="MaxIter"/>; returns how many, and whether the rule stopped them.</summary>
    private (int Epochs, bool Stopped) Train(PerceptronRule unit, double[][] x, double[] y, int seed)
    {
        double best = double.PositiveInfinity;
        int noImprovement = 0;
        var random = new Random(seed);
        for (int epoch = 1; epoch <= MaxIter; epoch++)
        {
            double loss = unit.Epoch(x, y, Order(x.Length, random), Eta0, FitIntercept);
            noImprovement = Tol is { } tol && loss > best - tol * x.Length ? noImprovement + 1 : 0;
            best = Math.Min(best, loss);
            if (noImprovement >= NIterNoChange)
            {
                unit.Settle();
                return (epoch, true);
            }
        }
        unit.Settle();
        return (MaxIter, false);
    }

    /// <summary>One seed per unit, drawn from <see cref="RandomState"/> (so that each unit shuffles differently, as in scikit-learn).</summary>
    private int[] Seeds(int count)
    {
        var random = RandomState is { } seed ? new Random(seed) : new Random();
        return Enumerable.Range(0, count).Select(_ => random.Next()).ToArray();
    }

    private int[] Order(int n, int seed) => Order(n, new Random(seed));

    /// <summary>The examples' order for one epoch: as given, or shuffled (Fisher–Yates).</summary>
    private int[] Order(int n, Random random)
    {
        var order = Enumerable.Range(0, n).ToArray();
        if (Shuffle) random.Shuffle(order);
        return order;
    }

    // ---- data ----

    private PerceptronRule[] Fitted(string what) => IsFitted ? _units
        : throw new InvalidOperationException($"Perceptron.{what}: the perceptron is not trained yet; call Fit(x, y) first.");

    private void CheckFeatures(int features, string method)
    {
        if (features != Features)
            throw new ShapeException($"Perceptron.{method}: the inputs have {features} features per example, but the perceptron was trained on {Features}.");
    }

    /// <summary>The rows of <paramref name="x"/> in double precision, checked against the trained weights.</summary>
    private double[][] Inputs(Tensor x, string method)
    {
        Fitted(method);
        var rows = Rows(x, method);
        CheckFeatures(rows[0].Length, method);
        return rows;
    }

    private static double[][] Rows(Tensor x, string method)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2)
            throw new ShapeException($"Perceptron.{method}: x must have shape (examples, features), got {ShapeMath.Format(x.ShapeView)}" +
                                     (x.Rank == 1 ? $"; for one example pass x.Reshape(1, {x.Shape[0]}), for {x.Shape[0]} examples of one feature x.Reshape({x.Shape[0]}, 1)." : "."));
        if (x.Shape[0] == 0) throw new ArgumentException($"Perceptron.{method}: x has no examples.", nameof(x));
        var values = x.ToArray();
        int n = x.Shape[0], features = x.Shape[1];
        return Enumerable.Range(0, n).Select(i => values.AsSpan(i * features, features).ToArray().Select(v => (double)v).ToArray()).ToArray();
    }

    private static (double[][] X, float[] Labels) Data(Tensor x, Tensor y, string method)
    {
        var rows = Rows(x, method);
        ArgumentNullException.ThrowIfNull(y);
        if (!(y.Rank == 1 || y.Rank == 2 && y.Shape[1] == 1) || y.Shape[0] != rows.Length)
            throw new ShapeException($"Perceptron.{method}: y must hold one class label per example, shape ({rows.Length},), got {ShapeMath.Format(y.ShapeView)}" +
                                     (y.Rank == 2 && y.Shape[1] > 1 ? "; for one-hot rows pass y.ArgMax(-1)." : "."));
        var labels = y.ToArray();
        if (labels.Any(float.IsNaN))
            throw new ArgumentException($"Perceptron.{method}: y contains NaN; every example needs a class label.", nameof(y));
        return (rows, labels);
    }

    internal static string Label(float label) => label.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
