namespace CourseKit.Tests.Keras.Optimizers;

/// <summary>A weight of one's own trained by a loop written by hand (Keras's <c>keras.Variable</c> with
/// <c>optimizer.apply</c>): what the optimizers notebook does to draw the paths optimizers take on a bowl.</summary>
public class HandWrittenLoopTests
{
    [Fact]
    public void AVariableOfYourOwnIsStepped()
    {
        // f(x, y) = x² + 10y² at (1, 1): ∇f = (2, 20); SGD with η = 0.01 steps to (1 − 0.02, 1 − 0.2) = (0.98, 0.8).
        var p = new Variable("p", Tensor.FromData([1f, 1f], [2]));
        var loss = (p.Value * p.Value * Tensor.FromData([1f, 10f], [2])).Sum();
        loss.Backward();
        Assert.Equal([2f, 20f], p.Grad!.ToArray());
        new SGD(learningRate: 0.01).Apply([p]);
        Assert.Equal(0.98f, p.Value.ToArray()[0], 6);
        Assert.Equal(0.8f, p.Value.ToArray()[1], 6);
        Assert.Null(p.Grad);   // the new value starts the next step without an old gradient
        Assert.True(p.Trainable);
        Assert.Equal("p", p.Path);
    }

    [Fact]
    public void ANameIsRequired()
    {
        var e = Assert.Throws<ArgumentException>(() => new Variable(" ", Tensor.FromData([1f], [1])));
        Assert.Equal("name", e.ParamName);
        Assert.StartsWith("Variable: a weight needs a name", e.Message);
    }
}
