using System.Collections;

namespace Grpc.Core;

/// <summary>Request headers or response trailers: ASCII keys, lower-cased; keys ending in "-bin" carry bytes.</summary>
public sealed class Metadata : IList<Metadata.Entry>
{
    public const string BinaryHeaderSuffix = "-bin";

    public static readonly Metadata Empty = [];

    private readonly List<Entry> _entries = [];

    public void Add(string key, string value) => _entries.Add(new Entry(key, value));

    public void Add(string key, byte[] valueBytes) => _entries.Add(new Entry(key, valueBytes));

    public Entry? Get(string key) => _entries.LastOrDefault(e => e.Key == key.ToLowerInvariant());

    public string? GetValue(string key) => Get(key)?.Value;

    public Entry this[int index] { get => _entries[index]; set => _entries[index] = value; }

    public int Count => _entries.Count;

    public bool IsReadOnly => ReferenceEquals(this, Empty);

    public void Add(Entry item) => _entries.Add(item);

    public void Clear() => _entries.Clear();

    public bool Contains(Entry item) => _entries.Contains(item);

    public void CopyTo(Entry[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    public int IndexOf(Entry item) => _entries.IndexOf(item);

    public void Insert(int index, Entry item) => _entries.Insert(index, item);

    public bool Remove(Entry item) => _entries.Remove(item);

    public void RemoveAt(int index) => _entries.RemoveAt(index);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (IsBinary)
            {
                throw new ArgumentException("Keys ending in -bin carry bytes, not text.", nameof(key));
            }
            _value = value;
        }

        public Entry(string key, byte[] valueBytes)
        {
            Key = NormalizeKey(key);
            if (!IsBinary)
            {
                throw new ArgumentException("Only keys ending in -bin carry bytes.", nameof(key));
            }
            _valueBytes = valueBytes;
        }

        public string Key { get; }

        public bool IsBinary => Key.EndsWith(BinaryHeaderSuffix, StringComparison.Ordinal);

        public string Value => _value ?? throw new InvalidOperationException("A binary entry has no text value.");

        public byte[] ValueBytes => _valueBytes ?? System.Text.Encoding.ASCII.GetBytes(_value!);

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
            return key.ToLowerInvariant();
        }
    }
}
