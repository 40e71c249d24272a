using System.Buffers;

namespace Grpc.Core;

public enum MethodType
{
    Unary,
    ClientStreaming,
    ServerStreaming,
    DuplexStreaming,
}

public interface IMethod
{
    MethodType Type { get; }

    string ServiceName { get; }

    string Name { get; }

    string FullName { get; }
}

public sealed class Method<TRequest, TResponse>(
    MethodType type,
    string serviceName,
    string name,
    Marshaller<TRequest> requestMarshaller,
    Marshaller<TResponse> responseMarshaller) : IMethod
{
    public MethodType Type { get; } = type;

    public string ServiceName { get; } = serviceName;

    public string Name { get; } = name;

    public string FullName { get; } = $"/{serviceName}/{name}";

    public Marshaller<TRequest> RequestMarshaller { get; } = requestMarshaller;

    public Marshaller<TResponse> ResponseMarshaller { get; } = responseMarshaller;
}

public sealed class Marshaller<T>(Action<T, SerializationContext> contextualSerializer, Func<DeserializationContext, T> contextualDeserializer)
{
    public Action<T, SerializationContext> ContextualSerializer { get; } = contextualSerializer;

    public Func<DeserializationContext, T> ContextualDeserializer { get; } = contextualDeserializer;

    public byte[] Serialize(T message)
    {
        var context = new ByteArraySerializationContext();
        ContextualSerializer(message, context);
        return context.ToArray();
    }

    public T Deserialize(ReadOnlySequence<byte> payload) => ContextualDeserializer(new SequenceDeserializationContext(payload));
}

public static class Marshallers
{
    public static Marshaller<T> Create<T>(Action<T, SerializationContext> serializer, Func<DeserializationContext, T> deserializer) =>
        new(serializer, deserializer);
}

public abstract class SerializationContext
{
    public virtual void SetPayloadLength(int payloadLength) { }

    public virtual IBufferWriter<byte> GetBufferWriter() => throw new NotSupportedException();

    public virtual void Complete() => throw new NotSupportedException();

    public virtual void Complete(byte[] payload) => throw new NotSupportedException();
}

public abstract class DeserializationContext
{
    public abstract int PayloadLength { get; }

    public virtual byte[] PayloadAsNewBuffer() => PayloadAsReadOnlySequence().ToArray();

    public virtual ReadOnlySequence<byte> PayloadAsReadOnlySequence() => throw new NotSupportedException();
}

internal sealed class ByteArraySerializationContext : SerializationContext
{
    private readonly ArrayBufferWriter<byte> _writer = new();
    private byte[]? _completed;

    public override IBufferWriter<byte> GetBufferWriter() => _writer;

    public override void Complete() => _completed = _writer.WrittenSpan.ToArray();

    public override void Complete(byte[] payload) => _completed = payload;

    public byte[] ToArray() => _completed ?? throw new InvalidOperationException("The marshaller did not complete the message.");
}

internal sealed class SequenceDeserializationContext(ReadOnlySequence<byte> payload) : DeserializationContext
{
    public override int PayloadLength => checked((int)payload.Length);

    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => payload;
}
