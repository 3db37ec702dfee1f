namespace CourseKit.Backends;

/// <summary>The elementwise functions for one number: the definition every backend must agree with.</summary>
internal static class Scalar
{
    public static float Apply(UnaryOp op, float x, float a, float b) => op switch
    {
        UnaryOp.Neg => -x,
        UnaryOp.Abs => MathF.Abs(x),
        UnaryOp.Sign => float.IsNaN(x) ? x : MathF.Sign(x),
        UnaryOp.Exp => MathF.Exp(x),
        UnaryOp.Log => MathF.Log(x),
        UnaryOp.Sqrt => MathF.Sqrt(x),
        // Written so that exp never overflows: for negative x use e^x / (1 + e^x).
        UnaryOp.Sigmoid => x >= 0 ? 1f / (1f + MathF.Exp(-x)) : MathF.Exp(x) / (1f + MathF.Exp(x)),
        UnaryOp.Tanh => MathF.Tanh(x),
        UnaryOp.Relu => MathF.Max(x, 0f), // NaN stays NaN, as in TensorFlow and PyTorch: a NaN must never be hidden
        UnaryOp.Erf => (float)MathNet.Numerics.SpecialFunctions.Erf(x),
        // log(1 + e^x) = max(x, 0) + log(1 + e^-|x|): no overflow for large x, no loss for very negative x.
        UnaryOp.Softplus => MathF.Max(x, 0) + (float)Math.Log(1 + Math.Exp(-Math.Abs(x))),
        UnaryOp.Affine => a * x + b,
        UnaryOp.Pow => Power(x, a),
        UnaryOp.Clip => MathF.Min(MathF.Max(x, a), b),
        UnaryOp.Heaviside => x > 0 ? 1f : x < 0 ? 0f : x == 0 ? a : x,
        UnaryOp.Sin => MathF.Sin(x),
        UnaryOp.Cos => MathF.Cos(x),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    public static float Apply(BinaryOp op, float x, float y) => op switch
    {
        BinaryOp.Add => x + y,
        BinaryOp.Sub => x - y,
        BinaryOp.Mul => x * y,
        BinaryOp.Div => x / y,
        BinaryOp.Pow => Power(x, y),
        BinaryOp.Max => MathF.Max(x, y),
        BinaryOp.Min => MathF.Min(x, y),
        BinaryOp.Greater => x > y ? 1f : 0f,
        BinaryOp.GreaterEqual => x >= y ? 1f : 0f,
        BinaryOp.Less => x < y ? 1f : 0f,
        BinaryOp.LessEqual => x <= y ? 1f : 0f,
        BinaryOp.Equal => x == y ? 1f : 0f,
        BinaryOp.NotEqual => x != y ? 1f : 0f,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>x^p with the small integer powers exact (x² is x·x, so (−3)² = 9 without rounding through log).</summary>
    private static float Power(float x, float p) => p switch
    {
        1f => x,
        2f => x * x,
        3f => x * x * x,
        -1f => 1f / x,
        0.5f => MathF.Sqrt(x),
        _ => MathF.Pow(x, p),
    };

    /// <summary>
    /// One optimizer step over elements [start, start+count): the formulas of <see cref="UpdateRule"/>, element by element
    /// (each element's update is independent, so ranges can run in parallel).
    /// </summary>
    public static void Step(UpdateRule rule, float[] w, float[] g, float[] result, float[]? s1, float[]? s2, float[]? s3,
                            UpdateSettings u, int start, int count)
    {
        for (int i = start; i < start + count; i++)
        {
            switch (rule)
            {
                case UpdateRule.Sgd:
                    result[i] = w[i] - u.LearningRate * g[i];
                    break;
                case UpdateRule.Momentum:
                    s1![i] = u.Momentum * s1[i] - u.LearningRate * g[i];
                    result[i] = w[i] + s1[i];
                    break;
                case UpdateRule.Nesterov:
                    s1![i] = u.Momentum * s1[i] - u.LearningRate * g[i];
                    result[i] = w[i] + u.Momentum * s1[i] - u.LearningRate * g[i];
                    break;
                default: // Adam, AmsGrad
                    s1![i] += (g[i] - s1[i]) * (1 - u.Beta1);
                    s2![i] += (g[i] * g[i] - s2[i]) * (1 - u.Beta2);
                    float v = s2[i];
                    if (rule == UpdateRule.AmsGrad) v = s3![i] = MathF.Max(s3[i], v);
                    result[i] = w[i] - s1[i] * u.LearningRate / (MathF.Sqrt(v) + u.Epsilon);
                    break;
            }
        }
    }
}
