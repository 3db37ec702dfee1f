namespace CourseKit;

/// <summary>Every value 0 (Keras's <c>"zeros"</c>): the default for biases.</summary>
public sealed class Zeros : Initializer
{
    public override Tensor Create(int[] shape) => Tensor.Zeros(shape);
}
