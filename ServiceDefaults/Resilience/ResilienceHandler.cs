using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Assemblee.ServiceDefaults.Resilience;

/// <summary>
/// Retries what is safe to retry and stops hammering a failing service. Connection failures are retried for every
/// call (nothing reached the server); transient 5xx answers only for reads. Streaming calls are not cut short:
/// callers bound them with deadlines.
/// </summary>
internal sealed class ResilienceHandler : DelegatingHandler
{
    // One pipeline per handler, i.e. per named client: a failing service opens only its own circuit.
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context)),
        })
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = 0.5,
            MinimumThroughput = 20,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(5),
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException || IsServerFailure(args.Outcome.Result)),
        })
        .Build();

    private static readonly ResiliencePropertyKey<HttpMethod> MethodKey = new("http-method");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(MethodKey, request.Method);
        try
        {
            return await _pipeline.ExecuteAsync(
                async (ctx, state) => await state.handler.SendCoreAsync(state.request, ctx.CancellationToken),
                context,
                (handler: this, request));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
        {
            return true;
        }
        var isRead = context.Properties.TryGetValue(MethodKey, out var method) && (method == HttpMethod.Get || method == HttpMethod.Head);
        return isRead && (outcome.Exception is HttpRequestException || IsServerFailure(outcome.Result));
    }

    private static bool IsServerFailure(HttpResponseMessage? response) =>
        response?.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
