namespace CourseKit.Tests.Explain.MathMl;

/// <summary>TeX to MathML Core, compared with hand-written MathML.</summary>
public class TexToMathMlTests
{
    // The formula's MathML without the math, semantics and annotation wrapper.
    private static string Body(string tex)
    {
        string math = TexToMathMl.Convert(tex, display: false);
        const string start = "<math><semantics>";
        int end = math.IndexOf("<annotation", StringComparison.Ordinal);
        Assert.StartsWith(start, math);
        return math[start.Length..end];
    }

    [Fact]
    public void Display_math_is_a_block_with_the_tex_as_annotation()
    {
        Assert.Equal(
            "<math display=\"block\"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow>" +
            "<annotation encoding=\"application/x-tex\">x^2</annotation></semantics></math>",
            TexToMathMl.Convert(" x^2 ", display: true));
        Assert.StartsWith("<math><semantics>", TexToMathMl.Convert("x", display: false));
    }

    [Theory]
    [InlineData("x^2", "<mrow><msup><mi>x</mi><mn>2</mn></msup></mrow>")]
    [InlineData("x^23", "<mrow><msup><mi>x</mi><mn>2</mn></msup><mn>3</mn></mrow>")]           // a script takes one token, as in TeX
    [InlineData("w_{12}", "<mrow><msub><mi>w</mi><mn>12</mn></msub></mrow>")]
    [InlineData("x_{k+1}", "<mrow><msub><mi>x</mi><mrow><mi>k</mi><mo lspace=\"0\" rspace=\"0\">+</mo><mn>1</mn></mrow></msub></mrow>")]  // no spaces in scripts
    [InlineData("x_i^2", "<mrow><msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup></mrow>")]
    [InlineData(@"\frac{\partial L}{\partial w}",
        "<mrow><mfrac><mrow><mi>∂</mi><mi>L</mi></mrow><mrow><mi>∂</mi><mi>w</mi></mrow></mfrac></mrow>")]
    [InlineData(@"\hat{y}", "<mrow><mover accent=\"true\"><mi>y</mi><mo stretchy=\"false\">^</mo></mover></mrow>")]
    [InlineData(@"\text{loss}", "<mrow><mtext>loss</mtext></mrow>")]
    [InlineData(@"\text{ (Keras MSE: }", "<mrow><mtext>\u00A0(Keras\u00A0MSE:\u00A0</mtext></mrow>")]
    [InlineData(@"\sigma(z)=\frac{1}{1+e^{-z}}",
        "<mrow><mi>σ</mi><mo stretchy=\"false\">(</mo><mi>z</mi><mo stretchy=\"false\">)</mo><mo>=</mo>" +
        "<mfrac><mn>1</mn><mrow><mn>1</mn><mo>+</mo><msup><mi>e</mi><mrow><mo lspace=\"0\" rspace=\"0\">−</mo><mi>z</mi></mrow></msup></mrow></mfrac></mrow>")]
    [InlineData("{a_{b_{c}}}", "<mrow><msub><mi>a</mi><msub><mi>b</mi><mi>c</mi></msub></msub></mrow>")]
    [InlineData("{{x}}+{}", "<mrow><mi>x</mi><mo>+</mo><mrow/></mrow>")]
    [InlineData(@"a < b > c \& d", "<mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi><mo>&gt;</mo><mi>c</mi><mo>&amp;</mo><mi>d</mi></mrow>")]
    [InlineData("3.14 - 2", "<mrow><mn>3.14</mn><mo>−</mo><mn>2</mn></mrow>")]
    [InlineData(@"(-4)\cdot1",                                                               // a sign after "(" gets no space
        "<mrow><mo stretchy=\"false\">(</mo><mo lspace=\"0\" rspace=\"0\">−</mo><mn>4</mn><mo stretchy=\"false\">)</mo><mo>⋅</mo><mn>1</mn></mrow>")]
    [InlineData(@"g \mathrel{+}= 1", "<mrow><mi>g</mi><mo lspace=\"0.2778em\" rspace=\"0.2778em\">+=</mo><mn>1</mn></mrow>")]
    [InlineData(@"\ln x + \exp(x)",
        "<mrow><mi>ln</mi><mo>\u2061</mo><mspace width=\"0.1667em\"/><mi>x</mi><mo>+</mo><mi>exp</mi><mo>\u2061</mo>" +
        "<mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>")]
    [InlineData(@"y \log y", "<mrow><mi>y</mi><mspace width=\"0.1667em\"/><mi>log</mi><mo>\u2061</mo><mspace width=\"0.1667em\"/><mi>y</mi></mrow>")]
    [InlineData(@"\operatorname{softmax}(z)", "<mrow><mi>softmax</mi><mo>\u2061</mo><mo stretchy=\"false\">(</mo><mi>z</mi><mo stretchy=\"false\">)</mo></mrow>")]
    [InlineData(@"\mathrm{leaky\_relu}", "<mrow><mi>leaky_relu</mi></mrow>")]
    [InlineData(@"\mathrm{d}x", "<mrow><mi mathvariant=\"normal\">d</mi><mi>x</mi></mrow>")]
    [InlineData(@"x \in \mathbb{R}^{n}", "<mrow><mi>x</mi><mo>∈</mo><msup><mi>ℝ</mi><mi>n</mi></msup></mrow>")]
    [InlineData(@"\mathbf{W}^\top \mathbb{1}", "<mrow><msup><mi>𝐖</mi><mi mathvariant=\"normal\">⊤</mi></msup><mn>𝟙</mn></mrow>")]
    [InlineData(@"\boldsymbol{\theta}", "<mrow><mi>𝛉</mi></mrow>")]
    [InlineData(@"\Delta \nabla f", "<mrow><mi mathvariant=\"normal\">Δ</mi><mi mathvariant=\"normal\">∇</mi><mi>f</mi></mrow>")]
    // a prime follows its base at full size (math fonts draw ′ raised); with a superscript it joins the superscript
    [InlineData("f'(x)", "<mrow><mrow><mi>f</mi><mo lspace=\"0\" rspace=\"0\">′</mo></mrow><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>")]
    [InlineData("x_k''", "<mrow><mrow><msub><mi>x</mi><mi>k</mi></msub><mo lspace=\"0\" rspace=\"0\">″</mo></mrow></mrow>")]
    [InlineData("f'^2", "<mrow><msup><mi>f</mi><mrow><mo>′</mo><mn>2</mn></mrow></msup></mrow>")]
    [InlineData("a/b", "<mrow><mi>a</mi><mo stretchy=\"false\" lspace=\"0\" rspace=\"0\">/</mo><mi>b</mi></mrow>")]
    [InlineData(@"\sqrt{x} \sqrt[3]{y}", "<mrow><msqrt><mi>x</mi></msqrt><mroot><mi>y</mi><mn>3</mn></mroot></mrow>")]
    [InlineData(@"a \quad b \, c", "<mrow><mi>a</mi><mspace width=\"1em\"/><mi>b</mi><mspace width=\"0.1667em\"/><mi>c</mi></mrow>")]
    [InlineData(@"\{x\}", "<mrow><mo stretchy=\"false\">{</mo><mi>x</mi><mo stretchy=\"false\">}</mo></mrow>")]
    [InlineData(@"w \leftarrow w - \eta \odot g",
        "<mrow><mi>w</mi><mo>←</mo><mi>w</mi><mo>−</mo><mi>η</mi><mo>⊙</mo><mi>g</mi></mrow>")]
    public void Converts(string tex, string mathml) => Assert.Equal(mathml, Body(tex));

