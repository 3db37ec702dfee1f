using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace CourseKit.Cli.Html;

/// <summary>
/// Markdown math as MathML, typeset when the page is written so that it needs no script and no network. Markdig's math
/// extension finds <c>$…$</c> and <c>$$…$$</c>; this adds <c>\(…\)</c> and <c>\[…\]</c> (as Jupyter reads them) and
/// writes every formula with the same converter as the explainers (linked from the library's Explain/Math folder).
/// Add it after <c>UseAdvancedExtensions()</c>, whose math renderers it replaces.
/// </summary>
public sealed class MarkdownMath : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<BracketMathParser>())
            pipeline.InlineParsers.InsertBefore<EscapeInlineParser>(new BracketMathParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html) return;
        html.ObjectRenderers.ReplaceOrAdd<HtmlMathInlineRenderer>(new InlineRenderer());
        html.ObjectRenderers.ReplaceOrAdd<HtmlMathBlockRenderer>(new BlockRenderer());
    }

    /// <summary>\( inline \) and \[ display \] math; without its closing partner the backslash is an ordinary escape.</summary>
    private sealed class BracketMathParser : InlineParser
    {
        public BracketMathParser() => OpeningCharacters = ['\\'];

        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            char bracket = slice.PeekChar();
            if (bracket is not ('(' or '[')) return false;
            int start = slice.Start + 2;
            int end = slice.Text.IndexOf(bracket == '(' ? "\\)" : "\\]", start, Math.Max(0, slice.End - start + 1), StringComparison.Ordinal);
            if (end < 0) return false;
            processor.Inline = new MathInline
            {
                Content = new StringSlice(slice.Text, start, end - 1),
                Delimiter = '\\',
                DelimiterCount = bracket == '(' ? 1 : 2,
                Span = new SourceSpan(processor.GetSourcePosition(slice.Start, out int line, out int column), processor.GetSourcePosition(end + 1)),
                Line = line,
                Column = column,
            };
            slice.Start = end + 2;
            return true;
        }
    }

    // $$…$$ inside a paragraph is display math, as in Jupyter.
    private sealed class InlineRenderer : HtmlObjectRenderer<MathInline>
    {
        protected override void Write(HtmlRenderer renderer, MathInline math) =>
            renderer.Write(TexToMathMl.Convert(math.Content.ToString(), display: math.DelimiterCount >= 2));
    }

    private sealed class BlockRenderer : HtmlObjectRenderer<MathBlock>
    {
        protected override void Write(HtmlRenderer renderer, MathBlock math)
        {
            renderer.EnsureLine();
            renderer.WriteLine(TexToMathMl.Convert(math.Lines.ToString(), display: true));
        }
    }
}
