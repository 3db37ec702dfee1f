namespace CourseKit;

/// <summary>
/// Grids of values that several traces of one figure draw: a decision boundary's coloured background and its
/// p = 0.5 line contour the same probabilities. A page carries each grid once — the later traces get theirs from the
/// first in the figure's script, before plotly.js draws — which halves the size of a page of decision boundaries.
/// <see cref="Figure.ToPlotlyJson"/> keeps every trace complete, for use outside the page.
/// </summary>
internal static class SharedGrids
{
    /// <summary>
    /// The traces with every grid <see cref="GridTrace.Z"/> that an earlier trace already holds (the same array) left
    /// out, and the script lines that put them back: <c>figure.data[1].z = figure.data[0].z;</c>.
    /// </summary>
    public static (IReadOnlyList<Trace> Traces, string Script) Of(IReadOnlyList<Trace> traces)
    {
        var slim = traces.ToList();
        var holder = new Dictionary<double[][], int>(ReferenceEqualityComparer.Instance);
        var script = new System.Text.StringBuilder();
        for (int i = 0; i < slim.Count; i++)
        {
            if (slim[i] is not GridTrace { Z: { } z } grid) continue;
            if (holder.TryGetValue(z, out int first))
            {
                slim[i] = grid with { Z = null };
                script.Append($"  figure.data[{i}].z = figure.data[{first}].z;\n");
            }
            else holder[z] = i;
        }
        return (slim, script.ToString());
    }
}
