using CourseKit.Cli.Assignments;
using CourseKit.Cli.Notebooks;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests.Assignments;

public class StudentNotebookTests
{
    /// <summary>
    /// What the student gets from <see cref="Masters.Neuron"/>: the settings marker gone from the title cell, no
    /// instructor note (c1), no hidden test (c6); solution regions stubbed (c4 the default throw, c9 its own stub); the
    /// prose answer reduced to its marker without patterns or hint and the placeholder; the locked cell and the public
    /// test not editable or deletable; every cell's id as in the master and its role in metadata.coursekit.
    /// </summary>
    const string Expected = """
        {
         "cells": [
          {
           "cell_type": "markdown",
           "id": "c0",
           "metadata": {
            "coursekit": {
             "cell": "c0",
             "role": "markdown"
            }
           },
           "source": [
            "# A00: the neuron\n",
            "\n",
            "A warm-up."
           ]
          },
          {
           "cell_type": "code",
           "execution_count": null,
           "id": "c2",
           "metadata": {
            "coursekit": {
             "cell": "c2",
             "role": "locked"
            },
            "deletable": false,
            "editable": false,
            "dotnet_interactive": {
             "language": "csharp"
            },
            "polyglot_notebook": {
             "kernelName": "csharp"
            }
           },
           "outputs": [],
           "source": [
            "// LOCKED\n",
            "using static System.Math;"
           ]
          },
          {
           "cell_type": "markdown",
           "id": "c3",
           "metadata": {
            "coursekit": {
             "cell": "c3",
             "role": "markdown"
            }
           },
           "source": [
            "<!-- QUESTION q1 -->\n",
            "## 1. The sigmoid\n",
            "\n",
            "Write it."
           ]
          },
          {
           "cell_type": "code",
           "execution_count": null,
           "id": "c4",
           "metadata": {
            "coursekit": {
             "cell": "c4",
             "role": "answer"
            },
            "dotnet_interactive": {
             "language": "csharp"
            },
            "polyglot_notebook": {
             "kernelName": "csharp"
            }
           },
           "outputs": [],
           "source": [
            "double Sigmoid(double z)\n",
            "{\n",
            "    throw new NotImplementedException(\"your code here\");\n",
            "}"
           ]
          },
          {
           "cell_type": "code",
           "execution_count": null,
           "id": "c5",
           "metadata": {
            "coursekit": {
             "cell": "c5",
             "role": "public-test"
            },
            "deletable": false,
            "editable": false,
            "dotnet_interactive": {
             "language": "csharp"
            },
            "polyglot_notebook": {
             "kernelName": "csharp"
            }
           },
           "outputs": [],
           "source": [
            "// TEST q1.zero public points=1 \"the sigmoid of 0 is one half\"\n",
            "// HINT 1 / (1 + e^0)\n",
            "CourseKit.Grading.Check(\"sigmoid(0)\", Sigmoid(0), 0.5);"
           ]
          },
          {
           "cell_type": "markdown",
           "id": "c7",
           "metadata": {
            "coursekit": {
             "cell": "c7",
             "role": "markdown"
            }
           },
           "source": [
            "<!-- QUESTION q2 -->\n",
            "## 2. Saturation"
           ]
          },
          {
           "cell_type": "markdown",
           "id": "c8",
           "metadata": {
            "coursekit": {
             "cell": "c8",
             "role": "prose"
            }
           },
           "source": [
            "<!-- ANSWER q2.why points=1 \"why a saturated sigmoid learns slowly\" -->\n",
            "\n",
            "_Write your answer here._"
           ]
          },
          {
           "cell_type": "code",
           "execution_count": null,
           "id": "c9",
           "metadata": {
            "coursekit": {
             "cell": "c9",
             "role": "answer"
            },
            "dotnet_interactive": {
             "language": "csharp"
            },
            "polyglot_notebook": {
             "kernelName": "csharp"
            }
           },
           "outputs": [],
           "source": [
            "var z = 2.0;\n",
            "double s = double.NaN; // your code here\n",
            "s"
           ]
          },
          {
           "cell_type": "code",
           "execution_count": null,
           "id": "c10",
           "metadata": {
            "coursekit": {
             "cell": "c10",
             "role": "code"
            },
            "dotnet_interactive": {
             "language": "csharp"
            },
            "polyglot_notebook": {
             "kernelName": "csharp"
            }
           },
           "outputs": [],
           "source": [
            "Console.WriteLine(\"an example\");"
           ]
          }
         ],
         "metadata": {
          "kernelspec": {
           "display_name": ".NET (C#)",
           "language": "C#",
           "name": ".net-csharp"
          },
          "coursekit": {
           "assignment": "a00-neuron"
          },
          "language_info": {
           "name": "polyglot-notebook"
          },
          "polyglot_notebook": {
           "kernelInfo": {
            "defaultKernelName": "csharp",
            "items": [
             {
              "aliases": [],
              "name": "csharp"
             }
            ]
           }
          }
         },
         "nbformat": 4,
         "nbformat_minor": 5
        }
        """;

    static MasterNotebook Neuron() => MarkerParser.Read(Masters.Write(NewFolder(), "a00-neuron.ipynb", Masters.Neuron));

    [Fact]
    public void The_student_notebook_is_exactly_the_expected_one()
    {
        Assert.Equal(Expected + "\n", StudentNotebook.Text(Neuron(), "/exercises/a00-neuron.ipynb"));
    }

    [Fact]
    public void The_student_notebook_has_no_outputs_even_when_the_master_has()
    {
        var folder = NewFolder();
        var path = Masters.Write(folder, "a00-neuron.ipynb", Masters.Neuron);
        var json = ReadJson(path);
        json["cells"]![10]!["outputs"] = System.Text.Json.Nodes.JsonNode.Parse("""[{"output_type": "stream", "name": "stdout", "text": "an example\n"}]""");
        json["cells"]![10]!["execution_count"] = 3;
        File.WriteAllText(path, json.ToJsonString());

        var student = NotebookReader.ParseIpynb("s.ipynb", StudentNotebook.Text(MarkerParser.Read(path), "s.ipynb"));

        Assert.All(student.Cells, c => Assert.Empty(c.Outputs));
        Assert.All(student.Cells, c => Assert.Null(c.ExecutionCount));
    }

    [Fact]
    public void Regenerating_a_master_without_cell_ids_gives_the_same_bytes()
    {
        var path = Masters.WriteWithoutIds(NewFolder(), "a00-neuron.ipynb", Masters.Neuron);

        var first = StudentNotebook.Text(MarkerParser.Read(path), "/exercises/a00-neuron.ipynb");
        var second = StudentNotebook.Text(MarkerParser.Read(path), "/exercises/a00-neuron.ipynb");

        Assert.Equal(first, second);
        Assert.Contains("\"id\": \"ck-", first);
    }
}
