using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Assemblee.Sessions.Data;
using Assemblee.Sessions.Domain;

namespace Assemblee.Sessions.Application;

/// <summary>
/// A member's private calendar subscription: a link with a secret token (256 random bits) that calendar applications poll
/// without signing in. Only the token's hash is stored; a new link revokes the old one.
/// </summary>
public sealed class CalendarFeeds(CalendarFeedStore feeds, SessionStore sessions, TimeProvider time)
{
    /// <summary>Creates the member's link (replacing any previous one) and returns its token, shown once.</summary>
    public async Task<string> CreateAsync(string bodyId, Guid memberId, CancellationToken cancellationToken)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await feeds.SetAsync(bodyId, memberId, Hash(token), time.GetUtcNow(), cancellationToken);
        return token;
    }

    public Task<bool> RevokeAsync(string bodyId, Guid memberId, CancellationToken cancellationToken) =>
        feeds.DeleteAsync(bodyId, memberId, cancellationToken);

    /// <summary>The sessions the token's member is invited to; null when the token opens nothing (unknown or revoked).</summary>
    public async Task<IReadOnlyList<Session>?> SessionsAsync(string bodyId, string token, CancellationToken cancellationToken) =>
        await feeds.MemberAsync(bodyId, Hash(token), cancellationToken) is { } member
            ? await sessions.InvitedAsync(bodyId, member, cancellationToken)
            : null;

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
