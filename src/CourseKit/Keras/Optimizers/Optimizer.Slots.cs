namespace CourseKit;

public abstract partial class Optimizer
{
    /// <summary>The optimizer's state <paramref name="name"/> for <paramref name="variable"/>, filled with
    /// <paramref name="initialValue"/> the first time (e.g. Adagrad's accumulator, which starts at 0.1, not 0).</summary>
    protected Tensor Slot(Variable variable, string name, float initialValue)
    {
        if (_slots.TryGetValue(variable, out var slots) && slots.TryGetValue(name, out var value)) return value;
        value = Tensor.Full(variable.Shape, initialValue, variable.Value.Device);
        SetSlot(variable, name, value);
        return value;
    }

    /// <summary>
    /// Applies a fused update rule (one pass over the weight, see <see cref="Backends.UpdateRule"/>): the slots named
    /// <paramref name="slotNames"/> are updated in place — the optimizer owns them — and the new weight replaces the old.
    /// </summary>
    internal void ApplyFused(Variable variable, Tensor gradient, Backends.UpdateRule rule, Backends.UpdateSettings settings, params string[] slotNames)
    {
        var slots = slotNames.Select(name => Slot(variable, name)).ToArray();
        var weight = variable.Value;
        var result = weight.NewResult(weight.ShapeView);
        weight.Backend.OptimizerStep(rule, weight.Buffer, gradient.Buffer, result.Buffer,
            slots.ElementAtOrDefault(0)?.Buffer, slots.ElementAtOrDefault(1)?.Buffer, slots.ElementAtOrDefault(2)?.Buffer, settings);
        variable.Assign(result);
    }
}
