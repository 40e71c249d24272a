using Grpc.Core;

namespace Assemblee.Common.Rules;

/// <summary>How a service reads another's gRPC answers.</summary>
public static class GrpcReplies
{
    /// <summary>The reply, or null when the other service answers NOT_FOUND: for the caller, the thing is simply absent.</summary>
    public static async Task<T?> OrNullWhenNotFound<T>(this AsyncUnaryCall<T> call) where T : class
    {
        try
        {
            return await call.ResponseAsync;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        finally
        {
            call.Dispose();
        }
    }
}
