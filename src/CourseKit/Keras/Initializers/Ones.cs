namespace CourseKit;

/// <summary>Every value 1 (Keras's <c>"ones"</c>): the default for BatchNormalization's scale γ.</summary>
public sealed class Ones : Initializer
{
    public override Tensor Create(int[] shape) => Tensor.Ones(shape);
}
