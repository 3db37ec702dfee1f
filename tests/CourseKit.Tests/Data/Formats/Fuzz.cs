using Xunit.Sdk;

namespace CourseKit.Tests.Data.Formats;

/// <summary>Seeded damage to files for the fuzz tests: truncations and byte corruptions, the same on every run.</summary>
public static class Fuzz
{
    /// <summary>How many truncations and how many corruptions each fuzz test tries per file.</summary>
    public const int Cases = 300;

    /// <summary><paramref name="count"/> prefixes of <paramref name="bytes"/> (each shorter than the whole), half of
    /// them cut within the first 64 bytes, where the header is.</summary>
    public static IEnumerable<byte[]> Truncations(byte[] bytes, int seed, int count = Cases)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            int length = i % 2 == 0 ? random.Next(Math.Min(64, bytes.Length)) : random.Next(bytes.Length);
            yield return bytes[..length];
        }
    }

    /// <summary>
    /// <paramref name="count"/> copies of <paramref name="bytes"/>, each with 1 to 4 bytes replaced, inserted or
    /// removed. Half of the edits hit the first 64 bytes; new bytes are often ones with a meaning in the formats
    /// (quote, comma, line breaks, 0x00, 0xFF, the start of a UTF-8 sequence).
    /// </summary>
    public static IEnumerable<byte[]> Corruptions(byte[] bytes, int seed, int count = Cases)
    {
        byte[] special = [(byte)'"', (byte)',', (byte)'\n', (byte)'\r', (byte)';', (byte)' ', 0x00, 0xFF, 0xC3, 0x08, 0x1F, 0x8B, 0x7F, 0x80];
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            var damaged = new List<byte>(bytes);
            int edits = random.Next(1, 5);
            for (int e = 0; e < edits; e++)
            {
                int limit = random.Next(2) == 0 ? Math.Min(64, damaged.Count) : damaged.Count;
                int at = limit == 0 ? 0 : random.Next(limit);
                byte value = random.Next(2) == 0 ? special[random.Next(special.Length)] : (byte)random.Next(256);
                switch (random.Next(4))
                {
                    case 0 when damaged.Count > 0: damaged.RemoveAt(at); break;
                    case 1: damaged.Insert(at, value); break;
                    default:
                        if (damaged.Count == 0) damaged.Add(value);
                        else damaged[at] = (byte)(damaged[at] == value ? value ^ 0x01 : value);
                        break;
                }
            }
            yield return [.. damaged];
        }
    }

    /// <summary>Runs <paramref name="body"/> and fails if it takes longer than <paramref name="seconds"/>: a parser
    /// that loops forever on some input fails the test instead of hanging the run.</summary>
    public static void Within(int seconds, Action body)
    {
        var task = Task.Run(body);
        if (!task.Wait(TimeSpan.FromSeconds(seconds)))
            throw new XunitException($"The fuzz cases did not finish within {seconds} s: a parser may be stuck in a loop.");
        task.GetAwaiter().GetResult();
    }
}
