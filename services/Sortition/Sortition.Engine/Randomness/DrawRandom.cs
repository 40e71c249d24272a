using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Assemblee.Sortition.Engine.Randomness;

/// <summary>
/// The documented generator every draw uses, so that anyone can recompute a draw in a few lines of any language:
/// block i = SHA-256(seed ‖ i as 8 bytes big-endian), i = 0, 1, …; the blocks' bytes are read in order, 8 at a time,
/// as big-endian unsigned 64-bit integers. An integer below n is drawn by rejection: read x until
/// x &lt; 2^64 − (2^64 mod n), then return x mod n (no modulo bias).
/// </summary>
public sealed class DrawRandom(byte[] seed)
{
    private readonly byte[] _seed = [.. seed];
    private readonly byte[] _block = new byte[32];
    private ulong _counter;
    private int _position = 32;

    public static DrawRandom FromText(string text) => new(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public ulong NextUInt64()
    {
        if (_position == _block.Length)
        {
            var input = new byte[_seed.Length + 8];
            _seed.CopyTo(input, 0);
            BinaryPrimitives.WriteUInt64BigEndian(input.AsSpan(_seed.Length), _counter++);
            SHA256.HashData(input, _block);
            _position = 0;
        }
        var value = BinaryPrimitives.ReadUInt64BigEndian(_block.AsSpan(_position, 8));
        _position += 8;
        return value;
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        var n = (ulong)bound;
        var limit = ulong.MaxValue - (((ulong.MaxValue % n) + 1) % n);
        ulong x;
        do
        {
            x = NextUInt64();
        }
        while (x > limit);
        return (int)(x % n);
    }
}
