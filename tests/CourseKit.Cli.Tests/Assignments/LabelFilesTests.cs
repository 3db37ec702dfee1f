using System.IO.Compression;
using CourseKit.Cli.Assignments;
using static CourseKit.Cli.Tests.TestNotebooks;

namespace CourseKit.Cli.Tests.Assignments;

public class AssignLabelFilesTests
{
    static readonly byte[] ThreeLabels = [0, 0, 0x08, 1, 0, 0, 0, 3, 7, 2, 1];

    static byte[] Gzip(byte[] bytes)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest)) gzip.Write(bytes);
        return packed.ToArray();
    }

    static (string Folder, LabelFiles Labels) With(string name, byte[] bytes)
    {
        var folder = NewFolder();
        File.WriteAllBytes(Path.Combine(folder, name), bytes);
        return (folder, new LabelFiles(folder));
    }

    [Fact]
    public void An_idx_labels_file_is_read_plain_or_gzipped()
    {
        Assert.Equal([7.0, 2, 1], With("l-idx1-ubyte", ThreeLabels).Labels.Read("l-idx1-ubyte").Numbers);
        var gz = With("l-idx1-ubyte.gz", Gzip(ThreeLabels)).Labels.Read("l-idx1-ubyte.gz");
        Assert.Equal([3], gz.Shape);
        Assert.Equal([7.0, 2, 1], gz.Numbers);
    }

    [Fact]
    public void A_text_labels_file_holds_one_whole_number_per_line()
    {
        Assert.Equal([3.0, 0, 12], With("labels.txt", "3\r\n0\n\n 12 \n"u8.ToArray()).Labels.Read("labels.txt").Numbers);
    }

    [Fact]
    public void Labels_that_cannot_be_read_are_refused_with_the_file_and_the_fix()
    {
        var (folder, labels) = With("labels.txt", "1\n0.5\n"u8.ToArray());
        Assert.Equal($"the labels file {Path.Combine(folder, "labels.txt")}, line 2: «0.5» is not a whole number; a text labels file holds one class number per line",
            Assert.Throws<LabelFileException>(() => labels.Read("labels.txt")).Message);

        var (short_, cut) = With("cut-idx1-ubyte", ThreeLabels[..10]);
        Assert.Equal($"the labels file {Path.Combine(short_, "cut-idx1-ubyte")} promises 3 labels but holds 2; the file is damaged, download it again",
            Assert.Throws<LabelFileException>(() => cut.Read("cut-idx1-ubyte")).Message);

        var (images, image) = With("images-idx3-ubyte", [0, 0, 0x08, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 9]);
        Assert.StartsWith($"the labels file {Path.Combine(images, "images-idx3-ubyte")} is not an IDX file of one dimension of unsigned bytes",
            Assert.Throws<LabelFileException>(() => image.Read("images-idx3-ubyte")).Message);

        Assert.Equal($"the labels file none.txt is not in the course data folder ({Path.Combine(folder, "none.txt")} does not exist)",
            Assert.Throws<LabelFileException>(() => labels.Read("none.txt")).Message);
        Assert.Equal("an accuracy test is judged against the labels in l.txt, but no course data folder is known; give it with --data DIR or the COURSEKIT_DATA variable",
            Assert.Throws<LabelFileException>(() => new LabelFiles(null).Read("l.txt")).Message);
    }

    [SkippableFact]
    public void The_official_mnist_test_labels_are_read_from_the_course_data_folder()
    {
        var data = Environment.GetEnvironmentVariable("COURSEKIT_DATA");
        Skip.If(data is null || !File.Exists(Path.Combine(data, "mnist-official", "t10k-labels-idx1-ubyte.gz")),
            "COURSEKIT_DATA has no mnist-official/t10k-labels-idx1-ubyte.gz");

        var labels = new LabelFiles(data).Read("mnist-official/t10k-labels-idx1-ubyte.gz");

        Assert.Equal([10000], labels.Shape);
        Assert.Equal([7.0, 2, 1, 0, 4, 1, 4, 9, 5, 9], labels.Numbers[..10]);
    }
}
