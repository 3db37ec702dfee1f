using CourseKit.Data;
using CourseKit.Tests.Data.Formats;
using CourseKit.Tests.Data.Sources;

namespace CourseKit.Tests.Data.DatasetTests;

/// <summary>
/// What a student reads when a dataset file is wrong: the bad value itself, the file and its 1-based line, and a fix
/// the student can apply (not advice about a <c>table</c> they never had). Damaged copies of the mirror's files.
/// </summary>
public class DatasetMessagesTests : IDisposable
{
    private readonly TempFolder _mirror = new(), _cache = new();

    /// <summary>A mirror holding <paramref name="file"/> of <paramref name="dataset"/> with its lines edited.</summary>
    private DataLocations MirrorWith(string dataset, string file, Func<List<string>, List<string>> edit)
    {
        var lines = File.ReadAllLines(TestData.File(dataset, file)).ToList();
        _mirror.Write(Path.Combine(dataset, file), string.Join("\n", edit(lines)) + "\n");
        return new DataLocations { MirrorFolder = _mirror.Path, CacheFolder = _cache.Path, UseSystemFolders = false, AllowDownload = false };
    }

    private static List<string> SetCell(List<string> lines, int line, int column, string value)
    {
        var cells = lines[line - 1].Split(',');
        cells[column] = value;
        lines[line - 1] = string.Join(",", cells);
        return lines;
    }

    private string MirrorFile(string dataset, string file) => Path.Combine(_mirror.Path, dataset, file);

    private const string Banknote = "data_banknote_authentication.txt";