    [Fact]
    public void Sums_and_maxima_take_their_limits_under_and_over()
    {
        Assert.Equal("<mrow><munderover><mo>∑</mo><mrow><mi>i</mi><mo lspace=\"0\" rspace=\"0\">=</mo><mn>1</mn></mrow><mi>n</mi></munderover><msub><mi>x</mi><mi>i</mi></msub></mrow>",
            Body(@"\sum_{i=1}^{n} x_i"));
        Assert.Equal("<mrow><munder><mo movablelimits=\"true\" form=\"prefix\" lspace=\"0\" rspace=\"0\">max</mo>" +
                     "<mrow><mi>m</mi><mo lspace=\"0\" rspace=\"0\">,</mo><mi>n</mi></mrow></munder><mo>\u2061</mo><mspace width=\"0.1667em\"/><mi>x</mi></mrow>",
            Body(@"\max_{m,n} x"));
        Assert.Equal("<mrow><msubsup><mo>∫</mo><mn>0</mn><mn>1</mn></msubsup><mi>x</mi></mrow>", Body(@"\int_0^1 x"));
        Assert.Equal("<mrow><munder><munder><mi>Z</mi><mo stretchy=\"true\">⏟</mo></munder><mrow><mn>2</mn><mo lspace=\"0\" rspace=\"0\">×</mo><mn>3</mn></mrow></munder></mrow>",
            Body(@"\underbrace{Z}_{2\times 3}"));
    }

    [Fact]
    public void A_bmatrix_is_a_table_between_stretchy_brackets()
    {
        Assert.Equal(
            "<mrow><mrow><mo fence=\"true\" stretchy=\"true\" symmetric=\"true\">[</mo><mtable>" +
            "<mtr><mtd><mn>1</mn></mtd><mtd><mrow><mo lspace=\"0\" rspace=\"0\">−</mo><mn>2.5</mn></mrow></mtd></mtr>" +
            "<mtr><mtd><mo>⋮</mo></mtd><mtd><mo>⋱</mo></mtd></mtr>" +
            "</mtable><mo fence=\"true\" stretchy=\"true\" symmetric=\"true\">]</mo></mrow></mrow>",
            Body(@"\begin{bmatrix}1 & -2.5 \\ \vdots & \ddots\end{bmatrix}"));
    }

