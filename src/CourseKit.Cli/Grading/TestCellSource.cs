using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CourseKit.Cli.Grading;

/// <summary>
/// A test cell's code as the grader runs it: every <c>Grading</c> and <c>Judge</c> it names is CourseKit's
/// (<c>global::CourseKit.Grading</c>, <c>global::CourseKit.Judge</c>), so a class of that name in a student's cell cannot
/// stand in for the check helpers. Only what runs changes; the notebooks keep the test as the author wrote it.
/// </summary>
static class TestCellSource
{
    static readonly string[] Helpers = ["Grading", "Judge"];

    /// <summary>The code with each unqualified <c>Grading</c> or <c>Judge</c> made fully qualified.</summary>
    public static string Qualified(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script));
        return new Qualifier().Visit(tree.GetRoot()).ToFullString();
    }

    sealed class Qualifier : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node)
        {
            if (!Helpers.Contains(node.Identifier.Text) || IsQualified(node)) return base.VisitIdentifierName(node);
            return SyntaxFactory.ParseName($"global::CourseKit.{node.Identifier.Text}").WithTriviaFrom(node);
        }

        /// <summary>A name after a dot (x.Grading), an alias (::), or a named argument (judge: …), which is not the type.</summary>
        static bool IsQualified(IdentifierNameSyntax node) => node.Parent switch
        {
            MemberAccessExpressionSyntax access => access.Name == node,
            QualifiedNameSyntax qualified => qualified.Right == node,
            AliasQualifiedNameSyntax => true,
            NameColonSyntax => true,
            _ => false,
        };
    }
}