    [Fact]
    public void TextInANumberColumnQuotesTheBadValueAndItsLine()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            Datasets.Banknote.Load(null, null, MirrorWith("banknote", Banknote, l => SetCell(l, 5, 1, "abc"))));
        Assert.Equal(MirrorFile("banknote", Banknote), e.File);
        Assert.Contains("line 5: column 'skewness' should hold a number but holds 'abc'", e.Message);
        Assert.DoesNotContain("8.6661", e.Message);
        Assert.Contains("offline mirror (COURSEKIT_DATA)", e.Message);
    }

    [Fact]
    public void AMissingValueNamesTheFileAndLineAndAFixTheCallerCanApply()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            Datasets.Banknote.Load(null, null, MirrorWith("banknote", Banknote, l => SetCell(l, 7, 2, "nan"))));
        Assert.Equal(MirrorFile("banknote", Banknote), e.File);
        Assert.Contains("line 7: column 'curtosis' has no value (\"nan\")", e.Message);
        Assert.DoesNotContain("FillMissing", e.Message);
        Assert.Contains("replace it with the original file", e.Message);
    }

    [Fact]
    public void AHeaderRowAddedToTheFileIsPointedOut()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            Datasets.Banknote.Load(null, null, MirrorWith("banknote", Banknote, l => { l.Insert(0, "variance,skewness,curtosis,entropy,class"); return l; })));
        Assert.Contains("line 1: column 'variance' should hold a number but holds 'variance'. The original file has no header row", e.Message);
    }

    [Fact]
    public void ABlankLineInsideTheDataIsRefused()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            Datasets.Banknote.Load(null, null, MirrorWith("banknote", Banknote, l => { l.Insert(9, ""); return l; })));
        Assert.Equal(MirrorFile("banknote", Banknote), e.File);
        Assert.Contains("line 10 is blank", e.Message);
    }

    [Fact]
    public void AWebPageSavedAsTheDataFileIsNamedAsSuch()
    {
        _mirror.Write(Path.Combine("banknote", Banknote), LocalHttpServer.WebPageText);
        var e = Assert.Throws<DataFormatException>(() =>
            Datasets.Banknote.Load(null, null, new DataLocations { MirrorFolder = _mirror.Path, CacheFolder = _cache.Path, AllowDownload = false }));
        Assert.Contains("is a web page (HTML), not data", e.Message);
        Assert.DoesNotContain("1 column", e.Message);
    }

    [Theory]
    [InlineData("banknote", Banknote)]
    [InlineData("abalone", "abalone.data")]
    [InlineData("mnist", "train-images-idx3-ubyte.gz")]
    public void AWebPageServedInsteadOfTheDataSaysSoAndNamesTheUrl(string dataset, string file)
    {
        using var server = new LocalHttpServer(TestData.Folder, ServerBehaviour.WebPage);
        var locations = new DataLocations { CacheFolder = _cache.Path, UseSystemFolders = false, DownloadMirror = server.Url, Progress = new Progress<DownloadProgress>() };
        Action load = dataset switch
        {
            "banknote" => () => Datasets.Banknote.Load(null, null, locations),
            "abalone" => () => Datasets.Abalone.Load(null, locations),
            _ => () => Datasets.Mnist.Load(null, locations),
        };
        var e = Assert.Throws<DatasetNotFoundException>(load);
        Assert.Contains($"{server.Url}{dataset}/{file}: the server returned a web page (HTML) instead of the file", e.Message);
        Assert.DoesNotContain("column", e.Message);
        Assert.DoesNotContain(_cache.Files(), f => Path.GetFileName(f) == file);
    }

    [Fact]
    public void AbaloneMessagesQuoteTheValueAndTheLine()
    {
        var text = Assert.Throws<DataFormatException>(() =>
            Datasets.Abalone.Load(null, MirrorWith("abalone", "abalone.data", l => SetCell(l, 4, 1, "abc"))));
        Assert.Contains("line 4: column 'Length' should hold a number but holds 'abc'", text.Message);

        var sex = Assert.Throws<DataFormatException>(() =>
            Datasets.Abalone.Load(null, MirrorWith("abalone", "abalone.data", l => SetCell(l, 6, 0, "X"))));
        Assert.Contains("line 6: the Sex column holds 'X'", sex.Message);

        var missing = Assert.Throws<DataFormatException>(() =>
            Datasets.Abalone.Load(null, MirrorWith("abalone", "abalone.data", l => SetCell(l, 8, 8, "NA"))));
        Assert.Contains("line 8: column 'Rings' has no value (\"NA\")", missing.Message);
    }

    /// <summary>Like banknote's class, abalone's target is checked: a ring count is a whole number of at least 1.</summary>
    [Fact]
    public void AnAbaloneRingCountThatIsNotAWholePositiveNumberIsRefused()
    {
        foreach (string rings in new[] { "-3", "3.5", "0" })
        {
            var e = Assert.Throws<DataFormatException>(() =>
                Datasets.Abalone.Load(null, MirrorWith("abalone", "abalone.data", l => SetCell(l, 7, 8, rings))));
            Assert.Contains(MirrorFile("abalone", "abalone.data"), e.Message);
            Assert.Contains($"line 7: column 'Rings' holds {rings}", e.Message);
        }
    }

    /// <summary>A file cut at a line boundary (or with rows added) parses, but is not the dataset: it is refused, saying
    /// how many examples it has and how many the dataset has.</summary>
    [Fact]
    public void AFileWithMissingOrExtraRowsIsRefused()
    {
        var cut = Assert.Throws<DataFormatException>(() => Datasets.Banknote.Load(null, null, MirrorWith("banknote", Banknote, l => l[..700])));
        Assert.Contains(MirrorFile("banknote", Banknote), cut.Message);
        Assert.Contains("has 700 examples, but banknote authentication has 1,372", cut.Message);
        Assert.Contains("ends after line 700", cut.Message);

        var added = Assert.Throws<DataFormatException>(() => Datasets.Abalone.Load(null, MirrorWith("abalone", "abalone.data", l => [.. l, l[0]])));
        Assert.Contains("has 4,178 examples, but abalone has 4,177", added.Message);
    }

    [Fact]
    public void ATablesMissingCellIsShownWithItsLineInTheFile()
    {
        var table = Csv.Parse(new StringReader("x\n1\n\nnan\n"), "f.csv");
        var e = Assert.Throws<InvalidOperationException>(() => table.ToTensor("x"));
        Assert.Contains("row 1 (line 4 of f.csv)", e.Message);
        var text = Csv.Parse(new StringReader("x\n1\nabc\n"), "g.csv");
        Assert.Contains("row 1 (line 3 of g.csv) holds \"abc\"", Assert.Throws<InvalidOperationException>(() => text.ToTensor("x")).Message);
    }

    /// <summary>A mirror holding MNIST (the stand-in) with <paramref name="file"/> replaced by <paramref name="bytes"/>.</summary>
    private DataLocations MnistMirrorWith(string file, byte[] bytes)
    {
        Directory.CreateDirectory(Path.Combine(_mirror.Path, "mnist"));
        foreach (var original in Directory.GetFiles(Path.Combine(TestData.Folder, "mnist")))
            File.Copy(original, Path.Combine(_mirror.Path, "mnist", Path.GetFileName(original)), overwrite: true);
        File.WriteAllBytes(Path.Combine(_mirror.Path, "mnist", file), bytes);
        return new DataLocations { MirrorFolder = _mirror.Path, CacheFolder = _cache.Path, UseSystemFolders = false, AllowDownload = false };
    }

    [Fact]
    public void IdxFilesNameTheBadLabelAndWebPagesWithTheFixForTheirPlace()
    {
        var labels = Idx.Read(TestData.File("mnist", IdxImageSet.TestLabels)).Data.ToArray();
        labels[5] = 12;
        var bad = Assert.Throws<DataFormatException>(() =>
            Datasets.Mnist.Load(null, MnistMirrorWith(IdxImageSet.TestLabels, IdxFiles.Gzip(IdxFiles.Build([labels.Length], labels)))));
        Assert.Equal(MirrorFile("mnist", IdxImageSet.TestLabels), bad.File);
        Assert.Contains("the label of image 5 (counting from 0) is 12, but there are only 10 classes (0–9)", bad.Message);
        Assert.Contains("offline mirror (COURSEKIT_DATA), which CourseKit never changes", bad.Message);

        var page = Assert.Throws<DataFormatException>(() =>
            Datasets.Mnist.Load(null, MnistMirrorWith(IdxImageSet.TrainImages, System.Text.Encoding.UTF8.GetBytes(LocalHttpServer.WebPageText))));
        Assert.Contains("this looks like a web page", page.Message);
        Assert.Contains("replace it with the original file (https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz)", page.Message);
    }

    public void Dispose()
    {
        _mirror.Dispose();
        _cache.Dispose();
    }
}