    [Fact]
    public void Cases_and_aligned_equations_align_their_columns()
    {
        Assert.Equal(
            "<mrow><mrow><mo fence=\"true\" stretchy=\"true\" symmetric=\"true\">{</mo><mtable>" +
            "<mtr><mtd style=\"text-align:left\"><mi>x</mi></mtd><mtd style=\"text-align:left;padding-left:1em\"><mrow><mi>x</mi><mo>&gt;</mo><mn>0</mn></mrow></mtd></mtr>" +
            "<mtr><mtd style=\"text-align:left\"><mn>0</mn></mtd><mtd style=\"text-align:left;padding-left:1em\"><mtext>otherwise</mtext></mtd></mtr>" +
            "</mtable></mrow></mrow>",
            Body(@"\begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}"));
        // {}= as in TeX: the = after & is spaced as a relation
        Assert.Equal(
            "<mtable displaystyle=\"true\">" +
            "<mtr><mtd style=\"text-align:right;padding-right:0\"><mi>a</mi></mtd><mtd style=\"text-align:left;padding-left:0\"><mrow><mrow/><mo>=</mo><mi>b</mi></mrow></mtd></mtr>" +
            "<mtr><mtd style=\"text-align:right;padding-right:0\"><mrow/></mtd><mtd style=\"text-align:left;padding-left:0\"><mrow><mrow/><mo>=</mo><mi>c</mi></mrow></mtd></mtr>" +
            "</mtable>",
            Body(@"a &= b \\ &= c \\"));
    }

    [Fact]
    public void Left_and_right_delimiters_stretch()
    {
        Assert.Equal(
            "<mrow><mrow><mo fence=\"true\" stretchy=\"true\" symmetric=\"true\">(</mo><mrow><mfrac><mi>a</mi><mi>b</mi></mfrac></mrow>" +
            "<mo fence=\"true\" stretchy=\"true\" symmetric=\"true\">)</mo></mrow></mrow>",
            Body(@"\left( \frac{a}{b} \right)"));
        Assert.Equal("<mrow><mrow><mrow><mi>x</mi></mrow><mo fence=\"true\" stretchy=\"true\" symmetric=\"true\">|</mo></mrow></mrow>",
            Body(@"\left. x \right|"));
    }

    [Fact]
    public void Text_escapes_and_annotation_are_escaped()
    {
        string math = TexToMathMl.Convert(@"a<b \text{&} ""c""", display: false);
        Assert.Contains("<mo>&lt;</mo>", math);
        Assert.Contains("<annotation encoding=\"application/x-tex\">a&lt;b \\text{&amp;} \"c\"</annotation>", math);
    }

    [Theory]
    [InlineData(@"\foo{x}", "<mrow><merror><mtext>\\foo</mtext></merror><mi>x</mi></mrow>")]
    [InlineData(@"\frac{1}", "<mrow><mfrac><mn>1</mn><merror><mtext>\\frac needs an argument</mtext></merror></mfrac></mrow>")]
    [InlineData("x}", "<mrow><mi>x</mi><merror><mtext>unexpected }</mtext></merror></mrow>")]
    [InlineData("x^", "<mrow><msup><mi>x</mi><merror><mtext>^ needs an argument</mtext></merror></msup></mrow>")]
    [InlineData(@"\left( x", "<mrow><mrow><mo fence=\"true\" stretchy=\"true\" symmetric=\"true\">(</mo><mrow><mi>x</mi></mrow><merror><mtext>\\left without \\right</mtext></merror></mrow></mrow>")]
    public void What_cannot_be_read_shows_as_a_visible_error(string tex, string mathml) => Assert.Equal(mathml, Body(tex));

    [Fact]
    public void Unknown_environments_and_mismatched_ends_are_named()
    {
        string math = Body(@"\begin{foo}1&2\end{bar}");
        Assert.Contains("<merror><mtext>unknown environment foo</mtext></merror>", math);
        Assert.Contains("<merror><mtext>\\begin{foo} ended by \\end{bar}</mtext></merror>", math);
        Assert.Contains("<mtd><mn>2</mn></mtd>", math);
    }

    [Fact]
    public void Any_mix_of_tex_pieces_gives_well_formed_MathML_without_throwing()
    {
        string[] pieces =
        [
            "x", "1", ".", "{", "}", "^", "_", "&", @"\\", @"\frac", @"\sqrt", "[", "]", @"\left", @"\right", "(", ")", "<", "\"",
            @"\begin{bmatrix}", @"\end{bmatrix}", @"\begin{cases}", @"\end{aligned}", @"\text{", "$", "'", @"\hat", @"\mathbf",
            @"\operatorname*", @"\textstyle", @"\color{red}", @"\not", @"\big", @"\middle", @"\underbrace", @"\foo", " ", "\\",
            "%", @"\sum", @"\max", @"\limits", @"\ln", "-", "=", @"\mathrel", @"\overset", @"\binom", @"\end", @"\begin", @"\rm",
        ];
        var random = new Random(12);
        for (int i = 0; i < 3000; i++)
        {
            string tex = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
            string math = TexToMathMl.Convert(tex, display: i % 2 == 0);
            var root = System.Xml.Linq.XElement.Parse(math);                // balanced and escaped
            Assert.Equal("math", root.Name.LocalName);
            Assert.Equal(tex.Trim(), root.Descendants("annotation").Single().Value);
        }
    }
}
