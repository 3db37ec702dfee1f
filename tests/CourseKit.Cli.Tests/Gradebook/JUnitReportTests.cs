using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using CourseKit.Cli.Gradebook;

namespace CourseKit.Cli.Tests.Gradebook;

public class JUnitReportTests
{
    static XElement Parse() => XDocument.Parse(JUnitReport.ToXml(ClassOfThree.All)).Root!;

    static string Attribute(XElement e, string name) => e.Attribute(name)!.Value;

    [Fact]
    public void The_class_is_one_testsuites_with_the_right_counts()
    {
        var root = Parse();

        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal(("a01-neuron", "9", "3", "1", "1", "130.75"),
            (Attribute(root, "name"), Attribute(root, "tests"), Attribute(root, "failures"), Attribute(root, "errors"),
             Attribute(root, "skipped"), Attribute(root, "time")));
    }

    /// <summary>
    /// The shape CI readers (Jenkins' JUnit plugin, Surefire, GitHub Actions' JUnit reporters) accept, written here from
    /// the Ant/Surefire schema: required counts on every suite, times as plain seconds with at most three decimals,
    /// timestamps without a zone, and each testcase holding at most one of skipped, error or failure.
    /// </summary>
    const string Schema = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:simpleType name="seconds"><xs:restriction base="xs:string"><xs:pattern value="[0-9]+(\.[0-9]{1,3})?"/></xs:restriction></xs:simpleType>
          <xs:simpleType name="count"><xs:restriction base="xs:nonNegativeInteger"/></xs:simpleType>
          <xs:complexType name="outcome" mixed="true">
            <xs:attribute name="message" type="xs:string"/><xs:attribute name="type" type="xs:string"/>
          </xs:complexType>
          <xs:element name="testsuites">
            <xs:complexType>
              <xs:sequence><xs:element ref="testsuite" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
              <xs:attribute name="name" type="xs:string"/>
              <xs:attribute name="tests" type="count" use="required"/><xs:attribute name="failures" type="count" use="required"/>
              <xs:attribute name="errors" type="count" use="required"/><xs:attribute name="skipped" type="count"/>
              <xs:attribute name="time" type="seconds"/>
            </xs:complexType>
          </xs:element>
          <xs:element name="testsuite">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="properties" minOccurs="0">
                  <xs:complexType><xs:sequence>
                    <xs:element name="property" maxOccurs="unbounded">
                      <xs:complexType>
                        <xs:attribute name="name" type="xs:string" use="required"/><xs:attribute name="value" type="xs:string" use="required"/>
                      </xs:complexType>
                    </xs:element>
                  </xs:sequence></xs:complexType>
                </xs:element>
                <xs:element name="testcase" maxOccurs="unbounded">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:choice minOccurs="0">
                        <xs:element name="skipped" type="outcome"/><xs:element name="error" type="outcome"/><xs:element name="failure" type="outcome"/>
                      </xs:choice>
                      <xs:element name="system-out" type="xs:string" minOccurs="0"/>
                    </xs:sequence>
                    <xs:attribute name="name" type="xs:string" use="required"/><xs:attribute name="classname" type="xs:string" use="required"/>
                    <xs:attribute name="time" type="seconds" use="required"/>
                  </xs:complexType>
                </xs:element>
              </xs:sequence>
              <xs:attribute name="name" type="xs:string" use="required"/>
              <xs:attribute name="tests" type="count" use="required"/><xs:attribute name="failures" type="count" use="required"/>
              <xs:attribute name="errors" type="count" use="required"/><xs:attribute name="skipped" type="count" use="required"/>
              <xs:attribute name="time" type="seconds" use="required"/>
              <xs:attribute name="timestamp"><xs:simpleType><xs:restriction base="xs:dateTime">
                <xs:pattern value="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"/>
              </xs:restriction></xs:simpleType></xs:attribute>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """;

    [Fact]
    public void The_report_is_valid_against_the_junit_schema()
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, XmlReader.Create(new StringReader(Schema)));
        var problems = new List<string>();

        XDocument.Parse(JUnitReport.ToXml(ClassOfThree.All)).Validate(schemas, (_, e) => problems.Add(e.Message));

        Assert.Empty(problems);
    }

    [Fact]
    public void Each_student_is_a_testsuite_in_order_with_a_testcase_per_test()
    {
        var suites = Parse().Elements("testsuite").ToList();

        Assert.Equal(["alice", "carol", "Smith, Bob \"the builder\""], suites.Select(s => Attribute(s, "name")));
        Assert.Equal([("4", "0", "0", "1"), ("1", "0", "1", "0"), ("4", "3", "0", "0")],
            suites.Select(s => (Attribute(s, "tests"), Attribute(s, "failures"), Attribute(s, "errors"), Attribute(s, "skipped"))));
        Assert.Equal("2026-12-06T22:30:05", Attribute(suites[0], "timestamp"));
        Assert.Equal(["q1.sigmoid", "q1.range", "q2.forward", "q2.why"], suites[2].Elements("testcase").Select(c => Attribute(c, "name")));
        Assert.All(suites[2].Elements("testcase"), c => Assert.Equal("Smith, Bob \"the builder\"", Attribute(c, "classname")));
    }

    [Fact]
    public void A_failure_carries_its_status_message_hint_and_the_test_time_from_its_cell()
    {
        var bob = Parse().Elements("testsuite").Last();
        var range = bob.Elements("testcase").Single(c => Attribute(c, "name") == "q1.range");
        var failure = range.Element("failure")!;

        Assert.Equal("1.25", Attribute(range, "time"));
        Assert.Equal("timeout", Attribute(failure, "type"));
        Assert.Equal("the test did not finish within 120 s and was stopped", Attribute(failure, "message"));
        Assert.Equal("Sigmoid stays between 0 and 1 for large inputs\nthe test did not finish within 120 s and was stopped\n" +
                     "Hint: Math.Exp(-z) overflows for very negative z; try a branch for z < 0.", failure.Value);
        Assert.Equal("0 of 1 points (hidden test): Sigmoid stays between 0 and 1 for large inputs", range.Element("system-out")!.Value);
    }

    [Fact]
    public void A_submission_that_could_not_be_graded_is_an_error_not_a_failure()
    {
        var carol = Parse().Elements("testsuite").Single(s => Attribute(s, "name") == "carol");
        var error = carol.Element("testcase")!.Element("error")!;

        Assert.Equal("not-gradable", Attribute(error, "type"));
        Assert.Equal("not gradable: the package CourseKit 9.9 could not be restored, the feed was unreachable", Attribute(error, "message"));
    }

    [Fact]
    public void Characters_xml_cannot_hold_are_replaced_instead_of_breaking_the_file()
    {
        var tests = ClassOfThree.Bob.Tests.Select(t => t with { Message = "printed \0 and \u001b[31m" }).ToList();
        var xml = JUnitReport.ToXml([ClassOfThree.Bob with { Tests = tests }]);

        var failure = XDocument.Parse(xml).Descendants("failure").First();
        Assert.Equal("printed \uFFFD and \uFFFD[31m", Attribute(failure, "message"));
    }
}
