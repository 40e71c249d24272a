using System.Net;
using System.Net.Http.Headers;

namespace Assemblee.SystemTests.Infrastructure;

/// <summary>A body sent in parts, with a pause after each, and no Content-Length (chunked), as a browser streams a file.</summary>
internal sealed class ChunkedContent : HttpContent
{
    private readonly byte[] _body;
    private readonly int _parts;
    private readonly TimeSpan _pause;

    public ChunkedContent(byte[] body, int parts, TimeSpan pause, string contentType = "text/csv")
    {
        (_body, _parts, _pause) = (body, parts, pause);
        Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var size = (_body.Length + _parts - 1) / _parts;
        for (var offset = 0; offset < _body.Length; offset += size)
        {
            await stream.WriteAsync(_body.AsMemory(offset, Math.Min(size, _body.Length - offset)));
            await stream.FlushAsync();
            await Task.Delay(_pause);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
