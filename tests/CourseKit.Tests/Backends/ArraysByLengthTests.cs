using CourseKit.Backends;

namespace CourseKit.Tests.Backends;

/// <summary>The CPU backends' pool of freed arrays: reuse by length, a byte limit, and room made by the oldest lengths.</summary>
public class ArraysByLengthTests
{
    [Fact]
    public void AReturnedArrayIsHandedOutAgainForItsLengthOnly()
    {
        var pool = new ArraysByLength(capacityBytes: 1000);
        var array = new float[100];
        pool.Keep(array);
        Assert.Equal(400, pool.CachedBytes);
        Assert.Null(pool.Take(99));
        Assert.Same(array, pool.Take(100));
        Assert.Null(pool.Take(100));
        Assert.Equal(0, pool.CachedBytes);
    }

    [Fact]
    public void WhenFullTheLengthsUsedLongestAgoMakeRoom()
    {
        var pool = new ArraysByLength(capacityBytes: 1000);
        pool.Keep(new float[100]);   // 400 bytes, length 100
        pool.Keep(new float[50]);    // 200 bytes, length 50
        pool.Keep(new float[50]);    // 200 bytes: 800 in all
        var training = pool.Take(100)!;
        pool.Keep(training);         // length 100 is now the most recent

        pool.Keep(new float[120]);   // 480 bytes: both arrays of length 50 go, the newer length 100 stays

        Assert.Equal(880, pool.CachedBytes);
        Assert.Null(pool.Take(50));
        Assert.Same(training, pool.Take(100));
        Assert.NotNull(pool.Take(120));
    }

    [Fact]
    public void ArraysOfOneLengthNeverEvictEachOtherAndTooBigOnesAreNotKept()
    {
        var pool = new ArraysByLength(capacityBytes: 1000);
        pool.Keep(new float[200]);
        pool.Keep(new float[200]);   // 1600 bytes would not fit: dropped, the first stays
        pool.Keep(new float[300]);   // bigger than the capacity
        Assert.Equal(800, pool.CachedBytes);
        Assert.NotNull(pool.Take(200));
        Assert.Null(pool.Take(200));
        Assert.Null(pool.Take(300));
    }
}
