using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TsharkRst.Batch;

/// <summary>A deterministic share of the captures for one of N workers (--shard K/N, K from 0): a
/// capture belongs to the shard its relative path hashes to, so the same command can run unchanged
/// as a Kubernetes Indexed Job, a Slurm job array or GNU parallel over hosts.</summary>
public readonly record struct Shard(int Index, int Count)
{
    public static Shard All { get; } = new(0, 1);

    public bool Includes(string relativePath)
    {
        // One worker takes every capture without hashing its name (and loading OpenSSL before tshark starts).
        if (Count == 1)
            return true;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(relativePath));
        return (int)(BitConverter.ToUInt64(hash, 0) % (ulong)Count) == Index;
    }

    public static bool TryParse(string text, out Shard shard, out string error)
    {
        shard = All;
        error = "";
        var parts = text.Split('/');
        if (parts.Length != 2 ||
            !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            error = $"--shard takes K/N with whole numbers, N at least 1 (e.g. 0/4), not '{text}'.";
            return false;
        }
        if (index >= count)
        {
            error = $"--shard {text}: K counts from 0, so it must be below N (0/{count} to {count - 1}/{count}).";
            return false;
        }
        shard = new Shard(index, count);
        return true;
    }

    public override string ToString() => $"{Index}/{Count}";
}
