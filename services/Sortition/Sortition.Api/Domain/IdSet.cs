namespace Assemblee.Sortition.Domain;

/// <summary>
/// The ids of a list seen so far, to refuse one that appears twice: the ids' bytes one after another in one array and
/// an open-addressing table of 4-byte slots (7 bits of the id's hash, then its number), about 20 bytes an id where a
/// set of strings takes about 100 (a roll of several million rows), and one cache miss for a new id. Exact: the hash
/// only picks where to look and which ids to compare. (No collection in the framework or in a package keeps byte
/// strings this compactly.)
/// </summary>
public sealed class IdSet
{
    private const int IndexBits = 25;
    private const int IndexMask = (1 << IndexBits) - 1;

    private byte[] _bytes = new byte[1 << 16];
    private int[] _starts = new int[1 << 12];
    private int[] _slots = new int[1 << 16];
    private int _used;
    private int _count;

    public int Count => _count;

    /// <summary>Adds the id; false when it was there already.</summary>
    public bool Add(ReadOnlySpan<byte> id)
    {
        if (_count + 2 >= IndexMask)
        {
            throw new InvalidOperationException($"A list has at most {IndexMask - 2:N0} rows.");
        }
        if (2 * (_count + 1) > _slots.Length)
        {
            Rehash(_slots.Length * 2);
        }
        var mask = _slots.Length - 1;
        var hash = Hash(id);
        var tag = Tag(hash);
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                _slots[slot] = tag | (Store(id) + 1);
                return true;
            }
            if ((entry & ~IndexMask) == tag && Id((entry & IndexMask) - 1).SequenceEqual(id))
            {
                return false;
            }
        }
    }

    private ReadOnlySpan<byte> Id(int index) => _bytes.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    private int Store(ReadOnlySpan<byte> id)
    {
        if (_used + id.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_used + id.Length, _bytes.Length + (_bytes.Length / 2)));
        }
        if (_count + 2 > _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length + (_starts.Length / 2));
        }
        _starts[_count] = _used;
        id.CopyTo(_bytes.AsSpan(_used));
        _used += id.Length;
        _starts[_count + 1] = _used;
        return _count++;
    }

    private void Rehash(int size)
    {
        _slots = new int[size];
        var mask = size - 1;
        for (var index = 0; index < _count; index++)
        {
            var hash = Hash(Id(index));
            var slot = hash & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            _slots[slot] = Tag(hash) | (index + 1);
        }
    }

    /// <summary>The top 7 bits of the hash, in the slot's top bits (the low bits pick the slot).</summary>
    private static int Tag(int hash) => (int)((uint)hash >> IndexBits << IndexBits);

    private static int Hash(ReadOnlySpan<byte> id)
    {
        var hash = new HashCode();
        hash.AddBytes(id);
        return hash.ToHashCode() & int.MaxValue;
    }
}
