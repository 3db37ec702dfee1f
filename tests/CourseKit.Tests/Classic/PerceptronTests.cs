using CourseKit.Tests.Tensors;

namespace CourseKit.Tests.Classic;

/// <summary>
/// The perceptron rule against updates worked out by hand and against scikit-learn 1.2.1 (Debian's python3-sklearn),
/// whose numbers were computed once with <c>Perceptron(shuffle=False, …).fit(X, y)</c> on the same float32 inputs and are
/// written here as constants.
/// </summary>
public class PerceptronTests
{
    private static readonly Tensor Gate = Tensor.FromArray(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
    private static readonly Tensor Or = Tensor.FromArray(new float[] { 0, 1, 1, 1 });
    private static readonly Tensor And = Tensor.FromArray(new float[] { 0, 0, 0, 1 });
    private static readonly Tensor Xor = Tensor.FromArray(new float[] { 0, 1, 1, 0 });

    [Fact]
    public void LearnsOrFromZerosAsWorkedOutByHand()
    {
        // η = 1, targets y = ±1, examples in order (0,0) (0,1) (1,0) (1,1); a mistake is y·(w·x + b) ≤ 0 and moves
        // w by y·x and b by y. Loss of an epoch: Σ max(0, −y·p).
        // epoch 1: (0,0) p=0 y=−1 → b=−1 | (0,1) p=−1 y=+1 → w=(0,1) b=0 | (1,0) p=0 → w=(1,1) b=1 | (1,1) ok → w=(1,1) b=1, loss 1
        // epoch 2: (0,0) p=1 y=−1 → b=0 | the rest ok                                                → w=(1,1) b=0, loss 1
        // epoch 3: (0,0) p=0 → b=−1 | (0,1) p=0 → w=(1,2) b=0 | (1,0) p=1 ok | (1,1) ok              → w=(1,2) b=0, loss 0
        // epoch 4: (0,0) p=0 → b=−1 | (0,1) p=1 ok | (1,0) p=0 → w=(2,2) b=0 | (1,1) ok              → w=(2,2) b=0, loss 0
        // epoch 5: (0,0) p=0 → b=−1 | the rest ok                                                    → w=(2,2) b=−1, loss 0
        // epochs 6–8: no mistakes. The best loss, 0, came in epoch 3; epochs 4–8 are 5 without improving by tol·n → stop after 8.
        float[][] weights = [[1, 1, 1], [1, 1, 0], [1, 2, 0], [2, 2, 0], [2, 2, -1], [2, 2, -1], [2, 2, -1], [2, 2, -1]];
        using (Warnings.Capture()) // stopping at maxIter warns
            for (int epochs = 1; epochs <= 8; epochs++)
            {
                var p = new Perceptron(maxIter: epochs, tol: null, shuffle: false).Fit(Gate, Or);
                Assert.Equal(weights[epochs - 1], Weights(p));
            }
        var unit = new Perceptron(shuffle: false).Fit(Gate, Or);
        TensorAssert.Exact(unit.Coef, [1, 2], 2, 2);
        TensorAssert.Exact(unit.Intercept, [1], -1);
        Assert.Equal(8, unit.Iterations);
        Assert.True(unit.Converged);
        TensorAssert.Exact(unit.Predict(Gate), [4], 0, 1, 1, 1);
        TensorAssert.Exact(unit.DecisionFunction(Gate), [4], -1, 1, 1, 3);
        Assert.Equal(1f, unit.Score(Gate, Or));
    }

    [Fact]
    public void LearnsAnd()
    {
        // epoch 1: (0,0) p=0 → b=−1 | (0,1) p=−1 ok | (1,0) ok | (1,1) p=−1 y=+1 → w=(1,1) b=0
        // epoch 2: (0,0) p=0 → b=−1 | (0,1) p=0 → w=(1,0) b=−2 | (1,0) p=−1 ok | (1,1) p=−1 → w=(2,1) b=−1
        // epoch 3: (0,0) ok | (0,1) p=0 → w=(2,0) b=−2 | (1,0) p=0 → w=(1,0) b=−3 | (1,1) p=−2 → w=(2,1) b=−2
        // … scikit-learn: after 5 epochs w=(3,2) b=−2, and the final w=(3,2) b=−4 after 10.
        using (Warnings.Capture())
        {
            Assert.Equal([1f, 1, 0], Weights(new Perceptron(maxIter: 1, tol: null, shuffle: false).Fit(Gate, And)));
            Assert.Equal([2f, 1, -1], Weights(new Perceptron(maxIter: 2, tol: null, shuffle: false).Fit(Gate, And)));
            Assert.Equal([2f, 1, -2], Weights(new Perceptron(maxIter: 3, tol: null, shuffle: false).Fit(Gate, And)));
            Assert.Equal([3f, 2, -2], Weights(new Perceptron(maxIter: 5, tol: null, shuffle: false).Fit(Gate, And)));
        }
        var unit = new Perceptron(shuffle: false).Fit(Gate, And);
        Assert.Equal([3f, 2, -4], Weights(unit));
        Assert.Equal(10, unit.Iterations);
        TensorAssert.Exact(unit.Predict(Gate), [4], 0, 0, 0, 1);
    }

    [Fact]
    public void XorIsNotLearnedAndTheToleranceRuleStopsIt()
    {
        // XOR from zeros: every epoch makes the same mistakes and ends at w = (0, 0), b = 0 again (loss 1 each epoch), so the
        // loss never improves on the first epoch's: the stopping rule (tol) ends training after 1 + 5 epochs, as
        // scikit-learn's n_iter_ = 6. No line separates XOR, so the unit is still wrong on half of the examples.
        using var warnings = Warnings.Capture();
        var unit = new Perceptron(shuffle: false).Fit(Gate, Xor);
        Assert.Equal([0f, 0, 0], Weights(unit));
        Assert.Equal(6, unit.Iterations);
        Assert.True(unit.Converged); // "converged" in scikit-learn's sense: the loss stopped improving
        Assert.Equal(0.5f, unit.Score(Gate, Xor));
        Assert.Equal("", warnings.Text);

        // Without the rule it runs to maxIter, and says so.
        var forced = new Perceptron(shuffle: false, tol: null, maxIter: 20).Fit(Gate, Xor);
        Assert.Equal(20, forced.Iterations);
        Assert.False(forced.Converged);
        Assert.Contains("Warning: Perceptron.Fit: training stopped at maxIter = 20 epochs", warnings.Text);
        Assert.Contains("XOR", warnings.Text);
    }

    [Fact]
    public void MatchesScikitLearnExactlyOnSomeBanknotes()
    {
        var (x, y) = Banknotes();
        var unit = new Perceptron(shuffle: false).Fit(x, y);
        TensorAssert.Exact(unit.Coef, [1, 2], -6.799398899078369f, -3.617295742034912f);
        TensorAssert.Exact(unit.Intercept, [1], 6f);
        Assert.Equal(12, unit.Iterations);
        TensorAssert.Exact(unit.DecisionFunction(x), [10], -49.97254943847656f, -54.45328903198242f, -10.742964744567871f, 3.493274211883545f,
                           28.81611442565918f, 19.87714195251465f, 25.66371726989746f, 16.4080810546875f, 60.5537223815918f, 13.805381774902344f);
        TensorAssert.Exact(unit.Predict(x), [10], 0, 0, 0, 1, 1, 1, 1, 1, 1, 1);
        Assert.Equal(0.8f, unit.Score(x, y));

        // eta0=0.1, fit_intercept=False
        var small = new Perceptron(eta0: 0.1, fitIntercept: false, shuffle: false).Fit(x, y);
        TensorAssert.Exact(small.Coef, [1, 2], -0.6799399256706238f, -0.36172956228256226f);
        TensorAssert.Exact(small.Intercept, [1], 0f);
        Assert.Equal(12, small.Iterations);
        Assert.Equal(0.7f, small.Score(x, y));
    }

    [Theory]
    [InlineData("l2", 0.01, 0, -2.8584389686584473f, -3.118274211883545f, 3f, 8, 0.6f)]
    [InlineData("l2", 0.3, 0, -2.7832863330841064f, -5.786925792694092f, 0f, 8, 0.6f)]
    [InlineData("l1", 0.01, 0, -4.531538963317871f, -1.2811954021453857f, 4f, 12, 0.8f)]
    [InlineData("elasticnet", 0.01, 0.15, -3.4081928730010986f, -3.101212501525879f, 3f, 8, 0.7f)]
    public void PenaltiesMatchScikitLearn(string penalty, double alpha, double l1Ratio, float w1, float w2, float b, int epochs, float score)
    {
        // scikit-learn: Perceptron(shuffle=False, penalty=…, alpha=…) on the banknotes above (l1_ratio 0.15 is its default).
        var (x, y) = Banknotes();
        var unit = new Perceptron(shuffle: false, penalty: penalty, alpha: alpha, l1Ratio: l1Ratio == 0 ? 0.15 : l1Ratio).Fit(x, y);
        TensorAssert.Exact(unit.Coef, [1, 2], w1, w2);
        TensorAssert.Exact(unit.Intercept, [1], b);
        Assert.Equal(epochs, unit.Iterations);
        Assert.Equal(score, unit.Score(x, y));
    }

    [Fact]
    public void ThreeClassesOneVersusRestMatchScikitLearn()
    {
        var x = Tensor.FromArray(new float[,] { { 0, 0 }, { 1, 0 }, { 0, 1 }, { 2, 2 }, { 3, 1 }, { 1, 3 }, { -1, 2 }, { 2, -1 }, { 0.5f, 0.5f } });
        var y = Tensor.FromArray(new float[] { 2, 0, 1, 2, 0, 1, 1, 0, 2 });
        var unit = new Perceptron(shuffle: false).Fit(x, y);
        Assert.Equal([0f, 1, 2], unit.Classes);
        TensorAssert.Exact(unit.Coef, [3, 2], 2.5f, -2.5f, -1.5f, 1.5f, -3.5f, -1.5f);
        TensorAssert.Exact(unit.Intercept, [3], -1, -1, 1);
        Assert.Equal(13, unit.Iterations); // the most any of the three units needed
        TensorAssert.Exact(unit.DecisionFunction(x[0..2]), [2, 3], -1, -1, 1, 1.5f, -2.5f, -2.5f);
        TensorAssert.Exact(unit.Predict(x), [9], 2, 0, 1, 0, 0, 1, 1, 0, 0);
        Assert.Equal(7f / 9, unit.Score(x, y));
    }

    [Fact]
    public void ConvergesOnLinearlySeparableData()
    {
        // 40 points on either side of the line x₂ = 0.5·x₁ + 0.2, at least 0.1 away from it: the rule must separate them all.
        Tensor.SetRandomSeed(11);
        var points = (Tensor.RandomUniform([200, 2]) * 4f - 2f).ToArray();
        var rows = Enumerable.Range(0, 200).Select(i => (X1: points[2 * i], X2: points[2 * i + 1]))
                             .Where(p => MathF.Abs(p.X2 - 0.5f * p.X1 - 0.2f) > 0.1f).Take(40).ToList();
        var x = Tensor.FromData(rows.SelectMany(p => new[] { p.X1, p.X2 }).ToArray(), [rows.Count, 2]);
        var y = Tensor.FromData(rows.Select(p => p.X2 > 0.5f * p.X1 + 0.2f ? 1f : 0f).ToArray(), [rows.Count]);
        using var warnings = Warnings.Capture();
        var unit = new Perceptron(randomState: 1).Fit(x, y);
        Assert.Equal(1f, unit.Score(x, y));
        Assert.True(unit.Converged);
        Assert.InRange(unit.Iterations, 6, 999);
        Assert.Equal("", warnings.Text);
    }

    [Fact]
    public void ShuffleFalseAndARandomStateAreReproducible()
    {
        var x = Tensor.FromArray(new float[,] { { 1, 2 }, { -1, 0.5f }, { 2, -1 }, { -2, -1 }, { 0.5f, 1.5f }, { -0.5f, -2 }, { 3, 1 }, { -3, 0 } });
        var y = Tensor.FromArray(new float[] { 1, 0, 1, 0, 1, 0, 1, 0 });
        Assert.Equal(Weights(new Perceptron(shuffle: false).Fit(x, y)), Weights(new Perceptron(shuffle: false).Fit(x, y)));
        Assert.Equal(Weights(new Perceptron(randomState: 42).Fit(x, y)), Weights(new Perceptron(randomState: 42).Fit(x, y)));
        // different seeds visit the examples in different orders, and so end at different weights
        var bySeed = Enumerable.Range(0, 6).Select(seed => string.Join(",", Weights(new Perceptron(randomState: seed).Fit(x, y)))).Distinct();
        Assert.True(bySeed.Count() > 1);
    }

    [Fact]
    public void PartialFitMakesOneEpochFromWhereItWas()
    {
        // scikit-learn: three partial_fit calls on OR give the weights of epochs 1, 2 and 3, and n_iter_ = 1 each time.
        var unit = new Perceptron(shuffle: false);
        unit.PartialFit(Gate, Or, classes: [0, 1]);
        Assert.Equal([1f, 1, 1], Weights(unit));
        unit.PartialFit(Gate, Or);
        Assert.Equal([1f, 1, 0], Weights(unit));
        unit.PartialFit(Gate, Or);
        Assert.Equal([1f, 2, 0], Weights(unit));
        Assert.Equal(1, unit.Iterations);
    }

    [Fact]
    public void MistakesAreExplained()
    {
        var e1 = Assert.Throws<ArgumentException>(() => new Perceptron().PartialFit(Gate, Or));
        Assert.Contains("classes: [0, 1]", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new Perceptron().Fit(Gate, Tensor.Ones([4])));
        Assert.Contains("only one class (1)", e2.Message);
        var e3 = Assert.Throws<InvalidOperationException>(() => new Perceptron().Predict(Gate));
        Assert.Contains("call Fit(x, y) first", e3.Message);
        var e4 = Assert.Throws<ShapeException>(() => new Perceptron().Fit(Tensor.FromArray(new float[] { 1, 2, 3 }), Tensor.FromArray(new float[] { 0, 1, 1 })));
        Assert.Contains("x.Reshape(3, 1)", e4.Message);
        var e5 = Assert.Throws<ShapeException>(() => new Perceptron().Fit(Gate, Tensor.Eye(4)));
        Assert.Contains("y.ArgMax(-1)", e5.Message);
        var trained = new Perceptron().Fit(Gate, Or);
        Assert.Contains("trained on 2", Assert.Throws<ShapeException>(() => trained.Predict(Tensor.Zeros([1, 3]))).Message);
        Assert.Contains("eta0", Assert.Throws<ArgumentException>(() => new Perceptron(eta0: 0)).Message);
        Assert.Contains("\"l2\", \"l1\" or \"elasticnet\"", Assert.Throws<ArgumentException>(() => new Perceptron(penalty: "ridge")).Message);
    }

    [Fact]
    public void ItsPredictDrawsADecisionBoundary()
    {
        var unit = new Perceptron(shuffle: false).Fit(Gate, Or);
        var figure = Plot.DecisionBoundary(unit.Predict, Gate, Or, resolution: 20);
        Assert.NotEmpty(figure.Traces);
    }

    [Fact]
    public void NotebooksShowItsWeightsAndTraining()
    {
        var unit = new Perceptron(shuffle: false).Fit(Gate, Or);
        Assert.Equal("""
            Perceptron: 2 features → classes 0, 1
              unit    w₁  w₂   b
              1 vs 0   2   2  -1
            Trained for 8 epochs: stopped when the loss stopped improving.
            Rule: w ← w + η (y − ŷ) x, b ← b + η (y − ŷ), η = 1; predicts the second class where w·x + b > 0.
            """, CourseKit.Display.Text(unit));
        string html = CourseKit.Display.Html(unit);
        Assert.Contains("ck-perceptron", html);
        Assert.Contains("<th class=\"n\">w₁</th>", html);
        Assert.Contains("1 vs 0", html);
        Assert.Contains("Trained for 8 epochs", html);
        Assert.Contains("η = 1", html);
        Assert.Equal("Perceptron (not trained yet)\nCall Fit(x, y) to train it.\nRule: w ← w + η (y − ŷ) x, b ← b + η (y − ŷ), η = 1; predicts the second class where w·x + b > 0.",
                     new Perceptron().ToString());
    }

    /// <summary>Ten banknotes (variance, skewness) with their classes; scikit-learn got the same float32 values as float64.</summary>
    private static (Tensor X, Tensor Y) Banknotes() => (
        Tensor.FromArray(new float[,]
        {
            { 3.6216f, 8.6661f }, { 4.5459f, 8.1674f }, { 3.866f, -2.6383f }, { -1.3971f, 3.3191f }, { -1.6f, -3.3f },
            { 0.32924f, -4.4552f }, { -2.5419f, -0.65804f }, { 2.0922f, -6.81f }, { -3.5637f, -8.3827f }, { 1.4479f, -4.8794f },
        }),
        Tensor.FromArray(new float[] { 0, 0, 0, 1, 1, 0, 1, 0, 1, 1 }));

    private static float[] Weights(Perceptron p) => [.. p.Coef.ToArray(), .. p.Intercept.ToArray()];
}
