using System.Text.RegularExpressions;
using CourseKit.Testing;

namespace CourseKit.Tests.Explain.Steppers;

/// <summary>
/// Every step of a stepper is in the page itself: readable where scripts don't run (an exported page in a viewer that
/// blocks them, GitHub's notebook view), and reachable where they do ("All steps", printing). Checked on the
/// notebook's 7-step backprop explanation in headless Chromium, with JavaScript off and on.
/// </summary>
public class StepperPageTests
{
    private static readonly string[] Titles =
    [
        "the network, the data and the cost", "forward pass", "the error at the output", "gradients of the output layer",
        "the error sent back to the hidden layer", "gradients of the hidden layer", "one gradient-descent step",
    ];

    private static BackpropExplanation NotebookBackprop()
    {
        var model = new Sequential([new Dense(3, inputShape: [2], activation: "sigmoid"), new Dense(1, activation: "sigmoid")]);
        model.SetWeights([
            Tensor.FromArray(new float[,] { { 0.2f, -0.1f, 0.4f }, { -0.4f, 0.3f, 0.1f } }), Tensor.FromArray(new float[] { 0.1f, 0f, -0.2f }),
            Tensor.FromArray(new float[,] { { 0.5f }, { -0.6f }, { 0.3f } }), Tensor.FromArray(new float[] { 0.05f })]);
        var x = Tensor.FromArray(new float[,] { { 0.3f, 0.5f }, { 0.5f, 0.1f }, { 1f, 0.2f } });
        return CourseKit.Explain.Backprop(model, x, Tensor.FromArray(new float[,] { { 1 }, { 0 }, { 1 } }), learningRate: 0.5f);
    }

    private static string Page(string html)
    {
        var page = Path.Combine(Directory.CreateTempSubdirectory("coursekit-stepper-").FullName, "page.html");
        File.WriteAllText(page, $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>{html}</body></html>");
        return page;
    }

    [Fact]
    public void The_html_holds_every_step_and_its_content()
    {
        var e = NotebookBackprop();
        string html = Display.Html(e);
        for (int k = 0; k < Titles.Length; k++)
            Assert.Contains($"Step {k + 1} of 7: {Titles[k]}", html);
        Assert.Equal(7, Regex.Matches(html, "class=\"ck-step\"").Count);
        // The content of the last step, not only its title: the updated weights.
        Assert.Contains("W^{(1)} \\leftarrow", html);
        Assert.Contains("data-ck=\"all\"", html);
        Assert.Contains("@media print", html);
    }

    /// <summary>The stepper's root element as the browser has it, its random id suffix removed.</summary>
    private static string Root(string dom) => Regex.Replace(Regex.Match(dom, "<div id=\"ck-steps-[0-9a-f]+\"[^>]*>").Value, "-[0-9a-f]+\"", "\"");

    [SkippableFact]
    public async Task Without_scripts_every_step_is_shown()
    {
        Skip.IfNot(HeadlessChromium.IsInstalled, "Debian's chromium is not installed (./test.sh installs it)");
        var page = Page(Display.Html(NotebookBackprop()));

        var noScripts = await new HeadlessChromium { JavaScript = false }.DumpDomAsync(page);
        foreach (var title in Titles) Assert.Contains(title, noScripts.Output);
        Assert.Equal("<div id=\"ck-steps\">", Root(noScripts.Output));   // the class that hides steps is never set
        Assert.DoesNotContain("step 1 of 7", noScripts.Output);   // the walker's position is written by the script only

        var scripts = await new HeadlessChromium().DumpDomAsync(page);
        Assert.Equal("<div id=\"ck-steps\" class=\"ck-js\">", Root(scripts.Output));
        Assert.Contains("step 1 of 7", scripts.Output);
        Assert.Contains("All steps</button>", scripts.Output);
        foreach (var title in Titles) Assert.Contains(title, scripts.Output);
    }
}
