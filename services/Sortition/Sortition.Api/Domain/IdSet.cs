namespace Assemblee.Sortition.Domain;

/// <summary>
/// The ids of a list seen so far, to refuse one that appears twice: the ids' bytes one after another in one array and
/// an open-addressing table of their positions with their hashes, about 30 bytes an id where a set of strings takes
/// about 100 (a roll of several million rows), and one cache miss a new id. Exact: a hash only picks where to look and
/// which ids to compare. (No collection in the framework or in a package keeps byte strings this compactly.)
/// </summary>
public sealed class IdSet
{
    private byte[] _bytes = new byte[1 << 16];
    private int[] _starts = new int[1 << 12];
    private long[] _slots = new long[1 << 16];
    private int _used;
    private int _count;

    public int Count => _count;

    /// <summary>Adds the id; false when it was there already.</summary>
    public bool Add(ReadOnlySpan<byte> id)
    {
        if (2 * (_count + 1) > _slots.Length)
        {
            Rehash(_slots.Length * 2);
        }
        var mask = _slots.Length - 1;
        var hash = Hash(id);
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                _slots[slot] = Entry(hash, Store(id));
                return true;
            }
            if ((int)(entry >> 32) == hash && Id((int)entry - 1).SequenceEqual(id))
            {
                return false;
            }
        }
    }

    /// <summary>A slot holds the id's hash (high half) and its index + 1 (low half, 0 for an empty slot).</summary>
    private static long Entry(int hash, int index) => ((long)hash << 32) | (uint)(index + 1);

    private ReadOnlySpan<byte> Id(int index) => _bytes.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    private int Store(ReadOnlySpan<byte> id)
    {
        while (_used + id.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, _bytes.Length * 2);
        }
        if (_count + 2 > _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
        }
        _starts[_count] = _used;
        id.CopyTo(_bytes.AsSpan(_used));
        _used += id.Length;
        _starts[_count + 1] = _used;
        return _count++;
    }

    private void Rehash(int size)
    {
        var old = _slots;
        _slots = new long[size];
        var mask = size - 1;
        foreach (var entry in old)
        {
            if (entry == 0)
            {
                continue;
            }
            var slot = (int)(entry >> 32) & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            _slots[slot] = entry;
        }
    }

    private static int Hash(ReadOnlySpan<byte> id)
    {
        var hash = new HashCode();
        hash.AddBytes(id);
        return hash.ToHashCode() & int.MaxValue;
    }
}
