using System.IO.Compression;
using Grpc.Core;
using Grpc.Net.Compression;

namespace Assemblee.ServiceDefaults.Errors;

/// <summary>
/// A gRPC compression provider whose decompression answers a request message that does not decompress with INTERNAL, the
/// status gRPC's status-code table gives "could not decompress". Grpc.AspNetCore decompresses before any code of ours
/// runs and answers the decompressor's exception with UNKNOWN ("Exception was thrown by handler."), logged as an error;
/// wrapping its providers is the one place it leaves for this.
/// </summary>
public sealed class CheckedDecompression(ICompressionProvider provider) : ICompressionProvider
{
    public string EncodingName => provider.EncodingName;

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        provider.CreateCompressionStream(stream, compressionLevel);

    public Stream CreateDecompressionStream(Stream stream) =>
        new CheckedReadStream(provider.CreateDecompressionStream(stream), EncodingName);

    /// <summary>Reads through the decompressor; what it cannot read becomes an <see cref="RpcException"/>.</summary>
    private sealed class CheckedReadStream(Stream decompressor, string encoding) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return decompressor.Read(buffer);
            }
            catch (InvalidDataException exception)
            {
                throw Undecompressable(exception);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await decompressor.ReadAsync(buffer, cancellationToken);
            }
            catch (InvalidDataException exception)
            {
                throw Undecompressable(exception);
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                decompressor.Dispose();
            }
            base.Dispose(disposing);
        }

        private RpcException Undecompressable(InvalidDataException exception) => new(new Status(StatusCode.Internal,
            $"The request message could not be decompressed ({encoding}): {exception.Message}"));
    }
}
