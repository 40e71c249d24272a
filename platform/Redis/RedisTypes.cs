using System.Globalization;

namespace StackExchange.Redis;

public enum When
{
    Always,
    NotExists,
    Exists,
}

public readonly record struct RedisKey(string Value)
{
    public static implicit operator RedisKey(string value) => new(value);

    public override string ToString() => Value;
}

/// <summary>A reply value: text, an integer, or nothing (a missing key).</summary>
public readonly struct RedisValue : IEquatable<RedisValue>
{
    private readonly string? _value;

    private RedisValue(string? value) => _value = value;

    public static RedisValue Null => default;

    public bool IsNull => _value is null;

    public bool HasValue => _value is not null;

    public static implicit operator RedisValue(string? value) => new(value);

    public static implicit operator RedisValue(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    public static implicit operator string?(RedisValue value) => value._value;

    public static explicit operator long(RedisValue value) => long.Parse(value._value ?? "0", CultureInfo.InvariantCulture);

    public bool Equals(RedisValue other) => _value == other._value;

    public override bool Equals(object? obj) => obj is RedisValue other && Equals(other);

    public override int GetHashCode() => _value?.GetHashCode(StringComparison.Ordinal) ?? 0;

    public override string ToString() => _value ?? "";

    public static bool operator ==(RedisValue left, RedisValue right) => left.Equals(right);

    public static bool operator !=(RedisValue left, RedisValue right) => !left.Equals(right);
}

public sealed class RedisServerException(string message) : Exception(message);

public sealed class RedisConnectionException(string message, Exception? inner = null) : Exception(message, inner);
