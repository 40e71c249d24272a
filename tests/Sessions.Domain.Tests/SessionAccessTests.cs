using System.Security.Claims;

namespace Assemblee.Sessions.Domain.Tests;

public sealed class SessionAccessTests
{
    private static readonly Session Hearing = new(Guid.NewGuid(), "body", Guid.NewGuid(), null, "hearing", "Audition", [],
        new Place("Hôtel de Ville", null, null), null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(2),
        [new Guest("Adjointe", "Exécutif", "adjointe", true, "deputy-1")], false, SessionStates.Convened);

    private static ClaimsPrincipal User(string subject, string role, string body = "body") => new(new ClaimsIdentity(
        [new Claim("sub", subject), new Claim(ClaimTypes.Role, role), new Claim("body", body)], "test", "sub", ClaimTypes.Role));

    [Fact]
    public void The_executive_reads_the_hearings_it_takes_part_in_and_insiders_read_every_session_of_their_body()
    {
        Assert.True(SessionAccess.CanRead(Hearing, User("deputy-1", "executive")));
        Assert.False(SessionAccess.CanRead(Hearing, User("deputy-2", "executive")));
        Assert.False(SessionAccess.CanRead(Hearing with { Kind = "plenary" }, User("deputy-1", "executive")));
        Assert.False(SessionAccess.CanRead(Hearing, User("deputy-1", "executive", "other-body")));
        Assert.True(SessionAccess.CanRead(Hearing, User("m-1", "member")));
        Assert.False(SessionAccess.CanRead(Hearing, User("m-1", "member", "other-body")));
        Assert.True(SessionAccess.CanRead(Hearing with { Public = true }, new ClaimsPrincipal(new ClaimsIdentity())));
    }
}
