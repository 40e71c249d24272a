namespace Grpc.Core;

/// <summary>gRPC status codes, as numbered on the wire (grpc/grpc doc/statuscodes.md).</summary>
public enum StatusCode
{
    OK = 0,
    Cancelled = 1,
    Unknown = 2,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Aborted = 10,
    OutOfRange = 11,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    DataLoss = 15,
    Unauthenticated = 16,
}

public readonly record struct Status(StatusCode StatusCode, string Detail)
{
    public static readonly Status DefaultSuccess = new(StatusCode.OK, "");

    public override string ToString() => $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\")";
}

public class RpcException(Status status, Metadata trailers, string? message = null)
    : Exception(message ?? status.ToString())
{
    public RpcException(Status status) : this(status, Metadata.Empty) { }

    public RpcException(Status status, string message) : this(status, Metadata.Empty, message) { }

    public Status Status { get; } = status;

    public StatusCode StatusCode => Status.StatusCode;

    public Metadata Trailers { get; } = trailers;
}
