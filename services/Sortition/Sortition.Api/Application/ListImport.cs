using System.Text;
using System.Threading.Channels;
using Assemblee.Common.Rules;
using Assemblee.Sortition.Data;
using Assemblee.Sortition.Domain;
using Npgsql;

namespace Assemblee.Sortition.Application;

/// <summary>
/// A list as it arrives: its name, its declared character set, the body, its announced length if any, and the most
/// bytes a list may have.
/// </summary>
public sealed record ListUpload(string ListName, string Charset, Encoding Encoding, Stream Body, long? Length,
    long MaxBytes = long.MaxValue);

/// <summary>The list went past its limit while it was read; nothing was imported.</summary>
public sealed class ListTooLargeException(long limit) : Exception($"The list is larger than {limit} bytes.")
{
    public long Limit { get; } = limit;
}

public sealed record ImportedList(string List, int Rows);

/// <summary>
/// Streams a source list into the draw's partition with binary COPY, checking each row on the way, in one transaction:
/// one bad line and the COPY is abandoned with its transaction, so a list is imported whole or not at all, and
/// re-importing a list replaces it. Parsing (a thread of its own) overlaps with sending rows to PostgreSQL; the list
/// is never held in memory. Progress (bytes received, rows read and refused) is written every half second.
/// </summary>
public sealed partial class ListImport(NpgsqlDataSource dataSource, ListImportStore imports, TimeProvider time, ILogger<ListImport> logger)
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(500);

    public async Task<ImportedList> ImportAsync(Draw draw, ListUpload upload, CancellationToken cancellationToken)
    {
        var listIndex = draw.Specification.SourceLists.ToList().IndexOf(upload.ListName);
        if (listIndex < 0)
        {
            throw RuleViolation.NotFound($"No seat group of this draw uses a list named '{upload.ListName}'.");
        }
        if (draw.State != DrawStates.Open)
        {
            throw RuleViolation.Conflict("lists-are-closed", "Lists are closed",
                "Lists can only be imported before the invitations are drawn.");
        }
        if (!await imports.ClaimAsync(draw.Id, upload.ListName, upload.Charset, upload.Length, time.GetUtcNow(), cancellationToken))
        {
            throw RuleViolation.Conflict("import-running", "An import is running",
                $"The list '{upload.ListName}' is being imported; its progress shows when it ends.");
        }
        var body = new CountingReadStream(upload.Body, upload.MaxBytes);
        var strata = new InvitationStrata(draw.Specification, upload.ListName);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var reader = new SourceListReader(strata, today, checkUtf8: upload.Charset == ListEncodings.Utf8);
        using var reporting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporter = ReportAsync(draw.Id, upload.ListName, body, reader, reporting.Token);
        var outcome = ListImportStates.Failed;
        SourceListVerdict? verdict = null;
        try
        {
            verdict = await CopyAsync(draw, listIndex, upload, body, reader, strata, cancellationToken);
            outcome = verdict.Refused ? ListImportStates.Refused : ListImportStates.Imported;
        }
        catch (ListTooLargeException)
        {
            outcome = ListImportStates.TooLarge;
            throw;
        }
        finally
        {
            await reporting.CancelAsync();
            await reporter;
            await imports.FinishAsync(draw.Id, upload.ListName, outcome, body.BytesRead, reader.RowsRead, reader.RowsRefused,
                outcome == ListImportStates.Imported ? verdict!.Rows : null, verdict, time.GetUtcNow());
        }
        if (verdict.Refused)
        {
            throw RuleViolation.Unprocessable("list-refused", "The list was refused; nothing was imported",
                $"{verdict.ErrorCount} line(s) cannot be used. Fix them and import the whole file again.",
                new Dictionary<string, object?>
                {
                    ["errors"] = verdict.Errors,
                    ["errorCount"] = verdict.ErrorCount,
                    ["refusedLines"] = verdict.RefusedLines,
                });
        }
        return new ImportedList(upload.ListName, verdict.Rows);
    }

    /// <summary>
    /// Reads the list and encodes its rows on one thread, sends the encoded chunks to PostgreSQL on this one; commits only
    /// a list with no bad line.
    /// </summary>
    private async Task<SourceListVerdict> CopyAsync(Draw draw, int listIndex, ListUpload upload, Stream body, SourceListReader reader,
        InvitationStrata strata, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ListRowStore.ClearAsync(transaction, draw.Id, listIndex, cancellationToken);
        var chunks = Channel.CreateBounded<(byte[] Chunk, int Length)>(
            new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() =>
        {
            try
            {
                var encoder = ListRowStore.Encoder((chunk, length) => Send(chunks.Writer, (chunk, length), stop.Token));
                // The reader checks UTF-8 bytes; a list in another declared charset is transcoded to UTF-8 on the way.
                using var utf8 = upload.Charset == ListEncodings.Utf8
                    ? null
                    : Encoding.CreateTranscodingStream(body, upload.Encoding, Encoding.UTF8, leaveOpen: true);
                var verdict = reader.Read(utf8 ?? body, encoder);
                if (!verdict.Refused)
                {
                    encoder.Complete();
                }
                return verdict;
            }
            finally
            {
                chunks.Writer.Complete();
            }
        }, stop.Token);
        await using var copy = await ListRowStore.BeginCopyAsync(transaction, draw.Id, listIndex, cancellationToken);
        try
        {
            await foreach (var (chunk, length) in chunks.Reader.ReadAllAsync(cancellationToken))
            {
                await copy.WriteAsync(chunk, length, cancellationToken);
            }
            var verdict = await reading;
            if (verdict.Refused)
            {
                return verdict;   // Disposing the uncompleted COPY cancels it and the transaction rolls back.
            }
            await copy.CompleteAsync();
            await ListRowStore.StoreStrataAsync(transaction, draw.Id, listIndex, strata, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return verdict;
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    private static void Send<T>(ChannelWriter<T> output, T item, CancellationToken cancellationToken)
    {
        while (!output.TryWrite(item))
        {
            if (!output.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
            {
                return;
            }
        }
    }

    private async Task ReportAsync(Guid drawId, string listName, CountingReadStream body, SourceListReader reader,
        CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ReportInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await imports.ReportAsync(drawId, listName, body.BytesRead, reader.RowsRead, reader.RowsRefused, time.GetUtcNow(),
                        cancellationToken);
                }
                catch (NpgsqlException ex)
                {
                    // Progress is a courtesy: the import goes on without it.
                    LogProgressLost(logger, drawId, ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The import ended.
        }
    }

    [LoggerMessage(LogLevel.Warning, "Progress of a list import for draw {DrawId} could not be written: {Reason}")]
    private static partial void LogProgressLost(ILogger logger, Guid drawId, string reason);
}

/// <summary>
/// Counts the bytes read through it, for progress, and stops the import once past the limit. (Kestrel exposes no count
/// of request body bytes read, and its own limit, once passed, closes the connection without the 413 reaching a caller
/// behind a proxy; no package offers a counting stream worth a dependency.)
/// </summary>
internal sealed class CountingReadStream(Stream inner, long limit) : Stream
{
    private long _bytesRead;

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Counted(int read)
    {
        if (Interlocked.Add(ref _bytesRead, read) > limit)
        {
            throw new ListTooLargeException(limit);
        }
        return read;
    }
}
